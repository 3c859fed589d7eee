import type { IdentityPlatform as StatePlatform } from '@tidings/state';
import type { IdentityOutcomeRow, PlatformIdentityRow } from '../db/schema.ts';
import type { IdentityStatus, PlatformIdentity } from '../generated/graphql.ts';
import { fromStatePlatform, platformDisplayName } from '../vocabulary.ts';

/** The contact points of a person the identities depend on. */
export interface ContactPoints {
  phone: string | null;
  email: string | null;
}

/** What a platform looks people up by: DingTalk and WeCom by phone, Lark by phone or email. */
export function contactsLookedUpOn(platform: StatePlatform, person: ContactPoints): string[] {
  const contacts = platform === 'lark' ? [person.phone, person.email] : [person.phone];
  return contacts.filter((contact): contact is string => contact !== null);
}

const statusOf: Record<IdentityOutcomeRow['status'], IdentityStatus> = {
  linked: 'LINKED',
  'not-found': 'NOT_FOUND',
  'platform-error': 'PLATFORM_ERROR',
  'no-contact-point': 'NO_CONTACT_POINT',
};

/** When the dispatcher gave no reason, one a person can act on. */
function defaultReason(outcome: IdentityOutcomeRow): string | null {
  const platform = platformDisplayName[outcome.platform];
  switch (outcome.status) {
    case 'linked':
      return null;
    case 'not-found':
      return `${outcome.contact ?? 'your contact'} is not registered in ${platform} for this app; ask your project owner.`;
    case 'platform-error':
      return `${platform} could not be asked about you (credentials, permissions or a rate limit); ask your project owner.`;
    case 'no-contact-point':
      return platform === 'Lark'
        ? 'you have no phone or email to be found by in Lark; add the one you registered there.'
        : `you have no phone to be found by in ${platform}; add the one you registered there.`;
  }
}

/**
 * Whether a lookup outcome is stale: it looked up a phone or email the person no longer has (or found
 * none, and now there is one). The dispatcher looks them up again at their next notification.
 */
function isStale(outcome: IdentityOutcomeRow, person: ContactPoints): boolean {
  const current = contactsLookedUpOn(outcome.platform, person);
  if (outcome.status === 'no-contact-point') return current.length > 0;
  // An outcome without a contact (a hand-set id's) did not depend on the phone or email.
  if (outcome.contact === null) return false;
  return !current.includes(outcome.contact);
}

function pendingReason(outcome: IdentityOutcomeRow, person: ContactPoints): string {
  const platform = platformDisplayName[outcome.platform];
  const now = contactsLookedUpOn(outcome.platform, person).join(' or ');
  const was = outcome.contact ? `${outcome.contact} was looked up` : 'no contact point was known';
  return `${was}; ${now || 'the new contact'} will be looked up in ${platform} again at the next notification.`;
}

export function describeHandSetIdentity(row: PlatformIdentityRow): PlatformIdentity {
  return {
    platform: fromStatePlatform(row.platform),
    channel: null,
    status: 'LINKED',
    source: row.source === 'import' ? 'IMPORT' : 'MANUAL',
    platformUserId: row.platformUserId,
    contact: null,
    reason: null,
    checkedAt: row.updatedAt.toISOString(),
  };
}

export function describeOutcome(outcome: IdentityOutcomeRow, person: ContactPoints): PlatformIdentity {
  const stale = isStale(outcome, person);
  return {
    platform: fromStatePlatform(outcome.platform),
    channel: { id: outcome.channelId },
    status: stale ? 'PENDING' : statusOf[outcome.status],
    source: 'LOOKUP',
    platformUserId: stale ? null : outcome.platformUserId,
    contact: outcome.contact,
    reason: stale ? pendingReason(outcome, person) : (outcome.reason ?? defaultReason(outcome)),
    checkedAt: outcome.checkedAt.toISOString(),
  };
}

/** Hand-set and imported ids first (they win over lookups), then lookups; each by platform, then channel. */
export function describeIdentities(
  person: ContactPoints,
  handSet: readonly PlatformIdentityRow[],
  outcomes: readonly IdentityOutcomeRow[],
): PlatformIdentity[] {
  const byPlatform = <T extends { platform: string }>(a: T, b: T) => a.platform.localeCompare(b.platform);
  return [
    ...[...handSet].sort(byPlatform).map(describeHandSetIdentity),
    ...[...outcomes]
      .sort((a, b) => byPlatform(a, b) || a.channelId.localeCompare(b.channelId))
      .map((outcome) => describeOutcome(outcome, person)),
  ];
}
