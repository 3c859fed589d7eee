import { postJson } from '../http.ts';
import type { DeliveryOutcome } from '../outcome.ts';
import { classifyDingTalkRobotResponse } from './classify.ts';
import { buildDingTalkRobotRequest, type DingTalkRobotMessage } from './robot.ts';

export type DingTalkRobotCredentials = {
  accessToken: string;
  /** The robot's signing secret (`SEC...`), when the robot has signing on. */
  secret?: string;
};

export type DingTalkRobotSendOptions = {
  /** Sent as `msgUuid`: use the same key for every retry of the same notification. */
  idempotencyKey?: string;
  /** Linked at the end of a message cut to the size limit. */
  fullTextUrl?: string;
};

export type DingTalkRobotClientOptions = {
  /** Defaults to `https://oapi.dingtalk.com`; the sandbox is `{sandboxUrl}/dingtalk/oapi`. */
  baseUrl?: string;
  /** Whole request, body included. Defaults to 10 s. */
  timeoutMs?: number;
  /** Clock used for signing; injectable for tests. Defaults to `Date.now`. */
  now?: () => number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
};

export type DingTalkRobotClient = {
  send(
    credentials: DingTalkRobotCredentials,
    message: DingTalkRobotMessage,
    options?: DingTalkRobotSendOptions,
  ): Promise<DeliveryOutcome>;
};

export const DINGTALK_ROBOT_DEFAULT_TIMEOUT_MS = 10_000;

/** The I/O shell around the pure builder and classifier. It never throws for vendor or network failures. */
export function createDingTalkRobotClient(options: DingTalkRobotClientOptions = {}): DingTalkRobotClient {
  const timeoutMs = options.timeoutMs ?? DINGTALK_ROBOT_DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  return {
    async send(credentials, message, sendOptions = {}) {
      const request = buildDingTalkRobotRequest({
        ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
        accessToken: credentials.accessToken,
        ...(credentials.secret !== undefined && { secret: credentials.secret }),
        message,
        // Signed at send time (not when queued): DingTalk rejects timestamps more than 1 h old.
        timestampMs: now(),
        ...(sendOptions.idempotencyKey !== undefined && { idempotencyKey: sendOptions.idempotencyKey }),
        ...(sendOptions.fullTextUrl !== undefined && { fullTextUrl: sendOptions.fullTextUrl }),
      });
      const result = await postJson(request.url, request.body, request.headers, {
        timeoutMs,
        ...(options.fetch && { fetch: options.fetch }),
      });
      if (result.kind !== 'response') return result;
      return classifyDingTalkRobotResponse(result.status, result.contentType, result.bodyText);
    },
  };
}
