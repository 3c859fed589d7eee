import type { Keyring } from '@tidings/crypto';
import { type DeliveryOutcome, platformMobile, TokenCache } from '@tidings/providers';
import {
  type ChannelState,
  type IdentityOutcome,
  type IdentityPlatform,
  identityOutcomeKey,
  identityPlatformOf,
  type UserState,
} from '@tidings/state';
import { createLogger, errorMessage, type Logger } from '../log.ts';
import type { StateStore } from '../state/store.ts';
import { appCredentials, createAppClients } from './apps.ts';
import type { ProviderEndpoints } from './handlers.ts';

export type Undelivered = Exclude<DeliveryOutcome, { kind: 'delivered' }>;

export type IdentityResolution =
  | { status: 'linked'; platformUserId: string; source: 'manual' | 'import' | 'lookup' }
  | {
      status: 'not-found' | 'no-contact-point' | 'platform-error';
      reason: string;
      /** A platform error's own classification, so a throttled lookup is retried rather than given up. */
      outcome?: Undelivered;
    };

export interface IdentityDirectory {
  /** The person's id on a per-person channel's platform (hand-set, cached, or looked up now with the channel's app); publishes the outcome. */
  resolve(channel: ChannelState, user: UserState): Promise<IdentityResolution>;
  /** The app-token cache its lookups use: senders share it, so an app fetches one token, not one per use. */
  readonly tokenCache?: TokenCache;
}

/** What a person can be found by on a platform: the phone and email on their Tidings profile that it uses. */
export interface Contact {
  phone: string | null;
  email: string | null;
}

/** Asks the platform of a per-person channel who has this contact, through the channel's own app. */
export type PlatformLookup = (
  channel: ChannelState,
  contact: Contact,
) => Promise<{ resolution: IdentityResolution; contact: string | null }>;

/**
 * Which of a person's contact points each platform looks people up by (what the lookups below send):
 * DingTalk by mobile only; Lark by email and mobile in one call; WeCom by mobile, else by email.
 */
export function contactFor(platform: IdentityPlatform, user: UserState): Contact {
  switch (platform) {
    case 'dingtalk':
      return { phone: user.phone, email: null };
    case 'lark':
      return { phone: user.phone, email: user.email };
    case 'wecom':
      return user.phone ? { phone: user.phone, email: null } : { phone: null, email: user.email };
  }
}

/**
 * The app a per-person channel looks people up with: ids belong to the organisation (DingTalk, WeCom) or
 * to the app (Lark open_ids), so two channels on one app share what was learnt; visibility is per app.
 */
export function lookupCredentialOf(channel: ChannelState): string {
  const config = channel.config;
  switch (config.kind) {
    case 'dingtalk-app':
      return `dingtalk/${config.clientId}`;
    case 'lark-app':
      return `lark/${config.host}/${config.appId}`;
    case 'wecom-app':
      return `wecom/${config.corpId}/${config.agentId}`;
    default:
      return `channel/${channel.id}`;
  }
}

const platformNames: Record<IdentityPlatform, string> = {
  dingtalk: 'DingTalk',
  lark: 'Lark/Feishu',
  wecom: 'WeCom',
};

/** What a person without a usable phone/email gets: there is nothing to look them up by. */
export function noContactPoint(user: UserState, platform: IdentityPlatform): IdentityResolution {
  const what = platform === 'dingtalk' ? 'phone' : 'phone or email';
  return {
    status: 'no-contact-point',
    reason: `${user.name} has no ${what} on their Tidings profile, so they cannot be found in ${platformNames[platform]}; add it, or set their ${platformNames[platform]} id by hand`,
  };
}

/** A platform's "nobody here has this" as a sentence a person can act on. */
export function notOnPlatform(
  contact: string,
  platform: IdentityPlatform,
  detail: string,
): IdentityResolution {
  return {
    status: 'not-found',
    reason: `${contact} is not registered in ${platformNames[platform]} for this app (${detail}); ask them to check their profile, or the app's visible range`,
  };
}

const platformError = (outcome: Undelivered): IdentityResolution => ({
  status: 'platform-error',
  reason: outcome.reason,
  outcome,
});

