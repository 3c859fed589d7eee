import { describe, expect, it } from 'vitest';
import { classifyWebhookResponse, parseRetryAfter, WEBHOOK_MAX_RETRY_AFTER_SECONDS } from './classify.ts';

const NOW = Date.parse('2026-11-22T04:00:00Z');
const answer = (status: number, bodyText = '', retryAfter: string | null = null) =>
  classifyWebhookResponse({ status, retryAfter, bodyText }, NOW);

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, clamped', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter('0', NOW)).toBe(1);
    expect(parseRetryAfter('999999', NOW)).toBe(WEBHOOK_MAX_RETRY_AFTER_SECONDS);
    expect(parseRetryAfter('Sun, 22 Nov 2026 04:01:30 GMT', NOW)).toBe(90);
    expect(parseRetryAfter('Sun, 22 Nov 2026 03:00:00 GMT', NOW)).toBe(1);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('1.5', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe('classifyWebhookResponse', () => {
  it('any 2xx is delivered', () => {
    expect(answer(200)).toEqual({ kind: 'delivered', httpStatus: 200 });
    expect(answer(204)).toEqual({ kind: 'delivered', httpStatus: 204 });
  });

  it('429 honours Retry-After, seconds or date', () => {
    expect(answer(429, '', '17')).toEqual({
      kind: 'retry',
      retryAfterSeconds: 17,
      code: 'http_429',
      reason: 'the receiver is rate limiting (HTTP 429); it asked to wait 17 s',
      httpStatus: 429,
    });
    expect(answer(429, '', 'Sun, 22 Nov 2026 04:02:00 GMT')).toMatchObject({ retryAfterSeconds: 120 });
    expect(answer(429)).toMatchObject({ kind: 'retry', retryAfterSeconds: 60 });
  });

  it('408 and 5xx are retried, honouring Retry-After on 503', () => {
    expect(answer(503, 'maintenance', '45')).toEqual({
      kind: 'retry',
      retryAfterSeconds: 45,
      code: 'http_503',
      reason: 'the receiver failed with HTTP 503: maintenance',
      httpStatus: 503,
    });
    expect(answer(500)).toMatchObject({ kind: 'retry', retryAfterSeconds: 30 });
    expect(answer(408)).toMatchObject({ kind: 'retry', code: 'http_408' });
  });

  it('redirects are permanent: they are not followed', () => {
    expect(answer(302)).toMatchObject({ kind: 'permanent', code: 'http_302' });
    expect(answer(308).kind).toBe('permanent');
  });

  it('other 4xx are permanent with the status and a body excerpt of at most 200 characters', () => {
    const outcome = answer(400, `bad ${'x'.repeat(500)}`);
    expect(outcome).toMatchObject({ kind: 'permanent', code: 'http_400', httpStatus: 400 });
    const reason = outcome.kind === 'permanent' ? outcome.reason : '';
    expect(reason).toBe(`the receiver rejected the request with HTTP 400: bad ${'x'.repeat(196)}`);
    expect(answer(401, 'signature mismatch')).toMatchObject({
      kind: 'permanent',
      reason: expect.stringMatching(/check the signing secret.*: signature mismatch$/),
    });
  });
});
