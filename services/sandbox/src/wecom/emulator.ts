import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseControlBody } from '../control.ts';
import type { EmulatorAnswer, EmulatorRequest, VendorEmulator } from '../emulator.ts';
import { wecomInboxItems } from './inbox.ts';

/**
 * Emulation of WeCom (企业微信): token, app message, userid lookups and the group robot, under `/wecom/...`
 * (a client's base URL is `{sandbox}/wecom`), plus controls under `/_sandbox/wecom/...`.
 * Written independently of @tidings/providers so that a bug cannot hide in both.
 *
 * Facts: /work/shared/reference/providers.md §4. errmsgs marked "sandbox wording" are not confirmed by the
 * reference; errcodes are.
 */

export const WECOM_PREFIX = '/wecom';
export const WECOM_CONTROL_PREFIX = '/_sandbox/wecom';

export const TOKEN_TTL_SECONDS = 7200;
export const MAX_TOUSER = 1000;
export const MEMBER_PER_MINUTE = 30;
export const MEMBER_PER_HOUR = 1000;
export const ROBOT_PER_MINUTE = 20;
export const TEXT_MAX_BYTES = 2048;
/** UNVERIFIED for app markdown (see providers' WECOM_LIMITS.appMarkdownBytes). */
export const APP_MARKDOWN_MAX_BYTES = 2048;
export const ROBOT_MARKDOWN_MAX_BYTES = 4096;
export const TEXTCARD_TITLE_MAX_BYTES = 128;
export const TEXTCARD_DESCRIPTION_MAX_BYTES = 512;
export const DEFAULT_DUPLICATE_INTERVAL_SECONDS = 1800;
export const MAX_DUPLICATE_INTERVAL_SECONDS = 4 * 3600;
export const MAX_RECORDED = 10_000;

export const WECOM_ERRORS = {
  ok: { errcode: 0, errmsg: 'ok' },
  busy: { errcode: -1, errmsg: 'system busy' },
  invalidCredential: { errcode: 40001, errmsg: 'invalid credential' },
  invalidCorpid: { errcode: 40013, errmsg: 'invalid corpid' },
  invalidToken: { errcode: 40014, errmsg: 'invalid access_token' },
  tokenMissing: { errcode: 41001, errmsg: 'access_token missing' },
  tokenExpired: { errcode: 42001, errmsg: 'access_token expired' },
  // 43001/43002: WeCom's "require GET/POST method" codes (sandbox wording).
  requireGet: { errcode: 43001, errmsg: 'require GET method' },
  requirePost: { errcode: 43002, errmsg: 'require POST method' },
  tooManyUsers: { errcode: 40032, errmsg: 'invalid userid list size' },
  // Sandbox wording from here on, unless noted.
  invalidAgentid: { errcode: 40056, errmsg: 'invalid agentid' },
  invalidMsgtype: { errcode: 40008, errmsg: 'invalid message type' },
  emptyContent: { errcode: 44004, errmsg: 'empty content' },
  contentTooLong: { errcode: 45002, errmsg: 'content size out of limit' },
  freqLimit: { errcode: 45009, errmsg: 'api freq out of limit' },
  dataFormat: { errcode: 47001, errmsg: 'data format error' },
  userNotExist: { errcode: 46004, errmsg: 'user no exist' },
  allInvalid: { errcode: 81013, errmsg: 'user & party & tag all invalid' },
  invalidWebhook: { errcode: 93000, errmsg: 'invalid webhook url' },
} as const;

export type WeComEmulatorOptions = {
  /** Clock in epoch ms. Default `Date.now`. */
  now?: () => number;
  /** Per-member 30/min + 1000/h and per-robot 20/min. Default true. */
  rateLimits?: boolean;
};

/**
 * The sandbox's EmulatorRequest carries no peer address. A host that knows it (a test server, or the sandbox
 * once wired) passes `remoteAddress`; without it the request is taken to come from 127.0.0.1.
 */
export type WeComEmulatorRequest = EmulatorRequest & { remoteAddress?: string };

