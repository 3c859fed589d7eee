import { InputErrorCode, type InputProblems } from '@tidings/graphql';
import { allowlistEntries, MAX_ALLOWLIST_ENTRIES, parseOutboundAllowlist } from '@tidings/providers';
import { canonicalLocale } from '../templates/validation.ts';

/** What a tenant that never changed its settings gets. */
export const DEFAULT_SETTINGS = {
  ticketUrlPrefix: null,
  defaultLocale: 'en',
  defaultTimeZone: 'UTC',
  outboundAllow: [] as string[],
} as const;

export const URL_PREFIX_LIMIT = 2000;

/** InputError code of an outbound allowlist entry that is not a CIDR, an address or a host name, or opens too much. */
export const INVALID_ALLOWLIST_ENTRY = 'INVALID_ALLOWLIST_ENTRY';

export interface Settings {
  ticketUrlPrefix: string | null;
  defaultLocale: string;
  defaultTimeZone: string;
  /** Canonical outbound allowlist entries (see readOutboundAllow). */
  outboundAllow: string[];
}

/** `updateTenantSettings`' input: a field left out (undefined) keeps its value; null resets it. */
export interface SettingsPatch {
  ticketUrlPrefix?: string | null;
  defaultLocale?: string | null;
  defaultTimeZone?: string | null;
  outboundAllow?: readonly string[] | null;
}

const KNOWN_ZONES = new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));

/**
 * An IANA time zone as the tenant wrote it (case corrected: `asia/ho_chi_minh` → `Asia/Ho_Chi_Minh`), or
 * null when there is no such zone. ICU would rename some (Asia/Ho_Chi_Minh → Asia/Saigon); people
 * recognise the name they chose, so it is kept.
 */
export function canonicalTimeZone(zone: string): string | null {
  const trimmed = zone.trim();
  if (trimmed === '') return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: trimmed });
  } catch {
    return null;
  }
  return KNOWN_ZONES.get(trimmed.toLowerCase()) ?? trimmed;
}

function readUrlPrefix(value: string, problems: InputProblems): string | null {
  const trimmed = value.trim();
  let url: URL | null = null;
  try {
    url = new URL(trimmed);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    problems.add(['ticketUrlPrefix'], `"${value}" is not an http(s) URL`);
    return null;
  }
  if (url.username || url.password) {
    problems.add(['ticketUrlPrefix'], 'the URL must not contain a user name or password');
    return null;
  }
  if (trimmed.length > URL_PREFIX_LIMIT) {
    problems.add(['ticketUrlPrefix'], `at most ${URL_PREFIX_LIMIT} characters`, InputErrorCode.tooLong);
    return null;
  }
  return trimmed;
}

/**
 * The tenant's outbound allowlist in canonical form (`10.0.0.1` → `10.0.0.1/32`, host names lower-cased,
 * duplicates dropped). Every bad entry is reported at `outboundAllow.<index>`, naming the entry; entries
 * that would open loopback, 'this host' or a cloud metadata address are refused (only the platform can).
 */
function readOutboundAllow(entries: readonly string[], problems: InputProblems): string[] | null {
  if (entries.length > MAX_ALLOWLIST_ENTRIES) {
    problems.add(['outboundAllow'], `at most ${MAX_ALLOWLIST_ENTRIES} entries`, InputErrorCode.tooLong);
    return null;
  }
  const parsed = parseOutboundAllowlist(entries, 'tenant');
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      problems.add(['outboundAllow', String(error.index)], error.message, INVALID_ALLOWLIST_ENTRY);
    }
    return null;
  }
  return allowlistEntries(parsed.allowlist);
}

/** The settings after a change, recording every problem by field; undefined when there are any. */
export function applySettingsPatch(
  current: Settings,
  patch: SettingsPatch,
  problems: InputProblems,
): Settings | undefined {
  const next: Settings = { ...current, outboundAllow: [...current.outboundAllow] };
  if (patch.ticketUrlPrefix === null || patch.ticketUrlPrefix?.trim() === '') next.ticketUrlPrefix = null;
  else if (patch.ticketUrlPrefix !== undefined)
    next.ticketUrlPrefix = readUrlPrefix(patch.ticketUrlPrefix, problems);

  if (patch.defaultLocale === null) next.defaultLocale = DEFAULT_SETTINGS.defaultLocale;
  else if (patch.defaultLocale !== undefined) {
    const locale = patch.defaultLocale.length <= 35 ? canonicalLocale(patch.defaultLocale) : null;
    if (locale === null) {
      problems.add(['defaultLocale'], `"${patch.defaultLocale}" is not a BCP 47 locale (en, zh-CN, vi, ru)`);
    } else next.defaultLocale = locale;
  }

  if (patch.defaultTimeZone === null) next.defaultTimeZone = DEFAULT_SETTINGS.defaultTimeZone;
  else if (patch.defaultTimeZone !== undefined) {
    const zone = canonicalTimeZone(patch.defaultTimeZone);
    if (zone === null) {
      problems.add(
        ['defaultTimeZone'],
        `"${patch.defaultTimeZone}" is not an IANA time zone (e.g. Asia/Ho_Chi_Minh)`,
      );
    } else next.defaultTimeZone = zone;
  }

  if (patch.outboundAllow === null) next.outboundAllow = [];
  else if (patch.outboundAllow !== undefined) {
    next.outboundAllow = readOutboundAllow(patch.outboundAllow, problems) ?? next.outboundAllow;
  }
  return problems.any ? undefined : next;
}
