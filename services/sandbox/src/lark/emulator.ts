import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseControlBody } from '../control.ts';
import type { EmulatorAnswer, EmulatorRequest, VendorEmulator } from '../emulator.ts';
import { larkInboxItems } from './inbox.ts';

/**
 * Emulation of Lark/Feishu: the custom bot webhook, tenant_access_token, batch_get_id and im/v1/messages,
 * served under `/lark/open-apis/...` (a client's base URL is `{sandbox}/lark`), with controls under
 * `/_sandbox/lark/...`. Facts from /work/shared/reference/providers.md §3. Everything the reference does not
 * pin down (HTTP status of 9499, msg wordings marked "sandbox wording") is a guess, kept close to it.
 * The signature check is written independently of @tidings/providers, so a bug cannot hide in both.
 */

export const LARK_PREFIX = '/lark';
export const LARK_CONTROL_PREFIX = '/_sandbox/lark';

/** §3.1. "KB" is read strictly as 1000 bytes here and below, so a client that fits the sandbox fits Lark. */
export const BOT_MAX_BODY_BYTES = 20_000;
export const BOT_PER_MINUTE = 100;
export const BOT_PER_SECOND = 5;
export const BOT_TIMESTAMP_TOLERANCE_SECONDS = 60 * 60;
export const BOT_MAX_KEYWORDS = 10;
/** §3.2: tokens live 2 h; a fetch with < 30 min left issues a new one (the old one stays valid). */
export const TOKEN_TTL_SECONDS = 7200;
export const TOKEN_REISSUE_BELOW_SECONDS = 30 * 60;
/** §3.3 */
export const LOOKUP_MAX_EMAILS = 50;
export const LOOKUP_MAX_MOBILES = 50;
/** §3.4, measured on the `content` string. */
export const SEND_TEXT_MAX_BYTES = 150_000;
export const SEND_CARD_OR_POST_MAX_BYTES = 30_000;
export const UUID_MAX_CHARS = 50;
export const UUID_WINDOW_MS = 60 * 60_000;
export const SEND_PER_USER_PER_SECOND = 5;
export const MAX_RECORDED = 10_000;

export const LARK_ERRORS = {
  botOk: { code: 0, msg: 'success', data: {}, StatusCode: 0, StatusMessage: 'success' },
  badRequest: { code: 9499, msg: 'Bad Request' },
  hookInvalid: { code: 19001, msg: 'param invalid: incoming webhook access token invalid' },
  signMismatch: {
    code: 19021,
    msg: 'sign match fail or timestamp is not within one hour from current time',
  },
  keywordsNotFound: { code: 19024, msg: 'Key Words Not Found' },
  // msg: sandbox wording.
  botFrequency: { code: 11232, msg: 'frequency limited' },
  // msg: sandbox wording (the reference gives only the code).
  badCredentials: { code: 10003, msg: 'invalid param' },
  missingToken: {
    code: 99991661,
    msg: 'Missing access token for authorization. Please make a request with token attached.',
  },
  invalidToken: {
    code: 99991663,
    msg: 'Invalid access token for authorization. Please make a request with token attached.',
  },
  // The errors below: codes from the reference §3.4, msgs are sandbox wording.
  badParam: (detail: string) => ({
    code: 230001,
    msg: `Your request contains an invalid request parameter, ${detail}`,
  }),
  userOutsideAvailability: { code: 230013, msg: 'Bot has NO availability to this user.' },
  userRateLimit: { code: 230020, msg: 'This operation triggers the frequency limit.' },
  tooLong: { code: 230025, msg: 'The length of the message content reaches its limit.' },
  userResigned: { code: 230029, msg: 'The user has resigned.' },
  badReceiveId: { code: 230034, msg: 'The receive_id is invalid.' },
  userStoppedBot: { code: 230053, msg: 'The user has stopped the bot from sending messages.' },
  badCard: {
    code: 230099,
    msg: 'Failed to create card content, ext=ErrCode: 200621; ErrMsg: parse card json err',
  },
} as const;

type Body = Record<string, unknown>;

