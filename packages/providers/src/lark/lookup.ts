import { type HttpRequest, LARK_DEFAULT_BASE_URL, LARK_LIMITS } from './messages.ts';

/**
 * Email/mobile → open_id through `POST /open-apis/contact/v3/users/batch_get_id?user_id_type=open_id`
 * (reference §3.3; https://open.larkoffice.com/document/uAjLw4CM/ukTMukTMukTM/reference/contact-v3/user/batch_get_id.md).
 * Pure parts: input checks, batching, request building, answer parsing.
 */

export type LarkLookupInput = { email: string } | { mobile: string };

export type LarkLookupResult =
  | { input: LarkLookupInput; result: 'found'; openId: string }
  | { input: LarkLookupInput; result: 'resigned'; openId: string; reason: string }
  | { input: LarkLookupInput; result: 'not_found'; reason: string };

export const LARK_LOOKUP_NOT_FOUND_REASON =
  'no Lark/Feishu user with this address is visible to the app: not registered, outside the app’s contact scope, or an enterprise-alias email';

const MAINLAND_MOBILE = /^1\d{10}$/;
const INTERNATIONAL_MOBILE = /^\+\d{6,15}$/;

/**
 * Strips spaces, dashes, dots and parentheses. Returns a reason instead when the number cannot be looked up:
 * only mainland China numbers may omit the `+country code` (§3.3).
 */
export function normalizeLarkMobile(
  mobile: string,
): { ok: true; mobile: string } | { ok: false; reason: string } {
  const compact = mobile.replace(/[\s\-.()]/g, '');
  if (MAINLAND_MOBILE.test(compact) || INTERNATIONAL_MOBILE.test(compact))
    return { ok: true, mobile: compact };
  return {
    ok: false,
    reason: `"${mobile}" is not a mobile number Lark can look up: write non-mainland numbers with + and the country code (e.g. +6591234567)`,
  };
}

export type LarkLookupBatch = { emails: string[]; mobiles: string[] };

/** Splits into calls of ≤ 50 emails and ≤ 50 mobiles each (duplicates sent once). */
export function batchLarkLookup(emails: readonly string[], mobiles: readonly string[]): LarkLookupBatch[] {
  const e = [...new Set(emails)];
  const m = [...new Set(mobiles)];
  const batches: LarkLookupBatch[] = [];
  for (
    let i = 0;
    i < Math.max(e.length / LARK_LIMITS.lookupMaxEmails, m.length / LARK_LIMITS.lookupMaxMobiles);
    i++
  ) {
    batches.push({
      emails: e.slice(i * LARK_LIMITS.lookupMaxEmails, (i + 1) * LARK_LIMITS.lookupMaxEmails),
      mobiles: m.slice(i * LARK_LIMITS.lookupMaxMobiles, (i + 1) * LARK_LIMITS.lookupMaxMobiles),
    });
  }
  return batches;
}

export function buildLarkLookupRequest(input: {
  baseUrl?: string;
  tenantAccessToken: string;
  batch: LarkLookupBatch;
}): HttpRequest {
  const baseUrl = (input.baseUrl ?? LARK_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const body: Record<string, unknown> = {};
  if (input.batch.emails.length > 0) body.emails = input.batch.emails;
  if (input.batch.mobiles.length > 0) body.mobiles = input.batch.mobiles;
  body.include_resigned = true;
  return {
    url: `${baseUrl}/open-apis/contact/v3/users/batch_get_id?user_id_type=open_id`,
    body: JSON.stringify(body),
    headers: {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${input.tenantAccessToken}`,
    },
  };
}

export type LarkUserIdEntry = { userId?: string; email?: string; mobile?: string; resigned: boolean };

/** Reads `data.user_list[{user_id, email|mobile, status{is_resigned}}]` of a code-0 answer. */
export function parseLarkUserList(data: unknown): LarkUserIdEntry[] {
  const list = (data as { user_list?: unknown } | null)?.user_list;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item): LarkUserIdEntry[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { user_id, email, mobile, status } = item as Record<string, unknown>;
    const resigned = (status as { is_resigned?: unknown } | undefined)?.is_resigned === true;
    return [
      {
        ...(typeof user_id === 'string' && user_id !== '' && { userId: user_id }),
        ...(typeof email === 'string' && { email }),
        ...(typeof mobile === 'string' && { mobile }),
        resigned,
      },
    ];
  });
}

const digits = (s: string) => s.replace(/\D/g, '');

/** The result for one input, given every entry the API returned. A missing `user_id` means not found. */
export function larkLookupResultFor(
  input: LarkLookupInput,
  entries: readonly LarkUserIdEntry[],
): LarkLookupResult {
  const entry =
    'email' in input
      ? entries.find((e) => e.email?.toLowerCase() === input.email.toLowerCase())
      : (entries.find((e) => e.mobile === input.mobile) ??
        entries.find((e) => e.mobile !== undefined && digits(e.mobile) === digits(input.mobile)));
  if (!entry?.userId) return { input, result: 'not_found', reason: LARK_LOOKUP_NOT_FOUND_REASON };
  if (entry.resigned) {
    return {
      input,
      result: 'resigned',
      openId: entry.userId,
      reason: 'the user has left the company (resigned)',
    };
  }
  return { input, result: 'found', openId: entry.userId };
}
