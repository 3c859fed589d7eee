import type { DeliveryOutcome } from '../outcome.ts';
import { WECOM_LIMITS } from './message.ts';

/**
 * Pure classifiers of WeCom answers. Business failures come back as HTTP 200 with a non-zero `errcode`,
 * so a 2xx is never success without reading `errcode`.
 * Errcodes: /work/shared/reference/providers.md §4.3 ([MIRROR] go-workwx `errcodes/mod.go`, generated from
 * https://developer.work.weixin.qq.com/document/path/90313).
 */

/** 45009 frequency / 45033 concurrency: minute-level blocks lift after about a minute. */
export const WECOM_THROTTLE_RETRY_SECONDS = 60;
/** errcode -1 "system busy" (the vendor says retry up to 3 times). The delay is Tidings policy. */
export const WECOM_BUSY_RETRY_SECONDS = 5;
/** HTTP 5xx / unreadable answers. Tidings policy, not a vendor number. */
export const WECOM_SERVER_ERROR_RETRY_SECONDS = 30;
/** Token errors: 40014 invalid (an early-expired token can yield it too), 42001 expired, 41001 missing. */
export const WECOM_TOKEN_ERRCODES: readonly number[] = [40014, 42001, 41001];
/**
 * Robot rate-limit errcode: UNVERIFIED. The reference only says 45009 is commonly reported, so 45009 is
 * treated as "retry after a minute" for robots too.
 */
export const WECOM_ROBOT_THROTTLE_ERRCODES: readonly number[] = [45009];

export type WeComBody = { errcode: number; errmsg: string; raw: Record<string, unknown> };

type NotDelivered = Exclude<DeliveryOutcome, { kind: 'delivered' }>;

/** Parses `{errcode, errmsg, ...}`; undefined when the body is not JSON with an integer errcode. */
export function parseWeComBody(bodyText: string): WeComBody | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const { errcode, errmsg } = raw;
  const numeric =
    typeof errcode === 'number'
      ? errcode
      : typeof errcode === 'string' && /^-?\d+$/.test(errcode)
        ? Number(errcode)
        : Number.NaN;
  if (!Number.isInteger(numeric)) return undefined;
  return { errcode: numeric, errmsg: typeof errmsg === 'string' ? errmsg : '', raw };
}

/** The `from ip:` value of a 60020 errmsg (`..., from ip: 1.2.3.4, more info at ...`). */
export function fromIpOf(errmsg: string): string | undefined {
  return /from ip:\s*([0-9A-Fa-f.:]+[0-9A-Fa-f])/.exec(errmsg)?.[1];
}

/**
 * A non-zero errcode as an outcome. Shared by token fetch, app message, lookups and robot; callers handle
 * their own specials first (81013, 93000).
 */
export function classifyWeComErrcode(body: WeComBody, httpStatus: number): NotDelivered {
  const { errcode, errmsg } = body;
  const code = String(errcode);
  const detail = `errcode ${errcode}: ${errmsg || 'no errmsg'}`;
  if (errcode === -1) {
    return {
      kind: 'retry',
      retryAfterSeconds: WECOM_BUSY_RETRY_SECONDS,
      code,
      reason: 'WeCom is busy (errcode -1); retry shortly',
      httpStatus,
    };
  }
  if (errcode === 45009 || errcode === 45033) {
    return {
      kind: 'retry',
      retryAfterSeconds: WECOM_THROTTLE_RETRY_SECONDS,
      code,
      reason:
        errcode === 45009
          ? 'WeCom frequency limit exceeded (45009); minute-level blocks lift after about a minute'
          : 'WeCom concurrency limit exceeded (45033); retry in about a minute',
      httpStatus,
    };
  }
  if (errcode === 40014 || errcode === 42001) {
    return {
      kind: 'reauthenticate',
      code,
      reason: `WeCom rejected the access token (${detail}); WeCom may expire tokens early, fetch a new one`,
      httpStatus,
    };
  }
  if (errcode === 41001) {
    return {
      kind: 'reauthenticate',
      code,
      reason:
        'WeCom says the access token is missing (41001): it must be in the access_token query parameter',
      httpStatus,
    };
  }
  if (errcode === 60020) {
    const ip = fromIpOf(errmsg);
    return {
      kind: 'permanent',
      code,
      reason: `WeCom refused this server's IP address${ip ? ` (${ip})` : ''}: add it to the app's trusted IPs (企业可信IP) in the WeCom admin console; it takes effect after about a minute. Not retried.`,
      httpStatus,
    };
  }
  if (errcode === 48002) {
    return {
      kind: 'permanent',
      code,
      reason: `WeCom forbids this API for the app (48002): grant the app the permission in the admin console (${errmsg || 'no errmsg'})`,
      httpStatus,
    };
  }
  if (errcode === 40001 || errcode === 40013) {
    return {
      kind: 'permanent',
      code,
      reason: `WeCom rejected the app credentials (${detail}): check corpId and corpSecret. Repeated wrong secrets get this server's IP banned for 1 hour, so this is not retried.`,
      httpStatus,
    };
  }
  if (errcode === 40003 || errcode === 40031 || errcode === 40032) {
    return {
      kind: 'permanent',
      code,
      reason: `WeCom rejected the recipient list (${detail})`,
      httpStatus,
    };
  }
  return { kind: 'permanent', code, reason: `WeCom rejected the request (${detail})`, httpStatus };
}

