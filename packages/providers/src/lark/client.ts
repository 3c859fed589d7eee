import { postJson } from '../http.ts';
import type { DeliveryOutcome } from '../outcome.ts';
import { TokenCache } from '../token-cache.ts';
import {
  classifyLarkBotResponse,
  classifyLarkLookupResponse,
  classifyLarkSendResponse,
  classifyLarkTokenResponse,
  type LarkResponse,
} from './classify.ts';
import {
  batchLarkLookup,
  buildLarkLookupRequest,
  type LarkLookupInput,
  type LarkLookupResult,
  type LarkUserIdEntry,
  larkLookupResultFor,
  normalizeLarkMobile,
  parseLarkUserList,
} from './lookup.ts';
import {
  buildLarkBotRequest,
  buildLarkSendRequest,
  buildLarkTokenRequest,
  type HttpRequest,
  LARK_DEFAULT_BASE_URL,
  type LarkMessage,
} from './messages.ts';

/**
 * A custom bot: its hook id and, when signing is on, its secret. `baseUrl` (from parseLarkBotWebhookUrl) picks
 * the host (Feishu or Lark) unless the client has a baseUrl of its own.
 */
export type LarkBotHook = { hookId: string; secret?: string; baseUrl?: string };

/** An enterprise self-built app. `baseUrl` picks its host (Feishu or Lark) unless the client has a baseUrl of its own. */
export type LarkApp = { appId: string; appSecret: string; baseUrl?: string };

export type LarkClientOptions = {
  /**
   * Overrides every hook's and app's own host (the sandbox: `{sandboxUrl}/lark`). Leave unset in production:
   * each hook/app then uses its own `baseUrl`, else Feishu (`https://open.feishu.cn`).
   */
  baseUrl?: string;
  /** Whole request, body included. Defaults to 10 s. */
  timeoutMs?: number;
  /** Shared tenant tokens; defaults to a cache refreshing 5 min (≥ 3 min) before expiry. */
  tokenCache?: TokenCache;
  /** Signing clock in ms. Defaults to `Date.now`. */
  now?: () => number;
  fetch?: typeof fetch;
};

export type LarkLookupOutcome =
  | { ok: true; results: LarkLookupResult[] }
  | { ok: false; outcome: Exclude<DeliveryOutcome, { kind: 'delivered' }> };

export type LarkClient = {
  sendBotMessage(hook: LarkBotHook, message: LarkMessage): Promise<DeliveryOutcome>;
  lookupOpenIds(
    app: LarkApp,
    input: { emails?: readonly string[]; mobiles?: readonly string[] },
  ): Promise<LarkLookupOutcome>;
  sendAppMessage(
    app: LarkApp,
    openId: string,
    message: LarkMessage,
    options: { idempotencyKey: string },
  ): Promise<DeliveryOutcome>;
};

export const LARK_DEFAULT_TIMEOUT_MS = 10_000;
/** The official Node SDK refreshes 3 min early (§3.2); 5 min is safely more. */
export const LARK_TOKEN_REFRESH_EARLY_SECONDS = 300;

