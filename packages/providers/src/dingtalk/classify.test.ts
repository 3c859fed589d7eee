import { describe, expect, it } from 'vitest';
import { classifyDingTalkRobotResponse } from './classify.ts';

const JSON_TYPE = 'application/json;charset=utf-8';
const classify = (body: unknown, status = 200, contentType: string | null = JSON_TYPE) =>
  classifyDingTalkRobotResponse(status, contentType, typeof body === 'string' ? body : JSON.stringify(body));

describe('classifyDingTalkRobotResponse', () => {
  it('delivered only when errcode is 0', () => {
    expect(classify({ errcode: 0, errmsg: 'ok' })).toEqual({ kind: 'delivered', httpStatus: 200 });
  });

  it('does not trust HTTP 200 with a non-zero errcode', () => {
    expect(classify({ errcode: 300001, errmsg: 'token is not exist' })).toEqual({
      kind: 'permanent',
      code: '300001',
      reason: 'robot access token does not exist: check the webhook URL, or the robot was removed',
      httpStatus: 200,
    });
  });

  it.each([
    ['keywords not in content', /keywords/],
    ['keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]', /keywords/],
    ['sign not match', /^signature does not match: check the robot's signing secret/],
    [
      'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
      /^signature does not match/,
    ],
    ['invalid timestamp', /clock is more than 1 hour off/],
    ['ip 1.2.3.4 not in whitelist', /IP address \(1\.2\.3\.4\) is not in the robot's IP allow-list/],
    [
      'description:机器人发送签名不匹配;solution:请确认签名和生成签名的时间戳必须一致',
      /^signature does not match/,
    ],
    ['description:消息内容中不包含任何关键词;solution:请检查消息内容', /keywords/],
    ['description:ip地址不在白名单;solution:请在机器人安全设置中添加', /IP allow-list/],
    ['something new', /^a robot security check failed: something new$/],
  ])('310000 %s → permanent with a specific reason', (errmsg, reason) => {
    const outcome = classify({ errcode: 310000, errmsg });
    expect(outcome).toMatchObject({ kind: 'permanent', code: '310000', httpStatus: 200 });
    expect(outcome.kind !== 'delivered' && outcome.reason).toMatch(reason);
  });

  it.each([130101, 410100, 660026])('%i → retry after the 10-minute throttle', (errcode) => {
    expect(classify({ errcode, errmsg: '发送速度太快而限流' })).toEqual({
      kind: 'retry',
      retryAfterSeconds: 600,
      code: String(errcode),
      reason:
        'robot throttled by DingTalk: more than 20 messages a minute; it accepts messages again after 10 minutes',
      httpStatus: 200,
    });
  });

  it('-1 → retry soon', () => {
    expect(classify({ errcode: -1, errmsg: '系统繁忙' })).toMatchObject({
      kind: 'retry',
      retryAfterSeconds: 5,
      code: '-1',
    });
  });

  it.each([
    [300001, /does not exist/],
    [300005, /external groups/],
    [400013, /disbanded/],
    [400101, /not found/],
    [400102, /disabled/],
    [400105, /message type/],
    [400106, /no longer in the group/],
    [430101, /unsafe link/],
    [430102, /text is inappropriate/],
    [430103, /image is inappropriate/],
    [430104, /content is inappropriate/],
    [430199, /content check rejected the message: x/],
    [40035, /JSON/],
    [400402, /missing or malformed: x/],
    [123456, /^DingTalk rejected the message \(errcode 123456: x\)$/],
  ])('%i → permanent', (errcode, reason) => {
    const outcome = classify({ errcode, errmsg: 'x' });
    expect(outcome).toMatchObject({ kind: 'permanent', code: String(errcode) });
    expect(outcome.kind === 'permanent' && outcome.reason).toMatch(reason);
  });

  it('recognises the (unverified) message-too-long errmsg', () => {
    expect(classify({ errcode: 460101, errmsg: 'message too long, exceed 20000 bytes' })).toMatchObject({
      kind: 'permanent',
      reason: 'the message is too long for DingTalk: message too long, exceed 20000 bytes',
    });
  });

  it('accepts an errcode sent as a numeric string', () => {
    expect(classify('{"errcode":"0","errmsg":"ok"}')).toEqual({ kind: 'delivered', httpStatus: 200 });
  });

  it('HTTP 200 that is not JSON → retry, delivery unconfirmed', () => {
    expect(classify('<html>gateway</html>', 200, 'text/html')).toEqual({
      kind: 'retry',
      retryAfterSeconds: 30,
      code: 'invalid_response',
      reason:
        'DingTalk answered HTTP 200 without an errcode (text/html: <html>gateway</html>), so delivery is not confirmed',
      httpStatus: 200,
    });
    expect(classify('{"ok":true}')).toMatchObject({ kind: 'retry', code: 'invalid_response' });
  });

  it('5xx → retry', () => {
    expect(classify('Bad Gateway', 502, 'text/plain')).toEqual({
      kind: 'retry',
      retryAfterSeconds: 30,
      code: 'http_502',
      reason: 'DingTalk answered HTTP 502 (text/plain: Bad Gateway); a temporary server error',
      httpStatus: 502,
    });
    expect(classify('', 503, null)).toMatchObject({ kind: 'retry', code: 'http_503' });
  });

  it('408 and 429 → retry; other 4xx and 3xx → permanent', () => {
    expect(classify('', 408, null)).toMatchObject({ kind: 'retry', code: 'http_408' });
    expect(classify('', 429, null)).toMatchObject({
      kind: 'retry',
      code: 'http_429',
      retryAfterSeconds: 600,
    });
    expect(classify('nope', 403, 'text/plain')).toEqual({
      kind: 'permanent',
      code: 'http_403',
      reason: 'DingTalk answered HTTP 403 (text/plain: nope)',
      httpStatus: 403,
    });
    expect(classify('', 404, null)).toMatchObject({ kind: 'permanent', code: 'http_404' });
    expect(classify('', 302, null)).toMatchObject({ kind: 'permanent', code: 'http_302' });
  });

  it('a non-2xx with a DingTalk errcode is classified by the errcode', () => {
    expect(classify({ errcode: 410100, errmsg: '发送速度太快而限流' }, 400)).toMatchObject({
      kind: 'retry',
      code: '410100',
      httpStatus: 400,
    });
    // errcode 0 on an error status is not a delivery.
    expect(classify({ errcode: 0, errmsg: 'ok' }, 500)).toMatchObject({ kind: 'retry', code: 'http_500' });
  });
});