/** How a delivery to a person who could not be resolved ends. */
export function undeliveredFor(resolution: Exclude<IdentityResolution, { status: 'linked' }>): Undelivered {
  if (resolution.status === 'platform-error') {
    return (
      resolution.outcome ?? {
        kind: 'retry',
        retryAfterSeconds: 60,
        code: 'identity-lookup-failed',
        reason: resolution.reason,
      }
    );
  }
  return {
    kind: 'permanent',
    code: resolution.status === 'not-found' ? 'identity-not-found' : 'no-contact-point',
    reason: resolution.reason,
  };
}

/**
 * Lookups kept per (app, contact). Hits for a day; misses for ten minutes, because WeCom blocks lookups for
 * a day once wrong inputs pass 20% of the headcount and DingTalk and Lark rate-limit theirs. Platform
 * errors are not kept: the next delivery asks again.
 */
class LookupCache {
  private readonly entries = new Map<
    string,
    { value: { resolution: IdentityResolution; contact: string | null }; until: number }
  >();
  private readonly now: () => number;
  constructor(now: () => number) {
    this.now = now;
  }

  get(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() < entry.until) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: { resolution: IdentityResolution; contact: string | null }): void {
    const status = value.resolution.status;
    const keep = status === 'linked' ? 24 * 3600_000 : status === 'not-found' ? 10 * 60_000 : 0;
    if (keep > 0) this.entries.set(key, { value, until: this.now() + keep });
  }
}

/** Outcomes last published, to publish only changes; bounded so a large tenant cannot grow it forever. */
const PUBLISHED_MEMORY = 50_000;

/**
 * The identity directory without the platforms: resolution order, caching and publishing. The lookup is
 * passed in (`createIdentityDirectory` wires the real clients; tests pass a fake).
 */
export function createIdentityDirectoryWith(options: {
  state: StateStore;
  lookup: PlatformLookup;
  publish(outcome: IdentityOutcome): Promise<void>;
  log?: Logger;
  now?: () => number;
}): IdentityDirectory {
  const { state, lookup, publish } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? createLogger('identities');
  const cache = new LookupCache(now);
  const published = new Map<string, string>();

  /** Publishes what was learnt when it differs from the last outcome published for (tenant, user, channel). */
  async function report(
    channel: ChannelState,
    user: UserState,
    platform: IdentityPlatform,
    resolution: IdentityResolution,
    contact: string | null,
  ): Promise<void> {
    const outcome: IdentityOutcome = {
      tenantId: user.tenantId,
      userId: user.id,
      channelId: channel.id,
      platform,
      status: resolution.status,
      contact,
      platformUserId: resolution.status === 'linked' ? resolution.platformUserId : null,
      reason: resolution.status === 'linked' ? null : resolution.reason,
      checkedAt: new Date(now()).toISOString(),
    };
    const key = identityOutcomeKey(outcome);
    const fingerprint = JSON.stringify([outcome.status, contact, outcome.platformUserId, outcome.reason]);
    if (published.get(key) === fingerprint) return;
    try {
      await publish(outcome);
    } catch (error) {
      // Unrecorded, so the next delivery to this person tries publishing again.
      log.warn('identity outcome not published', { key, status: outcome.status, error: errorMessage(error) });
      return;
    }
    published.delete(key);
    published.set(key, fingerprint);
    if (published.size > PUBLISHED_MEMORY) published.delete(published.keys().next().value!);
  }

  return {
    async resolve(channel, user) {
      const platform = identityPlatformOf(channel.config.kind);
      if (platform === null) {
        // Email needs no platform (the address is the identity, nothing to publish); group kinds need none.
        if (channel.config.kind === 'smtp') {
          return user.email
            ? { status: 'linked', platformUserId: user.email, source: 'manual' }
            : {
                status: 'no-contact-point',
                reason: `${user.name} has no email address on their Tidings profile`,
              };
        }
        const reason = `${channel.config.kind} posts to a group; it has no per-person identities`;
        return {
          status: 'platform-error',
          reason,
          outcome: { kind: 'permanent', code: 'not-a-personal-kind', reason },
        };
      }
      const handSet = state.identity(user.tenantId, user.id, platform);
      if (handSet) {
        const resolution: IdentityResolution = {
          status: 'linked',
          platformUserId: handSet.platformUserId,
          source: handSet.source,
        };
        await report(channel, user, platform, resolution, null);
        return resolution;
      }
      const contact = contactFor(platform, user);
      if (!contact.phone && !contact.email) {
        const resolution = noContactPoint(user, platform);
        await report(channel, user, platform, resolution, null);
        return resolution;
      }
      // Keyed by the contact itself: a changed phone or email is looked up afresh.
      const key = `${lookupCredentialOf(channel)}\u0000${contact.phone ?? ''}\u0000${contact.email ?? ''}`;
      let found = cache.get(key);
      if (!found) {
        found = await lookup(channel, contact);
        cache.set(key, found);
      }
      await report(channel, user, platform, found.resolution, found.contact);
      return found.resolution;
    },
  };
}

