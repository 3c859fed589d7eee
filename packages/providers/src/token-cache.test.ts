import { describe, expect, it } from 'vitest';
import { TokenCache, type TokenFetch } from './token-cache.ts';

function fakeClock(start = 0) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('TokenCache', () => {
  it('fetches once, serves from cache, and refreshes early', async () => {
    const clock = fakeClock();
    const cache = new TokenCache({ refreshEarlySeconds: 300, now: clock.now });
    let n = 0;
    const fetchToken = async (): Promise<TokenFetch> => ({
      ok: true,
      token: `t${++n}`,
      expiresInSeconds: 7200,
    });
    expect(await cache.get('app', fetchToken)).toEqual({ ok: true, token: 't1' });
    clock.advance(6899_000);
    expect(await cache.get('app', fetchToken)).toEqual({ ok: true, token: 't1' });
    clock.advance(1_000);
    expect(await cache.get('app', fetchToken)).toEqual({ ok: true, token: 't2' });
    expect(cache.fetches.get('app')).toBe(2);
  });

  it('lets concurrent callers share one fetch', async () => {
    const cache = new TokenCache();
    let release: (value: TokenFetch) => void = () => {};
    let calls = 0;
    const fetchToken = () => {
      calls++;
      return new Promise<TokenFetch>((resolve) => {
        release = resolve;
      });
    };
    const all = Promise.all([
      cache.get('app', fetchToken),
      cache.get('app', fetchToken),
      cache.get('app', fetchToken),
    ]);
    release({ ok: true, token: 'shared', expiresInSeconds: 7200 });
    expect((await all).map((r) => r.ok && r.token)).toEqual(['shared', 'shared', 'shared']);
    expect(calls).toBe(1);
  });

  it('does not cache a failure, and invalidates only the rejected token', async () => {
    const cache = new TokenCache();
    const failure: TokenFetch = {
      ok: false,
      outcome: { kind: 'permanent', code: '40001', reason: 'bad secret' },
    };
    expect(await cache.get('app', async () => failure)).toEqual(failure);
    expect(await cache.get('app', async () => ({ ok: true, token: 'a', expiresInSeconds: 7200 }))).toEqual({
      ok: true,
      token: 'a',
    });
    cache.invalidate('app', 'stale-other');
    expect(await cache.get('app', async () => ({ ok: true, token: 'b', expiresInSeconds: 7200 }))).toEqual({
      ok: true,
      token: 'a',
    });
    cache.invalidate('app', 'a');
    expect(await cache.get('app', async () => ({ ok: true, token: 'b', expiresInSeconds: 7200 }))).toEqual({
      ok: true,
      token: 'b',
    });
  });

  it('keeps a short-lived token for half its life rather than refetching every call', async () => {
    const clock = fakeClock();
    const cache = new TokenCache({ refreshEarlySeconds: 300, now: clock.now });
    let n = 0;
    const fetchToken = async (): Promise<TokenFetch> => ({
      ok: true,
      token: `t${++n}`,
      expiresInSeconds: 60,
    });
    await cache.get('app', fetchToken);
    clock.advance(29_000);
    expect(await cache.get('app', fetchToken)).toEqual({ ok: true, token: 't1' });
  });
});
