/**
 * Phone numbers as `topapi/v2/user/getbymobile` expects them. DingTalk stores mainland China numbers as the
 * bare 11 digits (no `+86`); Tidings keeps numbers in E.164. Reference §2.2:
 * https://help.dingtalk.io/open/development/obtain-the-userid-of-your-mobile-phone-number
 */

export type DingTalkMobile = { ok: true; mobile: string } | { ok: false; reason: string };

/** Mainland China mobile numbers: 11 digits starting with 1. */
const MAINLAND_MOBILE = /^1\d{10}$/;

/**
 * Turns an E.164 number (`+8613800138000`) into what DingTalk expects (`13800138000`). Spaces, dashes and
 * parentheses are ignored; a bare 11-digit mainland number and a `0086`/`86` prefix are accepted too.
 * Numbers outside mainland China are passed as E.164 (`+85291234567`): how DingTalk wants those is
 * UNVERIFIED in the reference, so a miss there is answered by DingTalk (60121), not guessed here.
 */
export function toDingTalkMobile(input: string): DingTalkMobile {
  const compact = input.trim().replace(/[\s()-]/g, '');
  const international = compact.startsWith('+')
    ? compact.slice(1)
    : compact.startsWith('00')
      ? compact.slice(2)
      : undefined;
  if (international === undefined) {
    if (MAINLAND_MOBILE.test(compact)) return { ok: true, mobile: compact };
    if (/^86\d{11}$/.test(compact) && MAINLAND_MOBILE.test(compact.slice(2))) {
      return { ok: true, mobile: compact.slice(2) };
    }
    return { ok: false, reason: `"${input}" is not a phone number in E.164 form (e.g. +8613800138000)` };
  }
  if (!/^[1-9]\d{6,14}$/.test(international)) {
    return { ok: false, reason: `"${input}" is not a phone number in E.164 form (e.g. +8613800138000)` };
  }
  if (international.startsWith('86')) {
    const national = international.slice(2);
    if (!MAINLAND_MOBILE.test(national)) {
      return {
        ok: false,
        reason: `"${input}" is not a mainland China mobile number (+86 then 11 digits starting with 1)`,
      };
    }
    return { ok: true, mobile: national };
  }
  return { ok: true, mobile: `+${international}` };
}
