import type { DeliveryOutcome } from '../outcome.ts';
import type { TokenFetch } from '../token-cache.ts';
import { LARK_LIMITS } from './messages.ts';

/**
 * Pure classifiers of Lark/Feishu answers (reference §3.1, §3.4, §3.5). Business failures mostly come as
 * HTTP 200 with a non-zero `code`; app APIs also answer 400/429 with a JSON `code`; wrong paths answer a
 * plain-text `404 page not found`, so the content type is checked before parsing.
 */

/** An answer plus the `x-ogw-ratelimit-reset` header (seconds to wait), which the classifiers honour. */
export type LarkResponse = {
  status: number;
  contentType: string | null;
  bodyText: string;
  rateLimitReset: string | null;
};

type Failure = Exclude<DeliveryOutcome, { kind: 'delivered' }>;

/** Retry delay when a rate limit gives no usable `x-ogw-ratelimit-reset`. Tidings policy. */
export const LARK_RATE_LIMIT_RETRY_SECONDS = 60;
/** Custom bot 11232 (per-bot 100/min, 5/s): a minute covers the per-minute window. Tidings policy. */
export const LARK_BOT_THROTTLE_RETRY_SECONDS = 60;
/** 230020 (5 QPS per user) without a reset header: the window is a second. Tidings policy. */
export const LARK_USER_RATE_RETRY_SECONDS = 2;
/** HTTP 5xx / unreadable answers. Tidings policy. */
export const LARK_SERVER_ERROR_RETRY_SECONDS = 30;

/** Token errors: refetch the tenant token and retry once (§3.5). */
export const LARK_TOKEN_ERROR_CODES: readonly number[] = [99991663, 99991661, 99991668, 99991664];
export const LARK_RATE_LIMIT_CODE = 99991400;

export type LarkBody = { code: number; msg: string; data: unknown; raw: Record<string, unknown> };

