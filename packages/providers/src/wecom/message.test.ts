import { describe, expect, it } from 'vitest';
import {
  buildWeComRobotRequest,
  truncateUtf8,
  utf8Length,
  WECOM_LIMITS,
  weComAppMessageBodies,
  weComRecipientBatches,
  weComRobotBody,
} from './message.ts';

describe('truncateUtf8', () => {
  it('leaves text that fits unchanged, counting bytes not characters', () => {
    const text = '告'.repeat(682); // 2046 bytes
    expect(truncateUtf8(text, 2048)).toBe(text);
    expect(utf8Length('告警')).toBe(6);
  });

  it('cuts Chinese text on a character boundary, suffix included in the budget', () => {
    const text = '告警'.repeat(1000); // 6000 bytes
    const cut = truncateUtf8(text, 2048, '…\nview full ticket: https://t.example/1');
    expect(utf8Length(cut)).toBeLessThanOrEqual(2048);
    expect(cut.endsWith('…\nview full ticket: https://t.example/1')).toBe(true);
    expect(cut).not.toContain('\uFFFD');
    const kept = cut.slice(0, cut.indexOf('…'));
    expect(kept).toMatch(/^[告警]+$/);
    // Greedy: one more character would not fit.
    expect(utf8Length(kept) + 3 + utf8Length('…\nview full ticket: https://t.example/1')).toBeGreaterThan(
      2048,
    );
  });

  it('never splits a surrogate pair (emoji are 4 bytes)', () => {
    const cut = truncateUtf8('😀'.repeat(10), 10, '');
    expect(cut).toBe('😀😀');
  });

  it('falls back to an ellipsis when the suffix alone does not fit', () => {
    expect(truncateUtf8('abcdefghij', 5, 'way too long suffix')).toBe('ab…');
  });
});

describe('weComRecipientBatches', () => {
  it('deduplicates case-insensitively and splits at 1000', () => {
    const users = Array.from({ length: 2001 }, (_, i) => `u${i}`);
    const batches = weComRecipientBatches([...users, 'U0', ' ', '']);
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 1]);
    expect(batches[2]).toEqual(['u2000']);
  });
});

describe('weComAppMessageBodies', () => {
  it('builds the exact vendor JSON with safe and duplicate check', () => {
    const [batch] = weComAppMessageBodies({
      agentId: 1000002,
      touser: ['alice', 'Bob'],
      message: { msgtype: 'text', content: 'disk full' },
      safe: true,
    });
    expect(batch?.touser).toEqual(['alice', 'Bob']);
    expect(batch?.body).toBe(
      '{"touser":"alice|Bob","msgtype":"text","agentid":1000002,"text":{"content":"disk full"},"safe":1,"enable_duplicate_check":1,"duplicate_check_interval":1800}',
    );
  });

  it('is byte-identical for the same input (what the duplicate check compares)', () => {
    const input = {
      agentId: 1,
      touser: ['a'],
      message: { msgtype: 'markdown', content: '**x**' } as const,
      safe: false,
    };
    expect(weComAppMessageBodies(input)).toEqual(weComAppMessageBodies(input));
  });

  it('clamps the duplicate check interval to 4 h', () => {
    const [batch] = weComAppMessageBodies({
      agentId: 1,
      touser: ['a'],
      message: { msgtype: 'text', content: 'x' },
      safe: false,
      duplicateCheckIntervalSeconds: 99_999,
    });
    expect(JSON.parse(batch?.body ?? '{}').duplicate_check_interval).toBe(14_400);
  });

  it('truncates text at 2048 bytes with a view-full-ticket link, never rejects', () => {
    const [batch] = weComAppMessageBodies({
      agentId: 1,
      touser: ['a'],
      message: { msgtype: 'text', content: '数据库磁盘已满'.repeat(200) },
      safe: false,
      fullTextUrl: 'https://tidings.example/t/42',
    });
    const content = JSON.parse(batch?.body ?? '{}').text.content as string;
    expect(utf8Length(content)).toBeLessThanOrEqual(WECOM_LIMITS.appTextBytes);
    expect(content.endsWith('…\nview full ticket: https://tidings.example/t/42')).toBe(true);
  });

  it('truncates textcard title to 128 B and description to 512 B', () => {
    const [batch] = weComAppMessageBodies({
      agentId: 7,
      touser: ['a'],
      message: {
        msgtype: 'textcard',
        title: '标题'.repeat(100),
        description: '描述'.repeat(200),
        url: 'https://tidings.example/t/1',
        btntxt: '详情',
      },
      safe: false,
    });
    const body = JSON.parse(batch?.body ?? '{}');
    expect(body.msgtype).toBe('textcard');
    expect(utf8Length(body.textcard.title)).toBeLessThanOrEqual(128);
    expect(utf8Length(body.textcard.description)).toBeLessThanOrEqual(512);
    expect(body.textcard.url).toBe('https://tidings.example/t/1');
    expect(body.textcard.btntxt).toBe('详情');
  });
});

describe('robot bodies', () => {
  it('text with mentions, markdown with <@userid>', () => {
    expect(
      weComRobotBody({
        msgtype: 'text',
        content: 'hi',
        mentionedList: ['alice', '@all'],
        mentionedMobileList: ['13800000000'],
      }),
    ).toEqual({
      msgtype: 'text',
      text: { content: 'hi', mentioned_list: ['alice', '@all'], mentioned_mobile_list: ['13800000000'] },
    });
    expect(weComRobotBody({ msgtype: 'markdown', content: 'ping <@alice>' })).toEqual({
      msgtype: 'markdown',
      markdown: { content: 'ping <@alice>' },
    });
  });

  it('truncates markdown at 4096 bytes with a markdown link', () => {
    const body = weComRobotBody({ msgtype: 'markdown', content: '警'.repeat(2000) }, 'https://t.example/9');
    const content = (body.markdown as { content: string }).content;
    expect(utf8Length(content)).toBeLessThanOrEqual(4096);
    expect(content.endsWith('[view full ticket](https://t.example/9)')).toBe(true);
  });

  it('builds the webhook request with the key encoded once', () => {
    const request = buildWeComRobotRequest({
      baseUrl: 'http://127.0.0.1:1/wecom/',
      key: 'a+b/c',
      message: { msgtype: 'text', content: 'x' },
    });
    expect(request.url).toBe('http://127.0.0.1:1/wecom/cgi-bin/webhook/send?key=a%2Bb%2Fc');
    expect(request.body).toBe('{"msgtype":"text","text":{"content":"x"}}');
  });
});
