import type { DeliveryOutcome } from '../outcome.ts';
import type { TokenFetch } from '../token-cache.ts';

/**
 * Pure classifiers for a DingTalk enterprise internal app (reference §0, §2). Two error shapes:
 * - legacy `oapi.dingtalk.com`: HTTP 200 + non-zero `errcode` (88 means "read `sub_code`");
 * - new `api.dingtalk.com` v1.0: HTTP 4xx + string `code` (`InvalidAuthentication`, `invalidParameter.*`…).
 * A 2xx is never success on its own: the body is read first; an unreadable body is a `retry`.
 */

export type DingTalkAppFailure = Exclude<DeliveryOutcome, { kind: 'delivered' }>;

/** errcode -1 "system busy" (retry ≤3). The delay is Tidings policy. */
export const DINGTALK_APP_BUSY_RETRY_SECONDS = 5;
/** HTTP 5xx / 429 / unreadable answers. Tidings policy, not a vendor number. */
export const DINGTALK_APP_SERVER_ERROR_RETRY_SECONDS = 30;
/** A user in `flowControlledStaffIdList`: wait for the next minute. Tidings policy; the vendor window is UNVERIFIED. */
export const DINGTALK_APP_FLOW_CONTROL_RETRY_SECONDS = 60;

/** Legacy invalid/expired token: errcode 88 with sub_code 40014 (older APIs answer errcode 40014 directly). */
const INVALID_TOKEN_SUB_CODE = '40014';

/** Legacy errcodes with a specific, actionable reason. Reference §2.1, §2.2. */
const LEGACY_PERMANENT_REASONS: ReadonlyMap<number, string> = new Map([
  [60121, 'no DingTalk user with this mobile number in the organisation (or the user has resigned)'],
  [40104, 'DingTalk rejected the mobile number as malformed'],
  [400002, 'DingTalk rejected a request parameter'],
  [
    40096,
    "DingTalk rejected the app's credentials: check the AppKey (Client ID) and AppSecret (Client Secret)",
  ],
]);

type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(bodyText: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(bodyText) };
  } catch {
    return { ok: false };
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function describeBody(contentType: string | null, bodyText: string): string {
  const snippet = bodyText.trim().replace(/\s+/g, ' ').slice(0, 120);
  const type = contentType ?? 'no content type';
  return snippet ? `${type}: ${snippet}` : `${type}, empty body`;
}

function unreadable(httpStatus: number, contentType: string | null, bodyText: string): DingTalkAppFailure {
  return {
    kind: 'retry',
    retryAfterSeconds: DINGTALK_APP_SERVER_ERROR_RETRY_SECONDS,
    code: 'invalid_response',
    reason: `DingTalk answered HTTP ${httpStatus} with an unreadable body (${describeBody(contentType, bodyText)}), so the outcome is unknown`,
    httpStatus,
  };
}

/** Non-2xx answers without a vendor error body: gateways, outages, wrong base URLs. */
function classifyHttpStatus(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): DingTalkAppFailure {
  const code = `http_${httpStatus}`;
  const detail = describeBody(contentType, bodyText);
  if (httpStatus >= 500 || httpStatus === 408 || httpStatus === 429) {
    return {
      kind: 'retry',
      retryAfterSeconds: DINGTALK_APP_SERVER_ERROR_RETRY_SECONDS,
      code,
      reason: `DingTalk answered HTTP ${httpStatus} (${detail}); a temporary failure`,
      httpStatus,
    };
  }
  if (httpStatus === 404) {
    return {
      kind: 'permanent',
      code,
      reason: `DingTalk answered HTTP 404 (${detail}): check the DingTalk base URL`,
      httpStatus,
    };
  }
  return { kind: 'permanent', code, reason: `DingTalk answered HTTP ${httpStatus} (${detail})`, httpStatus };
}

export type OapiResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; outcome: DingTalkAppFailure };

/** Classifies a legacy `oapi.dingtalk.com` answer: `errcode: 0` → the body; anything else → a failure. */
export function classifyOapiResponse(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): OapiResult {
  const parsed = parseJson(bodyText);
  const body = parsed.ok ? asRecord(parsed.value) : undefined;
  const errcode = body ? numericErrcode(body.errcode) : undefined;
  if (body && errcode !== undefined) {
    if (errcode === 0) {
      if (httpStatus >= 200 && httpStatus < 300) return { ok: true, body };
      return { ok: false, outcome: classifyHttpStatus(httpStatus, contentType, bodyText) };
    }
    const errmsg = typeof body.errmsg === 'string' ? body.errmsg : '';
    const subCode = body.sub_code === undefined || body.sub_code === null ? undefined : String(body.sub_code);
    return { ok: false, outcome: classifyOapiErrcode(errcode, errmsg, subCode, httpStatus) };
  }
  if (httpStatus >= 200 && httpStatus < 300)
    return { ok: false, outcome: unreadable(httpStatus, contentType, bodyText) };
  return { ok: false, outcome: classifyHttpStatus(httpStatus, contentType, bodyText) };
}

