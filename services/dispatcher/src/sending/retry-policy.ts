import type { DeliveryOutcome } from '@tidings/providers';

/**
 * When a failed attempt is tried again (ARCHITECTURE §6.3): exponential backoff with jitter, never sooner
 * than the platform asked (DingTalk's 10-minute robot throttle, Lark's reset header), within a budget of
 * attempts; after that the delivery is dead and goes to the DLQ with its history.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Multiplies every delay: 1 in production; tests shrink time rather than wait for it. */
  delayScale: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelaySeconds: 5,
  maxDelaySeconds: 3600,
  delayScale: 1,
};

export type NextStep = { kind: 'done' } | { kind: 'retry'; delayMs: number } | { kind: 'dead' };

/** What follows attempt number `attempt` (1-based) that ended in `outcome`. Pure. */
export function nextStep(
  outcome: DeliveryOutcome,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): NextStep {
  if (outcome.kind === 'delivered' || outcome.kind === 'permanent') return { kind: 'done' };
  if (attempt >= policy.maxAttempts) return { kind: 'dead' };
  const backoff = policy.baseDelaySeconds * 2 ** (attempt - 1) * (0.8 + 0.4 * random());
  const hint = outcome.kind === 'retry' ? outcome.retryAfterSeconds : 0;
  const seconds = Math.min(Math.max(backoff, hint), policy.maxDelaySeconds);
  return { kind: 'retry', delayMs: Math.round(seconds * 1000 * policy.delayScale) };
}