export type LarkBotConfig = { secret?: string; keywords: string[] };
export type LarkAppConfig = { appSecret: string };
export type LarkPerson = {
  openId: string;
  email?: string;
  mobile?: string;
  resigned: boolean;
  stoppedBot: boolean;
  outsideAvailability: boolean;
};

export type LarkBotMessage = {
  id: string;
  receivedAt: string;
  hookId: string;
  signed: boolean;
  msgType: string;
  body: Body;
};

export type LarkAppMessage = {
  id: string;
  receivedAt: string;
  appId: string;
  openId: string;
  msgType: string;
  /** `content` parsed from its JSON string. */
  content: unknown;
  uuid?: string;
};

export type LarkTokenFetch = { at: string; appId: string; token: string; reused: boolean };

export type LarkEmulatorOptions = {
  /** Epoch ms; drives signatures, token expiry, rate windows, uuid windows. Default `Date.now`. */
  now?: () => number;
  /** Per-bot 100/min + 5/s and per-user 5 QPS. Default true. */
  rateLimits?: boolean;
};

export type LarkEmulator = VendorEmulator & {
  readonly bots: Map<string, LarkBotConfig>;
  readonly apps: Map<string, LarkAppConfig>;
  readonly people: Map<string, LarkPerson>;
  readonly botMessages: LarkBotMessage[];
  readonly appMessages: LarkAppMessage[];
  readonly tokenFetches: LarkTokenFetch[];
};

const BotBody = z.strictObject({
  secret: z.string().min(1).optional(),
  keywords: z.array(z.string().min(1)).max(BOT_MAX_KEYWORDS).default([]),
});
const AppBody = z.strictObject({ appSecret: z.string().min(1) });
const PersonBody = z.strictObject({
  openId: z.string().regex(/^ou_[A-Za-z0-9_-]+$/, 'must look like ou_…'),
  email: z.email().optional(),
  mobile: z
    .string()
    .regex(/^(\+\d{6,15}|1\d{10})$/, 'mainland 1xxxxxxxxxx or +<country code><number>')
    .optional(),
  resigned: z.boolean().default(false),
  stoppedBot: z.boolean().default(false),
  outsideAvailability: z.boolean().default(false),
});

const json = (status: number, body: unknown, headers?: Record<string, string>): EmulatorAnswer => ({
  status,
  body,
  ...(headers && { headers }),
});
const notFound = (): EmulatorAnswer =>
  json(404, '404 page not found', { 'content-type': 'text/plain; charset=utf-8' });

