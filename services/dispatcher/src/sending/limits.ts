import { DINGTALK_ROBOT_LIMITS, LARK_LIMITS, WECOM_LIMITS } from '@tidings/providers';
import type { ChannelKind } from '@tidings/state';

/** At most `limit` messages in any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * Our clock and the platform's differ, and a request takes time to arrive: a message sent exactly one
 * window after the first of a full window can land inside the platform's window. Counting over a slightly
 * longer window than published keeps every platform window within its limit.
 */
const perMinute = (limit: number): RateWindow => ({ limit, windowMs: 61_000 });
const perSecond = (limit: number): RateWindow => ({ limit, windowMs: 1_100 });

/**
 * The published limits per credential (robot or app), from the vendor modules of @tidings/providers.
 * Email and webhooks have none a platform publishes; their senders are bounded by their own timeouts.
 */
export function credentialLimits(kind: ChannelKind): RateWindow[] {
  switch (kind) {
    case 'dingtalk-robot':
      return [perMinute(DINGTALK_ROBOT_LIMITS.messagesPerMinute)];
    case 'lark-bot':
      return [perMinute(LARK_LIMITS.botMessagesPerMinute), perSecond(LARK_LIMITS.botMessagesPerSecond)];
    case 'wecom-robot':
      return [perMinute(WECOM_LIMITS.robotMessagesPerMinute)];
    case 'lark-app':
      return [perMinute(LARK_LIMITS.appMessagesPerMinute), perSecond(LARK_LIMITS.appMessagesPerSecond)];
    default:
      return [];
  }
}

/**
 * What one person may receive through one app. WeCom silently drops the excess, so exceeding it is a lost
 * notification, not an error; DingTalk's work notifications are limited per day and are not counted here.
 */
export function personLimits(kind: ChannelKind): RateWindow[] {
  switch (kind) {
    case 'lark-app':
      return [perSecond(LARK_LIMITS.appMessagesPerUserPerSecond)];
    case 'wecom-app':
      return [perMinute(WECOM_LIMITS.memberMessagesPerMinute)];
    default:
      return [];
  }
}

/**
 * Sliding-window counters, one per key (a credential, or a credential and a person). Pure apart from its
 * memory: the time is always passed in, so tests need no clock.
 */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  /** When `count` more messages may go out under every window (now, or later). */
  freeAt(key: string, windows: readonly RateWindow[], now: number, count = 1): number {
    const times = this.prune(key, windows, now);
    let at = now;
    for (const { limit, windowMs } of windows) {
      // Asking for more than a window holds can only ever be granted as a full window.
      const need = Math.min(count, limit);
      const inWindow = times.filter((time) => time > now - windowMs);
      const over = inWindow.length + need - limit;
      // The window frees a slot when its `over`-th oldest message leaves it.
      if (over > 0) at = Math.max(at, inWindow[over - 1]! + windowMs);
    }
    return at;
  }

  /** Takes `count` slots if every window has room now; says whether it did. */
  tryTake(key: string, windows: readonly RateWindow[], now: number, count = 1): boolean {
    if (windows.length === 0) return true;
    if (this.freeAt(key, windows, now, count) > now) return false;
    const times = this.sent.get(key) ?? [];
    for (let i = 0; i < count; i++) times.push(now);
    this.sent.set(key, times);
    return true;
  }

  /** Forgets sends older than the longest window; drops keys with none left. */
  private prune(key: string, windows: readonly RateWindow[], now: number): number[] {
    const times = this.sent.get(key);
    if (!times) return [];
    const longest = Math.max(0, ...windows.map((w) => w.windowMs));
    let first = 0;
    while (first < times.length && times[first]! <= now - longest) first++;
    if (first > 0) times.splice(0, first);
    if (times.length === 0) this.sent.delete(key);
    return times;
  }
}

export interface CircuitOptions {
  /** Consecutive transient failures that open the circuit. */
  failureThreshold: number;
  /** How long it stays open the first time; doubled each time a probe fails, up to `maxOpenMs`. */
  openMs: number;
  maxOpenMs: number;
  /** A probe that never reports back (its process went away) stops blocking others after this long. */
  probeTimeoutMs: number;
}

