import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Emulation of a DingTalk custom group robot (`POST /robot/send`): security checks, message
 * validation, rate limit, msgUuid idempotency. Everything here is synchronous and clock-injected;
 * sandbox.ts does the HTTP.
 *
 * Facts from /work/shared/reference/providers.md §1; vendor pages:
 * https://help.dingtalk.io/open/development/custom-robots-send-group-messages
 * https://help.dingtalk.io/open/dingstart/customize-robot-security-settings
 */

/** 20 accepted messages per rolling minute per robot; the 21st throttles the robot for 10 minutes. */
export const ROBOT_MESSAGES_PER_MINUTE = 20;
export const ROBOT_RATE_WINDOW_MS = 60_000;
export const ROBOT_THROTTLE_MS = 10 * 60_000;
/** A signed request's timestamp must be within 1 hour of the server clock. */
export const ROBOT_TIMESTAMP_TOLERANCE_MS = 60 * 60_000;
/** At most 10 keywords per robot. */
export const ROBOT_MAX_KEYWORDS = 10;

/**
 * The answers the sandbox gives. errmsgs marked "sandbox wording" are not confirmed by the
 * reference; everything else is the real errmsg.
 */
export const ROBOT_ERRORS = {
  ok: { errcode: 0, errmsg: 'ok' },
  tokenNotExist: { errcode: 300001, errmsg: 'token is not exist' },
  signNotMatch: { errcode: 310000, errmsg: 'sign not match' },
  invalidTimestamp: { errcode: 310000, errmsg: 'invalid timestamp' },
  keywordsNotInContent: { errcode: 310000, errmsg: 'keywords not in content' },
  throttled: { errcode: 410100, errmsg: '发送速度太快而限流' },
  // Observed in public issue threads (ccfos/nightingale#2704, megaease/easeprobe#467), not in the reference.
  badJson: { errcode: 40035, errmsg: '缺少参数 json' },
  // errcode from the reference; errmsg is sandbox wording.
  unsupportedMsgtype: { errcode: 400105, errmsg: '不支持的消息类型' },
} as const;

export type RobotAnswer = { errcode: number; errmsg: string };

export type RobotConfig = { secret?: string; keywords: string[] };

export type RobotMessage = {
  id: string;
  receivedAt: string;
  accessToken: string;
  signed: boolean;
  body: unknown;
};

export type SendInput = {
  accessToken: string | null;
  timestamp: string | null;
  sign: string | null;
  bodyText: string;
};

export type SendResult = {
  answer: RobotAnswer;
  /** accepted: recorded; duplicate: msgUuid seen before, answered ok, not recorded; rejected: error answer. */
  result: 'accepted' | 'duplicate' | 'rejected';
  signed: boolean;
  body: unknown;
};

type RobotState = {
  acceptedAt: number[];
  throttledUntil: number;
  msgUuids: Set<string>;
};

/**
 * Required fields and keyword-bearing text per msgtype (reference §1.3). A missing field is
 * answered with 400402 in the format seen in cryozerolabs/n8n-nodes-dingtalk#10.
 */
const MSGTYPES: Record<string, { required: string[]; text: (part: Record<string, unknown>) => string[] }> = {
  text: { required: ['content'], text: (p) => [p.content].map(String) },
  markdown: { required: ['title', 'text'], text: (p) => [p.title, p.text].map(String) },
  link: { required: ['title', 'text', 'messageUrl'], text: (p) => [p.title, p.text].map(String) },
  actionCard: { required: ['title', 'text'], text: (p) => [p.title, p.text].map(String) },
  feedCard: {
    required: ['links'],
    text: (p) => (Array.isArray(p.links) ? p.links : []).map((link) => String(asRecord(link)?.title ?? '')),
  },
};

export const MAX_RECORDED = 10_000;

export class DingTalkRobotEmulator {
  readonly robots = new Map<string, RobotConfig>();
  readonly messages: RobotMessage[] = [];
  private readonly state = new Map<string, RobotState>();
  private nextMessageId = 1;

  putRobot(accessToken: string, config: RobotConfig): void {
    this.robots.set(accessToken, { ...config, keywords: [...config.keywords] });
  }

  deleteRobot(accessToken: string): boolean {
    this.state.delete(accessToken);
    return this.robots.delete(accessToken);
  }

  throttledUntil(accessToken: string): number | undefined {
    return this.state.get(accessToken)?.throttledUntil || undefined;
  }

  /** Forgets messages, rate windows, throttles and seen msgUuids; `robots` also forgets the robots. */
  reset(options: { robots: boolean }): void {
    this.messages.length = 0;
    this.state.clear();
    if (options.robots) this.robots.clear();
  }

