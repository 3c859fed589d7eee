import { checkTarget, type OutboundPolicy } from './net/check.ts';
import { fetchThrough, GuardedAgents, outboundErrorOf } from './net/guarded-fetch.ts';
import { outboundOutcome } from './net/outcome.ts';
import type { DeliveryOutcome } from './outcome.ts';

/** The raw answer of a vendor, handed to a pure classifier. */
export type HttpResponse = {
  kind: 'response';
  status: number;
  contentType: string | null;
  bodyText: string;
};

/** A request that never produced an HTTP answer is a `retry` outcome (code `network` or `timeout`). */
export type PostJsonResult = HttpResponse | Extract<DeliveryOutcome, { kind: 'retry' }>;

/** postJsonToTenantTarget's result: also `permanent` (code `outbound_refused`) when the policy refused the target. */
export type TenantTargetPostResult = PostJsonResult | Extract<DeliveryOutcome, { kind: 'permanent' }>;

export type PostJsonOptions = {
  timeoutMs: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
};

/** Guarded connections for postJson's tenant-supplied targets, one agent per policy. */
const guardedAgents = new GuardedAgents();

/** How long to wait before retrying after a connection failure or a timeout. */
export const NETWORK_RETRY_AFTER_SECONDS = 30;

/**
 * POSTs `body` (already serialised JSON) and returns the status, content type and body text.
 * It does not interpret the answer: classification is the vendor module's job.
 * Redirects are not followed: a webhook that redirects is a misconfiguration, and following it
 * would send the message (and its signature) to another host.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostJsonOptions,
): Promise<PostJsonResult> {
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(url, {
      method: 'POST',
      body,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // Reading the body can time out or fail too, so it stays inside the try.
    const bodyText = await response.text();
    return {
      kind: 'response',
      status: response.status,
      contentType: response.headers.get('content-type'),
      bodyText,
    };
  } catch (error) {
    return networkFailureOutcome(error, options.timeoutMs);
  }
}

/**
 * postJson for a URL a tenant supplied rather than a vendor's configured host: the target is resolved and
 * checked against `outbound` before anything is sent, and the connection re-checks the address it
 * connects to (DNS rebinding). A refused target is a `permanent` outcome naming the host, address and why.
 */
export async function postJsonToTenantTarget(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostJsonOptions & { outbound: OutboundPolicy },
): Promise<TenantTargetPostResult> {
  try {
    await checkTarget(url, options.outbound);
  } catch (error) {
    const outbound = outboundErrorOf(error);
    if (!outbound) throw error;
    return outboundOutcome(outbound) as TenantTargetPostResult;
  }
  const result = await postJson(url, body, headers, {
    ...options,
    fetch: options.fetch ?? fetchThrough(guardedAgents.for(options.outbound)),
  });
  return result;
}

function networkFailureOutcome(
  error: unknown,
  timeoutMs: number,
): Extract<DeliveryOutcome, { kind: 'retry' }> {
  // Only a guarded fetch (postJsonToTenantTarget's) fails this way, and its result type includes `permanent`.
  const outbound = outboundErrorOf(error);
  if (outbound) return outboundOutcome(outbound) as Extract<DeliveryOutcome, { kind: 'retry' }>;
  if (isTimeout(error)) {
    return {
      kind: 'retry',
      retryAfterSeconds: NETWORK_RETRY_AFTER_SECONDS,
      code: 'timeout',
      reason: `no answer within ${timeoutMs} ms; the vendor may be slow or unreachable`,
    };
  }
  return {
    kind: 'retry',
    retryAfterSeconds: NETWORK_RETRY_AFTER_SECONDS,
    code: 'network',
    reason: `network error: ${describeError(error)}`,
  };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** undici reports `fetch failed` and hides the useful part (ECONNREFUSED, ENOTFOUND, ...) in `cause`. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    const detail = cause.message || (typeof code === 'string' ? code : cause.name);
    return `${detail} (${error.message})`;
  }
  return error.message || error.name;
}