export const defaultCircuitOptions: CircuitOptions = {
  failureThreshold: 5,
  openMs: 30_000,
  maxOpenMs: 5 * 60_000,
  probeTimeoutMs: 60_000,
};

interface CircuitState {
  failures: number;
  openUntil: number;
  openMs: number;
  probeStartedAt: number | null;
}

export type CircuitDecision = { allowed: true } | { allowed: false; until: number };

/**
 * A circuit per credential: a platform that keeps failing is paused, then probed with one message, not
 * hammered. Closed → (threshold transient failures) → open → (time) → half-open: one probe; its success
 * closes the circuit, its failure opens it again for twice as long. Pure; the time is passed in.
 */
export class CircuitBreaker {
  private readonly circuits = new Map<string, CircuitState>();
  private readonly options: CircuitOptions;

  constructor(options: CircuitOptions = defaultCircuitOptions) {
    this.options = options;
  }

  /** Whether a message may go out now. In half-open, the first caller becomes the probe. */
  allow(key: string, now: number): CircuitDecision {
    const circuit = this.circuits.get(key);
    if (!circuit || circuit.openUntil === 0) return { allowed: true };
    if (now < circuit.openUntil) return { allowed: false, until: circuit.openUntil };
    if (circuit.probeStartedAt !== null && now - circuit.probeStartedAt < this.options.probeTimeoutMs)
      return { allowed: false, until: circuit.probeStartedAt + this.options.probeTimeoutMs };
    circuit.probeStartedAt = now;
    return { allowed: true };
  }

  /** When it is open now: the time it half-opens. */
  openUntil(key: string, now: number): number | null {
    const until = this.circuits.get(key)?.openUntil ?? 0;
    return until > now ? until : null;
  }

  /** The probe let through was not sent after all (already delivered): let the next caller probe. */
  release(key: string): void {
    const circuit = this.circuits.get(key);
    if (circuit) circuit.probeStartedAt = null;
  }

  /** The platform answered (delivered, or refused for a reason of the message's own): close. */
  succeeded(key: string): void {
    this.circuits.delete(key);
  }

  /** A transient failure (unreachable, 5xx, throttled, token trouble). */
  failed(key: string, now: number): void {
    const circuit = this.circuits.get(key) ?? { failures: 0, openUntil: 0, openMs: 0, probeStartedAt: null };
    this.circuits.set(key, circuit);
    if (circuit.probeStartedAt !== null) {
      // The probe failed: stay away twice as long.
      circuit.openMs = Math.min(circuit.openMs * 2, this.options.maxOpenMs);
      circuit.openUntil = now + circuit.openMs;
      circuit.probeStartedAt = null;
      return;
    }
    if (circuit.openUntil > 0) return; // already open: late reports of sends made before it opened
    circuit.failures++;
    if (circuit.failures >= this.options.failureThreshold) {
      circuit.openMs = this.options.openMs;
      circuit.openUntil = now + circuit.openMs;
      circuit.failures = 0;
    }
  }
}

/** How a sender paces itself: the platforms' limits, its circuits, stopping, and how much it does at once. */
export interface SenderLimits {
  /** Off only where the platform has none (a sandbox without limits, for throughput runs). */
  rateLimits: boolean;
  circuit?: CircuitOptions;
  /** A digest still being sent after this long is taken to have been abandoned, and is sent again. */
  staleDigestMs: number;
  /** How long stopping waits for messages being sent to finish. */
  drainMs: number;
  /** Multiplies every rate-limit window: 1 in production; tests shrink time rather than wait a minute. */
  rateWindowScale: number;
  /**
   * How many jobs of different tickets one consumer sends at once (a ticket's own jobs go one after another).
   * Sending is mostly waiting on the ledger and the platform, so one at a time leaves the process idle. The
   * lanes share ledger statements and produce requests, so more lanes cost no more connections; at 200 jobs/s
   * on the 2-core benchmark machine, 8 lanes queued jobs for 300 ms, 32 for 40 ms (scripts/bench latency).
   */
  concurrency: number;
}

export const defaultSenderLimits: SenderLimits = {
  rateLimits: true,
  staleDigestMs: 60_000,
  drainMs: 20_000,
  rateWindowScale: 1,
  concurrency: 32,
};
