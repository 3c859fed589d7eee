import { NETWORK_RETRY_AFTER_SECONDS } from '../http.ts';
import type { OutboundAllowlist } from '../net/allowlist.ts';
import {
  checkTarget,
  LOOPBACK_OUTBOUND_ALLOWLIST,
  type OutboundLookup,
  type OutboundPolicy,
} from '../net/check.ts';
import { fetchThrough, GuardedAgents, outboundErrorOf } from '../net/guarded-fetch.ts';
import { outboundOutcome } from '../net/outcome.ts';
import type { DeliveryOutcome } from '../outcome.ts';
import { classifyWebhookResponse } from './classify.ts';
import {
  buildWebhookRequest,
  validateWebhookSettings,
  WEBHOOK_LIMITS,
  type WebhookCredentials,
} from './request.ts';

export type WebhookSendOptions = {
  /** Sent as `x-tidings-delivery-id`; the same for every attempt so receivers can de-duplicate. */
  idempotencyKey: string;
  /** The sending tenant's outbound allowlist (its settings): private targets it has opened. */
  tenantAllowlist?: OutboundAllowlist;
};

/** Outbound safety for webhook targets (tenant-supplied URLs). */
export type WebhookOutboundOptions = {
  /**
   * The platform's allowlist (OUTBOUND_ALLOW). Default: loopback only, for the sandbox and local
   * receivers; services pass the one from their environment, empty in production.
   */
  allow?: OutboundAllowlist;
  /** Injected for tests; defaults to the system resolver. */
  lookup?: OutboundLookup;
};

export type WebhookClientOptions = {
  /** Whole request, reading the answer included. Defaults to 10 s. */
  timeoutMs?: number;
  /** Clock for the signed timestamp and Retry-After dates, epoch ms; injectable for tests. */
  now?: () => number;
  /**
   * Injected for tests; defaults to a fetch whose connections re-check every address they connect to.
   * An injected fetch still gets the check made before sending.
   */
  fetch?: typeof fetch;
  outbound?: WebhookOutboundOptions;
};

export type WebhookClient = {
  send(
    credentials: WebhookCredentials,
    payload: unknown,
    options: WebhookSendOptions,
  ): Promise<DeliveryOutcome>;
  /** Closes pooled connections. */
  close(): Promise<void>;
};

export const WEBHOOK_DEFAULT_TIMEOUT_MS = 10_000;
/** Only this much of an answer is read: enough for an error excerpt, bounded against huge bodies. */
export const WEBHOOK_MAX_ANSWER_BYTES = 8 * 1024;

/**
 * The I/O shell: validates, builds and signs a fresh request per attempt, checks the target against the
 * outbound policy (resolving its host), posts it over a connection that re-checks the address it connects
 * to, classifies. Never throws. A redirect is never followed (see classifyWebhookResponse).
 */
export function createWebhookClient(options: WebhookClientOptions = {}): WebhookClient {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const platform = options.outbound?.allow ?? LOOPBACK_OUTBOUND_ALLOWLIST;
  const lookup = options.outbound?.lookup;
  const agents = new GuardedAgents();
  return {
    close: () => agents.close(),
    async send(credentials, payload, sendOptions) {
      const problems = validateWebhookSettings(credentials);
      const key = sendOptions.idempotencyKey;
      if (key.length > WEBHOOK_LIMITS.maxIdempotencyKeyChars || !/^[\x21-\x7e]+$/.test(key)) {
        return {
          kind: 'permanent',
          code: 'invalid_message',
          reason: `idempotencyKey must be 1 to ${WEBHOOK_LIMITS.maxIdempotencyKeyChars} printable ASCII characters`,
        };
      }
      if (problems.length > 0) {
        return {
          kind: 'permanent',
          code: 'invalid_settings',
          reason: `webhook settings are invalid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        };
      }
      let request: ReturnType<typeof buildWebhookRequest>;
      try {
        request = buildWebhookRequest({
          credentials,
          payload,
          idempotencyKey: key,
          // Signed at send time, per attempt: receivers reject timestamps older than their tolerance.
          timestampSeconds: Math.floor(now() / 1000),
        });
      } catch (error) {
        return {
          kind: 'permanent',
          code: 'invalid_message',
          reason: `payload is not serialisable: ${String(error)}`,
        };
      }
      if (Buffer.byteLength(request.body, 'utf8') > WEBHOOK_LIMITS.maxBodyBytes) {
        return {
          kind: 'permanent',
          code: 'invalid_message',
          reason: `payload is larger than ${WEBHOOK_LIMITS.maxBodyBytes} bytes`,
        };
      }
      const policy: OutboundPolicy = {
        platform,
        ...(sendOptions.tenantAllowlist && { tenant: sendOptions.tenantAllowlist }),
        ...(lookup && { lookup }),
      };
      try {
        // Before any connection: a refused target is reported with the host, the address and why.
        await checkTarget(request.url, policy);
      } catch (error) {
        const outbound = outboundErrorOf(error);
        if (outbound) return outboundOutcome(outbound);
        return networkFailure(error, timeoutMs);
      }
      const doFetch = options.fetch ?? fetchThrough(agents.for(policy));
      try {
        const response = await doFetch(request.url, {
          method: 'POST',
          // A new string per attempt; fetch makes its own body stream from it each call.
          body: request.body,
          headers: request.headers,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        const bodyText = await readCapped(response, WEBHOOK_MAX_ANSWER_BYTES);
        return classifyWebhookResponse(
          {
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
            location: response.headers.get('location'),
            bodyText,
          },
          now(),
        );
      } catch (error) {
        const outbound = outboundErrorOf(error);
        if (outbound) return outboundOutcome(outbound);
        return networkFailure(error, timeoutMs);
      }
    },
  };
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  if (size >= maxBytes) await reader.cancel().catch(() => {});
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

function networkFailure(error: unknown, timeoutMs: number): DeliveryOutcome {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return {
      kind: 'retry',
      retryAfterSeconds: NETWORK_RETRY_AFTER_SECONDS,
      code: 'timeout',
      reason: `no answer within ${timeoutMs} ms; the receiver may be slow or unreachable`,
    };
  }
  const cause =
    error instanceof Error ? (error.cause as { message?: unknown; code?: unknown } | undefined) : undefined;
  const detail =
    typeof cause?.message === 'string' && cause.message
      ? cause.message
      : error instanceof Error
        ? error.message
        : String(error);
  return {
    kind: 'retry',
    retryAfterSeconds: NETWORK_RETRY_AFTER_SECONDS,
    code: 'network',
    reason: `network error: ${detail}`,
  };
}
