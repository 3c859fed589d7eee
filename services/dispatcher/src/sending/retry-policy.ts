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
  /** The budget by age: a delivery not delivered this long after it was routed is dead, however few attempts. */
  maxAgeSeconds: number;
  /** Multiplies every delay: 1 in production; tests shrink time rather than wait for it. */
  delayScale: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelaySeconds: 5,
  maxDelaySeconds: 3600,
  // A day: past that a ticket notification is news nobody wants, and someone should look at why.
  maxAgeSeconds: 24 * 3600,
  delayScale: 1,
};

export type NextStep =
  | { kind: 'done' }
  | { kind: 'retry'; delayMs: number }
  /** The budget is spent: `spent` says which one, in words for the DLQ ("3 attempts", "86400 s since routing"). */
  | { kind: 'dead'; spent: string };

/**
 * What follows attempt number `attempt` (1-based, within the current budget) that ended in `outcome`.
 * With `routedAt` (when the job was routed, ISO 8601), a retry that would fall past the age budget is dead.
 * Pure: the time comes in as `now`.
 */
export function nextStep(
  outcome: DeliveryOutcome,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  routedAt?: string,
  now: number = Date.now(),
): NextStep {
  if (outcome.kind === 'delivered' || outcome.kind === 'permanent') return { kind: 'done' };
  if (attempt >= policy.maxAttempts) return { kind: 'dead', spent: `${policy.maxAttempts} attempts` };
  const backoff = policy.baseDelaySeconds * 2 ** (attempt - 1) * (0.8 + 0.4 * random());
  const hint = outcome.kind === 'retry' ? outcome.retryAfterSeconds : 0;
  const seconds = Math.min(Math.max(backoff, hint), policy.maxDelaySeconds);
  const delayMs = Math.round(seconds * 1000 * policy.delayScale);
  const routed = routedAt ? Date.parse(routedAt) : Number.NaN;
  if (!Number.isNaN(routed) && now + delayMs - routed > policy.maxAgeSeconds * 1000 * policy.delayScale)
    return { kind: 'dead', spent: `${policy.maxAgeSeconds} s since routing` };
  return { kind: 'retry', delayMs };
}
