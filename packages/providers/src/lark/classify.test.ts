import { describe, expect, it } from 'vitest';
import {
  classifyLarkBotResponse,
  classifyLarkLookupResponse,
  classifyLarkSendResponse,
  classifyLarkTokenResponse,
  type LarkResponse,
} from './classify.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const res = (
  body: unknown,
  status = 200,
  rateLimitReset: string | null = null,
  contentType: string | null = JSON_TYPE,
): LarkResponse => ({
  status,
  contentType,
  bodyText: typeof body === 'string' ? body : JSON.stringify(body),
  rateLimitReset,
});

describe('classifyLarkBotResponse', () => {
  it('code 0 → delivered (legacy StatusCode ignored when code is present)', () => {
    expect(
      classifyLarkBotResponse(
        res({ code: 0, msg: 'success', data: {}, StatusCode: 0, StatusMessage: 'success' }),
      ),
    ).toEqual({ kind: 'delivered', httpStatus: 200 });
  });

  it.each([
    [19021, /signing secret.*clock.*NTP/],
    [19024, /keywords/],
    [19022, /IP allow-list/],
    [19001, /webhook is unknown.*copy the webhook URL again/],
    [9499, /9499.*20 KB/],
    [12345, /code 12345: x/],
  ])('%i → permanent with an actionable reason', (code, reason) => {
    const outcome = classifyLarkBotResponse(res({ code, msg: 'x' }));
    expect(outcome).toMatchObject({ kind: 'permanent', code: String(code), httpStatus: 200 });
    expect(outcome.kind !== 'delivered' && outcome.reason).toMatch(reason);
  });

  it('11232 → retry', () => {
    expect(classifyLarkBotResponse(res({ code: 11232, msg: 'frequency limited' }))).toMatchObject({
      kind: 'retry',
      code: '11232',
      retryAfterSeconds: 60,
    });
  });

  it('HTTP 429 / 99991400 → retry honouring x-ogw-ratelimit-reset', () => {
    expect(
      classifyLarkBotResponse(res({ code: 99991400, msg: 'request trigger frequency limit' }, 429, '7')),
    ).toMatchObject({
      kind: 'retry',
      code: '99991400',
      retryAfterSeconds: 7,
      httpStatus: 429,
    });
    expect(classifyLarkBotResponse(res('Too Many Requests', 429, '3', 'text/plain'))).toMatchObject({
      kind: 'retry',
      code: 'http_429',
      retryAfterSeconds: 3,
    });
    expect(classifyLarkBotResponse(res('', 429, 'soon', null))).toMatchObject({
      kind: 'retry',
      retryAfterSeconds: 60,
    });
  });

  it('plain-text 404 is classified by status without parsing; JSON-looking text/plain is not parsed', () => {
    expect(
      classifyLarkBotResponse(res('404 page not found', 404, null, 'text/plain; charset=utf-8')),
    ).toMatchObject({
      kind: 'permanent',
      code: 'http_404',
      reason: expect.stringMatching(/wrong path or method; check the base URL/),
    });
    expect(classifyLarkBotResponse(res({ code: 0 }, 200, null, 'text/plain'))).toMatchObject({
      kind: 'retry',
      code: 'invalid_response',
    });
    expect(classifyLarkBotResponse(res('<html>bad gateway</html>', 502, null, 'text/html'))).toMatchObject({
      kind: 'retry',
      code: 'http_502',
    });
  });
});

describe('classifyLarkSendResponse', () => {
  it('code 0 → delivered with the message id', () => {
    expect(classifyLarkSendResponse(res({ code: 0, msg: 'success', data: { message_id: 'om_1' } }))).toEqual({
      kind: 'delivered',
      httpStatus: 200,
      providerMessageId: 'om_1',
    });
  });

  it.each([
    [230020, 400, '2', 2],
    [99991400, 429, '5', 5],
    [99991400, 400, null, 60],
    [230020, 400, null, 2],
  ])('%i (HTTP %i) → retry after the reset header', (code, status, reset, after) => {
    expect(classifyLarkSendResponse(res({ code, msg: 'limit' }, status, reset))).toMatchObject({
      kind: 'retry',
      code: String(code),
      retryAfterSeconds: after,
    });
  });

  it.each([99991663, 99991661, 99991668, 99991664])('%i → reauthenticate', (code) => {
    expect(classifyLarkSendResponse(res({ code, msg: 'token invalid' }, 400))).toMatchObject({
      kind: 'reauthenticate',
      code: String(code),
    });
  });

  it.each([
    [230002, /not in the target group/],
    [230006, /bot ability is off/],
    [230025, /too long/],
    [232009, /group was dissolved/],
    [230013, /outside the app's availability/],
    [230029, /left the company/],
    [230053, /stopped the bot/],
    [230034, /receive_id is invalid/],
    [230001, /parameter/],
    [230099, /card.*\(200621 bad card\)/],
  ])('%i → permanent per-user reason', (code, reason) => {
    const outcome = classifyLarkSendResponse(
      res({ code, msg: code === 230099 ? '200621 bad card' : 'x' }, 400),
    );
    expect(outcome).toMatchObject({ kind: 'permanent', code: String(code), httpStatus: 400 });
    expect(outcome.kind !== 'delivered' && outcome.reason).toMatch(reason);
  });
});

describe('classifyLarkTokenResponse', () => {
  it('token and expire', () => {
    expect(
      classifyLarkTokenResponse(res({ code: 0, msg: 'ok', tenant_access_token: 't-1', expire: 7200 })),
    ).toEqual({
      ok: true,
      token: 't-1',
      expiresInSeconds: 7200,
    });
  });
  it('10003 → permanent bad credentials (HTTP 200)', () => {
    expect(classifyLarkTokenResponse(res({ code: 10003, msg: 'invalid param' }))).toMatchObject({
      ok: false,
      outcome: { kind: 'permanent', code: '10003', reason: expect.stringMatching(/App ID and App Secret/) },
    });
  });
  it('rate limit → retry', () => {
    expect(classifyLarkTokenResponse(res({ code: 99991400, msg: 'limit' }, 429, '4'))).toMatchObject({
      ok: false,
      outcome: { kind: 'retry', retryAfterSeconds: 4 },
    });
  });
});

it('classifyLarkLookupResponse', () => {
  expect(classifyLarkLookupResponse(res({ code: 0, data: { user_list: [] } }))).toEqual({
    ok: true,
    data: { user_list: [] },
  });
  expect(classifyLarkLookupResponse(res({ code: 99991663, msg: 'x' }, 400))).toMatchObject({
    ok: false,
    outcome: { kind: 'reauthenticate' },
  });
});
