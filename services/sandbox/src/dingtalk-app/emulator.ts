import { randomBytes } from 'node:crypto';
import { MAX_RECORDED } from '../dingtalk-robot.ts';
import type { EmulatorAnswer, EmulatorRequest, VendorEmulator } from '../emulator.ts';
import { AppBody, PersonBody, parseControlBody } from './control.ts';
import { dingTalkAppInboxItems } from './inbox.ts';

/**
 * Emulation of a DingTalk enterprise internal app: the new token endpoint (and legacy gettoken), userid by
 * mobile, work notifications (asyncsend_v2) and 1:1 robot batch messages (oToMessages/batchSend).
 * Facts from /work/shared/reference/providers.md §0 and §2; written independently of @tidings/providers.
 *
 * Paths: the legacy API under `/dingtalk/oapi/…` (only the paths below: `/dingtalk/oapi/robot/send` belongs
 * to the group-robot emulator), the new API under `/dingtalk/api/…`, controls under `/_sandbox/dingtalk-app/…`.
 * Answers marked "sandbox wording" have a code from the reference but a message (or code) of our own.
 */

export const DINGTALK_APP_VENDOR = 'dingtalk-app';
export const OAPI_PREFIX = '/dingtalk/oapi';
export const API_PREFIX = '/dingtalk/api';
export const CONTROL_PREFIX = '/_sandbox/dingtalk-app';

/** `expireIn` of every token. */
export const TOKEN_LIFETIME_SECONDS = 7200;
export const WORK_NOTIFICATION_MAX_USERS = 5000;
/** Identical content only once a day per user; ≤500 work notifications a day per user. Both: success, not delivered. */
export const WORK_NOTIFICATION_PER_USER_PER_DAY = 500;
export const ROBOT_BATCH_MAX_USERS = 20;
/**
 * Robot 1:1 messages per robot and user per minute before the user lands in `flowControlledStaffIdList`.
 * Sandbox choice: the vendor's number is not in the reference.
 */
export const DEFAULT_ROBOT_MESSAGES_PER_USER_PER_MINUTE = 20;
const MINUTE_MS = 60_000;
/** DingTalk's "day" for the daily limits is taken as China Standard Time (UTC+8). Sandbox assumption. */
const CHINA_OFFSET_MS = 8 * 60 * 60_000;

const INVALID_TOKEN_LEGACY = {
  errcode: 88,
  sub_code: '40014',
  sub_msg: '不合法的access_token',
  errmsg: '不合法的access_token',
};
const INVALID_TOKEN_NEW = { code: 'InvalidAuthentication', message: '不合法的access_token' };
// Code from the reference (§2.1, observed); message: sandbox wording.
const MISSING_TOKEN_NEW = {
  code: 'AuthenticationFailed.MissingParameter',
  message:
    'x-acs-dingtalk-access-token is required (query access_token and Authorization: Bearer are not read)',
};
// Code from the reference (§2.1, observed); message: sandbox wording.
const BAD_CREDENTIALS_NEW = { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' };

/** msgKeys DingTalk lists for 1:1 robot messages; required params only for the three the reference confirms. */
const ROBOT_MSG_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['sampleText', ['content']],
  ['sampleMarkdown', ['title', 'text']],
  ['sampleActionCard', ['title', 'text', 'singleTitle', 'singleURL']],
  ['sampleLink', []],
  ['sampleActionCard2', []],
  ['sampleActionCard3', []],
  ['sampleActionCard4', []],
  ['sampleActionCard5', []],
  ['sampleActionCard6', []],
  ['sampleImageMsg', []],
  ['sampleFile', []],
  ['sampleAudio', []],
  ['sampleVideo', []],
]);

const WORK_MSGTYPES = new Set(['text', 'image', 'voice', 'file', 'link', 'oa', 'markdown', 'action_card']);

export type DingTalkAppConfig = { clientSecret: string; agentId: number; robotCode: string };
export type DingTalkPerson = { mobile: string; userid: string; resigned: boolean };

