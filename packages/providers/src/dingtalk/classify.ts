import type { DeliveryOutcome } from '../outcome.ts';
import { DINGTALK_ROBOT_LIMITS } from './robot.ts';

/** Retry delay for a throttled robot: it stays throttled for 10 minutes. */
export const DINGTALK_ROBOT_THROTTLE_RETRY_SECONDS = DINGTALK_ROBOT_LIMITS.throttleSeconds;
/** errcode -1 means "system busy" (retry a few times). The delay is Tidings policy, not a vendor number. */
export const DINGTALK_ROBOT_BUSY_RETRY_SECONDS = 5;
/** HTTP 5xx / unreadable answers: a short, transient failure. Tidings policy, not a vendor number. */
export const DINGTALK_ROBOT_SERVER_ERROR_RETRY_SECONDS = 30;

/**
 * Rate-limit errcodes: 130101 `send too fast, exceed 20 times per minute` (historical), 410100
 * `发送速度太快而限流`, 660026 `sending too many messages per minute` (third-party live probe).
 */
export const DINGTALK_ROBOT_THROTTLE_ERRCODES: readonly number[] = [130101, 410100, 660026];

/**
 * Permanent errcodes with a specific reason. Codes 4000xx/4301xx come from the error table of
 * https://open.dingtalk.com/document/orgapp/custom-robots-send-group-messages (as mirrored by
 * several independent repos; one C# repo has them shifted by +1).
 */
const PERMANENT_REASONS: ReadonlyMap<number, string> = new Map([
  [300001, 'robot access token does not exist: check the webhook URL, or the robot was removed'],
  [
    300005,
    'robot access token does not exist: check the webhook URL (DingTalk also answers this for robots of external groups)',
  ],
  [400013, "the robot's group was disbanded: configure a robot in another group"],
  [400101, 'robot access token not found: check the webhook URL, or the robot was removed'],
  [400102, 'the robot is disabled: re-enable it in the group settings'],
  [400105, 'DingTalk does not support this message type for group robots'],
  [400106, 'the robot is no longer in the group: add it back or configure another robot'],
  [430101, 'DingTalk blocked the message because it contains an unsafe link'],
  [430102, 'DingTalk blocked the message because its text is inappropriate'],
  [430103, 'DingTalk blocked the message because an image is inappropriate'],
  [430104, 'DingTalk blocked the message because its content is inappropriate'],
  // Not in the reference table; seen in public issue threads (e.g. ccfos/nightingale#2704).
  [40035, 'DingTalk could not read the request body as JSON (missing parameter json)'],
]);

type ErrBody = { errcode: number; errmsg: string };

/**
 * Classifies the answer of `POST /robot/send`. Business failures come back as HTTP 200 with a
 * non-zero `errcode`, so a 2xx is never trusted without reading `errcode`.
 */
export function classifyDingTalkRobotResponse(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): DeliveryOutcome {
  const body = parseErrBody(bodyText);
  if (body && body.errcode !== 0) return classifyErrcode(body, httpStatus);

  const is2xx = httpStatus >= 200 && httpStatus < 300;
  if (is2xx && body) return { kind: 'delivered', httpStatus };
  if (is2xx) {
    return {
      kind: 'retry',
      retryAfterSeconds: DINGTALK_ROBOT_SERVER_ERROR_RETRY_SECONDS,
      code: 'invalid_response',
      reason: `DingTalk answered HTTP ${httpStatus} without an errcode (${describeBody(contentType, bodyText)}), so delivery is not confirmed`,
      httpStatus,
    };
  }
  return classifyHttpStatus(httpStatus, contentType, bodyText);
}

function classifyErrcode({ errcode, errmsg }: ErrBody, httpStatus: number): DeliveryOutcome {
  const code = String(errcode);
  if (errcode === -1) {
    return {
      kind: 'retry',
      retryAfterSeconds: DINGTALK_ROBOT_BUSY_RETRY_SECONDS,
      code,
      reason: 'DingTalk is busy (errcode -1); retry shortly',
      httpStatus,
    };
  }
  if (DINGTALK_ROBOT_THROTTLE_ERRCODES.includes(errcode)) {
    return {
      kind: 'retry',
      retryAfterSeconds: DINGTALK_ROBOT_THROTTLE_RETRY_SECONDS,
      code,
      reason: `robot throttled by DingTalk: more than ${DINGTALK_ROBOT_LIMITS.messagesPerMinute} messages a minute; it accepts messages again after 10 minutes`,
      httpStatus,
    };
  }
  if (errcode === 310000) {
    return { kind: 'permanent', code, reason: securityCheckReason(errmsg), httpStatus };
  }
  const known = PERMANENT_REASONS.get(errcode);
  if (known) return { kind: 'permanent', code, reason: known, httpStatus };
  if (errcode >= 430100 && errcode <= 430199) {
    return {
      kind: 'permanent',
      code,
      reason: `DingTalk's content check rejected the message: ${errmsg}`,
      httpStatus,
    };
  }
  if (/too long|exceed \d+ bytes/i.test(errmsg)) {
    return { kind: 'permanent', code, reason: `the message is too long for DingTalk: ${errmsg}`, httpStatus };
  }
  if (errcode === 400402) {
    return {
      kind: 'permanent',
      code,
      reason: `a message field is missing or malformed: ${errmsg}`,
      httpStatus,
    };
  }
  // Unknown codes: DingTalk's policy is not to retry 3000xx/4000xx, and an unknown code is far more
  // likely a request problem than a transient one, so do not loop on it.
  return {
    kind: 'permanent',
    code,
    reason: `DingTalk rejected the message (errcode ${errcode}: ${errmsg || 'no errmsg'})`,
    httpStatus,
  };
}

