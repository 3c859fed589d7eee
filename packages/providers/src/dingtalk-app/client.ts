import type { HttpRequest } from '../dingtalk/robot.ts';
import { postJson } from '../http.ts';
import type { DeliveryOutcome } from '../outcome.ts';
import { TokenCache } from '../token-cache.ts';
import {
  classifyAccessTokenResponse,
  classifyGetUserByMobileResponse,
  classifyRobotBatchResponse,
  classifyWorkNotificationResponse,
  type DingTalkAppFailure,
  type DingTalkRecipientOutcome,
  type DingTalkUserLookup,
} from './classify.ts';
import { toDingTalkMobile } from './mobile.ts';
import {
  buildAccessTokenRequest,
  buildGetUserByMobileRequest,
  buildRobotBatchSendRequest,
  buildWorkNotificationRequest,
  chunk,
  DINGTALK_APP_DEFAULT_API_BASE_URL,
  DINGTALK_APP_DEFAULT_OAPI_BASE_URL,
  DINGTALK_APP_LIMITS,
  type DingTalkAppCredentials,
  type DingTalkRobotOtoMessage,
  type DingTalkWorkMessage,
} from './requests.ts';

export type DingTalkAppClientOptions = {
  /** Legacy API host. Defaults to `https://oapi.dingtalk.com`; the sandbox is `{sandboxUrl}/dingtalk/oapi`. */
  oapiBaseUrl?: string;
  /** New API host. Defaults to `https://api.dingtalk.com`; the sandbox is `{sandboxUrl}/dingtalk/api`. */
  apiBaseUrl?: string;
  /** Per HTTP request, body included. Defaults to 10 s. */
  timeoutMs?: number;
  /** Shared across clients to share tokens; keyed by clientId. Defaults to a cache of this client's own. */
  tokenCache?: TokenCache;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
};

export type DingTalkAppClient = {
  /** E.164 (or a bare mainland number) → the user's userid. Never throws for vendor or network failures. */
  lookupUserIdByMobile(credentials: DingTalkAppCredentials, mobile: string): Promise<DingTalkUserLookup>;
  /**
   * A work notification (工作通知) to `userIds`, in calls of ≤5000 users; one outcome per user, in order.
   * `delivered` means accepted (providerMessageId = task_id): DingTalk answers success even when it then
   * drops the message (identical content to a user once a day, ≤500 a day), so make the text unique
   * (`uniqueWorkNotificationText`).
   */
  sendWorkNotification(
    credentials: DingTalkAppCredentials,
    userIds: readonly string[],
    message: DingTalkWorkMessage,
  ): Promise<DingTalkRecipientOutcome[]>;
  /** 1:1 robot messages to `userIds`, in calls of ≤20 users; one outcome per user, in order. */
  sendRobotBatch(
    credentials: DingTalkAppCredentials,
    userIds: readonly string[],
    message: DingTalkRobotOtoMessage,
  ): Promise<DingTalkRecipientOutcome[]>;
};

export const DINGTALK_APP_DEFAULT_TIMEOUT_MS = 10_000;

type Attempt<T> = { ok: true; value: T } | { ok: false; outcome: DingTalkAppFailure };

/** The I/O shell around the pure builders and classifiers. */
/** Token cache key: vendor-prefixed, so one TokenCache can serve every vendor without id collisions. */
export const dingTalkTokenKey = (credentials: { clientId: string }) => `dingtalk:${credentials.clientId}`;