export function createLarkEmulator(options: LarkEmulatorOptions = {}): LarkEmulator {
  const now = options.now ?? Date.now;
  let rateLimits = options.rateLimits ?? true;
  const bots = new Map<string, LarkBotConfig>();
  const apps = new Map<string, LarkAppConfig>();
  const people = new Map<string, LarkPerson>();
  const botMessages: LarkBotMessage[] = [];
  const appMessages: LarkAppMessage[] = [];
  const tokenFetches: LarkTokenFetch[] = [];
  /** token → owner and expiry; per app, the newest token. */
  const tokens = new Map<string, { appId: string; expiresAt: number }>();
  const newestToken = new Map<string, string>();
  const botSends = new Map<string, number[]>();
  const userSends = new Map<string, number[]>();
  /** `${appId}\n${uuid}` → first success. */
  const uuids = new Map<string, { at: number; messageId: string }>();
  let nextId = 1;

  const iso = () => new Date(now()).toISOString();
  const record = <T>(list: T[], item: T) => {
    list.push(item);
    if (list.length > MAX_RECORDED) list.splice(0, list.length - MAX_RECORDED);
  };

  // -------------------------------------------------------------------------------------------------
  // Custom bot
  // -------------------------------------------------------------------------------------------------

  function botSend(hookId: string, bodyText: string): EmulatorAnswer {
    const bot = bots.get(hookId);
    if (!bot) return json(200, LARK_ERRORS.hookInvalid);
    if (Buffer.byteLength(bodyText, 'utf8') > BOT_MAX_BODY_BYTES) return json(200, LARK_ERRORS.badRequest);
    const body = parseObject(bodyText);
    if (!body) return json(200, LARK_ERRORS.badRequest);
    let signed = false;
    if (bot.secret) {
      if (!botSignatureValid(bot.secret, body.timestamp, body.sign, now())) {
        return json(200, LARK_ERRORS.signMismatch);
      }
      signed = true;
    }
    const texts = botMessageTexts(body);
    if (!texts) return json(200, LARK_ERRORS.badRequest);
    if (bot.keywords.length > 0) {
      const all = texts.join('\n');
      if (!bot.keywords.some((keyword) => all.includes(keyword)))
        return json(200, LARK_ERRORS.keywordsNotFound);
    }
    if (rateLimits) {
      const at = now();
      const recent = (botSends.get(hookId) ?? []).filter((t) => at - t < 60_000);
      botSends.set(hookId, recent);
      const lastSecond = recent.filter((t) => at - t < 1000).length;
      if (recent.length >= BOT_PER_MINUTE || lastSecond >= BOT_PER_SECOND) {
        return json(200, LARK_ERRORS.botFrequency);
      }
      recent.push(at);
    }
    record(botMessages, {
      id: `botmsg_${nextId++}`,
      receivedAt: iso(),
      hookId,
      signed,
      msgType: String(body.msg_type),
      body,
    });
    return json(200, LARK_ERRORS.botOk);
  }

  // -------------------------------------------------------------------------------------------------
  // Tokens
  // -------------------------------------------------------------------------------------------------

  function tokenFetch(bodyText: string): EmulatorAnswer {
    const body = parseObject(bodyText);
    const appId = body?.app_id;
    const appSecret = body?.app_secret;
    const app = typeof appId === 'string' ? apps.get(appId) : undefined;
    if (!app || typeof appId !== 'string' || appSecret !== app.appSecret)
      return json(200, LARK_ERRORS.badCredentials);
    const at = now();
    const current = newestToken.get(appId);
    const currentInfo = current ? tokens.get(current) : undefined;
    if (current && currentInfo && currentInfo.expiresAt - at >= TOKEN_REISSUE_BELOW_SECONDS * 1000) {
      record(tokenFetches, { at: iso(), appId, token: current, reused: true });
      return json(200, {
        code: 0,
        msg: 'ok',
        tenant_access_token: current,
        expire: Math.floor((currentInfo.expiresAt - at) / 1000),
      });
    }
    const token = `t-${randomBytes(16).toString('hex')}`;
    tokens.set(token, { appId, expiresAt: at + TOKEN_TTL_SECONDS * 1000 });
    newestToken.set(appId, token);
    record(tokenFetches, { at: iso(), appId, token, reused: false });
    return json(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: TOKEN_TTL_SECONDS });
  }

  /** The app a request's bearer token belongs to, or the 400 answer (§3.5). */
  function authenticate(request: EmulatorRequest): { appId: string } | EmulatorAnswer {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
    if (!match?.[1]) return json(400, LARK_ERRORS.missingToken);
    const info = tokens.get(match[1]);
    if (!info || info.expiresAt <= now() || !apps.has(info.appId)) return json(400, LARK_ERRORS.invalidToken);
    return { appId: info.appId };
  }

  // -------------------------------------------------------------------------------------------------
  // batch_get_id
  // -------------------------------------------------------------------------------------------------

  function batchGetId(request: EmulatorRequest): EmulatorAnswer {
    const auth = authenticate(request);
    if ('status' in auth) return auth;
    const idType = request.url.searchParams.get('user_id_type') ?? 'open_id';
    if (idType !== 'open_id') {
      return json(400, {
        code: 99992402,
        msg: `field validation failed: user_id_type ${idType} is not emulated (open_id only)`,
      });
    }
    const body = parseObject(request.bodyText);
    if (!body)
      return json(400, { code: 99992402, msg: 'field validation failed: body is not a JSON object' });
    const emails = body.emails ?? [];
    const mobiles = body.mobiles ?? [];
    if (!isStringArray(emails) || emails.length > LOOKUP_MAX_EMAILS) {
      return json(400, {
        code: 99992402,
        msg: `field validation failed: emails must be ≤ ${LOOKUP_MAX_EMAILS} strings`,
      });
    }
    if (!isStringArray(mobiles) || mobiles.length > LOOKUP_MAX_MOBILES) {
      return json(400, {
        code: 99992402,
        msg: `field validation failed: mobiles must be ≤ ${LOOKUP_MAX_MOBILES} strings`,
      });
    }
    const includeResigned = body.include_resigned === true;
    const entry = (person: LarkPerson | undefined, key: Body) => {
      if (!person || (person.resigned && !includeResigned)) return key;
      return {
        user_id: person.openId,
        ...key,
        status: {
          is_frozen: false,
          is_resigned: person.resigned,
          is_activated: !person.resigned,
          is_exited: false,
          is_unjoin: false,
        },
      };
    };
    const everyone = [...people.values()];
    const userList = [
      ...emails.map((email) =>
        entry(
          everyone.find((p) => p.email !== undefined && p.email.toLowerCase() === email.toLowerCase()),
          { email },
        ),
      ),
      ...mobiles.map((mobile) => {
        const wanted = canonicalMobile(mobile);
        return entry(
          everyone.find(
            (p) => p.mobile !== undefined && wanted !== undefined && canonicalMobile(p.mobile) === wanted,
          ),
          { mobile },
        );
      }),
    ];
    return json(200, { code: 0, msg: 'success', data: { user_list: userList } });
  }

  // -------------------------------------------------------------------------------------------------
  // im/v1/messages
  // -------------------------------------------------------------------------------------------------

  function sendMessage(request: EmulatorRequest): EmulatorAnswer {
    const auth = authenticate(request);
    if ('status' in auth) return auth;
    const bad = (detail: string) => json(400, LARK_ERRORS.badParam(detail));
    const idType = request.url.searchParams.get('receive_id_type');
    if (idType !== 'open_id')
      return bad(`receive_id_type ${idType ?? '(missing)'} is not emulated (open_id only)`);
    const body = parseObject(request.bodyText);
    if (!body) return bad('the body is not a JSON object');
    const { receive_id: receiveId, msg_type: msgType, content, uuid } = body;
    if (typeof receiveId !== 'string' || receiveId === '') return bad('receive_id is missing');
    if (typeof msgType !== 'string') return bad('msg_type is missing');
    if (typeof content !== 'string') return bad('content must be a JSON string, not an object');
    if (uuid !== undefined && (typeof uuid !== 'string' || uuid.length > UUID_MAX_CHARS)) {
      return bad(`uuid must be a string of at most ${UUID_MAX_CHARS} characters`);
    }
    const parsed = parseObject(content);
    if (!parsed)
      return msgType === 'interactive' ? json(400, LARK_ERRORS.badCard) : bad('content is not valid JSON');
    const limit = msgType === 'text' ? SEND_TEXT_MAX_BYTES : SEND_CARD_OR_POST_MAX_BYTES;
    if (Buffer.byteLength(content, 'utf8') > limit) return json(400, LARK_ERRORS.tooLong);
    const contentError = checkAppContent(msgType, parsed);
    if (contentError === 'card') return json(400, LARK_ERRORS.badCard);
    if (contentError) return bad(contentError);

    const person = people.get(receiveId);
    if (!person) return json(400, LARK_ERRORS.badReceiveId);
    if (person.resigned) return json(400, LARK_ERRORS.userResigned);
    if (person.outsideAvailability) return json(400, LARK_ERRORS.userOutsideAvailability);
    if (person.stoppedBot) return json(400, LARK_ERRORS.userStoppedBot);

    const at = now();
    const uuidKey = typeof uuid === 'string' && uuid !== '' ? `${auth.appId}\n${uuid}` : undefined;
    const seen = uuidKey ? uuids.get(uuidKey) : undefined;
    if (seen && at - seen.at < UUID_WINDOW_MS)
      return json(200, success(seen.messageId, msgType, content, at));

    if (rateLimits) {
      const recent = (userSends.get(receiveId) ?? []).filter((t) => at - t < 1000);
      userSends.set(receiveId, recent);
      if (recent.length >= SEND_PER_USER_PER_SECOND) return json(400, LARK_ERRORS.userRateLimit);
      recent.push(at);
    }
    const messageId = `om_${randomBytes(12).toString('hex')}`;
    if (uuidKey) uuids.set(uuidKey, { at, messageId });
    record(appMessages, {
      id: messageId,
      receivedAt: iso(),
      appId: auth.appId,
      openId: receiveId,
      msgType,
      content: parsed,
      ...(typeof uuid === 'string' && uuid !== '' && { uuid }),
    });
    return json(200, success(messageId, msgType, content, at));
  }

  // -------------------------------------------------------------------------------------------------
  // Controls
  // -------------------------------------------------------------------------------------------------

  function control(request: EmulatorRequest, path: string): EmulatorAnswer {
    const { method } = request;
    const botPath = /^\/bots\/([^/]+)$/.exec(path);
    if (botPath?.[1] !== undefined) {
      const hookId = decode(botPath[1]);
      if (hookId === undefined) return fieldError('hookId', 'bad percent-encoding in the path');
      if (method === 'PUT') {
        return parseControlBody(BotBody, request.bodyText, (input) => {
          const config: LarkBotConfig = {
            ...(input.secret && { secret: input.secret }),
            keywords: input.keywords,
          };
          bots.set(hookId, config);
          return json(200, { bot: { hookId, ...config } });
        });
      }
      if (method === 'DELETE') {
        return bots.delete(hookId)
          ? json(200, { deleted: hookId })
          : json(404, { error: `no bot ${hookId}` });
      }
      return json(405, { error: 'use PUT or DELETE' }, { allow: 'PUT, DELETE' });
    }
    const appPath = /^\/apps\/([^/]+)$/.exec(path);
    if (appPath?.[1] !== undefined) {
      const appId = decode(appPath[1]);
      if (appId === undefined) return fieldError('appId', 'bad percent-encoding in the path');
      if (method !== 'PUT') return json(405, { error: 'use PUT' }, { allow: 'PUT' });
      return parseControlBody(AppBody, request.bodyText, (input) => {
        apps.set(appId, { appSecret: input.appSecret });
        return json(200, { app: { appId } });
      });
    }
    if (path === '/people') {
      if (method === 'GET') return json(200, { people: [...people.values()] });
      if (method !== 'PUT') return json(405, { error: 'use PUT or GET' }, { allow: 'PUT, GET' });
      return parseControlBody(PersonBody, request.bodyText, (input) => {
        const person: LarkPerson = {
          openId: input.openId,
          ...(input.email !== undefined && { email: input.email }),
          ...(input.mobile !== undefined && { mobile: input.mobile }),
          resigned: input.resigned,
          stoppedBot: input.stoppedBot,
          outsideAvailability: input.outsideAvailability,
        };
        people.set(person.openId, person);
        return json(200, { person });
      });
    }
    if (path === '/messages' && method === 'GET') {
      const hookId = request.url.searchParams.get('hookId');
      const openId = request.url.searchParams.get('openId');
      if (hookId !== null && openId !== null) return fieldError('hookId', 'give hookId or openId, not both');
      if (hookId !== null) return json(200, { messages: botMessages.filter((m) => m.hookId === hookId) });
      if (openId !== null) return json(200, { messages: appMessages.filter((m) => m.openId === openId) });
      return json(200, { botMessages, appMessages });
    }
    if (path === '/token-fetches' && method === 'GET') {
      const appId = request.url.searchParams.get('appId');
      return json(200, {
        tokenFetches: appId === null ? tokenFetches : tokenFetches.filter((f) => f.appId === appId),
      });
    }
    return json(404, { error: `no Lark sandbox control at ${LARK_CONTROL_PREFIX}${path}` });
  }

  return {
    vendor: 'lark',
    bots,
    apps,
    people,
    botMessages,
    appMessages,
    tokenFetches,
    inbox: () => larkInboxItems(botMessages, appMessages),
    handle(request) {
      const path = request.url.pathname;
      if (path.startsWith(`${LARK_CONTROL_PREFIX}/`))
        return control(request, path.slice(LARK_CONTROL_PREFIX.length));
      if (path !== LARK_PREFIX && !path.startsWith(`${LARK_PREFIX}/`)) return undefined;
      const api = path.slice(LARK_PREFIX.length);
      if (request.method !== 'POST') return notFound();
      const hook = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(api);
      if (hook?.[1] !== undefined) return botSend(decode(hook[1]) ?? hook[1], request.bodyText);
      if (api === '/open-apis/auth/v3/tenant_access_token/internal') return tokenFetch(request.bodyText);
      if (api === '/open-apis/contact/v3/users/batch_get_id') return batchGetId(request);
      if (api === '/open-apis/im/v1/messages') return sendMessage(request);
      return notFound();
    },
    reset(everything) {
      botMessages.length = 0;
      appMessages.length = 0;
      tokenFetches.length = 0;
      tokens.clear();
      newestToken.clear();
      botSends.clear();
      userSends.clear();
      uuids.clear();
      if (everything) {
        bots.clear();
        apps.clear();
        people.clear();
      }
    },
    setRateLimits(enabled) {
      rateLimits = enabled;
    },
  };
}

