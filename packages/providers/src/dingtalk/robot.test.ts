import { describe, expect, it } from 'vitest';
import { buildDingTalkRobotRequest, DINGTALK_ROBOT_LIMITS } from './robot.ts';

const TS = 1600000000003;

describe('buildDingTalkRobotRequest', () => {
  it('builds a signed markdown request with mentions and msgUuid', () => {
    const request = buildDingTalkRobotRequest({
      accessToken: 'abc123',
      secret: 'SECtest',
      timestampMs: TS,
      idempotencyKey: 'n-42',
      message: {
        msgtype: 'markdown',
        title: 'Ticket #42',
        text: '### Ticket #42\n> assigned to @13800000000',
        at: { atMobiles: ['13800000000'], isAtAll: false },
      },
    });
    expect(request.url).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1600000000003&sign=grA0ZRsx9a7%2FcTk%2FaA5I%2BBR1saCzjuyhjTLjSTgnGTQ%3D',
    );
    expect(request.headers).toEqual({ 'content-type': 'application/json; charset=utf-8' });
    expect(request.body).toMatchInlineSnapshot(
      `"{"msgtype":"markdown","markdown":{"title":"Ticket #42","text":"### Ticket #42\\n> assigned to @13800000000"},"at":{"atMobiles":["13800000000"],"isAtAll":false},"msgUuid":"n-42"}"`,
    );
  });

  it('builds an unsigned text request without at or msgUuid', () => {
    const request = buildDingTalkRobotRequest({
      accessToken: 'abc123',
      timestampMs: TS,
      message: { msgtype: 'text', content: 'build failed' },
    });
    expect(request.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc123');
    expect(request.body).toMatchInlineSnapshot(`"{"msgtype":"text","text":{"content":"build failed"}}"`);
  });

  it('treats an empty secret as no signing', () => {
    const request = buildDingTalkRobotRequest({
      accessToken: 't',
      secret: '',
      timestampMs: TS,
      message: { msgtype: 'text', content: 'x' },
    });
    expect(request.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=t');
  });

  it('keeps the base URL path (sandbox) and drops trailing slashes', () => {
    const request = buildDingTalkRobotRequest({
      baseUrl: 'http://127.0.0.1:4010/dingtalk/oapi/',
      accessToken: 'tok',
      secret: 'SECtest',
      timestampMs: TS,
      message: { msgtype: 'text', content: 'hi', at: { atUserIds: ['u1'], isAtAll: true } },
    });
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:4010/dingtalk/oapi/robot/send');
    // Decoding the query once gives back the raw Base64 signature: it was encoded exactly once.
    expect(url.searchParams.get('sign')).toBe('grA0ZRsx9a7/cTk/aA5I+BR1saCzjuyhjTLjSTgnGTQ=');
    expect(url.searchParams.get('timestamp')).toBe(String(TS));
    expect(JSON.parse(request.body)).toEqual({
      msgtype: 'text',
      text: { content: 'hi' },
      at: { atUserIds: ['u1'], isAtAll: true },
    });
  });

  it('omits an empty at object', () => {
    const request = buildDingTalkRobotRequest({
      accessToken: 't',
      timestampMs: TS,
      message: { msgtype: 'markdown', title: 'T', text: 'x', at: {} },
    });
    expect(request.body).toBe('{"msgtype":"markdown","markdown":{"title":"T","text":"x"}}');
  });

  it('encodes an access token with reserved characters', () => {
    const request = buildDingTalkRobotRequest({
      accessToken: 'a+b/c=',
      timestampMs: TS,
      message: { msgtype: 'text', content: 'x' },
    });
    expect(request.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=a%2Bb%2Fc%3D');
  });
});

describe('actionCard and the size limit', () => {
  const build = (message: Parameters<typeof buildDingTalkRobotRequest>[0]['message'], fullTextUrl?: string) =>
    JSON.parse(
      buildDingTalkRobotRequest({
        accessToken: 't',
        message,
        timestampMs: 0,
        ...(fullTextUrl && { fullTextUrl }),
      }).body,
    );

  it('builds a one-button and a several-button actionCard exactly', () => {
    expect(
      build({
        msgtype: 'actionCard',
        title: 'OPS-12',
        text: '**Disk full**',
        singleTitle: 'View',
        singleURL: 'https://t/1',
      }),
    ).toEqual({
      msgtype: 'actionCard',
      actionCard: { title: 'OPS-12', text: '**Disk full**', singleTitle: 'View', singleURL: 'https://t/1' },
    });
    expect(
      build({
        msgtype: 'actionCard',
        title: 'OPS-12',
        text: 'Approve?',
        btnOrientation: '1',
        buttons: [
          { title: 'Approve', actionURL: 'https://t/a' },
          { title: 'Reject', actionURL: 'https://t/r' },
        ],
      }),
    ).toEqual({
      msgtype: 'actionCard',
      actionCard: {
        title: 'OPS-12',
        text: 'Approve?',
        btnOrientation: '1',
        btns: [
          { title: 'Approve', actionURL: 'https://t/a' },
          { title: 'Reject', actionURL: 'https://t/r' },
        ],
      },
    });
  });

  it('cuts an oversize message to the limit and links the full ticket, on a character boundary', () => {
    const long = '磁盘已满'.repeat(3000);
    const request = buildDingTalkRobotRequest({
      accessToken: 't',
      message: { msgtype: 'markdown', title: 'OPS-12', text: long },
      timestampMs: 0,
      fullTextUrl: 'https://tracker/OPS-12',
    });
    expect(Buffer.byteLength(request.body, 'utf8')).toBeLessThanOrEqual(
      DINGTALK_ROBOT_LIMITS.maxMessageBytes,
    );
    const text = JSON.parse(request.body).markdown.text as string;
    expect(text.endsWith('…\n[view full ticket](https://tracker/OPS-12)')).toBe(true);
    expect(long.startsWith(text.slice(0, text.indexOf('…')))).toBe(true);
  });

  it('leaves a message that fits untouched', () => {
    expect(build({ msgtype: 'text', content: 'short' }, 'https://tracker/OPS-12')).toEqual({
      msgtype: 'text',
      text: { content: 'short' },
    });
  });
});