  send(input: SendInput, nowMs: number, rateLimits: boolean): SendResult {
    const reject = (answer: RobotAnswer, signed = false, body: unknown = null): SendResult => ({
      answer,
      result: 'rejected',
      signed,
      body,
    });
    const accessToken = input.accessToken;
    const robot = accessToken ? this.robots.get(accessToken) : undefined;
    if (!accessToken || !robot) return reject(ROBOT_ERRORS.tokenNotExist);

    let signed = false;
    if (robot.secret) {
      const check = checkSignature(robot.secret, input.timestamp, input.sign, nowMs);
      if (check) return reject(check);
      signed = true;
    }

    const body = parseJsonObject(input.bodyText);
    if (!body) return reject(ROBOT_ERRORS.badJson, signed);
    const msgtype = body.msgtype;
    const spec = typeof msgtype === 'string' ? MSGTYPES[msgtype] : undefined;
    if (typeof msgtype !== 'string' || !spec) return reject(ROBOT_ERRORS.unsupportedMsgtype, signed, body);
    const part = asRecord(body[msgtype]);
    const missing = spec.required.find((field) => part?.[field] === undefined || part[field] === '');
    if (!part || missing)
      return reject(missingField(msgtype, missing ?? spec.required[0] ?? ''), signed, body);

    if (robot.keywords.length > 0) {
      const text = spec.text(part).join('\n');
      if (!robot.keywords.some((keyword) => text.includes(keyword))) {
        return reject(ROBOT_ERRORS.keywordsNotInContent, signed, body);
      }
    }

    const state = this.robotState(accessToken);
    if (rateLimits && state.throttledUntil > nowMs) return reject(ROBOT_ERRORS.throttled, signed, body);

    const msgUuid = typeof body.msgUuid === 'string' && body.msgUuid !== '' ? body.msgUuid : undefined;
    if (msgUuid !== undefined && state.msgUuids.has(msgUuid)) {
      return { answer: ROBOT_ERRORS.ok, result: 'duplicate', signed, body };
    }

    if (rateLimits) {
      state.acceptedAt = state.acceptedAt.filter((at) => nowMs - at < ROBOT_RATE_WINDOW_MS);
      if (state.acceptedAt.length >= ROBOT_MESSAGES_PER_MINUTE) {
        state.throttledUntil = nowMs + ROBOT_THROTTLE_MS;
        return reject(ROBOT_ERRORS.throttled, signed, body);
      }
      state.acceptedAt.push(nowMs);
    }
    if (msgUuid !== undefined) state.msgUuids.add(msgUuid);
    this.messages.push({
      id: `msg_${this.nextMessageId++}`,
      receivedAt: new Date(nowMs).toISOString(),
      accessToken,
      signed,
      body,
    });
    if (this.messages.length > MAX_RECORDED) this.messages.splice(0, this.messages.length - MAX_RECORDED);
    return { answer: ROBOT_ERRORS.ok, result: 'accepted', signed, body };
  }

  private robotState(accessToken: string): RobotState {
    let state = this.state.get(accessToken);
    if (!state) {
      state = { acceptedAt: [], throttledUntil: 0, msgUuids: new Set() };
      this.state.set(accessToken, state);
    }
    return state;
  }
}

/**
 * Verifies `timestamp` + `sign` the way DingTalk documents it, written independently of
 * @tidings/providers so that a bug cannot hide in both. `sign` is the query value decoded once,
 * so a double-encoded sign (or a `+` left unencoded, which decodes to a space) does not match.
 */
export function checkSignature(
  secret: string,
  timestamp: string | null,
  sign: string | null,
  nowMs: number,
): RobotAnswer | undefined {
  if (!timestamp || !sign) return ROBOT_ERRORS.signNotMatch;
  if (!/^\d{1,16}$/.test(timestamp)) return ROBOT_ERRORS.invalidTimestamp;
  if (Math.abs(nowMs - Number(timestamp)) > ROBOT_TIMESTAMP_TOLERANCE_MS)
    return ROBOT_ERRORS.invalidTimestamp;
  const expected = Buffer.from(
    createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'),
    'utf8',
  );
  const given = Buffer.from(sign, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return ROBOT_ERRORS.signNotMatch;
  return undefined;
}

function missingField(msgtype: string, field: string): RobotAnswer {
  return {
    errcode: 400402,
    errmsg: `错误描述:参数 ${msgtype} --》 ${field} 缺失，或者参数格式不正确; 解决方案:请填充上对应参数`,
  };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