export type DingTalkAppMessage = {
  id: string;
  receivedAt: string;
  userid: string;
  clientId: string;
} & (
  | { channel: 'work-notification'; agentId: number; taskId: number; msg: Record<string, unknown> }
  | {
      channel: 'robot';
      robotCode: string;
      processQueryKey: string;
      msgKey: string;
      msgParam: Record<string, unknown>;
    }
);

/** A work notification DingTalk accepted (answered success) but did not deliver, and why. */
export type DroppedWorkNotification = {
  receivedAt: string;
  userid: string;
  clientId: string;
  taskId: number;
  reason: 'duplicate-content-today' | 'daily-limit' | 'unknown-or-resigned-user';
};

export type DingTalkAppEmulatorOptions = {
  /** Clock in epoch ms (token expiry, rate windows, `receivedAt`). Default `Date.now`. */
  now?: () => number;
  /** Initial rate-limit switch (default on) and the per-user robot flow control. */
  rateLimits?: boolean | { enabled?: boolean; robotMessagesPerUserPerMinute?: number };
};

export interface DingTalkAppEmulator extends VendorEmulator {
  readonly apps: ReadonlyMap<string, DingTalkAppConfig>;
  readonly messages: readonly DingTalkAppMessage[];
  readonly dropped: readonly DroppedWorkNotification[];
  /** Token fetches per clientId since the last reset. */
  readonly tokenFetches: ReadonlyMap<string, number>;
  putApp(clientId: string, config: DingTalkAppConfig): void;
  putPerson(person: { mobile: string; userid: string; resigned?: boolean }): DingTalkPerson;
  /** Revokes every token (of one app when `clientId` is given): the next call is rejected as an invalid token. */
  revokeTokens(clientId?: string): number;
}

type Token = { clientId: string; expiresAt: number };

