import { InputErrorCode, type InputProblems } from '@tidings/graphql';
import { canonicalLocale } from '../templates/validation.ts';

/** What a tenant that never changed its settings gets. */
export const DEFAULT_SETTINGS = {
  ticketUrlPrefix: null,
  defaultLocale: 'en',
  defaultTimeZone: 'UTC',
} as const;

export const URL_PREFIX_LIMIT = 2000;

export interface Settings {
  ticketUrlPrefix: string | null;
  defaultLocale: string;
  defaultTimeZone: string;
}

/** `updateTenantSettings`' input: a field left out (undefined) keeps its value; null resets it. */
export interface SettingsPatch {
  ticketUrlPrefix?: string | null;
  defaultLocale?: string | null;
  defaultTimeZone?: string | null;
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

/** The settings after a change, recording every problem by field; undefined when there are any. */
export function applySettingsPatch(
  current: Settings,
  patch: SettingsPatch,
  problems: InputProblems,
): Settings | undefined {
  const next: Settings = { ...current };
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
  return problems.any ? undefined : next;
}
