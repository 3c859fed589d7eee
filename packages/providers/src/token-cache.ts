import type { DeliveryOutcome } from './outcome.ts';

/** A token fetch's result: the token and its lifetime, or why there is none (classified like a send). */
export type TokenFetch =
  | { ok: true; token: string; expiresInSeconds: number }
  | { ok: false; outcome: Exclude<DeliveryOutcome, { kind: 'delivered' }> };

export type TokenResult =
  | { ok: true; token: string }
  | { ok: false; outcome: Exclude<DeliveryOutcome, { kind: 'delivered' }> };

export interface TokenCacheOptions {
  /** Refresh this long before expiry, so no request goes out with a token about to lapse. */
  refreshEarlySeconds?: number;
  now?: () => number;
}

/**
 * Access tokens per credential (an app's key), shared by every send through that credential: fetched once,
 * refreshed early, and never fetched twice at the same time — concurrent callers wait for the one fetch in
 * flight. Vendors rate-limit their token endpoints and some ban an IP after repeated failures, so a failed
 * fetch is not cached and not retried here; the caller's retry policy decides.
 */
export class TokenCache {
  private readonly tokens = new Map<string, { token: string; refreshAt: number }>();
  private readonly inFlight = new Map<string, Promise<TokenResult>>();
  private readonly refreshEarlyMs: number;
  private readonly now: () => number;
  /** Token fetches made, per credential: benchmarks check one per token lifetime. */
  readonly fetches = new Map<string, number>();

  constructor(options: TokenCacheOptions = {}) {
    this.refreshEarlyMs = (options.refreshEarlySeconds ?? 300) * 1000;
    this.now = options.now ?? Date.now;
  }

  get(credential: string, fetchToken: () => Promise<TokenFetch>): Promise<TokenResult> {
    const cached = this.tokens.get(credential);
    if (cached && this.now() < cached.refreshAt) return Promise.resolve({ ok: true, token: cached.token });
    const pending = this.inFlight.get(credential);
    if (pending) return pending;
    const fetching = this.fetch(credential, fetchToken).finally(() => this.inFlight.delete(credential));
    this.inFlight.set(credential, fetching);
    return fetching;
  }

  /**
   * Forgets a token the vendor rejected (expired early, revoked). Only that token: if another caller has
   * already replaced it, the newer one stays.
   */
  invalidate(credential: string, token: string): void {
    if (this.tokens.get(credential)?.token === token) this.tokens.delete(credential);
  }

  private async fetch(credential: string, fetchToken: () => Promise<TokenFetch>): Promise<TokenResult> {
    this.fetches.set(credential, (this.fetches.get(credential) ?? 0) + 1);
    const result = await fetchToken();
    if (!result.ok) return result;
    const lifetimeMs = result.expiresInSeconds * 1000;
    // A lifetime shorter than the early margin would refresh on every call; keep at least half of it.
    const refreshAt = this.now() + Math.max(lifetimeMs - this.refreshEarlyMs, lifetimeMs / 2);
    this.tokens.set(credential, { token: result.token, refreshAt });
    return { ok: true, token: result.token };
  }
}
