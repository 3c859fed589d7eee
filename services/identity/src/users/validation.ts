import type { Checked } from '@tidings/graphql';
import { InputErrorCode } from '@tidings/graphql';
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Pure checks of user input: each returns the normalised value or what is wrong, for an InputError. */

const MAX_NAME_LENGTH = 200;
const MAX_ID_LENGTH = 200;
const MAX_EMAIL_LENGTH = 320;

export function checkUserId(value: string): Checked<string> {
  const id = value.trim();
  if (id === '') return { ok: false, message: 'id must not be empty', code: InputErrorCode.required };
  if (id.length > MAX_ID_LENGTH) {
    return {
      ok: false,
      message: `id must be at most ${MAX_ID_LENGTH} characters`,
      code: InputErrorCode.tooLong,
    };
  }
  if (/[\s\p{Cc}]/u.test(id))
    return { ok: false, message: 'id must not contain spaces or control characters' };
  return { ok: true, value: id };
}

export function checkName(value: string): Checked<string> {
  const name = value.trim();
  if (name === '') return { ok: false, message: 'name must not be empty', code: InputErrorCode.required };
  if (name.length > MAX_NAME_LENGTH) {
    return {
      ok: false,
      message: `name must be at most ${MAX_NAME_LENGTH} characters`,
      code: InputErrorCode.tooLong,
    };
  }
  return { ok: true, value: name };
}

// One @, something on each side, a dot in the domain, no spaces: what mail servers accept in practice.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Trims and lower-cases the domain (the local part is case-sensitive by the letter of RFC 5321). */
export function normaliseEmail(value: string): Checked<string> {
  const email = value.trim();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) {
    return { ok: false, message: `"${email}" is not an email address` };
  }
  const at = email.lastIndexOf('@');
  return { ok: true, value: `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}` };
}

export function checkPhoneRegion(value: string): Checked<CountryCode> {
  const region = value.trim().toUpperCase();
  if (!isSupportedCountry(region)) {
    return { ok: false, message: `"${value}" is not an ISO 3166-1 alpha-2 region with phone numbers` };
  }
  return { ok: true, value: region };
}

/**
 * Normalises to E.164. International input (`+86 138…`) needs no region; a national number (`138 0013
 * 8000`, `(415) 555-0100`) needs `region`. The number must be valid for its region, not just well formed.
 */
export function normalisePhone(value: string, region: CountryCode | null): Checked<string> {
  const text = value.trim();
  if (text === '') return { ok: false, message: 'phone must not be empty; pass null to remove it' };
  const international = text.startsWith('+');
  if (!international && !region) {
    return {
      ok: false,
      message: 'a national phone number needs phoneRegion (e.g. "CN"), or give it in E.164 form (+86…)',
      code: 'REGION_REQUIRED',
    };
  }
  // With a region, libphonenumber also understands that region's international dialling prefix (00, 011…).
  const parsed = parsePhoneNumberFromString(text, international ? undefined : (region ?? undefined));
  if (!parsed?.isValid()) {
    const where = region && !international ? ` in ${region}` : '';
    return { ok: false, message: `"${text}" is not a valid phone number${where}` };
  }
  return { ok: true, value: parsed.number };
}

/** Canonical BCP 47 (`zh-hans-cn` → `zh-Hans-CN`). */
export function normaliseLocale(value: string): Checked<string> {
  try {
    const [locale] = Intl.getCanonicalLocales(value.trim());
    if (locale) return { ok: true, value: locale };
  } catch {
    // fall through: not a BCP 47 tag
  }
  return { ok: false, message: `"${value}" is not a BCP 47 language tag (e.g. "en", "zh-CN")` };
}

/**
 * An IANA time zone Intl knows, in its proper case (`asia/saigon` → `Asia/Saigon`, `utc` → `UTC`). A
 * link is kept as written (`Asia/Ho_Chi_Minh` stays, though this ICU calls it `Asia/Saigon`): people
 * recognise the name they chose. Intl also accepts bare UTC offsets (`+07:00`); they are not IANA zones
 * and would show the wrong time half the year where daylight saving applies, so they are refused.
 */
export function normaliseTimeZone(value: string): Checked<string> {
  const text = value.trim();
  const refused: Checked<string> = {
    ok: false,
    message: `"${value}" is not an IANA time zone (e.g. "Asia/Ho_Chi_Minh", "Europe/Berlin", "UTC")`,
  };
  if (text === '' || /^[+-]/.test(text)) return refused;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return refused;
  }
  return { ok: true, value: resolved.toLowerCase() === text.toLowerCase() ? resolved : text };
}

const MAX_PLATFORM_USER_ID_LENGTH = 200;

/** DingTalk userids, Lark open_ids and WeCom userids: short, and never contain spaces. */
export function checkPlatformUserId(value: string): Checked<string> {
  const id = value.trim();
  if (id === '') {
    return { ok: false, message: 'platformUserId must not be empty', code: InputErrorCode.required };
  }
  if (id.length > MAX_PLATFORM_USER_ID_LENGTH) {
    return {
      ok: false,
      message: `platformUserId must be at most ${MAX_PLATFORM_USER_ID_LENGTH} characters`,
      code: InputErrorCode.tooLong,
    };
  }
  if (/[\s\p{Cc}]/u.test(id)) {
    return { ok: false, message: 'platformUserId must not contain spaces or control characters' };
  }
  return { ok: true, value: id };
}
