import { describe, expect, it } from 'vitest';
import {
  classifyAccessTokenResponse,
  classifyApiResponse,
  classifyGetUserByMobileResponse,
  classifyOapiResponse,
  classifyRobotBatchResponse,
  classifyWorkNotificationResponse,
  DINGTALK_APP_BUSY_RETRY_SECONDS,
  DINGTALK_APP_FLOW_CONTROL_RETRY_SECONDS,
} from './classify.ts';

const JSON_TYPE = 'application/json';
const oapi = (body: unknown, status = 200) => classifyOapiResponse(status, JSON_TYPE, JSON.stringify(body));
const api = (status: number, body: unknown) => classifyApiResponse(status, JSON_TYPE, JSON.stringify(body));

describe('legacy oapi errcodes', () => {
  it('errcode 0 on 2xx is the body', () => {
    expect(oapi({ errcode: 0, errmsg: 'ok', x: 1 })).toEqual({
      ok: true,
      body: { errcode: 0, errmsg: 'ok', x: 1 },
    });
    expect(oapi({ errcode: '0' })).toMatchObject({ ok: true });
  });

  it('-1 busy → retry', () => {
    expect(oapi({ errcode: -1, errmsg: '系统繁忙' })).toEqual({
      ok: false,
      outcome: {
        kind: 'retry',
        retryAfterSeconds: DINGTALK_APP_BUSY_RETRY_SECONDS,
        code: '-1',
        reason: expect.stringContaining('busy'),
        httpStatus: 200,
      },
    });
  });

  it('88 + sub_code 40014 (and bare 40014) → reauthenticate; 88 with another sub_code → permanent', () => {
    expect(oapi({ errcode: 88, sub_code: '40014', errmsg: '不合法的access_token' })).toMatchObject({
      ok: false,
      outcome: { kind: 'reauthenticate', code: '88/40014' },
    });
    expect(oapi({ errcode: 88, sub_code: 40014 })).toMatchObject({ outcome: { kind: 'reauthenticate' } });
    expect(oapi({ errcode: 40014, errmsg: 'invalid access_token' })).toMatchObject({
      outcome: { kind: 'reauthenticate', code: '40014' },
    });
    expect(oapi({ errcode: 88, sub_code: '60011', errmsg: 'no permission' })).toMatchObject({
      outcome: { kind: 'permanent', code: '88/60011', reason: expect.stringContaining('60011') },
    });
  });

  it('60121, 40104, 400002, 40096 and unknown codes → permanent with a reason', () => {
    expect(oapi({ errcode: 60121, errmsg: '找不到该用户' })).toMatchObject({
      outcome: { kind: 'permanent', code: '60121', reason: expect.stringContaining('resigned') },
    });
    expect(oapi({ errcode: 40104 })).toMatchObject({ outcome: { kind: 'permanent', code: '40104' } });
    expect(oapi({ errcode: 400002 })).toMatchObject({ outcome: { kind: 'permanent', code: '400002' } });
    expect(oapi({ errcode: 40096 })).toMatchObject({
      outcome: { kind: 'permanent', reason: expect.stringContaining('AppSecret') },
    });
    expect(oapi({ errcode: 123456, errmsg: 'odd' })).toMatchObject({
      outcome: { kind: 'permanent', code: '123456', reason: expect.stringContaining('odd') },
    });
  });

  it('never trusts 2xx without an errcode; non-JSON → retry; 5xx → retry; 404 → permanent', () => {
    expect(classifyOapiResponse(200, 'text/html', '<html>')).toMatchObject({
      outcome: { kind: 'retry', code: 'invalid_response' },
    });
    expect(oapi({ ok: true })).toMatchObject({ outcome: { kind: 'retry', code: 'invalid_response' } });
    expect(classifyOapiResponse(200, JSON_TYPE, '')).toMatchObject({ outcome: { kind: 'retry' } });
    expect(classifyOapiResponse(502, 'text/plain', 'bad gateway')).toMatchObject({
      outcome: { kind: 'retry', code: 'http_502' },
    });
    expect(classifyOapiResponse(429, 'text/plain', '')).toMatchObject({ outcome: { kind: 'retry' } });
    expect(classifyOapiResponse(404, 'text/plain', '')).toMatchObject({ outcome: { kind: 'permanent' } });
    expect(oapi({ errcode: 0 }, 500)).toMatchObject({ outcome: { kind: 'retry', code: 'http_500' } });
  });
});

