import { NETWORK_RETRY_AFTER_SECONDS } from '../http.ts';
import type { DeliveryOutcome } from '../outcome.ts';

/** 429 without a usable Retry-After. Tidings policy. */
export const WEBHOOK_THROTTLE_RETRY_SECONDS = 60;
/** 408 / 5xx without Retry-After. Tidings policy (the same as network failures). */
export const WEBHOOK_SERVER_ERROR_RETRY_SECONDS = NETWORK_RETRY_AFTER_SECONDS;
/** A receiver cannot park a delivery for longer than this with Retry-After. */
export const WEBHOOK_MAX_RETRY_AFTER_SECONDS = 3600;
export const WEBHOOK_BODY_EXCERPT_CHARS = 200;

export type WebhookResponse = {
  status: number;
  retryAfter: string | null;
  bodyText: string;
  /** The Location header of a redirect, reported (never followed). */
  location?: string | null;
};

/**
 * Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), in whole seconds from `nowMs`,
 * clamped to [1, WEBHOOK_MAX_RETRY_AFTER_SECONDS]; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let seconds: number;
  if (/^\d+$/.test(text)) seconds = Number(text);
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
    seconds = Math.ceil((at - nowMs) / 1000);
  }
  return Math.min(Math.max(seconds, 1), WEBHOOK_MAX_RETRY_AFTER_SECONDS);
}

/**
 * Any 2xx is success (SQLE insists on exactly 200; receivers legitimately answer 202/204).
 * Redirects are never followed (the request would carry the signature and token to another host).
 */
export function classifyWebhookResponse(response: WebhookResponse, nowMs: number): DeliveryOutcome {
  const { status } = response;
  const code = `http_${status}`;
  if (status >= 200 && status < 300) return { kind: 'delivered', httpStatus: status };
  const retryAfter = parseRetryAfter(response.retryAfter, nowMs);
  if (status === 429) {
    return {
      kind: 'retry',
      retryAfterSeconds: retryAfter ?? WEBHOOK_THROTTLE_RETRY_SECONDS,
      code,
      reason: `the receiver is rate limiting (HTTP 429)${retryAfter !== undefined ? `; it asked to wait ${retryAfter} s` : ''}`,
      httpStatus: status,
    };
  }
  if (status === 408 || (status >= 500 && status < 600)) {
    return {
      kind: 'retry',
      retryAfterSeconds: retryAfter ?? WEBHOOK_SERVER_ERROR_RETRY_SECONDS,
      code,
      reason: `the receiver failed with HTTP ${status}${describe(response.bodyText)}`,
      httpStatus: status,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'permanent',
      code,
      reason: `the receiver answered with a redirect (HTTP ${status})${redirectTarget(response.location)}, which is not followed: configure the final URL`,
      httpStatus: status,
    };
  }
  if (status === 401 || status === 403) {
    return {
      kind: 'permanent',
      code,
      reason: `the receiver refused the request (HTTP ${status}): check the signing secret, the bearer token and the receiver's clock${describe(response.bodyText)}`,
      httpStatus: status,
    };
  }
  return {
    kind: 'permanent',
    code,
    reason: `the receiver rejected the request with HTTP ${status}${describe(response.bodyText)}`,
    httpStatus: status,
  };
}

/** Where a redirect pointed: scheme, host and port only (a query may carry a token). */
function redirectTarget(location: string | null | undefined): string {
  if (!location) return '';
  if (!/^[a-z][a-z0-9+.-]*:/i.test(location.trim())) return ' to another path on the same host';
  try {
    const url = new URL(location);
    return ` to ${url.protocol}//${url.host}/`;
  } catch {
    return ' to an unreadable location';
  }
}

function describe(bodyText: string): string {
  const snippet = bodyText.trim().replace(/\s+/g, ' ').slice(0, WEBHOOK_BODY_EXCERPT_CHARS);
  return snippet ? `: ${snippet}` : '';
}
