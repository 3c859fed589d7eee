import { InputErrorCode, type InputProblems } from '@tidings/graphql';

/** Vendors' ids and secrets are short printable tokens; this bounds what we store and seal. */
export const MAX_CREDENTIAL_LENGTH = 512;
const MAX_KEYWORD_LENGTH = 100;

/**
 * A required id or secret: trimmed, non-empty, at most `max` characters, printable ASCII without spaces
 * (vendors issue them that way; a space or line break is a copy-paste mistake).
 * Returns the trimmed value, or undefined after recording the problem under `field`.
 */
export function checkToken(
  problems: InputProblems,
  field: string,
  value: string | null | undefined,
  max = MAX_CREDENTIAL_LENGTH,
): string | undefined {
  const text = (value ?? '').trim();
  if (text === '') {
    problems.add([field], `${field} must not be empty`, InputErrorCode.required);
    return undefined;
  }
  if (text.length > max) {
    problems.add([field], `${field} must be at most ${max} characters`, InputErrorCode.tooLong);
    return undefined;
  }
  if (!/^[\x21-\x7e]+$/.test(text)) {
    problems.add([field], `${field} must be printable ASCII without spaces`);
    return undefined;
  }
  return text;
}

/** Like checkToken, but empty or absent means "not set" (null). */
export function checkOptionalToken(
  problems: InputProblems,
  field: string,
  value: string | null | undefined,
  max = MAX_CREDENTIAL_LENGTH,
): string | null | undefined {
  if ((value ?? '').trim() === '') return null;
  return checkToken(problems, field, value, max);
}

/** A positive integer id (DingTalk and WeCom agent ids). */
export function checkPositiveInt(
  problems: InputProblems,
  field: string,
  value: number | null | undefined,
): number | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    problems.add([field], `${field} must be a positive integer`);
    return undefined;
  }
  return value;
}

/**
 * Group robots' security keywords (DingTalk and Lark both allow at most 10): trimmed, each non-empty and
 * at most 100 characters; duplicates dropped.
 */
export function checkKeywords(
  problems: InputProblems,
  keywords: string[] | null | undefined,
  max: number,
  vendor: string,
): string[] {
  const trimmed = (keywords ?? []).map((keyword) => keyword.trim());
  if (trimmed.length > max) {
    problems.add(
      ['keywords'],
      `a ${vendor} has at most ${max} keywords, got ${trimmed.length}`,
      InputErrorCode.tooMany,
    );
  }
  trimmed.forEach((keyword, index) => {
    if (keyword === '')
      problems.add(['keywords', String(index)], 'a keyword must not be empty', InputErrorCode.required);
    else if (keyword.length > MAX_KEYWORD_LENGTH) {
      problems.add(
        ['keywords', String(index)],
        `a keyword must be at most ${MAX_KEYWORD_LENGTH} characters`,
        InputErrorCode.tooLong,
      );
    }
  });
  return [...new Set(trimmed)];
}

/** The last 4 characters of a credential, when it is long enough to spare them; otherwise nothing. */
export function credentialTail(credential: string): string {
  return credential.length >= 16 ? credential.slice(-4) : '';
}

/**
 * A credential carried in a webhook URL (an access token, hook id or key): bounded like every other
 * credential. Records a problem on ["webhookUrl"] and returns false when it is too long.
 */
export function checkUrlCredential(problems: InputProblems, name: string, value: string): boolean {
  if (value.length <= MAX_CREDENTIAL_LENGTH) return true;
  problems.add(
    ['webhookUrl'],
    `the ${name} in the webhook URL must be at most ${MAX_CREDENTIAL_LENGTH} characters`,
    InputErrorCode.tooLong,
  );
  return false;
}