/** HTTP-level failures and 2xx bodies without an errcode. */
export function classifyWeComHttp(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): NotDelivered {
  const detail = describeBody(contentType, bodyText);
  const is2xx = httpStatus >= 200 && httpStatus < 300;
  if (is2xx) {
    return {
      kind: 'retry',
      retryAfterSeconds: WECOM_SERVER_ERROR_RETRY_SECONDS,
      code: 'invalid_response',
      reason: `WeCom answered HTTP ${httpStatus} without an errcode (${detail}), so delivery is not confirmed`,
      httpStatus,
    };
  }
  const code = `http_${httpStatus}`;
  if (httpStatus >= 500 || httpStatus === 408 || httpStatus === 429) {
    return {
      kind: 'retry',
      retryAfterSeconds: httpStatus === 429 ? WECOM_THROTTLE_RETRY_SECONDS : WECOM_SERVER_ERROR_RETRY_SECONDS,
      code,
      reason: `WeCom answered HTTP ${httpStatus} (${detail}); a temporary failure`,
      httpStatus,
    };
  }
  return { kind: 'permanent', code, reason: `WeCom answered HTTP ${httpStatus} (${detail})`, httpStatus };
}

/** A plain answer (robot send, token fetch): errcode 0 is delivered. */
export function classifyWeComResponse(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): DeliveryOutcome {
  const body = parseWeComBody(bodyText);
  if (!body) return classifyWeComHttp(httpStatus, contentType, bodyText);
  if (body.errcode !== 0) return classifyWeComErrcode(body, httpStatus);
  if (httpStatus < 200 || httpStatus >= 300) return classifyWeComHttp(httpStatus, contentType, bodyText);
  return { kind: 'delivered', httpStatus };
}

/** `POST /cgi-bin/webhook/send`: 93000 means the key is wrong or the robot was removed from its group. */
export function classifyWeComRobotResponse(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): DeliveryOutcome {
  const body = parseWeComBody(bodyText);
  if (body?.errcode === 93000) {
    return {
      kind: 'permanent',
      code: '93000',
      reason:
        'WeCom says the robot webhook URL is invalid or the robot was removed from its group (93000): add a robot again and update its webhook URL',
      httpStatus,
    };
  }
  if (body && WECOM_ROBOT_THROTTLE_ERRCODES.includes(body.errcode)) {
    return {
      kind: 'retry',
      retryAfterSeconds: WECOM_THROTTLE_RETRY_SECONDS,
      code: String(body.errcode),
      reason: `robot throttled by WeCom: more than ${WECOM_LIMITS.robotMessagesPerMinute} messages a minute (errcode ${body.errcode}; the exact robot rate-limit errcode is unverified)`,
      httpStatus,
    };
  }
  return classifyWeComResponse(httpStatus, contentType, bodyText);
}

export type WeComRecipientOutcome = { userid: string; outcome: DeliveryOutcome };

export type WeComAppSendClassification = {
  /** The batch as a whole: delivered when WeCom accepted it (even if some recipients were invalid). */
  outcome: DeliveryOutcome;
  /** One per requested userid, in request order. */
  recipients: WeComRecipientOutcome[];
};

/**
 * `POST /cgi-bin/message/send` for one batch. WeCom accepts a batch in which some recipients are invalid and
 * lists them, lower-cased, in `invaliduser` ("a|b"); everyone else was delivered to. All invalid is 81013.
 * `unlicenseduser` is UNVERIFIED and not interpreted.
 */
export function classifyWeComAppSendResponse(
  touser: readonly string[],
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): WeComAppSendClassification {
  const body = parseWeComBody(bodyText);
  const all = (outcome: DeliveryOutcome): WeComAppSendClassification => ({
    outcome,
    recipients: touser.map((userid) => ({ userid, outcome })),
  });
  if (!body) return all(classifyWeComHttp(httpStatus, contentType, bodyText));
  if (body.errcode === 81013) {
    return all({
      kind: 'permanent',
      code: '81013',
      reason:
        'none of the recipients is a member visible to the app (81013): check the userids and the app’s visible range',
      httpStatus,
    });
  }
  if (body.errcode !== 0) return all(classifyWeComErrcode(body, httpStatus));
  if (httpStatus < 200 || httpStatus >= 300) return all(classifyWeComHttp(httpStatus, contentType, bodyText));

  const msgid = typeof body.raw.msgid === 'string' && body.raw.msgid !== '' ? body.raw.msgid : undefined;
  const delivered: DeliveryOutcome = {
    kind: 'delivered',
    httpStatus,
    ...(msgid !== undefined && { providerMessageId: msgid }),
  };
  const invalid = new Set(
    (typeof body.raw.invaliduser === 'string' ? body.raw.invaliduser : '')
      .split('|')
      .map((userid) => userid.trim().toLowerCase())
      .filter((userid) => userid !== ''),
  );
  return {
    outcome: delivered,
    recipients: touser.map((userid) => ({
      userid,
      outcome: invalid.has(userid.toLowerCase())
        ? {
            kind: 'permanent',
            code: 'invaliduser',
            reason: `${userid} is not a member visible to the app: check the userid and the app’s visible range`,
            httpStatus,
          }
        : delivered,
    })),
  };
}

function describeBody(contentType: string | null, bodyText: string): string {
  const snippet = bodyText.trim().replace(/\s+/g, ' ').slice(0, 120);
  const type = contentType ?? 'no content type';
  return snippet ? `${type}: ${snippet}` : `${type}, empty body`;
}