export type WeComApp = { corpId: string; agentId: number; corpSecret: string; trustedIps?: string[] };
export type WeComMember = { userid: string; mobile?: string; email?: string };

export type WeComInboxMessage = {
  id: string;
  receivedAt: string;
  channel: 'app' | 'robot';
  corpId?: string;
  agentId?: number;
  /** The member as configured (app messages). */
  userid?: string;
  robotKey?: string;
  msgid?: string;
  msgtype: string;
  /** The whole request JSON. */
  body: Record<string, unknown>;
};

export type TokenFetchRecord = {
  at: string;
  method: string;
  corpId: string | null;
  agentId: number | null;
  errcode: number;
};

export type WeComReport = {
  tokenFetches: number;
  messages: number;
  /** Requests answered from the duplicate check, not delivered again. */
  duplicatesSuppressed: number;
  /** Deliveries the real platform drops silently (per-member 30/min, 1000/h); the answer still says ok. */
  droppedByRateLimit: Array<{ at: string; corpId: string; agentId: number; userid: string }>;
  /** Robot sends answered 45009. */
  robotThrottled: number;
};

export type WeComEmulator = VendorEmulator & {
  readonly apps: Map<string, WeComApp>;
  readonly members: Map<string, WeComMember>;
  readonly robots: Set<string>;
  readonly messages: WeComInboxMessage[];
  readonly tokenFetches: TokenFetchRecord[];
  putApp(app: WeComApp): void;
  putMember(member: WeComMember): void;
  putRobot(key: string): void;
  /** Makes every live token of the app fail with `errcode` (default 42001), as WeCom may do early. */
  expireTokens(corpId: string, agentId: number, errcode?: 40014 | 42001): number;
  report(): WeComReport;
};

type Token = { corpId: string; agentId: number; expiresAt: number; expiredWith?: 40014 | 42001 };
type Answer = { errcode: number; errmsg: string; [key: string]: unknown };

const AppBody = z.strictObject({
  corpSecret: z.string().min(1),
  trustedIps: z.array(z.string().min(1)).optional(),
});
const MemberBody = z.strictObject({
  userid: z.string().min(1).max(64),
  mobile: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
});
const RobotControlBody = z.strictObject({});
const ExpireBody = z.strictObject({
  errcode: z.union([z.literal(40014), z.literal(42001)]).default(42001),
});