export function createDingTalkAppEmulator(options: DingTalkAppEmulatorOptions = {}): DingTalkAppEmulator {
  const now = options.now ?? Date.now;
  const limits = typeof options.rateLimits === 'object' ? options.rateLimits : {};
  let rateLimits = typeof options.rateLimits === 'boolean' ? options.rateLimits : (limits.enabled ?? true);
  const robotPerUserPerMinute =
    limits.robotMessagesPerUserPerMinute ?? DEFAULT_ROBOT_MESSAGES_PER_USER_PER_MINUTE;

  const apps = new Map<string, DingTalkAppConfig>();
  const people = new Map<string, DingTalkPerson>(); // by userid
  const tokens = new Map<string, Token>();
  const tokenFetches = new Map<string, number>();
  const messages: DingTalkAppMessage[] = [];
  const dropped: DroppedWorkNotification[] = [];
  /** `${day}\n${userid}` → content keys and count, for the once-a-day and 500-a-day rules. */
  const workDaily = new Map<string, { contents: Set<string>; count: number }>();
  /** `${robotCode}\n${userid}` → accepted times in the last minute. */
  const robotWindows = new Map<string, number[]>();
  let nextId = 1;
  let nextTaskId = 100_000_000_001;

  const requestId = () => randomBytes(8).toString('hex');
  const record = <T>(list: T[], entry: T) => {
    list.push(entry);
    if (list.length > MAX_RECORDED) list.splice(0, list.length - MAX_RECORDED);
  };
  const ok = (body: unknown): EmulatorAnswer => ({ status: 200, body });
  const legacyError = (errcode: number, errmsg: string): EmulatorAnswer =>
    ok({ errcode, errmsg, request_id: requestId() });
  const apiError = (status: number, error: { code: string; message: string }): EmulatorAnswer => ({
    status,
    body: { requestid: requestId(), ...error },
  });

  function findByMobile(mobile: string): DingTalkPerson | undefined {
    for (const person of people.values()) if (person.mobile === mobile) return person;
    return undefined;
  }

  /** Same token while valid, renewed on each fetch; a new one after expiry. (Renewal: DingTalk's docs, not the reference.) */
  function issueToken(clientId: string): string {
    tokenFetches.set(clientId, (tokenFetches.get(clientId) ?? 0) + 1);
    const expiresAt = now() + TOKEN_LIFETIME_SECONDS * 1000;
    for (const [token, entry] of tokens) {
      if (entry.clientId === clientId && entry.expiresAt > now()) {
        entry.expiresAt = expiresAt;
        return token;
      }
    }
    const token = randomBytes(16).toString('hex');
    tokens.set(token, { clientId, expiresAt });
    return token;
  }

  function tokenApp(
    token: string | null | undefined,
  ): { clientId: string; app: DingTalkAppConfig } | undefined {
    if (!token) return undefined;
    const entry = tokens.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      tokens.delete(token);
      return undefined;
    }
    const app = apps.get(entry.clientId);
    return app ? { clientId: entry.clientId, app } : undefined;
  }

  // ---- new API (api.dingtalk.com) -------------------------------------------------------------------

  function accessToken(bodyText: string): EmulatorAnswer {
    const body = parseObject(bodyText);
    const appKey = body?.appKey;
    const appSecret = body?.appSecret;
    const app = typeof appKey === 'string' ? apps.get(appKey) : undefined;
    if (typeof appKey !== 'string' || !app || app.clientSecret !== appSecret)
      return apiError(400, BAD_CREDENTIALS_NEW);
    return ok({ accessToken: issueToken(appKey), expireIn: TOKEN_LIFETIME_SECONDS });
  }

  /** New APIs read the token only from `x-acs-dingtalk-access-token`. */
  function newApiAuth(request: EmulatorRequest) {
    const header = request.headers['x-acs-dingtalk-access-token'];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token) return { error: apiError(400, MISSING_TOKEN_NEW) };
    const found = tokenApp(token);
    return found ? { found } : { error: apiError(400, INVALID_TOKEN_NEW) };
  }

  function robotBatchSend(request: EmulatorRequest): EmulatorAnswer {
    const auth = newApiAuth(request);
    if (!auth.found) return auth.error;
    const { clientId, app } = auth.found;
    // Codes for robotCode.auth, userIds.overMax and msgParam.invalid are from the reference; the others
    // (and all messages) are sandbox wording.
    const invalid = (code: string, message: string) => apiError(400, { code, message });
    const body = parseObject(request.bodyText);
    if (!body) return invalid('invalidParameter.body.invalid', 'the body is not a JSON object');
    const { robotCode, userIds, msgKey, msgParam } = body;
    if (typeof robotCode !== 'string' || robotCode === '')
      return invalid('invalidParameter.robotCode.empty', 'robotCode is required');
    if (robotCode !== app.robotCode)
      return invalid(
        'invalidParameter.robotCode.auth',
        `robotCode ${robotCode} does not belong to app ${clientId}`,
      );
    if (!Array.isArray(userIds) || userIds.some((u) => typeof u !== 'string'))
      return invalid('invalidParameter.userIds.invalid', 'userIds must be an array of strings');
    if (userIds.length === 0) return invalid('invalidParameter.userIds.empty', 'userIds is empty');
    if (userIds.length > ROBOT_BATCH_MAX_USERS)
      return invalid(
        'invalidParameter.userIds.overMax',
        `userIds holds more than ${ROBOT_BATCH_MAX_USERS} users`,
      );
    const required = typeof msgKey === 'string' ? ROBOT_MSG_KEYS.get(msgKey) : undefined;
    if (typeof msgKey !== 'string' || !required)
      return invalid('invalidParameter.msgKey.invalid', 'unknown msgKey');
    if (typeof msgParam !== 'string')
      return invalid('invalidParameter.msgParam.invalid', 'msgParam must be a JSON string, not an object');
    const params = parseObject(msgParam);
    if (!params) return invalid('invalidParameter.msgParam.invalid', 'msgParam is not a JSON object string');
    const missing = required.find((field) => typeof params[field] !== 'string' || params[field] === '');
    if (missing)
      return invalid('invalidParameter.msgParam.invalid', `msgParam.${missing} is required for ${msgKey}`);

    const processQueryKey = randomBytes(12).toString('base64url');
    const invalidStaffIdList: string[] = [];
    const flowControlledStaffIdList: string[] = [];
    const at = now();
    for (const userid of userIds as string[]) {
      const person = people.get(userid);
      if (!person || person.resigned) {
        invalidStaffIdList.push(userid);
        continue;
      }
      if (rateLimits) {
        const key = `${robotCode}\n${userid}`;
        const window = (robotWindows.get(key) ?? []).filter((t) => at - t < MINUTE_MS);
        robotWindows.set(key, window);
        if (window.length >= robotPerUserPerMinute) {
          flowControlledStaffIdList.push(userid);
          continue;
        }
        window.push(at);
      }
      record(messages, {
        id: `msg_${nextId++}`,
        receivedAt: new Date(at).toISOString(),
        userid,
        clientId,
        channel: 'robot',
        robotCode,
        processQueryKey,
        msgKey,
        msgParam: params,
      });
    }
    return ok({ processQueryKey, invalidStaffIdList, flowControlledStaffIdList });
  }

  // ---- legacy API (oapi.dingtalk.com) ----------------------------------------------------------------

  function legacyAuth(request: EmulatorRequest) {
    const found = tokenApp(request.url.searchParams.get('access_token'));
    return found ? { found } : { error: ok({ ...INVALID_TOKEN_LEGACY, request_id: requestId() }) };
  }

  function getToken(request: EmulatorRequest): EmulatorAnswer {
    const appKey = request.url.searchParams.get('appkey');
    const app = appKey ? apps.get(appKey) : undefined;
    if (!appKey || !app || app.clientSecret !== request.url.searchParams.get('appsecret')) {
      return legacyError(40096, '不合法的appKey或appSecret'); // errcode from the reference; sandbox wording
    }
    return ok({
      errcode: 0,
      errmsg: 'ok',
      access_token: issueToken(appKey),
      expires_in: TOKEN_LIFETIME_SECONDS,
    });
  }

  function getByMobile(request: EmulatorRequest): EmulatorAnswer {
    const auth = legacyAuth(request);
    if (!auth.found) return auth.error;
    const body = parseObject(request.bodyText);
    const mobile = body?.mobile;
    // 400002 / 40104 from the reference; errmsgs are sandbox wording.
    if (typeof mobile !== 'string' || mobile === '') return legacyError(400002, '参数错误: mobile 不能为空');
    if (!/^\+?\d[\d-]{4,19}$/.test(mobile)) return legacyError(40104, '无效的手机号码');
    const person = findByMobile(mobile);
    if (!person || person.resigned) return legacyError(60121, '找不到该用户');
    return ok({
      errcode: 0,
      errmsg: 'ok',
      result: { userid: person.userid, exclusive_account_userid_list: [] },
      request_id: requestId(),
    });
  }

  function asyncSendV2(request: EmulatorRequest): EmulatorAnswer {
    const auth = legacyAuth(request);
    if (!auth.found) return auth.error;
    const { clientId, app } = auth.found;
    // errcode 400002 "bad param" from the reference; errmsgs are sandbox wording naming the field.
    const bad = (field: string, problem: string) => legacyError(400002, `参数错误: ${field} ${problem}`);
    const body = parseObject(request.bodyText);
    if (!body) return bad('(body)', '不是 JSON 对象');
    const agentId =
      typeof body.agent_id === 'string' && /^\d+$/.test(body.agent_id)
        ? Number(body.agent_id)
        : body.agent_id;
    if (typeof agentId !== 'number') return bad('agent_id', '缺失或不是数字');
    if (agentId !== app.agentId) return bad('agent_id', `不属于应用 ${clientId}`);
    const { userid_list: useridList, to_all_user: toAllUser, dept_id_list: deptIdList } = body;
    if (useridList !== undefined && typeof useridList !== 'string')
      return bad('userid_list', '必须是逗号分隔的字符串');
    const userids =
      typeof useridList === 'string'
        ? useridList
            .split(',')
            .map((u) => u.trim())
            .filter(Boolean)
        : [];
    if (userids.length > WORK_NOTIFICATION_MAX_USERS)
      return bad('userid_list', `超过 ${WORK_NOTIFICATION_MAX_USERS} 人`);
    // dept_id_list is accepted but not emulated (the sandbox has no departments).
    if (userids.length === 0 && toAllUser !== true && deptIdList === undefined)
      return bad('userid_list', '与 dept_id_list、to_all_user 不能同时为空');
    const msg = asRecord(body.msg);
    if (!msg) return bad('msg', '缺失');
    const problem = workMessageProblem(msg);
    if (problem) return bad(problem.field, problem.problem);

    const taskId = nextTaskId++;
    const at = now();
    const day = Math.floor((at + CHINA_OFFSET_MS) / 86_400_000);
    const content = JSON.stringify(msg);
    const recipients =
      toAllUser === true ? [...people.values()].filter((p) => !p.resigned).map((p) => p.userid) : userids;
    for (const userid of new Set(recipients)) {
      const drop = (reason: DroppedWorkNotification['reason']) =>
        record(dropped, { receivedAt: new Date(at).toISOString(), userid, clientId, taskId, reason });
      const person = people.get(userid);
      // Asynchronous: unknown users are not an error in the answer, they just receive nothing.
      if (!person || person.resigned) {
        drop('unknown-or-resigned-user');
        continue;
      }
      const dailyKey = `${day}\n${clientId}\n${userid}`;
      const daily = workDaily.get(dailyKey) ?? { contents: new Set<string>(), count: 0 };
      workDaily.set(dailyKey, daily);
      // Identical content reaches a user once a day, rate limits or not: it is a content rule.
      if (daily.contents.has(content)) {
        drop('duplicate-content-today');
        continue;
      }
      if (rateLimits && daily.count >= WORK_NOTIFICATION_PER_USER_PER_DAY) {
        drop('daily-limit');
        continue;
      }
      daily.contents.add(content);
      daily.count++;
      record(messages, {
        id: `msg_${nextId++}`,
        receivedAt: new Date(at).toISOString(),
        userid,
        clientId,
        channel: 'work-notification',
        agentId,
        taskId,
        msg,
      });
    }
    return ok({ errcode: 0, errmsg: 'ok', task_id: taskId, request_id: requestId() });
  }

  // ---- control API ------------------------------------------------------------------------------------

  function putPerson(input: { mobile: string; userid: string; resigned?: boolean }): DingTalkPerson {
    const person = {
      mobile: dingTalkStoredMobile(input.mobile),
      userid: input.userid,
      resigned: input.resigned ?? false,
    };
    // One person per userid and per mobile.
    for (const [userid, other] of people)
      if (other.mobile === person.mobile && userid !== person.userid) people.delete(userid);
    people.set(person.userid, person);
    return person;
  }

  function control(request: EmulatorRequest): EmulatorAnswer {
    const { method } = request;
    const path = request.url.pathname.slice(CONTROL_PREFIX.length);
    const notAllowed = (allow: string): EmulatorAnswer => ({
      status: 405,
      headers: { allow },
      body: { error: `method ${method} not allowed; use ${allow}` },
    });
    const appPath = /^\/apps\/([^/]+)$/.exec(path);
    if (appPath?.[1] !== undefined) {
      let clientId: string;
      try {
        clientId = decodeURIComponent(appPath[1]);
      } catch {
        return {
          status: 400,
          body: {
            error: 'invalid clientId',
            issues: [{ field: 'clientId', message: 'bad percent-encoding' }],
          },
        };
      }
      if (method !== 'PUT') return notAllowed('PUT');
      return parseControlBody(AppBody, request.bodyText, (input) => {
        apps.set(clientId, { ...input });
        return ok({ app: { clientId, ...input } });
      });
    }
    if (path === '/apps') {
      if (method !== 'GET') return notAllowed('GET');
      return ok({ apps: [...apps].map(([clientId, app]) => ({ clientId, ...app })) });
    }
    if (path === '/people') {
      if (method === 'GET') return ok({ people: [...people.values()] });
      if (method !== 'PUT') return notAllowed('GET, PUT');
      return parseControlBody(PersonBody, request.bodyText, (input) => ok({ person: putPerson(input) }));
    }
    if (path === '/messages') {
      if (method !== 'GET') return notAllowed('GET');
      const userid = request.url.searchParams.get('userid');
      return ok({
        messages: userid ? messages.filter((m) => m.userid === userid) : messages,
        dropped: userid ? dropped.filter((d) => d.userid === userid) : dropped,
      });
    }
    if (path === '/token-fetches') {
      if (method !== 'GET') return notAllowed('GET');
      return ok({ tokenFetches: Object.fromEntries(tokenFetches) });
    }
    if (path === '/tokens') {
      if (method !== 'DELETE') return notAllowed('DELETE');
      return ok({ revoked: revokeTokens(request.url.searchParams.get('clientId') ?? undefined) });
    }
    return { status: 404, body: { error: `no sandbox endpoint ${method} ${request.url.pathname}` } };
  }

  function revokeTokens(clientId?: string): number {
    let revoked = 0;
    for (const [token, entry] of tokens) {
      if (clientId === undefined || entry.clientId === clientId) {
        tokens.delete(token);
        revoked++;
      }
    }
    return revoked;
  }

  const postOnly = (request: EmulatorRequest, then: () => EmulatorAnswer): EmulatorAnswer =>
    request.method === 'POST'
      ? then()
      : {
          status: 405,
          headers: { allow: 'POST' },
          body: { error: `method ${request.method} not allowed; use POST` },
        };

  return {
    vendor: DINGTALK_APP_VENDOR,
    apps,
    messages,
    dropped,
    tokenFetches,
    inbox: () => dingTalkAppInboxItems(messages),
    putApp(clientId, config) {
      apps.set(clientId, { ...config });
    },
    putPerson,
    revokeTokens,
    handle(request) {
      const path = request.url.pathname;
      if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) return control(request);
      switch (path) {
        case `${API_PREFIX}/v1.0/oauth2/accessToken`:
          return postOnly(request, () => accessToken(request.bodyText));
        case `${API_PREFIX}/v1.0/robot/oToMessages/batchSend`:
          return postOnly(request, () => robotBatchSend(request));
        case `${OAPI_PREFIX}/gettoken`:
          return request.method === 'GET'
            ? getToken(request)
            : { status: 405, headers: { allow: 'GET' }, body: { error: 'use GET' } };
        case `${OAPI_PREFIX}/topapi/v2/user/getbymobile`:
          return postOnly(request, () => getByMobile(request));
        case `${OAPI_PREFIX}/topapi/message/corpconversation/asyncsend_v2`:
          return postOnly(request, () => asyncSendV2(request));
      }
      // The whole new-API prefix is ours; other `/dingtalk/oapi/…` paths (robot/send) are not.
      if (path.startsWith(`${API_PREFIX}/`)) {
        return apiError(404, { code: 'InvalidAction.NotFound', message: `no such API: ${path}` }); // sandbox wording
      }
      return undefined;
    },
    reset(everything) {
      tokens.clear();
      tokenFetches.clear();
      messages.length = 0;
      dropped.length = 0;
      workDaily.clear();
      robotWindows.clear();
      if (everything) {
        apps.clear();
        people.clear();
      }
    },
    setRateLimits(enabled) {
      rateLimits = enabled;
    },
  };
}