/**
 * The lookups through each platform's API with the channel's own app credentials: DingTalk by mobile,
 * Lark by email and mobile in one call (either may be the registered one), WeCom by mobile or email.
 */
export function createPlatformLookup(options: {
  keyring: Keyring;
  endpoints: ProviderEndpoints;
  /** Shared with the senders' clients so one app fetches one token per lifetime. */
  tokenCache?: TokenCache;
}): PlatformLookup {
  const { dingtalk, lark, wecom } = createAppClients(
    options.endpoints,
    options.tokenCache ?? new TokenCache(),
  );
  const credentials = appCredentials(options.keyring);

  return async (channel, contact) => {
    const config = channel.config;
    switch (config.kind) {
      case 'dingtalk-app': {
        const phone = contact.phone!;
        const result = await dingtalk.lookupUserIdByMobile(credentials.dingtalk(config), phone);
        if (result.kind === 'found') return { contact: phone, resolution: linkedByLookup(result.userid) };
        if (result.kind === 'not-found')
          return { contact: phone, resolution: notOnPlatform(`phone ${phone}`, 'dingtalk', result.reason) };
        return { contact: phone, resolution: platformError(result.outcome) };
      }
      case 'lark-app': {
        const lookup = await lark.lookupOpenIds(credentials.lark(config), {
          emails: contact.email ? [contact.email] : [],
          mobiles: contact.phone ? [contact.phone] : [],
        });
        const tried = contact.email ?? contact.phone;
        if (!lookup.ok) return { contact: tried, resolution: platformError(lookup.outcome) };
        const found = lookup.results.find((r) => r.result === 'found');
        if (found?.result === 'found') {
          const by = 'email' in found.input ? contact.email : contact.phone;
          return { contact: by ?? tried, resolution: linkedByLookup(found.openId) };
        }
        const both = [contact.email, contact.phone].filter(Boolean).join(' or ');
        // A resigned person says more than "not found" for the other address.
        const miss = lookup.results.find((r) => r.result === 'resigned') ?? lookup.results[0];
        const detail = miss && miss.result !== 'found' ? miss.reason : 'not found';
        return { contact: tried, resolution: notOnPlatform(both, 'lark', detail) };
      }
      case 'wecom-app': {
        const tried = (contact.phone ?? contact.email)!;
        const result = await wecom.lookupUserId(
          credentials.wecom(config),
          contact.phone ? { mobile: platformMobile(contact.phone) } : { email: contact.email! },
        );
        if (result.kind === 'found') return { contact: tried, resolution: linkedByLookup(result.userid) };
        if (result.kind === 'not_found')
          return { contact: tried, resolution: notOnPlatform(tried, 'wecom', result.reason) };
        return { contact: tried, resolution: platformError(result.outcome) };
      }
      default:
        return {
          contact: null,
          resolution: { status: 'platform-error', reason: `${config.kind} has no people to look up` },
        };
    }
  };
}

const linkedByLookup = (platformUserId: string): IdentityResolution => ({
  status: 'linked',
  platformUserId,
  source: 'lookup',
});

/**
 * Finds people on per-person channels' platforms. Order: the id set by hand or imported
 * (`state.identity`), then what an earlier lookup of the same contact through the same app found, then a
 * lookup now. Every outcome that differs from the last one published for (tenant, user, channel) goes to
 * `publish` (the identity subgraph shows "phone not registered in DingTalk" from it); a failure to publish
 * is logged and never fails a delivery.
 */
export function createIdentityDirectory(options: {
  state: StateStore;
  keyring: Keyring;
  endpoints: ProviderEndpoints;
  publish(outcome: IdentityOutcome): Promise<void>;
  tokenCache?: TokenCache;
  log?: Logger;
  now?: () => number;
}): IdentityDirectory {
  const tokenCache = options.tokenCache ?? new TokenCache();
  const lookup = createPlatformLookup({ ...options, tokenCache });
  return { ...createIdentityDirectoryWith({ ...options, lookup }), tokenCache };
}
