import { describe, expect, it } from 'vitest';
import { CircuitBreaker, credentialLimits, personLimits, RateLimiter, type RateWindow } from './limits.ts';

const twentyAMinute: RateWindow[] = [{ limit: 20, windowMs: 60_000 }];

describe('RateLimiter', () => {
  it('lets 20 through in a minute, then frees a slot when the oldest leaves the window', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 20; i++) expect(limiter.tryTake('robot', twentyAMinute, 1_000 + i * 100)).toBe(true);
    expect(limiter.tryTake('robot', twentyAMinute, 5_000)).toBe(false);
    // The first went out at 1 000: a slot frees at 61 000, the next at 61 100.
    expect(limiter.freeAt('robot', twentyAMinute, 5_000)).toBe(61_000);
    expect(limiter.tryTake('robot', twentyAMinute, 60_999)).toBe(false);
    expect(limiter.tryTake('robot', twentyAMinute, 61_000)).toBe(true);
    expect(limiter.tryTake('robot', twentyAMinute, 61_000)).toBe(false);
    expect(limiter.freeAt('robot', twentyAMinute, 61_000)).toBe(61_100);
  });

  it('never lets more than the limit into any window, whatever the timing', () => {
    const limiter = new RateLimiter();
    const windows: RateWindow[] = [
      { limit: 100, windowMs: 60_000 },
      { limit: 5, windowMs: 1_000 },
    ];
    const sent: number[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let now = 0; now < 300_000; now += Math.floor(random() * 400)) {
      if (limiter.tryTake('bot', windows, now)) sent.push(now);
    }
    for (const { limit, windowMs } of windows) {
      for (const start of sent) {
        const inside = sent.filter((time) => time >= start && time < start + windowMs).length;
        expect(inside).toBeLessThanOrEqual(limit);
      }
    }
    // And it does not starve: close to 100 a minute over five minutes.
    expect(sent.length).toBeGreaterThan(450);
  });

  it('keeps keys apart and takes several slots at once', () => {
    const limiter = new RateLimiter();
    const fivePerSecond: RateWindow[] = [{ limit: 5, windowMs: 1_000 }];
    expect(limiter.tryTake('a', fivePerSecond, 0, 4)).toBe(true);
    expect(limiter.tryTake('a', fivePerSecond, 10, 2)).toBe(false);
    expect(limiter.tryTake('b', fivePerSecond, 10, 5)).toBe(true);
    expect(limiter.freeAt('a', fivePerSecond, 10, 2)).toBe(1_000);
    // More than a window holds is granted as a full, empty window.
    expect(limiter.freeAt('c', fivePerSecond, 10, 50)).toBe(10);
  });

  it('has no limit where the platform publishes none', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 1_000; i++)
      expect(limiter.tryTake('hook', credentialLimits('webhook'), 0)).toBe(true);
  });

  it('counts over a little more than the published window, so the platform never sees one too many', () => {
    expect(credentialLimits('dingtalk-robot')).toEqual([{ limit: 20, windowMs: 61_000 }]);
    expect(credentialLimits('lark-bot')).toEqual([
      { limit: 100, windowMs: 61_000 },
      { limit: 5, windowMs: 1_100 },
    ]);
    expect(credentialLimits('wecom-robot')).toEqual([{ limit: 20, windowMs: 61_000 }]);
    expect(personLimits('wecom-app')).toEqual([{ limit: 30, windowMs: 61_000 }]);
    expect(personLimits('lark-app')).toEqual([{ limit: 5, windowMs: 1_100 }]);
  });
});

describe('CircuitBreaker', () => {
  const options = { failureThreshold: 3, openMs: 1_000, maxOpenMs: 3_000, probeTimeoutMs: 10_000 };

  it('opens after consecutive transient failures, and a success in between resets the count', () => {
    const circuit = new CircuitBreaker(options);
    circuit.failed('k', 0);
    circuit.failed('k', 1);
    circuit.succeeded('k');
    circuit.failed('k', 2);
    circuit.failed('k', 3);
    expect(circuit.allow('k', 4)).toEqual({ allowed: true });
    circuit.failed('k', 4);
    expect(circuit.allow('k', 5)).toEqual({ allowed: false, until: 1_004 });
    expect(circuit.openUntil('k', 5)).toBe(1_004);
    expect(circuit.allow('other', 5)).toEqual({ allowed: true });
  });

  it('half-opens with a single probe; a failed probe doubles the pause up to the cap; a good one closes', () => {
    const circuit = new CircuitBreaker(options);
    for (let i = 0; i < 3; i++) circuit.failed('k', 0);
    expect(circuit.allow('k', 1_000)).toEqual({ allowed: true }); // the probe
    expect(circuit.allow('k', 1_001).allowed).toBe(false); // everyone else waits for it
    circuit.failed('k', 1_100);
    expect(circuit.allow('k', 1_200)).toEqual({ allowed: false, until: 3_100 });
    expect(circuit.allow('k', 3_100)).toEqual({ allowed: true });
    circuit.failed('k', 3_200);
    expect(circuit.openUntil('k', 3_200)).toBe(6_200); // 4 000 capped at 3 000
    expect(circuit.allow('k', 6_200)).toEqual({ allowed: true });
    circuit.succeeded('k');
    expect(circuit.allow('k', 6_300)).toEqual({ allowed: true });
    expect(circuit.allow('k', 6_301)).toEqual({ allowed: true });
  });

  it('lets another probe through when the first never reports back', () => {
    const circuit = new CircuitBreaker(options);
    for (let i = 0; i < 3; i++) circuit.failed('k', 0);
    expect(circuit.allow('k', 1_000).allowed).toBe(true);
    expect(circuit.allow('k', 10_999).allowed).toBe(false);
    expect(circuit.allow('k', 11_000).allowed).toBe(true);
  });
});
