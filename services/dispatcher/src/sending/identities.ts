import type { DeliveryOutcome } from '@tidings/providers';

export type Undelivered = Exclude<DeliveryOutcome, { kind: 'delivered' }>;

/** A person's id on one platform, or why there is none. */
export type Identity = { ok: true; platformId: string } | { ok: false; outcome: Undelivered };

/**
 * Platform ids looked up from phone or email, per channel credential. Hits are kept for a day; misses for
 * ten minutes, because WeCom blocks lookups for a day once wrong inputs pass 20% of the headcount and
 * DingTalk and Lark rate-limit theirs. Platform errors are not kept: the next delivery asks again.
 */
export class IdentityCache {
  private readonly entries = new Map<string, { identity: Identity; until: number }>();
  private readonly now: () => number;
  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  get(key: string): Identity | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry.identity;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, identity: Identity): void {
    const keep = identity.ok ? 24 * 3600_000 : identity.outcome.kind === 'permanent' ? 10 * 60_000 : 0;
    if (keep > 0) this.entries.set(key, { identity, until: this.now() + keep });
  }
}

/** The outcome for a person Tidings has no usable contact point for. */
export function noContact(what: 'phone' | 'email address' | 'phone or email', platform?: string): Identity {
  const consequence = platform ? `, so they cannot be found in ${platform}` : '';
  return {
    ok: false,
    outcome: {
      kind: 'permanent',
      code: 'no-contact-point',
      reason: `no ${what} on the person's Tidings profile${consequence}`,
    },
  };
}

/** The outcome for a person the platform does not know. */
export function notOnPlatform(contact: string, platform: string, detail: string): Identity {
  return {
    ok: false,
    outcome: {
      kind: 'permanent',
      code: 'identity-not-found',
      reason: `${contact} is not registered in ${platform} for this app (${detail}); ask them to check their profile, or the app's visible range`,
    },
  };
}