/** The I/O shell around the pure builders and classifiers. Never throws for vendor or network failures. */
export function createLarkClient(options: LarkClientOptions = {}): LarkClient {
  const timeoutMs = options.timeoutMs ?? LARK_DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const tokens =
    options.tokenCache ?? new TokenCache({ refreshEarlySeconds: LARK_TOKEN_REFRESH_EARLY_SECONDS });
  // The client's baseUrl is an environment override (the sandbox) and wins over a hook's or app's own host,
  // so a sandboxed client never reaches the real vendor with a hook parsed from a real URL.
  const baseOf = (own?: string) => options.baseUrl ?? own ?? LARK_DEFAULT_BASE_URL;

  /** postJson, keeping the `x-ogw-ratelimit-reset` header that postJson does not return. */
  async function post(request: HttpRequest) {
    const doFetch = options.fetch ?? fetch;
    let rateLimitReset: string | null = null;
    const result = await postJson(request.url, request.body, request.headers, {
      timeoutMs,
      fetch: async (input, init) => {
        const response = await doFetch(input, init);
        rateLimitReset = response.headers.get('x-ogw-ratelimit-reset');
        return response;
      },
    });
    if (result.kind !== 'response') return result;
    const response: LarkResponse = {
      status: result.status,
      contentType: result.contentType,
      bodyText: result.bodyText,
      rateLimitReset,
    };
    return response;
  }

  // Vendor-prefixed, so one TokenCache can serve every vendor without id collisions.
  const tokenKey = (app: LarkApp) => `lark:${app.appId}`;
  const getToken = (app: LarkApp) =>
    tokens.get(tokenKey(app), async () => {
      const answer = await post(
        buildLarkTokenRequest({ baseUrl: baseOf(app.baseUrl), appId: app.appId, appSecret: app.appSecret }),
      );
      if ('kind' in answer) return { ok: false, outcome: answer };
      return classifyLarkTokenResponse(answer);
    });

  /** Runs `call` with a token; on a token error, forgets that token and retries once with a fresh one. */
  async function withToken<T>(
    app: LarkApp,
    call: (token: string) => Promise<T>,
    needsReauth: (result: T) => boolean,
  ): Promise<T | { tokenFailure: Exclude<DeliveryOutcome, { kind: 'delivered' }> }> {
    let result: T | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await getToken(app);
      if (!token.ok) return { tokenFailure: token.outcome };
      result = await call(token.token);
      if (!needsReauth(result)) return result;
      tokens.invalidate(tokenKey(app), token.token);
    }
    return result as T;
  }

  return {
    async sendBotMessage(hook, message) {
      const request = buildLarkBotRequest({
        baseUrl: baseOf(hook.baseUrl),
        hookId: hook.hookId,
        ...(hook.secret !== undefined && { secret: hook.secret }),
        message,
        // Signed at send time, in seconds: Lark rejects timestamps more than 1 h off.
        timestampSeconds: Math.floor(now() / 1000),
      });
      const answer = await post(request);
      if ('kind' in answer) return answer;
      return classifyLarkBotResponse(answer);
    },

    async sendAppMessage(app, openId, message, sendOptions) {
      const result = await withToken(
        app,
        async (token) => {
          const answer = await post(
            buildLarkSendRequest({
              baseUrl: baseOf(app.baseUrl),
              tenantAccessToken: token,
              openId,
              message,
              idempotencyKey: sendOptions.idempotencyKey,
            }),
          );
          return 'kind' in answer ? answer : classifyLarkSendResponse(answer);
        },
        (outcome) => outcome.kind === 'reauthenticate',
      );
      return 'tokenFailure' in result ? result.tokenFailure : result;
    },

    async lookupOpenIds(app, input) {
      // One slot per input, in input order: either a local verdict or the query sent to Lark.
      const slots: ({ done: LarkLookupResult } | { given: LarkLookupInput; query: LarkLookupInput })[] = [];
      for (const email of input.emails ?? []) {
        const trimmed = email.trim();
        slots.push(
          /^[^\s@]+@[^\s@]+$/.test(trimmed)
            ? { given: { email }, query: { email: trimmed } }
            : {
                done: { input: { email }, result: 'not_found', reason: `"${email}" is not an email address` },
              },
        );
      }
      for (const mobile of input.mobiles ?? []) {
        const normalized = normalizeLarkMobile(mobile);
        slots.push(
          normalized.ok
            ? { given: { mobile }, query: { mobile: normalized.mobile } }
            : { done: { input: { mobile }, result: 'not_found', reason: normalized.reason } },
        );
      }
      const queries = slots.flatMap((slot) => ('query' in slot ? [slot.query] : []));
      const entries: LarkUserIdEntry[] = [];
      const batches = batchLarkLookup(
        queries.flatMap((q) => ('email' in q ? [q.email] : [])),
        queries.flatMap((q) => ('mobile' in q ? [q.mobile] : [])),
      );
      for (const batch of batches) {
        type Step =
          | { ok: true; data: unknown }
          | { ok: false; outcome: Exclude<DeliveryOutcome, { kind: 'delivered' }> };
        const step = await withToken<Step>(
          app,
          async (token) => {
            const answer = await post(
              buildLarkLookupRequest({ baseUrl: baseOf(app.baseUrl), tenantAccessToken: token, batch }),
            );
            return 'kind' in answer ? { ok: false, outcome: answer } : classifyLarkLookupResponse(answer);
          },
          (s) => !s.ok && s.outcome.kind === 'reauthenticate',
        );
        if ('tokenFailure' in step) return { ok: false, outcome: step.tokenFailure };
        if (!step.ok) return step;
        entries.push(...parseLarkUserList(step.data));
      }
      // Results name the input as the caller wrote it.
      const results = slots.map((slot) =>
        'done' in slot ? slot.done : { ...larkLookupResultFor(slot.query, entries), input: slot.given },
      );
      return { ok: true, results };
    },
  };
}