/** What a work-notification `msg` lacks, for the msgtypes Tidings sends; other msgtypes are accepted as they are. */
function workMessageProblem(msg: Record<string, unknown>): { field: string; problem: string } | undefined {
  const { msgtype } = msg;
  if (typeof msgtype !== 'string' || !WORK_MSGTYPES.has(msgtype))
    return { field: 'msg.msgtype', problem: '不支持' };
  const part = asRecord(msg[msgtype]);
  if (!part) return { field: `msg.${msgtype}`, problem: '缺失' };
  const need = (fields: string[]) => {
    const missing = fields.find((f) => typeof part[f] !== 'string' || part[f] === '');
    return missing ? { field: `msg.${msgtype}.${missing}`, problem: '缺失' } : undefined;
  };
  if (msgtype === 'text') return need(['content']);
  if (msgtype === 'markdown') return need(['title', 'text']);
  if (msgtype === 'action_card') {
    const base = need(['title', 'markdown']);
    if (base) return base;
    if (Array.isArray(part.btn_json_list) && part.btn_json_list.length > 0) return undefined;
    return need(['single_title', 'single_url']);
  }
  return undefined;
}

/** DingTalk keeps mainland numbers as 11 digits without +86; the control API accepts either form. */
function dingTalkStoredMobile(input: string): string {
  const compact = input.replace(/[\s-]/g, '');
  const mainland = /^\+?86(1\d{10})$/.exec(compact);
  return mainland?.[1] ?? compact;
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