/** Parses the JSON body when the content type says JSON; `undefined` for plain text or garbage. */
export function parseLarkBody(contentType: string | null, bodyText: string): LarkBody | undefined {
  if (!contentType || !/json/i.test(contentType)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  // `StatusCode` is the legacy twin of `code` on the bot webhook; read `code` first.
  const code =
    typeof raw.code === 'number' ? raw.code : typeof raw.StatusCode === 'number' ? raw.StatusCode : NaN;
  if (!Number.isInteger(code)) return undefined;
  const msg =
    typeof raw.msg === 'string' ? raw.msg : typeof raw.StatusMessage === 'string' ? raw.StatusMessage : '';
  return { code, msg, data: raw.data, raw };
}

/** Seconds from `x-ogw-ratelimit-reset`, else the fallback. */
export function larkRetryAfter(
  rateLimitReset: string | null,
  fallback = LARK_RATE_LIMIT_RETRY_SECONDS,
): number {
  if (rateLimitReset === null || !/^\s*\d+(\.\d+)?\s*$/.test(rateLimitReset)) return fallback;
  return Math.max(1, Math.ceil(Number(rateLimitReset)));
}

function rateLimited(
  response: LarkResponse,
  code: string,
  what: string,
  fallback = LARK_RATE_LIMIT_RETRY_SECONDS,
): Failure {
  const retryAfterSeconds = larkRetryAfter(response.rateLimitReset, fallback);
  return {
    kind: 'retry',
    retryAfterSeconds,
    code,
    reason: `${what}; retry after ${retryAfterSeconds} s`,
    httpStatus: response.status,
  };
}

/** Generic codes shared by every API (§3.5); undefined when the code is not one of them. */
function classifyGeneric(body: LarkBody, response: LarkResponse): Failure | undefined {
  const code = String(body.code);
  if (body.code === LARK_RATE_LIMIT_CODE) {
    return rateLimited(
      response,
      code,
      'Lark/Feishu rate limit hit (99991400 request trigger frequency limit)',
    );
  }
  if (LARK_TOKEN_ERROR_CODES.includes(body.code)) {
    return {
      kind: 'reauthenticate',
      code,
      reason: `Lark/Feishu rejected the access token (${body.code}${body.msg ? `: ${body.msg}` : ''}); fetch a new tenant_access_token`,
      httpStatus: response.status,
    };
  }
  return undefined;
}

function describeBody(contentType: string | null, bodyText: string): string {
  const snippet = bodyText.trim().replace(/\s+/g, ' ').slice(0, 120);
  const type = contentType ?? 'no content type';
  return snippet ? `${type}: ${snippet}` : `${type}, empty body`;
}

/** No JSON `code`: decide on the HTTP status alone. */
function classifyHttpStatus(response: LarkResponse): Failure {
  const { status } = response;
  const code = `http_${status}`;
  const detail = describeBody(response.contentType, response.bodyText);
  if (status === 429) return rateLimited(response, code, 'Lark/Feishu answered HTTP 429 Too Many Requests');
  if (status >= 500 || status === 408) {
    return {
      kind: 'retry',
      retryAfterSeconds: LARK_SERVER_ERROR_RETRY_SECONDS,
      code,
      reason: `Lark/Feishu answered HTTP ${status} (${detail}); a temporary server error`,
      httpStatus: status,
    };
  }
  if (status >= 200 && status < 300) {
    return {
      kind: 'retry',
      retryAfterSeconds: LARK_SERVER_ERROR_RETRY_SECONDS,
      code: 'invalid_response',
      reason: `Lark/Feishu answered HTTP ${status} without a JSON code (${detail}), so delivery is not confirmed`,
      httpStatus: status,
    };
  }
  if (status === 404) {
    return {
      kind: 'permanent',
      code,
      reason: `Lark/Feishu answered HTTP 404 (${detail}): wrong path or method; check the base URL`,
      httpStatus: status,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'permanent',
      code,
      reason: `Lark/Feishu answered with a redirect (HTTP ${status}): check the base URL`,
      httpStatus: status,
    };
  }
  return {
    kind: 'permanent',
    code,
    reason: `Lark/Feishu answered HTTP ${status} (${detail})`,
    httpStatus: status,
  };
}

// ---------------------------------------------------------------------------------------------------
// Custom bot webhook (§3.1)
// ---------------------------------------------------------------------------------------------------

const BOT_PERMANENT: ReadonlyMap<number, string> = new Map([
  [
    19021,
    "signature rejected (19021): check the bot's signing secret in the group's bot settings, and that this server's clock is within 1 hour of Lark's (NTP); every send is signed afresh",
  ],
  [
    19024,
    "the message lacks the bot's keywords (19024): put one of the keywords from the bot's security settings into the message, or remove the keyword setting",
  ],
  [
    19022,
    "this server's IP address is not in the bot's IP allow-list (19022): add it in the bot's security settings",
  ],
  [
    19001,
    'the webhook is unknown to Lark/Feishu (19001 incoming webhook access token invalid): the bot was removed or the URL is wrong; copy the webhook URL again from the group settings',
  ],
  [9499, `Lark/Feishu could not accept the message body (9499 Bad Request): malformed, or larger than 20 KB`],
]);

/** Classifies the answer of `POST /open-apis/bot/v2/hook/<id>`. */
export function classifyLarkBotResponse(response: LarkResponse): DeliveryOutcome {
  const body = parseLarkBody(response.contentType, response.bodyText);
  if (!body) return classifyHttpStatus(response);
  if (body.code === 0) return { kind: 'delivered', httpStatus: response.status };
  const code = String(body.code);
  if (body.code === 11232) {
    const retryAfterSeconds = larkRetryAfter(response.rateLimitReset, LARK_BOT_THROTTLE_RETRY_SECONDS);
    return {
      kind: 'retry',
      retryAfterSeconds,
      code,
      reason: `bot rate-limited by Lark/Feishu (11232): more than ${LARK_LIMITS.botMessagesPerMinute}/min or ${LARK_LIMITS.botMessagesPerSecond}/s, or a burst at :00/:30; retry after ${retryAfterSeconds} s`,
      httpStatus: response.status,
    };
  }
  const generic = classifyGeneric(body, response);
  if (generic) return generic;
  const known = BOT_PERMANENT.get(body.code);
  if (known) return { kind: 'permanent', code, reason: known, httpStatus: response.status };
  return {
    kind: 'permanent',
    code,
    reason: `Lark/Feishu rejected the bot message (code ${body.code}: ${body.msg || 'no msg'})`,
    httpStatus: response.status,
  };
}

// ---------------------------------------------------------------------------------------------------
// App APIs (§3.2–3.5)
// ---------------------------------------------------------------------------------------------------

/** im/v1/messages permanent codes, with a reason a person can act on (§3.4). */
const SEND_PERMANENT: ReadonlyMap<number, string> = new Map([
  [230001, 'Lark/Feishu rejected a request parameter (230001): the message is malformed'],
  [230002, 'the bot is not in the target group (230002): add the bot to the group'],
  [
    230006,
    "the app's bot ability is off (230006): enable the bot feature in the developer console and publish a version",
  ],
  [
    230013,
    "the user is outside the app's availability (230013): add them to the app's availability range in the admin console",
  ],
  [230025, 'the message is too long for Lark/Feishu (230025)'],
  [230029, 'the user left the company (230029, resigned): update the recipient'],
  [
    230034,
    'the receive_id is invalid (230034): the open_id does not belong to this app; look the user up again',
  ],
  [
    230053,
    'the user stopped the bot (230053): they must re-enable the bot in Lark/Feishu to receive notifications',
  ],
  [232009, 'the group was dissolved (232009): choose another group'],
  [230099, 'Lark/Feishu could not build the card (230099): the card JSON is invalid'],
]);

/** Classifies the answer of `POST /open-apis/im/v1/messages`; delivered carries `data.message_id`. */
export function classifyLarkSendResponse(response: LarkResponse): DeliveryOutcome {
  const body = parseLarkBody(response.contentType, response.bodyText);
  if (!body) return classifyHttpStatus(response);
  if (body.code === 0) {
    const messageId = (body.data as { message_id?: unknown } | undefined)?.message_id;
    return {
      kind: 'delivered',
      httpStatus: response.status,
      ...(typeof messageId === 'string' && { providerMessageId: messageId }),
    };
  }
  const code = String(body.code);
  if (body.code === 230020) {
    return rateLimited(
      response,
      code,
      'Lark/Feishu frequency limit (230020): more than 5 messages a second to this user',
      LARK_USER_RATE_RETRY_SECONDS,
    );
  }
  const generic = classifyGeneric(body, response);
  if (generic) return generic;
  const known = SEND_PERMANENT.get(body.code);
  if (known) {
    return {
      kind: 'permanent',
      code,
      reason: body.code === 230099 && body.msg ? `${known} (${body.msg})` : known,
      httpStatus: response.status,
    };
  }
  return classifyOtherCode(body, response, 'the message');
}

function classifyOtherCode(body: LarkBody, response: LarkResponse, what: string): Failure {
  if (response.status >= 500) {
    return {
      kind: 'retry',
      retryAfterSeconds: LARK_SERVER_ERROR_RETRY_SECONDS,
      code: String(body.code),
      reason: `Lark/Feishu failed on ${what} with HTTP ${response.status} (code ${body.code}: ${body.msg || 'no msg'})`,
      httpStatus: response.status,
    };
  }
  return {
    kind: 'permanent',
    code: String(body.code),
    reason: `Lark/Feishu rejected ${what} (code ${body.code}: ${body.msg || 'no msg'})`,
    httpStatus: response.status,
  };
}

/** Classifies `POST /open-apis/auth/v3/tenant_access_token/internal` (§3.2) for the TokenCache. */
export function classifyLarkTokenResponse(response: LarkResponse): TokenFetch {
  const body = parseLarkBody(response.contentType, response.bodyText);
  if (!body) return { ok: false, outcome: classifyHttpStatus(response) };
  if (body.code === 0) {
    const { tenant_access_token: token, expire } = body.raw;
    if (typeof token === 'string' && token !== '' && typeof expire === 'number' && expire > 0) {
      return { ok: true, token, expiresInSeconds: expire };
    }
    return {
      ok: false,
      outcome: {
        kind: 'retry',
        retryAfterSeconds: LARK_SERVER_ERROR_RETRY_SECONDS,
        code: 'invalid_response',
        reason: 'Lark/Feishu answered code 0 without tenant_access_token/expire',
        httpStatus: response.status,
      },
    };
  }
  if (body.code === 10003) {
    return {
      ok: false,
      outcome: {
        kind: 'permanent',
        code: '10003',
        reason: "Lark/Feishu rejected the app credentials (10003): check the app's App ID and App Secret",
        httpStatus: response.status,
      },
    };
  }
  const generic = classifyGeneric(body, response);
  if (generic && generic.kind !== 'reauthenticate') return { ok: false, outcome: generic };
  return { ok: false, outcome: classifyOtherCode(body, response, 'the token request') };
}

/** Classifies `POST /open-apis/contact/v3/users/batch_get_id`: the `data` on success, else a failure. */
export function classifyLarkLookupResponse(
  response: LarkResponse,
): { ok: true; data: unknown } | { ok: false; outcome: Failure } {
  const body = parseLarkBody(response.contentType, response.bodyText);
  if (!body) return { ok: false, outcome: classifyHttpStatus(response) };
  if (body.code === 0) return { ok: true, data: body.data };
  const generic = classifyGeneric(body, response);
  if (generic) return { ok: false, outcome: generic };
  return { ok: false, outcome: classifyOtherCode(body, response, 'the user lookup') };
}