function numericErrcode(errcode: unknown): number | undefined {
  if (typeof errcode === 'number' && Number.isInteger(errcode)) return errcode;
  if (typeof errcode === 'string' && /^-?\d+$/.test(errcode)) return Number(errcode);
  return undefined;
}

/** A legacy non-zero errcode. Unknown codes are permanent: far more likely a request problem than a transient one. */
export function classifyOapiErrcode(
  errcode: number,
  errmsg: string,
  subCode: string | undefined,
  httpStatus: number,
): DingTalkAppFailure {
  const code = String(errcode);
  if (errcode === -1) {
    return {
      kind: 'retry',
      retryAfterSeconds: DINGTALK_APP_BUSY_RETRY_SECONDS,
      code,
      reason: 'DingTalk is busy (errcode -1); retry shortly',
      httpStatus,
    };
  }
  if ((errcode === 88 && subCode === INVALID_TOKEN_SUB_CODE) || errcode === 40014) {
    return {
      kind: 'reauthenticate',
      code: errcode === 88 ? `88/${INVALID_TOKEN_SUB_CODE}` : code,
      reason: 'DingTalk rejected the access token as invalid or expired; fetch a new one',
      httpStatus,
    };
  }
  if (errcode === 88) {
    return {
      kind: 'permanent',
      code: subCode === undefined ? code : `88/${subCode}`,
      reason: `DingTalk rejected the request (errcode 88, sub_code ${subCode ?? 'missing'}: ${errmsg || 'no errmsg'})`,
      httpStatus,
    };
  }
  const known = LEGACY_PERMANENT_REASONS.get(errcode);
  return {
    kind: 'permanent',
    code,
    reason: known
      ? `${known}${errmsg ? ` (${errmsg})` : ''}`
      : `DingTalk rejected the request (errcode ${errcode}: ${errmsg || 'no errmsg'})`,
    httpStatus,
  };
}

export type ApiResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; outcome: DingTalkAppFailure };

/** Classifies a new `api.dingtalk.com` v1.0 answer: 2xx + JSON object → the body; 4xx + `code` → a failure. */
export function classifyApiResponse(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): ApiResult {
  const parsed = parseJson(bodyText);
  const body = parsed.ok ? asRecord(parsed.value) : undefined;
  if (httpStatus >= 200 && httpStatus < 300) {
    return body ? { ok: true, body } : { ok: false, outcome: unreadable(httpStatus, contentType, bodyText) };
  }
  const code = typeof body?.code === 'string' ? body.code : undefined;
  if (code === undefined)
    return { ok: false, outcome: classifyHttpStatus(httpStatus, contentType, bodyText) };
  const message = typeof body?.message === 'string' ? body.message : '';
  return { ok: false, outcome: classifyApiErrorCode(code, message, httpStatus) };
}

/** A v1.0 error `code`. Reference §2.1 and §2.4. */
export function classifyApiErrorCode(code: string, message: string, httpStatus: number): DingTalkAppFailure {
  const detail = message ? ` (${message})` : '';
  if (code === 'InvalidAuthentication') {
    return {
      kind: 'reauthenticate',
      code,
      reason: `DingTalk rejected the access token as invalid or expired${detail}; fetch a new one`,
      httpStatus,
    };
  }
  if (code === 'invalidClientIdOrSecret') {
    return {
      kind: 'permanent',
      code,
      reason: `DingTalk rejected the app's credentials${detail}: check the Client ID (AppKey) and Client Secret (AppSecret) of the enterprise internal app`,
      httpStatus,
    };
  }
  if (code.startsWith('AuthenticationFailed.MissingParameter')) {
    return {
      kind: 'permanent',
      code,
      reason: `DingTalk found no access token${detail}: new APIs take it only in the x-acs-dingtalk-access-token header (a Tidings bug)`,
      httpStatus,
    };
  }
  if (code === 'invalidParameter.robotCode.auth') {
    return {
      kind: 'permanent',
      code,
      reason: `the app does not own this robot${detail}: check the robotCode (it must belong to the same Client ID)`,
      httpStatus,
    };
  }
  if (code === 'invalidParameter.userIds.overMax') {
    return {
      kind: 'permanent',
      code,
      reason: `too many userIds in one call${detail}: at most 20`,
      httpStatus,
    };
  }
  if (code.startsWith('invalidParameter.')) {
    return {
      kind: 'permanent',
      code,
      reason: `DingTalk rejected a request parameter: ${code}${detail}`,
      httpStatus,
    };
  }
  if (httpStatus >= 500 || httpStatus === 429) {
    return {
      kind: 'retry',
      retryAfterSeconds: DINGTALK_APP_SERVER_ERROR_RETRY_SECONDS,
      code,
      reason: `DingTalk answered HTTP ${httpStatus} ${code}${detail}; a temporary failure`,
      httpStatus,
    };
  }
  return {
    kind: 'permanent',
    code,
    reason: `DingTalk rejected the request: HTTP ${httpStatus} ${code}${detail}`,
    httpStatus,
  };
}