/**
 * §3.1: key = `${timestamp}\n${secret}`, message empty, HMAC-SHA256, Base64; timestamp in seconds (string
 * or number in the body) within 1 h of now.
 */
export function botSignatureValid(secret: string, timestamp: unknown, sign: unknown, nowMs: number): boolean {
  const ts = typeof timestamp === 'number' ? String(timestamp) : timestamp;
  if (typeof ts !== 'string' || !/^\d{1,12}$/.test(ts) || typeof sign !== 'string') return false;
  if (Math.abs(nowMs / 1000 - Number(ts)) > BOT_TIMESTAMP_TOLERANCE_SECONDS) return false;
  const hmac = createHmac('sha256', `${ts}\n${secret}`);
  const expected = Buffer.from(hmac.digest('base64'));
  const given = Buffer.from(sign);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The texts keywords are searched in, or undefined when the body is not a valid bot message. */
function botMessageTexts(body: Body): string[] | undefined {
  const content = asObject(body.content);
  switch (body.msg_type) {
    case 'text':
      return typeof content?.text === 'string' ? [content.text] : undefined;
    case 'post': {
      const post = asObject(content?.post);
      if (!post || Object.keys(post).length === 0) return undefined;
      return collectStrings(post);
    }
    case 'interactive': {
      const card = asObject(body.card);
      return card ? collectStrings(card) : undefined;
    }
    case 'image':
      return typeof content?.image_key === 'string' ? [] : undefined;
    case 'share_chat':
      return typeof content?.share_chat_id === 'string' ? [] : undefined;
    default:
      return undefined;
  }
}

/** undefined = fine; 'card' = card build failure; otherwise a 230001 detail. */
function checkAppContent(msgType: string, content: Body): string | undefined {
  switch (msgType) {
    case 'text':
      return typeof content.text === 'string' ? undefined : 'text content needs a "text" string';
    case 'post': {
      const locale = asObject(content.zh_cn) ?? asObject(content.en_us);
      return locale && Array.isArray(locale.content)
        ? undefined
        : 'post content needs zh_cn/en_us with content';
    }
    case 'interactive':
      return Array.isArray(content.elements) || asObject(content.data) ? undefined : 'card';
    case 'image':
    case 'file':
    case 'audio':
    case 'media':
    case 'sticker':
    case 'share_chat':
    case 'share_user':
    case 'system':
      return undefined;
    default:
      return `unknown msg_type ${msgType}`;
  }
}

function success(messageId: string, msgType: string, content: string, at: number) {
  return {
    code: 0,
    msg: 'success',
    data: { message_id: messageId, msg_type: msgType, create_time: String(at), body: { content } },
  };
}

function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  const object = asObject(value);
  return object ? Object.values(object).flatMap(collectStrings) : [];
}

/** `+86` numbers and bare mainland numbers compare equal; other countries need their `+cc`. */
function canonicalMobile(mobile: string): string | undefined {
  const compact = mobile.replace(/[\s\-()]/g, '');
  if (/^1\d{10}$/.test(compact)) return `+86${compact}`;
  if (/^\+\d{6,15}$/.test(compact)) return compact;
  return undefined;
}

function fieldError(field: string, message: string): EmulatorAnswer {
  return json(400, { error: `invalid ${field}: ${message}`, issues: [{ field, message }] });
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function parseObject(text: string): Body | undefined {
  try {
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Body | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : undefined;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