/**
 * 310000 means a robot security check failed; only errmsg says which. Classic errmsgs are
 * `keywords not in content`, `sign not match`, `invalid timestamp`, `ip X not in whitelist`
 * (sometimes followed by `, more: [url]`); newer ones read `description:机器人发送签名不匹配;solution:...`.
 * https://help.dingtalk.io/open/dingstart/customize-robot-security-settings
 */
function securityCheckReason(errmsg: string): string {
  // In the newer form only the description names the failed check; the solution text may mention
  // other things (a sign-mismatch solution can talk about timestamps), so it is not matched.
  const description = /description:([^;]*)/i.exec(errmsg)?.[1];
  const text = (description ?? errmsg).toLowerCase();
  if (text.includes('keyword') || text.includes('关键词') || text.includes('关键字')) {
    return "message lacks the robot's keywords: put one of the keywords from the robot's security settings into the title or text";
  }
  if (text.includes('timestamp') || text.includes('时间戳')) {
    return "signature timestamp rejected: this server's clock is more than 1 hour off DingTalk's; check NTP (every send is signed afresh)";
  }
  if (text.includes('whitelist') || text.includes('白名单') || /\bip\b/.test(text)) {
    const ip = /ip\s+(\S+)\s+not in whitelist/i.exec(errmsg)?.[1];
    return `this server's IP address${ip ? ` (${ip})` : ''} is not in the robot's IP allow-list: add it in the robot's security settings`;
  }
  if (text.includes('sign') || text.includes('签名')) {
    return "signature does not match: check the robot's signing secret (the whole string starting with SEC)";
  }
  return `a robot security check failed: ${errmsg || 'no errmsg'}`;
}

function classifyHttpStatus(
  httpStatus: number,
  contentType: string | null,
  bodyText: string,
): DeliveryOutcome {
  const code = `http_${httpStatus}`;
  const detail = describeBody(contentType, bodyText);
  if (httpStatus >= 500 || httpStatus === 408) {
    return {
      kind: 'retry',
      retryAfterSeconds: DINGTALK_ROBOT_SERVER_ERROR_RETRY_SECONDS,
      code,
      reason: `DingTalk answered HTTP ${httpStatus} (${detail}); a temporary server error`,
      httpStatus,
    };
  }
  // Not documented for the robot API, but a gateway answering 429 means "slow down", not "give up".
  if (httpStatus === 429) {
    return {
      kind: 'retry',
      retryAfterSeconds: DINGTALK_ROBOT_THROTTLE_RETRY_SECONDS,
      code,
      reason: 'robot throttled: DingTalk answered HTTP 429 Too Many Requests',
      httpStatus,
    };
  }
  if (httpStatus >= 300 && httpStatus < 400) {
    return {
      kind: 'permanent',
      code,
      reason: `DingTalk answered with a redirect (HTTP ${httpStatus}): check the webhook base URL`,
      httpStatus,
    };
  }
  if (httpStatus === 404) {
    return {
      kind: 'permanent',
      code,
      reason: 'DingTalk answered HTTP 404: the robot endpoint was not found; check the webhook base URL',
      httpStatus,
    };
  }
  return {
    kind: 'permanent',
    code,
    reason: `DingTalk answered HTTP ${httpStatus} (${detail})`,
    httpStatus,
  };
}

function parseErrBody(bodyText: string): ErrBody | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { errcode, errmsg } = value as { errcode?: unknown; errmsg?: unknown };
  const numeric =
    typeof errcode === 'number'
      ? errcode
      : typeof errcode === 'string' && /^-?\d+$/.test(errcode)
        ? Number(errcode)
        : NaN;
  if (!Number.isInteger(numeric)) return undefined;
  return { errcode: numeric, errmsg: typeof errmsg === 'string' ? errmsg : '' };
}

function describeBody(contentType: string | null, bodyText: string): string {
  const snippet = bodyText.trim().replace(/\s+/g, ' ').slice(0, 120);
  const type = contentType ?? 'no content type';
  return snippet ? `${type}: ${snippet}` : `${type}, empty body`;
}
