import { describe, expect, it } from 'vitest';
import {
  buildLarkBotRequest,
  buildLarkSendRequest,
  buildLarkTokenRequest,
  LARK_LIMITS,
  larkUuid,
} from './messages.ts';

const BASE = 'https://open.feishu.cn';

describe('buildLarkBotRequest', () => {
  it('text with an open_id mention, signed in the BODY with seconds (reference vector ts 1599360473)', () => {
    const request = buildLarkBotRequest({
      hookId: 'hook-1',
      secret: 'demo',
      timestampSeconds: 1599360473,
      message: {
        type: 'text',
        text: 'DB ticket #7 needs review',
        mentions: [{ openId: 'ou_x', name: 'Li' }],
      },
    });
    expect(request).toEqual({
      url: `${BASE}/open-apis/bot/v2/hook/hook-1`,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"timestamp":"1599360473","sign":"l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=","msg_type":"text","content":{"text":"<at user_id=\\"ou_x\\">Li</at> DB ticket #7 needs review"}}',
      truncated: false,
    });
  });

  it('unsigned when there is no secret; post with title, at tag, lines and a link', () => {
    const request = buildLarkBotRequest({
      baseUrl: 'https://open.larksuite.com/',
      hookId: 'h',
      timestampSeconds: 1,
      message: {
        type: 'post',
        title: 'Ticket #7',
        text: 'line 1\nline 2',
        mentions: [{ openId: 'ou_y', name: 'Wang' }],
        ticketUrl: 'https://t.example/7',
      },
    });
    expect(request.url).toBe('https://open.larksuite.com/open-apis/bot/v2/hook/h');
    expect(JSON.parse(request.body)).toEqual({
      msg_type: 'post',
      content: {
        post: {
          zh_cn: {
            title: 'Ticket #7',
            content: [
              [{ tag: 'at', user_id: 'ou_y', user_name: 'Wang' }],
              [{ tag: 'text', text: 'line 1' }],
              [{ tag: 'text', text: 'line 2' }],
              [{ tag: 'a', text: 'View ticket', href: 'https://t.example/7' }],
            ],
          },
        },
      },
    });
  });

  it('markdown goes as an interactive v1 card (card object, lark_md div, button opening the ticket)', () => {
    const request = buildLarkBotRequest({
      hookId: 'h',
      timestampSeconds: 1,
      message: {
        type: 'card',
        title: 'Ticket #7',
        markdown: '**High** risk',
        mentions: [{ openId: 'ou_z' }],
        ticketUrl: 'https://t.example/7',
      },
    });
    expect(JSON.parse(request.body)).toEqual({
      msg_type: 'interactive',
      card: {
        config: { wide_screen_mode: true },
        header: { title: { tag: 'plain_text', content: 'Ticket #7' }, template: 'blue' },
        elements: [
          { tag: 'div', text: { tag: 'lark_md', content: '<at id=ou_z></at> **High** risk' } },
          {
            tag: 'action',
            actions: [
              {
                tag: 'button',
                text: { tag: 'plain_text', content: 'View ticket' },
                url: 'https://t.example/7',
                type: 'primary',
              },
            ],
          },
        ],
      },
    });
  });

  it.each(['text', 'post', 'card'] as const)(
    '%s: body > 20 KB is truncated with a view-full-ticket link, never rejected',
    (type) => {
      const long = '工单'.repeat(10_000); // 60 KB of UTF-8
      const ticketUrl = 'https://t.example/7';
      const message =
        type === 'card'
          ? { type, title: 'T', markdown: long, ticketUrl }
          : type === 'post'
            ? { type, title: 'T', text: long, ticketUrl }
            : { type, text: long, ticketUrl };
      const request = buildLarkBotRequest({ hookId: 'h', secret: 'demo', timestampSeconds: 100, message });
      expect(request.truncated).toBe(true);
      const bytes = Buffer.byteLength(request.body, 'utf8');
      expect(bytes).toBeLessThanOrEqual(LARK_LIMITS.botBodyBytes);
      expect(bytes).toBeGreaterThan(LARK_LIMITS.botBodyBytes - 100);
      expect(request.body).toContain('view full ticket');
      expect(request.body).toContain(ticketUrl);
      expect(JSON.parse(request.body).sign).toBe('jquNHnVOwmDRfw+vqTIrY5dooJAgi5EcRtLsQE4wfXg=');
    },
  );
});