export function createDingTalkAppClient(options: DingTalkAppClientOptions = {}): DingTalkAppClient {
  const oapiBaseUrl = options.oapiBaseUrl ?? DINGTALK_APP_DEFAULT_OAPI_BASE_URL;
  const apiBaseUrl = options.apiBaseUrl ?? DINGTALK_APP_DEFAULT_API_BASE_URL;
  const timeoutMs = options.timeoutMs ?? DINGTALK_APP_DEFAULT_TIMEOUT_MS;
  const tokens = options.tokenCache ?? new TokenCache();
  const httpOptions = { timeoutMs, ...(options.fetch && { fetch: options.fetch }) };

  const post = (request: HttpRequest) => postJson(request.url, request.body, request.headers, httpOptions);

  /**
   * Runs `call` with the app's cached token. When DingTalk rejects the token (expired early, revoked), that
   * token is invalidated and the call is retried exactly once with a fresh one.
   */
  async function withToken<T>(
    credentials: DingTalkAppCredentials,
    call: (token: string) => Promise<Attempt<T>>,
  ): Promise<Attempt<T>> {
    for (let attempt = 1; ; attempt++) {
      const token = await tokens.get(dingTalkTokenKey(credentials), async () => {
        const result = await post(buildAccessTokenRequest(apiBaseUrl, credentials));
        if (result.kind !== 'response') return { ok: false, outcome: result };
        return classifyAccessTokenResponse(result.status, result.contentType, result.bodyText);
      });
      if (!token.ok) return token;
      const result = await call(token.token);
      if (result.ok || result.outcome.kind !== 'reauthenticate' || attempt >= 2) return result;
      tokens.invalidate(dingTalkTokenKey(credentials), token.token);
    }
  }

  const everyone = (userIds: readonly string[], outcome: DeliveryOutcome): DingTalkRecipientOutcome[] =>
    userIds.map((userId) => ({ userId, outcome }));

  return {
    async lookupUserIdByMobile(credentials, mobile) {
      const normalised = toDingTalkMobile(mobile);
      if (!normalised.ok) {
        return {
          kind: 'error',
          outcome: { kind: 'permanent', code: 'invalid_mobile', reason: normalised.reason },
        };
      }
      const result = await withToken<DingTalkUserLookup>(credentials, async (token) => {
        const response = await post(buildGetUserByMobileRequest(oapiBaseUrl, token, normalised.mobile));
        if (response.kind !== 'response') return { ok: false, outcome: response };
        const lookup = classifyGetUserByMobileResponse(
          response.status,
          response.contentType,
          response.bodyText,
        );
        return lookup.kind === 'error' ? { ok: false, outcome: lookup.outcome } : { ok: true, value: lookup };
      });
      return result.ok ? result.value : { kind: 'error', outcome: result.outcome };
    },

    async sendWorkNotification(credentials, userIds, message) {
      // userid_list is comma-separated: an id that is empty or holds a comma would corrupt the list.
      const unsendable = new Set(userIds.filter((u) => u === '' || u.includes(',')));
      const sendable = userIds.filter((u) => !unsendable.has(u));
      const byUser = new Map<string, DeliveryOutcome>();
      for (const userId of unsendable) {
        byUser.set(userId, {
          kind: 'permanent',
          code: 'invalid_userid',
          reason: `"${userId}" is not a DingTalk userid (empty or containing a comma)`,
        });
      }
      for (const batch of chunk(sendable, DINGTALK_APP_LIMITS.workNotificationMaxUsers)) {
        const result = await withToken<DeliveryOutcome>(credentials, async (token) => {
          const response = await post(
            buildWorkNotificationRequest(oapiBaseUrl, token, credentials.agentId, batch, message),
          );
          if (response.kind !== 'response') return { ok: false, outcome: response };
          const outcome = classifyWorkNotificationResponse(
            response.status,
            response.contentType,
            response.bodyText,
          );
          return outcome.kind === 'delivered' ? { ok: true, value: outcome } : { ok: false, outcome };
        });
        for (const userId of batch) byUser.set(userId, result.ok ? result.value : result.outcome);
      }
      return userIds.map((userId) => ({ userId, outcome: byUser.get(userId) as DeliveryOutcome }));
    },

    async sendRobotBatch(credentials, userIds, message) {
      const outcomes: DingTalkRecipientOutcome[] = [];
      for (const batch of chunk(userIds, DINGTALK_APP_LIMITS.robotBatchMaxUsers)) {
        const result = await withToken<DingTalkRecipientOutcome[]>(credentials, async (token) => {
          const response = await post(
            buildRobotBatchSendRequest(apiBaseUrl, token, credentials.robotCode, batch, message),
          );
          if (response.kind !== 'response') return { ok: false, outcome: response };
          const classified = classifyRobotBatchResponse(
            response.status,
            response.contentType,
            response.bodyText,
            batch,
          );
          return classified.ok ? { ok: true, value: classified.recipients } : classified;
        });
        outcomes.push(...(result.ok ? result.value : everyone(batch, result.outcome)));
      }
      return outcomes;
    },
  };
}
