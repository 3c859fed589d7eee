import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, nextStep } from './retry-policy.ts';

const retry = (retryAfterSeconds: number) =>
  ({ kind: 'retry', retryAfterSeconds, code: '410100', reason: 'throttled' }) as const;
const middle = () => 0.5;

describe('nextStep', () => {
  it('ends at delivery or a permanent refusal', () => {
    expect(nextStep({ kind: 'delivered', httpStatus: 200 }, 1, defaultRetryPolicy)).toEqual({ kind: 'done' });
    expect(nextStep({ kind: 'permanent', code: '310000', reason: 'sign' }, 1, defaultRetryPolicy)).toEqual({
      kind: 'done',
    });
  });

  it('backs off exponentially, never sooner than the platform asked', () => {
    expect(nextStep(retry(0), 1, defaultRetryPolicy, middle)).toEqual({ kind: 'retry', delayMs: 5_000 });
    expect(nextStep(retry(0), 3, defaultRetryPolicy, middle)).toEqual({ kind: 'retry', delayMs: 20_000 });
    expect(nextStep(retry(600), 1, defaultRetryPolicy, middle)).toEqual({ kind: 'retry', delayMs: 600_000 });
  });

  it('spreads retries with jitter, within ±20% of the backoff', () => {
    expect(nextStep(retry(0), 2, defaultRetryPolicy, () => 0)).toEqual({ kind: 'retry', delayMs: 8_000 });
    expect(nextStep(retry(0), 2, defaultRetryPolicy, () => 1)).toEqual({ kind: 'retry', delayMs: 12_000 });
  });

  it('caps the delay, retries a failed re-authentication, and gives up after the budget', () => {
    expect(nextStep(retry(0), 7, defaultRetryPolicy, middle)).toEqual({ kind: 'retry', delayMs: 320_000 });
    expect(nextStep(retry(7200), 2, defaultRetryPolicy, middle)).toEqual({
      kind: 'retry',
      delayMs: 3_600_000,
    });
    expect(
      nextStep({ kind: 'reauthenticate', code: '40014', reason: 'token' }, 1, defaultRetryPolicy, middle),
    ).toMatchObject({
      kind: 'retry',
    });
    expect(nextStep(retry(0), 8, defaultRetryPolicy)).toEqual({ kind: 'dead', spent: '8 attempts' });
  });

  it('scales time for tests', () => {
    expect(nextStep(retry(600), 1, { ...defaultRetryPolicy, delayScale: 0.001 }, middle)).toEqual({
      kind: 'retry',
      delayMs: 600,
    });
  });

  it('gives up when the next try would fall past the age budget, however few attempts were made', () => {
    const routedAt = '2026-12-04T10:00:00.000Z';
    const routed = Date.parse(routedAt);
    const policy = { ...defaultRetryPolicy, maxAgeSeconds: 3600 };
    // 50 minutes in, a 600 s hint still lands within the hour…
    expect(nextStep(retry(600), 2, policy, middle, routedAt, routed + 50 * 60_000)).toEqual({
      kind: 'retry',
      delayMs: 600_000,
    });
    // …55 minutes in, it would not.
    expect(nextStep(retry(600), 2, policy, middle, routedAt, routed + 55 * 60_000)).toEqual({
      kind: 'dead',
      spent: '3600 s since routing',
    });
    // Shrunk time shrinks the age budget with it.
    const fast = { ...policy, delayScale: 0.001 };
    expect(nextStep(retry(0), 1, fast, middle, routedAt, routed + 3_000)).toEqual({
      kind: 'retry',
      delayMs: 5,
    });
    expect(nextStep(retry(0), 1, fast, middle, routedAt, routed + 3_600)).toEqual({
      kind: 'dead',
      spent: '3600 s since routing',
    });
  });
});