const appKey = (corpId: string, agentId: number) => `${corpId}\u0000${agentId}`;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export function createWeComEmulator(options: WeComEmulatorOptions = {}): WeComEmulator {
  const now = options.now ?? Date.now;
  let rateLimits = options.rateLimits ?? true;
  const apps = new Map<string, WeComApp>();
  const members = new Map<string, WeComMember>();
  const robots = new Set<string>();
  const messages: WeComInboxMessage[] = [];
  const tokenFetches: TokenFetchRecord[] = [];
  const tokens = new Map<string, Token>();
  const duplicates = new Map<string, { at: number; intervalMs: number; answer: Answer }>();
  const memberSends = new Map<string, number[]>();
  const robotSends = new Map<string, number[]>();
  let report: Omit<WeComReport, 'tokenFetches' | 'messages'> = emptyReport();
  let nextId = 1;

  function emptyReport() {
    return { duplicatesSuppressed: 0, droppedByRateLimit: [], robotThrottled: 0 };
  }

  function record(message: Omit<WeComInboxMessage, 'id' | 'receivedAt'>) {
    messages.push({ id: `wecom_${nextId++}`, receivedAt: new Date(now()).toISOString(), ...message });
    if (messages.length > MAX_RECORDED) messages.splice(0, messages.length - MAX_RECORDED);
  }

  const ok = (answer: Answer): EmulatorAnswer => ({
    status: 200,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: answer,
  });

  // ---- vendor API ----

  function getToken(request: WeComEmulatorRequest): EmulatorAnswer {
    const corpId = request.url.searchParams.get('corpid');
    const secret = request.url.searchParams.get('corpsecret');
    const log = (errcode: number, agentId: number | null = null) => {
      tokenFetches.push({
        at: new Date(now()).toISOString(),
        method: request.method,
        corpId,
        agentId,
        errcode,
      });
      if (tokenFetches.length > MAX_RECORDED) tokenFetches.splice(0, tokenFetches.length - MAX_RECORDED);
    };
    if (request.method !== 'GET') {
      log(WECOM_ERRORS.requireGet.errcode);
      return ok(WECOM_ERRORS.requireGet);
    }
    const corpApps = [...apps.values()].filter((app) => app.corpId === corpId);
    if (!corpId || corpApps.length === 0) {
      log(WECOM_ERRORS.invalidCorpid.errcode);
      return ok(WECOM_ERRORS.invalidCorpid);
    }
    const app = corpApps.find((candidate) => candidate.corpSecret === secret);
    if (!app) {
      log(WECOM_ERRORS.invalidCredential.errcode);
      return ok(WECOM_ERRORS.invalidCredential);
    }
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, {
      corpId: app.corpId,
      agentId: app.agentId,
      expiresAt: now() + TOKEN_TTL_SECONDS * 1000,
    });
    log(0, app.agentId);
    return ok({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: TOKEN_TTL_SECONDS });
  }

  /** Token, method and trusted-IP checks shared by every token-authenticated POST. */
  function authorise(request: WeComEmulatorRequest): { app: WeComApp; token: Token } | Answer {
    if (request.method !== 'POST') return WECOM_ERRORS.requirePost;
    const accessToken = request.url.searchParams.get('access_token');
    if (!accessToken) return WECOM_ERRORS.tokenMissing;
    const token = tokens.get(accessToken);
    if (!token) return WECOM_ERRORS.invalidToken;
    if (token.expiredWith === 40014) return WECOM_ERRORS.invalidToken;
    if (token.expiredWith === 42001 || now() >= token.expiresAt) return WECOM_ERRORS.tokenExpired;
    const app = apps.get(appKey(token.corpId, token.agentId));
    if (!app) return WECOM_ERRORS.invalidToken;
    const ip = clientIp(request);
    if (app.trustedIps && app.trustedIps.length > 0 && !app.trustedIps.includes(ip)) {
      return {
        errcode: 60020,
        errmsg: `not allow to access from your ip, hint: [${Math.floor(now() / 1000)}_sandbox], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=60020`,
      };
    }
    return { app, token };
  }

  function messageSend(request: WeComEmulatorRequest): EmulatorAnswer {
    const auth = authorise(request);
    if ('errcode' in auth) return ok(auth);
    const { app } = auth;
    const body = parseObject(request.bodyText);
    if (!body) return ok(WECOM_ERRORS.dataFormat);
    if (body.agentid !== app.agentId && body.agentid !== String(app.agentId)) {
      return ok(WECOM_ERRORS.invalidAgentid);
    }
    const invalidContent = checkAppContent(body);
    if (invalidContent) return ok(invalidContent);
    const touser = typeof body.touser === 'string' ? body.touser.split('|').filter((id) => id !== '') : [];
    if (touser.length > MAX_TOUSER) return ok(WECOM_ERRORS.tooManyUsers);

    const duplicateKey = `${appKey(app.corpId, app.agentId)}\u0000${request.bodyText}`;
    if (body.enable_duplicate_check === 1) {
      const seen = duplicates.get(duplicateKey);
      if (seen && now() - seen.at < seen.intervalMs) {
        report.duplicatesSuppressed += 1;
        return ok(seen.answer);
      }
    }

    const valid: WeComMember[] = [];
    const invalid: string[] = [];
    if (touser.includes('@all')) valid.push(...members.values());
    else {
      for (const id of touser) {
        const member = members.get(id.toLowerCase());
        if (member && !valid.includes(member)) valid.push(member);
        else if (!member) invalid.push(id.toLowerCase());
      }
    }
    if (valid.length === 0) {
      return ok({
        ...WECOM_ERRORS.allInvalid,
        invaliduser: invalid.join('|'),
        invalidparty: '',
        invalidtag: '',
      });
    }

    const msgid = randomBytes(16).toString('base64url');
    const at = now();
    for (const member of valid) {
      if (rateLimits && !memberAllowed(app, member, at)) {
        report.droppedByRateLimit.push({
          at: new Date(at).toISOString(),
          corpId: app.corpId,
          agentId: app.agentId,
          userid: member.userid,
        });
        continue;
      }
      record({
        channel: 'app',
        corpId: app.corpId,
        agentId: app.agentId,
        userid: member.userid,
        msgid,
        msgtype: String(body.msgtype),
        body,
      });
    }
    const answer: Answer = {
      errcode: 0,
      errmsg: 'ok',
      invaliduser: invalid.join('|'),
      invalidparty: '',
      invalidtag: '',
      msgid,
    };
    if (body.enable_duplicate_check === 1) {
      const interval =
        typeof body.duplicate_check_interval === 'number' && body.duplicate_check_interval > 0
          ? Math.min(body.duplicate_check_interval, MAX_DUPLICATE_INTERVAL_SECONDS)
          : DEFAULT_DUPLICATE_INTERVAL_SECONDS;
      duplicates.set(duplicateKey, { at, intervalMs: interval * 1000, answer });
    }
    return ok(answer);
  }

  /** 30 a minute and 1000 an hour per app per member; the caller drops the excess silently. */
  function memberAllowed(app: WeComApp, member: WeComMember, at: number): boolean {
    const key = `${appKey(app.corpId, app.agentId)}\u0000${member.userid.toLowerCase()}`;
    const sends = (memberSends.get(key) ?? []).filter((t) => at - t < 3_600_000);
    memberSends.set(key, sends);
    const lastMinute = sends.filter((t) => at - t < 60_000).length;
    if (lastMinute >= MEMBER_PER_MINUTE || sends.length >= MEMBER_PER_HOUR) return false;
    sends.push(at);
    return true;
  }

  function lookup(request: WeComEmulatorRequest, by: 'mobile' | 'email'): EmulatorAnswer {
    const auth = authorise(request);
    if ('errcode' in auth) return ok(auth);
    const body = parseObject(request.bodyText);
    const value = body?.[by];
    if (typeof value !== 'string' || value === '') return ok(WECOM_ERRORS.dataFormat);
    const wanted = by === 'email' ? value.toLowerCase() : value;
    const member = [...members.values()].find((m) =>
      by === 'email' ? m.email?.toLowerCase() === wanted : m.mobile === wanted,
    );
    return ok(member ? { errcode: 0, errmsg: 'ok', userid: member.userid } : WECOM_ERRORS.userNotExist);
  }

  function robotSend(request: WeComEmulatorRequest): EmulatorAnswer {
    if (request.method !== 'POST') return ok(WECOM_ERRORS.requirePost);
    const key = request.url.searchParams.get('key');
    if (!key || !robots.has(key)) return ok(WECOM_ERRORS.invalidWebhook);
    const body = parseObject(request.bodyText);
    if (!body) return ok(WECOM_ERRORS.dataFormat);
    const msgtype = body.msgtype;
    const part = typeof msgtype === 'string' ? asRecord(body[msgtype]) : undefined;
    if (typeof msgtype !== 'string' || !part) return ok(WECOM_ERRORS.invalidMsgtype);
    if (msgtype === 'text' || msgtype === 'markdown' || msgtype === 'markdown_v2') {
      const content = part.content;
      if (typeof content !== 'string' || content === '') return ok(WECOM_ERRORS.emptyContent);
      const max = msgtype === 'text' ? TEXT_MAX_BYTES : ROBOT_MARKDOWN_MAX_BYTES;
      if (bytes(content) > max) return ok(WECOM_ERRORS.contentTooLong);
    }
    if (rateLimits) {
      const at = now();
      const sends = (robotSends.get(key) ?? []).filter((t) => at - t < 60_000);
      robotSends.set(key, sends);
      if (sends.length >= ROBOT_PER_MINUTE) {
        report.robotThrottled += 1;
        // The real robot rate-limit errcode is UNVERIFIED; 45009 is the commonly reported one.
        return ok(WECOM_ERRORS.freqLimit);
      }
      sends.push(at);
    }
    record({ channel: 'robot', robotKey: key, msgtype, body });
    return ok(WECOM_ERRORS.ok);
  }

  // ---- controls ----

  function control(request: WeComEmulatorRequest, path: string): EmulatorAnswer {
    const { method } = request;
    const appPath = /^\/apps\/([^/]+)\/([^/]+)(\/expire-tokens)?$/.exec(path);
    if (appPath?.[1] !== undefined && appPath[2] !== undefined) {
      const corpId = decodeSegment(appPath[1]);
      if (corpId === undefined) return badField('corpId', 'bad percent-encoding');
      if (!/^\d{1,10}$/.test(appPath[2])) return badField('agentId', 'must be a positive integer');
      const agentId = Number(appPath[2]);
      if (appPath[3]) {
        if (method !== 'POST') return methodNotAllowed('POST');
        if (!apps.has(appKey(corpId, agentId))) return json(404, { error: `no app ${corpId}/${agentId}` });
        return parseControlBody(ExpireBody, request.bodyText, (input) =>
          json(200, { expired: expireTokens(corpId, agentId, input.errcode) }),
        );
      }
      if (method === 'PUT') {
        return parseControlBody(AppBody, request.bodyText, (input) => {
          const app: WeComApp = { corpId, agentId, corpSecret: input.corpSecret };
          if (input.trustedIps) app.trustedIps = input.trustedIps;
          putApp(app);
          return json(200, { app: { corpId, agentId, trustedIps: app.trustedIps ?? null } });
        });
      }
      if (method === 'DELETE') {
        return apps.delete(appKey(corpId, agentId))
          ? json(200, { deleted: { corpId, agentId } })
          : json(404, { error: `no app ${corpId}/${agentId}` });
      }
      return methodNotAllowed('PUT, DELETE');
    }
    if (path === '/members') {
      if (method === 'GET') return json(200, { members: [...members.values()] });
      if (method !== 'PUT') return methodNotAllowed('GET, PUT');
      return parseControlBody(MemberBody, request.bodyText, (input) => {
        const member: WeComMember = { userid: input.userid };
        if (input.mobile !== undefined) member.mobile = input.mobile;
        if (input.email !== undefined) member.email = input.email;
        putMember(member);
        return json(200, { member });
      });
    }
    const robotPath = /^\/robots\/([^/]+)$/.exec(path);
    if (robotPath?.[1] !== undefined) {
      const key = decodeSegment(robotPath[1]);
      if (key === undefined) return badField('key', 'bad percent-encoding');
      if (method === 'PUT') {
        return parseControlBody(RobotControlBody, request.bodyText, () => {
          robots.add(key);
          return json(200, { robot: { key } });
        });
      }
      if (method === 'DELETE') {
        robotSends.delete(key);
        return robots.delete(key) ? json(200, { deleted: key }) : json(404, { error: `no robot ${key}` });
      }
      return methodNotAllowed('PUT, DELETE');
    }
    if (path === '/messages') {
      if (method !== 'GET') return methodNotAllowed('GET');
      const userid = request.url.searchParams.get('userid');
      const robotKey = request.url.searchParams.get('robotKey');
      if (userid !== null && robotKey !== null)
        return badField('robotKey', 'give userid or robotKey, not both');
      return json(200, {
        messages: messages.filter(
          (m) =>
            (userid === null || m.userid?.toLowerCase() === userid.toLowerCase()) &&
            (robotKey === null || m.robotKey === robotKey),
        ),
      });
    }
    if (path === '/token-fetches') {
      if (method !== 'GET') return methodNotAllowed('GET');
      return json(200, { tokenFetches });
    }
    if (path === '/report') {
      if (method !== 'GET') return methodNotAllowed('GET');
      return json(200, emulator.report());
    }
    return json(404, { error: `no sandbox endpoint ${method} ${WECOM_CONTROL_PREFIX}${path}` });
  }

  function putApp(app: WeComApp) {
    apps.set(appKey(app.corpId, app.agentId), {
      ...app,
      ...(app.trustedIps && { trustedIps: [...app.trustedIps] }),
    });
  }

  function putMember(member: WeComMember) {
    members.set(member.userid.toLowerCase(), { ...member });
  }

  function expireTokens(corpId: string, agentId: number, errcode: 40014 | 42001 = 42001): number {
    let count = 0;
    for (const token of tokens.values()) {
      if (token.corpId !== corpId || token.agentId !== agentId || token.expiredWith) continue;
      if (now() >= token.expiresAt) continue;
      token.expiredWith = errcode;
      count += 1;
    }
    return count;
  }

  const emulator: WeComEmulator = {
    vendor: 'wecom',
    apps,
    members,
    robots,
    messages,
    tokenFetches,
    inbox: () => wecomInboxItems(messages),
    putApp,
    putMember,
    putRobot: (key) => robots.add(key),
    expireTokens,
    report: () => ({
      tokenFetches: tokenFetches.length,
      messages: messages.length,
      ...structuredClone(report),
    }),
    handle(request: WeComEmulatorRequest) {
      const path = request.url.pathname;
      if (path.startsWith(`${WECOM_CONTROL_PREFIX}/`)) {
        return control(request, path.slice(WECOM_CONTROL_PREFIX.length));
      }
      if (!path.startsWith(`${WECOM_PREFIX}/`)) return undefined;
      switch (path.slice(WECOM_PREFIX.length)) {
        case '/cgi-bin/gettoken':
          return getToken(request);
        case '/cgi-bin/message/send':
          return messageSend(request);
        case '/cgi-bin/user/getuserid':
          return lookup(request, 'mobile');
        case '/cgi-bin/user/get_userid_by_email':
          return lookup(request, 'email');
        case '/cgi-bin/webhook/send':
          return robotSend(request);
        default:
          return json(404, { error: `not found: ${request.method} ${path}` });
      }
    },
    reset(everything) {
      messages.length = 0;
      tokenFetches.length = 0;
      tokens.clear();
      duplicates.clear();
      memberSends.clear();
      robotSends.clear();
      report = emptyReport();
      if (everything) {
        apps.clear();
        members.clear();
        robots.clear();
      }
    },
    setRateLimits(enabled) {
      rateLimits = enabled;
    },
  };
  return emulator;
}

