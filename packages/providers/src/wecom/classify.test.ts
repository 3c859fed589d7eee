import { describe, expect, it } from 'vitest';
import {
  classifyWeComAppSendResponse,
  classifyWeComResponse,
  classifyWeComRobotResponse,
  fromIpOf,
} from './classify.ts';

const JSON_TYPE = 'application/json; charset=UTF-8';
const send = (touser: string[], body: unknown, status = 200) =>
  classifyWeComAppSendResponse(touser, status, JSON_TYPE, JSON.stringify(body));

describe('classifyWeComAppSendResponse', () => {
  it('maps invaliduser (lower-cased by WeCom) to per-recipient outcomes', () => {
    const result = send(['Alice', 'BOB', 'carol'], {
      errcode: 0,
      errmsg: 'ok',
      invaliduser: 'bob',
      msgid: 'm1',
    });
    expect(result.outcome).toEqual({ kind: 'delivered', httpStatus: 200, providerMessageId: 'm1' });
    expect(result.recipients.map((r) => [r.userid, r.outcome.kind])).toEqual([
      ['Alice', 'delivered'],
      ['BOB', 'permanent'],
      ['carol', 'delivered'],
    ]);
    const bob = result.recipients[1]?.outcome;
    expect(bob?.kind === 'permanent' && bob.reason).toContain('not a member visible to the app');
  });

  it('81013: all invalid is permanent for everyone', () => {
    const result = send(['x', 'y'], { errcode: 81013, errmsg: 'user & party & tag all invalid' });
    expect(result.outcome.kind).toBe('permanent');
    expect(result.recipients.every((r) => r.outcome.kind === 'permanent')).toBe(true);
  });

  it('60020 is permanent, explains trusted IPs and names the IP', () => {
    const result = send(['x'], {
      errcode: 60020,
      errmsg:
        'not allow to access from your ip, hint: [1700000000_1_abc], from ip: 203.0.113.9, more info at https://open.work.weixin.qq.com/devtool/query?e=60020',
    });
    expect(result.outcome.kind).toBe('permanent');
    if (result.outcome.kind !== 'permanent') return;
    expect(result.outcome.reason).toContain('203.0.113.9');
    expect(result.outcome.reason).toContain('trusted IPs');
  });

  it.each([
    [45009, 'retry', 60],
    [45033, 'retry', 60],
    [-1, 'retry', 5],
  ])('errcode %i → %s after %i s', (errcode, kind, seconds) => {
    const { outcome } = send(['x'], { errcode, errmsg: 'e' });
    expect(outcome.kind).toBe(kind);
    expect(outcome.kind === 'retry' && outcome.retryAfterSeconds).toBe(seconds);
  });

  it.each([
    [40014, 'reauthenticate'],
    [42001, 'reauthenticate'],
    [41001, 'reauthenticate'],
    [48002, 'permanent'],
    [40003, 'permanent'],
    [40031, 'permanent'],
    [40032, 'permanent'],
    [12345, 'permanent'],
  ])('errcode %i → %s', (errcode, kind) => {
    expect(send(['x'], { errcode, errmsg: 'e' }).outcome.kind).toBe(kind);
  });

  it('never treats a 2xx without errcode as delivered', () => {
    const result = classifyWeComAppSendResponse(['x'], 200, 'text/html', '<html>gateway</html>');
    expect(result.outcome).toMatchObject({ kind: 'retry', code: 'invalid_response' });
    expect(classifyWeComAppSendResponse(['x'], 502, 'text/plain', 'bad gateway').outcome.kind).toBe('retry');
    expect(classifyWeComAppSendResponse(['x'], 404, 'text/plain', 'nope').outcome.kind).toBe('permanent');
  });
});

describe('robot and plain answers', () => {
  it('93000 is permanent; 45009 retries (robot rate-limit errcode unverified)', () => {
    expect(
      classifyWeComRobotResponse(200, JSON_TYPE, '{"errcode":93000,"errmsg":"invalid webhook url"}'),
    ).toMatchObject({ kind: 'permanent', code: '93000' });
    expect(
      classifyWeComRobotResponse(200, JSON_TYPE, '{"errcode":45009,"errmsg":"api freq out of limit"}'),
    ).toMatchObject({ kind: 'retry', retryAfterSeconds: 60 });
    expect(classifyWeComRobotResponse(200, JSON_TYPE, '{"errcode":0,"errmsg":"ok"}')).toEqual({
      kind: 'delivered',
      httpStatus: 200,
    });
  });

  it('reads string errcodes and rejects non-JSON', () => {
    expect(classifyWeComResponse(200, JSON_TYPE, '{"errcode":"0"}').kind).toBe('delivered');
    expect(classifyWeComResponse(200, JSON_TYPE, '').kind).toBe('retry');
  });

  it('fromIpOf reads the IP with or without a space', () => {
    expect(fromIpOf('x, from ip:127.0.0.1, more')).toBe('127.0.0.1');
    expect(fromIpOf('x, from ip: 2001:db8::1, more')).toBe('2001:db8::1');
    expect(fromIpOf('nothing here')).toBeUndefined();
  });
});