/** `POST /v1.0/oauth2/accessToken` → `{accessToken, expireIn}`. */
export function classifyAccessTokenResponse(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): TokenFetch {
  const result = classifyApiResponse(httpStatus, contentType, bodyText);
  if (!result.ok) {
    // A token call is never "reauthenticate": that would loop on fetching the token.
    const outcome: DingTalkAppFailure =
      result.outcome.kind === 'reauthenticate' ? { ...result.outcome, kind: 'permanent' } : result.outcome;
    return { ok: false, outcome };
  }
  const { accessToken, expireIn } = result.body;
  const lifetime =
    typeof expireIn === 'number' ? expireIn : typeof expireIn === 'string' ? Number(expireIn) : NaN;
  if (typeof accessToken !== 'string' || accessToken === '' || !Number.isFinite(lifetime) || lifetime <= 0) {
    return { ok: false, outcome: unreadable(httpStatus, contentType, bodyText) };
  }
  return { ok: true, token: accessToken, expiresInSeconds: lifetime };
}

export type DingTalkUserLookup =
  | { kind: 'found'; userid: string }
  /** 60121: nobody in the organisation has this number (resigned users are not found either). */
  | { kind: 'not-found'; reason: string }
  | { kind: 'error'; outcome: DingTalkAppFailure };

/** `topapi/v2/user/getbymobile` → `{errcode:0, result:{userid}}` / 60121 / other failures. */
export function classifyGetUserByMobileResponse(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): DingTalkUserLookup {
  const result = classifyOapiResponse(httpStatus, contentType, bodyText);
  if (!result.ok) {
    if (result.outcome.code === '60121') return { kind: 'not-found', reason: result.outcome.reason };
    return { kind: 'error', outcome: result.outcome };
  }
  const userid = asRecord(result.body.result)?.userid;
  if (typeof userid !== 'string' || userid === '') {
    return { kind: 'error', outcome: unreadable(httpStatus, contentType, bodyText) };
  }
  return { kind: 'found', userid };
}

/**
 * `asyncsend_v2` → `{errcode:0, task_id}`: delivered with `providerMessageId` = task_id. "Delivered" means
 * accepted: DingTalk sends asynchronously and answers success even when throttled or deduplicated.
 */
export function classifyWorkNotificationResponse(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): DeliveryOutcome {
  const result = classifyOapiResponse(httpStatus, contentType, bodyText);
  if (!result.ok) return result.outcome;
  const taskId = result.body.task_id;
  if (typeof taskId !== 'number' && (typeof taskId !== 'string' || taskId === '')) {
    return unreadable(httpStatus, contentType, bodyText);
  }
  return { kind: 'delivered', httpStatus, providerMessageId: String(taskId) };
}

export type DingTalkRecipientOutcome = { userId: string; outcome: DeliveryOutcome };

export type RobotBatchResult =
  | { ok: true; recipients: DingTalkRecipientOutcome[] }
  | { ok: false; outcome: DingTalkAppFailure };

/**
 * `oToMessages/batchSend` → `{processQueryKey, invalidStaffIdList, flowControlledStaffIdList, filteredStaffIdList?}`,
 * turned into one outcome per user of `userIds`:
 * - in `invalidStaffIdList` → permanent (not in the organisation, or resigned);
 * - in `flowControlledStaffIdList` → retry after a minute;
 * - in `filteredStaffIdList` → permanent (the meaning of this newer list is UNVERIFIED; not retried so it cannot loop);
 * - otherwise → delivered with `providerMessageId` = processQueryKey.
 */
export function classifyRobotBatchResponse(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
  userIds: readonly string[],
): RobotBatchResult {
  const result = classifyApiResponse(httpStatus, contentType, bodyText);
  if (!result.ok) return result;
  const { processQueryKey } = result.body;
  if (typeof processQueryKey !== 'string' || processQueryKey === '') {
    return { ok: false, outcome: unreadable(httpStatus, contentType, bodyText) };
  }
  const invalid = stringSet(result.body.invalidStaffIdList);
  const flowControlled = stringSet(result.body.flowControlledStaffIdList);
  const filtered = stringSet(result.body.filteredStaffIdList);
  const recipients = userIds.map((userId): DingTalkRecipientOutcome => {
    if (invalid.has(userId)) {
      return {
        userId,
        outcome: {
          kind: 'permanent',
          code: 'invalidStaffId',
          reason: `DingTalk user ${userId} is not in the organisation or has resigned`,
          httpStatus,
        },
      };
    }
    if (flowControlled.has(userId)) {
      return {
        userId,
        outcome: {
          kind: 'retry',
          retryAfterSeconds: DINGTALK_APP_FLOW_CONTROL_RETRY_SECONDS,
          code: 'flowControlledStaffId',
          reason: `DingTalk flow-controlled robot messages to user ${userId}; retry later`,
          httpStatus,
        },
      };
    }
    if (filtered.has(userId)) {
      return {
        userId,
        outcome: {
          kind: 'permanent',
          code: 'filteredStaffId',
          reason: `DingTalk filtered the robot message to user ${userId} (filteredStaffIdList)`,
          httpStatus,
        },
      };
    }
    return { userId, outcome: { kind: 'delivered', httpStatus, providerMessageId: processQueryKey } };
  });
  return { ok: true, recipients };
}

function stringSet(value: unknown): Set<string> {
  return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
}
