import { NETWORK_RETRY_AFTER_SECONDS, postJson } from '../http.ts';
import type { DeliveryOutcome } from '../outcome.ts';
import { proxiedFetch } from '../proxy.ts';
import { TokenCache, type TokenFetch, type TokenResult } from '../token-cache.ts';
import {
  classifyWeComAppSendResponse,
  classifyWeComErrcode,
  classifyWeComHttp,
  classifyWeComRobotResponse,
  parseWeComBody,
  WECOM_SERVER_ERROR_RETRY_SECONDS,
  WECOM_TOKEN_ERRCODES,
  type WeComRecipientOutcome,
} from './classify.ts';
import {
  buildWeComRobotRequest,
  JSON_HEADERS,
  type WeComAppMessage,
  type WeComRobotMessage,
  weComAppMessageBodies,
  weComBaseUrl,
} from './message.ts';

/** A WeCom self-built app (自建应用). The token belongs to the corp + secret; Tidings caches it per corpId+agentId. */
export type WeComAppCredentials = {
  corpId: string;
  corpSecret: string;
  agentId: number;
  /** Send as confidential messages (`safe: 1`). */
  safe: boolean;
  /**
   * An outbound HTTP(S) proxy (e.g. `http://egress.internal:3128`) whose fixed IP is in the app's trusted
   * IPs (60020 otherwise). Every call of this app, the token included, goes through it.
   */
  proxyUrl?: string;
};

export type WeComRobotCredentials = { key: string };

export type WeComAppSendInput = {
  touser: string[];
  message: WeComAppMessage;
  /** Link to the whole ticket, appended when text is cut to WeCom's byte limits. */
  fullTextUrl?: string;
  duplicateCheckIntervalSeconds?: number;
};

export type WeComAppSendResult = {
  /** One per distinct requested userid, in order: delivered, or why not. */
  recipients: WeComRecipientOutcome[];
  /** One per call of ≤ 1000 recipients. */
  batches: { touser: string[]; outcome: DeliveryOutcome }[];
};

export type WeComLookup = { mobile: string } | { email: string; emailType?: 'corp' | 'personal' };

export type WeComLookupResult =
  | { kind: 'found'; userid: string }
  | { kind: 'not_found'; code: string; reason: string }
  | { kind: 'error'; outcome: Exclude<DeliveryOutcome, { kind: 'delivered' }> };

/**
 * Errcodes meaning "no such member visible to the app". UNVERIFIED: 46004 (user does not exist) is what the
 * lookup APIs are commonly reported to answer; the reference does not list lookup errcodes.
 */
export const WECOM_LOOKUP_NOT_FOUND_ERRCODES: readonly number[] = [46004];

export type WeComClientOptions = {
  /** Defaults to `https://qyapi.weixin.qq.com`; the sandbox is `{sandboxUrl}/wecom`. */
  baseUrl?: string;
  /** Whole request, body included. Defaults to 10 s. */
  timeoutMs?: number;
  /** Shared across clients so that every send of one app reuses one token. */
  tokenCache?: TokenCache;
  /** Injected for tests, or a proxying fetch (see {@link WeComAppCredentials.proxyUrl}). */
  fetch?: typeof fetch;
};

export type WeComClient = {
  /** Splits recipients into calls of ≤ 1000; every recipient gets an outcome. Never throws. */
  sendAppMessage(credentials: WeComAppCredentials, input: WeComAppSendInput): Promise<WeComAppSendResult>;
  /**
   * `getuserid` by mobile or `get_userid_by_email`. WeCom BLOCKS these APIs FOR 1 DAY when wrong inputs exceed
   * 20% of the corp's headcount cap (path/96267, /96268): callers must cache misses (not_found) and must not
   * look up the same unknown mobile/email again and again.
   */
  lookupUserId(credentials: WeComAppCredentials, lookup: WeComLookup): Promise<WeComLookupResult>;
  sendRobotMessage(
    credentials: WeComRobotCredentials,
    message: WeComRobotMessage,
    options?: { fullTextUrl?: string },
  ): Promise<DeliveryOutcome>;
};