/** Length and presence checks of an app message body (path/90236). */
function checkAppContent(body: Record<string, unknown>): Answer | undefined {
  const msgtype = body.msgtype;
  const part = typeof msgtype === 'string' ? asRecord(body[msgtype]) : undefined;
  if (msgtype !== 'text' && msgtype !== 'markdown' && msgtype !== 'textcard')
    return WECOM_ERRORS.invalidMsgtype;
  if (!part) return WECOM_ERRORS.emptyContent;
  if (msgtype === 'textcard') {
    const { title, description, url } = part;
    if (typeof title !== 'string' || typeof description !== 'string' || typeof url !== 'string' || !title) {
      return WECOM_ERRORS.emptyContent;
    }
    if (bytes(title) > TEXTCARD_TITLE_MAX_BYTES || bytes(description) > TEXTCARD_DESCRIPTION_MAX_BYTES) {
      return WECOM_ERRORS.contentTooLong;
    }
    return undefined;
  }
  const content = part.content;
  if (typeof content !== 'string' || content === '') return WECOM_ERRORS.emptyContent;
  const max = msgtype === 'text' ? TEXT_MAX_BYTES : APP_MARKDOWN_MAX_BYTES;
  return bytes(content) > max ? WECOM_ERRORS.contentTooLong : undefined;
}

function clientIp(request: WeComEmulatorRequest): string {
  const address = request.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

function json(status: number, body: unknown): EmulatorAnswer {
  return { status, body };
}

function methodNotAllowed(allow: string): EmulatorAnswer {
  return { status: 405, headers: { allow }, body: { error: `method not allowed; use ${allow}` } };
}

function badField(field: string, message: string): EmulatorAnswer {
  return json(400, { error: `invalid ${field}: ${message}`, issues: [{ field, message }] });
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
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