describe('buildLarkSendRequest', () => {
  it('content is a JSON STRING, uuid is the idempotency key, bearer token header', () => {
    const request = buildLarkSendRequest({
      tenantAccessToken: 't-abc',
      openId: 'ou_1',
      message: { type: 'text', text: 'hi', mentions: [{ openId: 'ou_2', name: 'Li' }] },
      idempotencyKey: 'notif-1',
    });
    expect(request).toEqual({
      url: `${BASE}/open-apis/im/v1/messages?receive_id_type=open_id`,
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer t-abc' },
      body: '{"receive_id":"ou_1","msg_type":"text","content":"{\\"text\\":\\"<at user_id=\\\\\\"ou_2\\\\\\">Li</at> hi\\"}","uuid":"notif-1"}',
      truncated: false,
    });
    expect(JSON.parse(JSON.parse(request.body).content)).toEqual({ text: '<at user_id="ou_2">Li</at> hi' });
  });

  it('post content has no `post` wrapper; card content is the card JSON string', () => {
    const post = buildLarkSendRequest({
      tenantAccessToken: 't',
      openId: 'ou_1',
      message: { type: 'post', title: 'T', text: 'x' },
      idempotencyKey: 'k',
    });
    expect(JSON.parse(JSON.parse(post.body).content)).toEqual({
      zh_cn: { title: 'T', content: [[{ tag: 'text', text: 'x' }]] },
    });
    const card = buildLarkSendRequest({
      tenantAccessToken: 't',
      openId: 'ou_1',
      message: { type: 'card', title: 'T', markdown: 'm' },
      idempotencyKey: 'k',
    });
    const body = JSON.parse(card.body);
    expect(body.msg_type).toBe('interactive');
    expect(JSON.parse(body.content).elements).toEqual([
      { tag: 'div', text: { tag: 'lark_md', content: 'm' } },
    ]);
  });

  it('limits: text ≤ 150 KB, card/post ≤ 30 KB, by truncation', () => {
    const long = 'x'.repeat(200_000);
    const text = buildLarkSendRequest({
      tenantAccessToken: 't',
      openId: 'ou_1',
      message: { type: 'text', text: long, ticketUrl: 'https://t/1' },
      idempotencyKey: 'k',
    });
    expect(Buffer.byteLength(text.body)).toBeLessThanOrEqual(150_000);
    expect(Buffer.byteLength(text.body)).toBeGreaterThan(150_000 - 50);
    expect(JSON.parse(JSON.parse(text.body).content).text).toMatch(/… view full ticket: https:\/\/t\/1$/);
    const card = buildLarkSendRequest({
      tenantAccessToken: 't',
      openId: 'ou_1',
      message: { type: 'card', title: 'T', markdown: long, ticketUrl: 'https://t/1' },
      idempotencyKey: 'k',
    });
    expect(Buffer.byteLength(card.body)).toBeLessThanOrEqual(30_000);
    expect(card.truncated).toBe(true);
  });

  it('uuid: ≤ 50 chars as is, longer keys become a stable digest', () => {
    expect(larkUuid('a'.repeat(50))).toBe('a'.repeat(50));
    const long = larkUuid('b'.repeat(51));
    expect(long).toHaveLength(43);
    expect(larkUuid('b'.repeat(51))).toBe(long);
  });
});

it('buildLarkTokenRequest', () => {
  expect(buildLarkTokenRequest({ appId: 'cli_1', appSecret: 's' })).toEqual({
    url: `${BASE}/open-apis/auth/v3/tenant_access_token/internal`,
    body: '{"app_id":"cli_1","app_secret":"s"}',
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
});