export const WECOM_DEFAULT_TIMEOUT_MS = 10_000;

export function weComTokenKey(credentials: Pick<WeComAppCredentials, 'corpId' | 'agentId'>): string {
  return `wecom:${credentials.corpId}:${credentials.agentId}`;
}

type CallResult =
  | { kind: 'response'; status: number; contentType: string | null; bodyText: string }
  | Extract<DeliveryOutcome, { kind: 'retry' }>;

/** The I/O shell around the pure builders and classifiers. It never throws for vendor or network failures. */
export function createWeComClient(options: WeComClientOptions = {}): WeComClient {
  const baseUrl = weComBaseUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? WECOM_DEFAULT_TIMEOUT_MS;
  const tokenCache = options.tokenCache ?? new TokenCache();
  const httpOptions = { timeoutMs, ...(options.fetch && { fetch: options.fetch }) };
  /** An injected fetch wins (tests); else the app's proxy when it has one (trusted-IP setups); else direct. */
  const fetchFor = (credentials: WeComAppCredentials): typeof fetch =>
    options.fetch ?? (credentials.proxyUrl ? proxiedFetch(credentials.proxyUrl) : fetch);

  async function fetchToken(credentials: WeComAppCredentials): Promise<TokenFetch> {
    const query = new URLSearchParams({ corpid: credentials.corpId, corpsecret: credentials.corpSecret });
    // gettoken is a GET (grafana's POST is a known bug), and the lifetime field is `expires_in`.
    const result = await getText(`${baseUrl}/cgi-bin/gettoken?${query.toString()}`, fetchFor(credentials));
    if (result.kind !== 'response') return { ok: false, outcome: result };
    const body = parseWeComBody(result.bodyText);
    if (!body)
      return { ok: false, outcome: classifyWeComHttp(result.status, result.contentType, result.bodyText) };
    if (body.errcode !== 0) return { ok: false, outcome: classifyWeComErrcode(body, result.status) };
    const token = body.raw.access_token;
    const expiresIn = body.raw.expires_in;
    if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
      return {
        ok: false,
        outcome: {
          kind: 'retry',
          retryAfterSeconds: WECOM_SERVER_ERROR_RETRY_SECONDS,
          code: 'invalid_response',
          reason: 'WeCom gettoken answered errcode 0 without an access_token and a positive expires_in',
          httpStatus: result.status,
        },
      };
    }
    return { ok: true, token, expiresInSeconds: expiresIn };
  }

  async function getText(url: string, doFetch: typeof fetch): Promise<CallResult> {
    try {
      const response = await doFetch(url, {
        method: 'GET',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const bodyText = await response.text();
      return {
        kind: 'response',
        status: response.status,
        contentType: response.headers.get('content-type'),
        bodyText,
      };
    } catch (error) {
      const timeout =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return {
        kind: 'retry',
        retryAfterSeconds: NETWORK_RETRY_AFTER_SECONDS,
        code: timeout ? 'timeout' : 'network',
        reason: timeout
          ? `no answer within ${timeoutMs} ms; WeCom may be slow or unreachable`
          : `network error: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  /**
   * POSTs with the app's token. A token error (40014/42001/41001; WeCom may expire tokens early) invalidates
   * exactly that token and retries once with a fresh one; a second token error is `reauthenticate`.
   */
  async function postWithToken(
    credentials: WeComAppCredentials,
    path: string,
    body: string,
  ): Promise<
    CallResult | { kind: 'token_failed'; outcome: Exclude<DeliveryOutcome, { kind: 'delivered' }> }
  > {
    const key = weComTokenKey(credentials);
    let result: CallResult | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const token: TokenResult = await tokenCache.get(key, () => fetchToken(credentials));
      if (!token.ok) return { kind: 'token_failed', outcome: token.outcome };
      const query = new URLSearchParams({ access_token: token.token });
      result = await postJson(
        `${baseUrl}${path}?${query.toString()}`,
        body,
        { ...JSON_HEADERS },
        { timeoutMs, fetch: fetchFor(credentials) },
      );
      if (result.kind !== 'response') return result;
      const errcode = parseWeComBody(result.bodyText)?.errcode;
      if (errcode === undefined || !WECOM_TOKEN_ERRCODES.includes(errcode)) return result;
      tokenCache.invalidate(key, token.token);
    }
    return result as CallResult;
  }

  return {
    async sendAppMessage(credentials, input) {
      const batches: WeComAppSendResult['batches'] = [];
      const recipients: WeComRecipientOutcome[] = [];
      const bodies = weComAppMessageBodies({
        agentId: credentials.agentId,
        touser: input.touser,
        message: input.message,
        safe: credentials.safe,
        ...(input.fullTextUrl !== undefined && { fullTextUrl: input.fullTextUrl }),
        ...(input.duplicateCheckIntervalSeconds !== undefined && {
          duplicateCheckIntervalSeconds: input.duplicateCheckIntervalSeconds,
        }),
      });
      for (const batch of bodies) {
        const result = await postWithToken(credentials, '/cgi-bin/message/send', batch.body);
        const classified =
          result.kind === 'response'
            ? classifyWeComAppSendResponse(batch.touser, result.status, result.contentType, result.bodyText)
            : {
                outcome: result.kind === 'token_failed' ? result.outcome : result,
                recipients: batch.touser.map((userid) => ({
                  userid,
                  outcome: result.kind === 'token_failed' ? result.outcome : result,
                })),
              };
        batches.push({ touser: batch.touser, outcome: classified.outcome });
        recipients.push(...classified.recipients);
      }
      return { recipients, batches };
    },

    async lookupUserId(credentials, lookup) {
      const [path, body] =
        'mobile' in lookup
          ? ['/cgi-bin/user/getuserid', { mobile: lookup.mobile }]
          : [
              '/cgi-bin/user/get_userid_by_email',
              { email: lookup.email, email_type: lookup.emailType === 'personal' ? 2 : 1 },
            ];
      const result = await postWithToken(credentials, path, JSON.stringify(body));
      if (result.kind === 'token_failed') return { kind: 'error', outcome: result.outcome };
      if (result.kind !== 'response') return { kind: 'error', outcome: result };
      const parsed = parseWeComBody(result.bodyText);
      if (!parsed) {
        return {
          kind: 'error',
          outcome: classifyWeComHttp(result.status, result.contentType, result.bodyText),
        };
      }
      if (WECOM_LOOKUP_NOT_FOUND_ERRCODES.includes(parsed.errcode)) {
        return {
          kind: 'not_found',
          code: String(parsed.errcode),
          reason: `no member visible to the app has this ${'mobile' in lookup ? 'mobile number' : 'email address'} (${parsed.errmsg || 'no errmsg'}); cache this miss, wrong lookups can block the API for a day`,
        };
      }
      if (parsed.errcode !== 0)
        return { kind: 'error', outcome: classifyWeComErrcode(parsed, result.status) };
      const userid = parsed.raw.userid;
      if (typeof userid !== 'string' || userid === '') {
        return {
          kind: 'error',
          outcome: classifyWeComHttp(result.status, result.contentType, result.bodyText),
        };
      }
      return { kind: 'found', userid };
    },

    async sendRobotMessage(credentials, message, sendOptions = {}) {
      const request = buildWeComRobotRequest({
        baseUrl,
        key: credentials.key,
        message,
        ...(sendOptions.fullTextUrl !== undefined && { fullTextUrl: sendOptions.fullTextUrl }),
      });
      const result = await postJson(request.url, request.body, request.headers, httpOptions);
      if (result.kind !== 'response') return result;
      return classifyWeComRobotResponse(result.status, result.contentType, result.bodyText);
    },
  };
}
