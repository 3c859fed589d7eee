import { describe, expect, it } from 'vitest';
import { checkSignature, DingTalkRobotEmulator, ROBOT_ERRORS } from './dingtalk-robot.ts';
import { escapeHtml } from './html.ts';

const TS = 1600000000003;
const VECTOR = 'grA0ZRsx9a7/cTk/aA5I+BR1saCzjuyhjTLjSTgnGTQ=';

describe('checkSignature (independent of @tidings/providers)', () => {
  it('accepts the reference test vector', () => {
    expect(checkSignature('SECtest', String(TS), VECTOR, TS)).toBeUndefined();
  });

  it('allows exactly 1 hour of skew either way, not more', () => {
    expect(checkSignature('SECtest', String(TS), VECTOR, TS + 3_600_000)).toBeUndefined();
    expect(checkSignature('SECtest', String(TS), VECTOR, TS - 3_600_000)).toBeUndefined();
    expect(checkSignature('SECtest', String(TS), VECTOR, TS + 3_600_001)).toBe(ROBOT_ERRORS.invalidTimestamp);
  });

  it('rejects missing, encoded-again and wrong signatures, and non-numeric timestamps', () => {
    expect(checkSignature('SECtest', null, VECTOR, TS)).toBe(ROBOT_ERRORS.signNotMatch);
    expect(checkSignature('SECtest', String(TS), null, TS)).toBe(ROBOT_ERRORS.signNotMatch);
    expect(checkSignature('SECtest', String(TS), encodeURIComponent(VECTOR), TS)).toBe(
      ROBOT_ERRORS.signNotMatch,
    );
    expect(checkSignature('SECother', String(TS), VECTOR, TS)).toBe(ROBOT_ERRORS.signNotMatch);
    expect(checkSignature('SECtest', '1600000000.003', VECTOR, TS)).toBe(ROBOT_ERRORS.invalidTimestamp);
  });
});

describe('DingTalkRobotEmulator', () => {
  const send = (emulator: DingTalkRobotEmulator, body: unknown) =>
    emulator.send(
      { accessToken: 't', timestamp: null, sign: null, bodyText: JSON.stringify(body) },
      TS,
      true,
    );

  it('accepts every robot msgtype and checks keywords where each type keeps its text', () => {
    const emulator = new DingTalkRobotEmulator();
    emulator.putRobot('t', { keywords: ['KW'] });
    const accepted = [
      { msgtype: 'text', text: { content: 'a KW' } },
      { msgtype: 'markdown', markdown: { title: 'KW', text: 'x' } },
      { msgtype: 'link', link: { title: 't', text: 'KW', messageUrl: 'https://example.com' } },
      {
        msgtype: 'actionCard',
        actionCard: { title: 'KW', text: 'x', singleTitle: 'go', singleURL: 'https://e.com' },
      },
      {
        msgtype: 'feedCard',
        feedCard: { links: [{ title: 'KW', messageURL: 'https://e.com', picURL: '' }] },
      },
    ];
    for (const body of accepted) expect(send(emulator, body).result).toBe('accepted');
    expect(send(emulator, { msgtype: 'text', text: { content: 'kw' } }).answer).toBe(
      ROBOT_ERRORS.keywordsNotInContent,
    );
    expect(send(emulator, { msgtype: 'text', text: {} }).answer.errcode).toBe(400402);
    expect(send(emulator, ['not', 'an', 'object']).answer).toBe(ROBOT_ERRORS.badJson);
    expect(send(emulator, { text: { content: 'KW' } }).answer).toBe(ROBOT_ERRORS.unsupportedMsgtype);
  });

  it('reset forgets messages and throttles, and robots only when asked', () => {
    const emulator = new DingTalkRobotEmulator();
    emulator.putRobot('t', { keywords: [] });
    send(emulator, { msgtype: 'text', text: { content: 'x' } });
    emulator.reset({ robots: false });
    expect(emulator.messages).toEqual([]);
    expect(emulator.robots.size).toBe(1);
    emulator.reset({ robots: true });
    expect(emulator.robots.size).toBe(0);
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