describe('new api.dingtalk.com codes', () => {
  it('2xx JSON object is the body; 2xx non-JSON → retry', () => {
    expect(api(200, { a: 1 })).toEqual({ ok: true, body: { a: 1 } });
    expect(classifyApiResponse(200, 'text/plain', 'ok')).toMatchObject({ outcome: { kind: 'retry' } });
    expect(api(200, [1])).toMatchObject({ outcome: { kind: 'retry' } });
  });

  it('400 InvalidAuthentication → reauthenticate', () => {
    expect(api(400, { code: 'InvalidAuthentication', message: '不合法的access_token' })).toEqual({
      ok: false,
      outcome: {
        kind: 'reauthenticate',
        code: 'InvalidAuthentication',
        reason: expect.stringContaining('不合法的access_token'),
        httpStatus: 400,
      },
    });
  });

  it('400 invalidClientIdOrSecret / MissingParameter / invalidParameter.* → permanent, actionable', () => {
    expect(
      api(400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' }),
    ).toMatchObject({
      outcome: {
        kind: 'permanent',
        code: 'invalidClientIdOrSecret',
        reason: expect.stringContaining('Client Secret'),
      },
    });
    expect(api(400, { code: 'AuthenticationFailed.MissingParameter' })).toMatchObject({
      outcome: { kind: 'permanent', reason: expect.stringContaining('x-acs-dingtalk-access-token') },
    });
    expect(api(400, { code: 'invalidParameter.robotCode.auth' })).toMatchObject({
      outcome: { kind: 'permanent', reason: expect.stringContaining('robotCode') },
    });
    expect(api(400, { code: 'invalidParameter.userIds.overMax' })).toMatchObject({
      outcome: { kind: 'permanent', reason: expect.stringContaining('20') },
    });
    expect(api(400, { code: 'invalidParameter.msgParam.invalid', message: 'm' })).toMatchObject({
      outcome: { kind: 'permanent', code: 'invalidParameter.msgParam.invalid' },
    });
    expect(api(403, { code: 'Forbidden.AccessDenied' })).toMatchObject({ outcome: { kind: 'permanent' } });
  });

  it('5xx/429 with or without a code → retry; 4xx without a code → permanent', () => {
    expect(api(503, { code: 'ServiceUnavailable' })).toMatchObject({ outcome: { kind: 'retry' } });
    expect(api(429, { code: 'Throttling' })).toMatchObject({ outcome: { kind: 'retry' } });
    expect(classifyApiResponse(502, 'text/html', '<html>')).toMatchObject({ outcome: { kind: 'retry' } });
    expect(classifyApiResponse(400, 'text/plain', 'nope')).toMatchObject({
      outcome: { kind: 'permanent', code: 'http_400' },
    });
  });
});

describe('classifyAccessTokenResponse', () => {
  it('reads accessToken and expireIn', () => {
    expect(classifyAccessTokenResponse(200, JSON_TYPE, '{"accessToken":"t1","expireIn":7200}')).toEqual({
      ok: true,
      token: 't1',
      expiresInSeconds: 7200,
    });
  });

  it('bad credentials → permanent naming the fields to check', () => {
    expect(
      classifyAccessTokenResponse(
        400,
        JSON_TYPE,
        '{"code":"invalidClientIdOrSecret","message":"无效的clientId"}',
      ),
    ).toMatchObject({
      ok: false,
      outcome: { kind: 'permanent', reason: expect.stringContaining('Client ID') },
    });
  });

  it('never reauthenticate (would loop); missing fields → retry', () => {
    expect(classifyAccessTokenResponse(400, JSON_TYPE, '{"code":"InvalidAuthentication"}')).toMatchObject({
      outcome: { kind: 'permanent' },
    });
    expect(
      classifyAccessTokenResponse(200, JSON_TYPE, '{"access_token":"t","expires_in":7200}'),
    ).toMatchObject({
      outcome: { kind: 'retry', code: 'invalid_response' },
    });
  });
});

describe('classifyGetUserByMobileResponse', () => {
  it('found / not-found / error', () => {
    expect(
      classifyGetUserByMobileResponse(
        200,
        JSON_TYPE,
        '{"errcode":0,"result":{"userid":"u1","exclusive_account_userid_list":[]}}',
      ),
    ).toEqual({ kind: 'found', userid: 'u1' });
    expect(
      classifyGetUserByMobileResponse(200, JSON_TYPE, '{"errcode":60121,"errmsg":"找不到该用户"}'),
    ).toEqual({
      kind: 'not-found',
      reason: expect.stringContaining('resigned'),
    });
    expect(
      classifyGetUserByMobileResponse(200, JSON_TYPE, '{"errcode":88,"sub_code":"40014"}'),
    ).toMatchObject({
      kind: 'error',
      outcome: { kind: 'reauthenticate' },
    });
    expect(classifyGetUserByMobileResponse(200, JSON_TYPE, '{"errcode":0,"result":{}}')).toMatchObject({
      kind: 'error',
      outcome: { kind: 'retry', code: 'invalid_response' },
    });
  });
});

describe('classifyWorkNotificationResponse', () => {
  it('task_id → delivered with providerMessageId', () => {
    expect(
      classifyWorkNotificationResponse(
        200,
        JSON_TYPE,
        '{"errcode":0,"task_id":256271667526,"request_id":"r"}',
      ),
    ).toEqual({
      kind: 'delivered',
      httpStatus: 200,
      providerMessageId: '256271667526',
    });
  });

  it('errcode 0 without task_id is not confirmed; errors pass through', () => {
    expect(classifyWorkNotificationResponse(200, JSON_TYPE, '{"errcode":0}')).toMatchObject({
      kind: 'retry',
    });
    expect(classifyWorkNotificationResponse(200, JSON_TYPE, '{"errcode":-1}')).toMatchObject({
      kind: 'retry',
      code: '-1',
    });
  });
});

describe('classifyRobotBatchResponse', () => {
  it('one outcome per user from the per-user lists', () => {
    const body = JSON.stringify({
      processQueryKey: 'pqk',
      invalidStaffIdList: ['gone'],
      flowControlledStaffIdList: ['busy'],
      filteredStaffIdList: ['filtered'],
    });
    const result = classifyRobotBatchResponse(200, JSON_TYPE, body, ['ok', 'gone', 'busy', 'filtered']);
    expect(result).toEqual({
      ok: true,
      recipients: [
        { userId: 'ok', outcome: { kind: 'delivered', httpStatus: 200, providerMessageId: 'pqk' } },
        {
          userId: 'gone',
          outcome: {
            kind: 'permanent',
            code: 'invalidStaffId',
            reason: expect.stringContaining('not in the organisation or has resigned'),
            httpStatus: 200,
          },
        },
        {
          userId: 'busy',
          outcome: {
            kind: 'retry',
            retryAfterSeconds: DINGTALK_APP_FLOW_CONTROL_RETRY_SECONDS,
            code: 'flowControlledStaffId',
            reason: expect.any(String),
            httpStatus: 200,
          },
        },
        {
          userId: 'filtered',
          outcome: expect.objectContaining({ kind: 'permanent', code: 'filteredStaffId' }),
        },
      ],
    });
  });

  it('missing processQueryKey is not success; 400 codes are a failure for the whole call', () => {
    expect(classifyRobotBatchResponse(200, JSON_TYPE, '{}', ['u'])).toMatchObject({
      ok: false,
      outcome: { kind: 'retry' },
    });
    expect(
      classifyRobotBatchResponse(400, JSON_TYPE, '{"code":"invalidParameter.userIds.overMax"}', ['u']),
    ).toMatchObject({ ok: false, outcome: { kind: 'permanent' } });
  });
});
