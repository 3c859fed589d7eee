import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseControlBody } from '../control.ts';
import type { EmulatorAnswer, EmulatorRequest, VendorEmulator } from '../emulator.ts';
import { webhookInboxItems } from './inbox.ts';

/**
 * A careful receiver of Tidings' generic webhook (packages/providers/src/webhook/README.md):
 *   POST /webhook/receive/:endpointId                  the receiver
 *   PUT  /_sandbox/webhook/endpoints/:endpointId       configure { secret?, bearerToken?, respondWith? }
 *   GET  /_sandbox/webhook/endpoints                   list
 *   DELETE /_sandbox/webhook/endpoints/:endpointId
 *   GET  /_sandbox/webhook/deliveries?endpointId=      accepted deliveries (one per delivery id)
 *   GET  /_sandbox/webhook/attempts?endpointId=        every request with the answer given
 * The signature check is written here independently of @tidings/providers so that a bug cannot hide in both.
 */
export const WEBHOOK_VENDOR = 'webhook';
export const WEBHOOK_RECEIVE_PREFIX = '/webhook/receive/';
export const WEBHOOK_TOLERANCE_SECONDS = 300;
export const WEBHOOK_MAX_RECORDED = 10_000;

export const WebhookEndpointBody = z.strictObject({
  secret: z.string().min(1).optional(),
  bearerToken: z.string().min(1).optional(),
  /** Answer every request with this instead of processing it (a failing or redirecting receiver). */
  respondWith: z
    .strictObject({
      status: z.int().min(200).max(599),
      retryAfter: z.string().min(1).optional(),
      location: z.string().min(1).optional(),
      body: z.string().optional(),
    })
    .optional(),
});
export type WebhookEndpoint = z.output<typeof WebhookEndpointBody>;

export type WebhookDelivery = {
  id: string;
  endpointId: string;
  deliveryId: string;
  receivedAt: string;
  signed: boolean;
  body: unknown;
};

export type WebhookAttempt = {
  endpointId: string;
  receivedAt: string;
  deliveryId: string | null;
  bodyText: string;
  result: 'accepted' | 'duplicate' | 'rejected' | 'configured_answer';
  status: number;
  error?: string;
};

export type WebhookEmulator = VendorEmulator & {
  readonly endpoints: Map<string, WebhookEndpoint>;
  readonly deliveries: WebhookDelivery[];
  readonly attempts: WebhookAttempt[];
  putEndpoint(endpointId: string, endpoint: WebhookEndpoint): void;
};

export function createWebhookEmulator(options: { now?: () => number } = {}): WebhookEmulator {
  const now = options.now ?? Date.now;
  const endpoints = new Map<string, WebhookEndpoint>();
  const deliveries: WebhookDelivery[] = [];
  const attempts: WebhookAttempt[] = [];
  const seen = new Map<string, Set<string>>();
  let nextId = 1;

  const record = <T>(list: T[], entry: T) => {
    list.push(entry);
    if (list.length > WEBHOOK_MAX_RECORDED) list.splice(0, list.length - WEBHOOK_MAX_RECORDED);
  };

  function receive(endpointId: string, request: EmulatorRequest): EmulatorAnswer {
    const endpoint = endpoints.get(endpointId);
    if (!endpoint) return json(404, { error: `no webhook endpoint ${endpointId}` });
    const deliveryId = header(request, 'x-tidings-delivery-id') ?? null;
    const base = {
      endpointId,
      receivedAt: new Date(now()).toISOString(),
      deliveryId,
      bodyText: request.bodyText,
    };
    const reject = (status: number, error: string): EmulatorAnswer => {
      record(attempts, { ...base, result: 'rejected', status, error });
      return json(status, { error });
    };

    if (endpoint.respondWith) {
      const { status, retryAfter, location, body } = endpoint.respondWith;
      record(attempts, { ...base, result: 'configured_answer', status });
      return {
        status,
        headers: { ...(retryAfter && { 'retry-after': retryAfter }), ...(location && { location }) },
        body: body ?? { error: 'sandbox configured answer' },
      };
    }
    if (
      endpoint.bearerToken !== undefined &&
      !sameText(header(request, 'authorization'), `Bearer ${endpoint.bearerToken}`)
    ) {
      return reject(401, 'missing or wrong bearer token');
    }
    if (endpoint.secret !== undefined) {
      const problem = checkSignature(endpoint.secret, request, now());
      if (problem) return reject(401, problem);
    }
    if (!/^application\/json\b/i.test(header(request, 'content-type') ?? '')) {
      return reject(415, 'content-type must be application/json');
    }
    let body: unknown;
    try {
      body = JSON.parse(request.bodyText);
    } catch {
      return reject(400, 'body is not valid JSON');
    }
    if (!deliveryId) return reject(400, 'x-tidings-delivery-id is required');

    let ids = seen.get(endpointId);
    if (!ids) {
      ids = new Set();
      seen.set(endpointId, ids);
    }
    if (ids.has(deliveryId)) {
      record(attempts, { ...base, result: 'duplicate', status: 200 });
      return json(200, { ok: true, duplicate: true });
    }
    ids.add(deliveryId);
    record(deliveries, {
      id: `whd_${nextId++}`,
      endpointId,
      deliveryId,
      receivedAt: base.receivedAt,
      signed: endpoint.secret !== undefined,
      body,
    });
    record(attempts, { ...base, result: 'accepted', status: 200 });
    return json(200, { ok: true });
  }

  function control(request: EmulatorRequest): EmulatorAnswer | undefined {
    const { method } = request;
    const path = request.url.pathname;
    const filter = request.url.searchParams.get('endpointId');
    if (path === '/_sandbox/webhook/endpoints') {
      if (method !== 'GET') return json(405, { error: 'method not allowed; use GET' });
      return json(200, {
        endpoints: [...endpoints].map(([endpointId, e]) => ({ endpointId, ...redact(e) })),
      });
    }
    if (path === '/_sandbox/webhook/deliveries') {
      if (method !== 'GET') return json(405, { error: 'method not allowed; use GET' });
      return json(200, {
        deliveries: filter ? deliveries.filter((d) => d.endpointId === filter) : deliveries,
      });
    }
    if (path === '/_sandbox/webhook/attempts') {
      if (method !== 'GET') return json(405, { error: 'method not allowed; use GET' });
      return json(200, { attempts: filter ? attempts.filter((a) => a.endpointId === filter) : attempts });
    }
    const match = /^\/_sandbox\/webhook\/endpoints\/([^/]+)$/.exec(path);
    if (match?.[1] !== undefined) {
      const endpointId = decode(match[1]);
      if (endpointId === undefined) return json(400, { error: 'invalid endpointId: bad percent-encoding' });
      if (method === 'PUT') {
        return parseControlBody(WebhookEndpointBody, request.bodyText, (input) => {
          putEndpoint(endpointId, input);
          return json(200, { endpoint: { endpointId, ...redact(input) } });
        });
      }
      if (method === 'DELETE') {
        seen.delete(endpointId);
        return endpoints.delete(endpointId)
          ? json(200, { deleted: endpointId })
          : json(404, { error: `no webhook endpoint ${endpointId}` });
      }
      return json(405, { error: 'method not allowed; use PUT, DELETE' });
    }
    return undefined;
  }

  function putEndpoint(endpointId: string, endpoint: WebhookEndpoint) {
    endpoints.set(endpointId, structuredClone(endpoint));
  }

  return {
    vendor: WEBHOOK_VENDOR,
    endpoints,
    deliveries,
    attempts,
    putEndpoint,
    inbox: () => webhookInboxItems(deliveries),
    handle(request) {
      const path = request.url.pathname;
      if (path.startsWith(WEBHOOK_RECEIVE_PREFIX)) {
        const endpointId = decode(path.slice(WEBHOOK_RECEIVE_PREFIX.length));
        if (endpointId === undefined || endpointId === '' || endpointId.includes('/')) {
          return json(404, { error: `not found: ${path}` });
        }
        if (request.method !== 'POST') return json(405, { error: 'method not allowed; use POST' });
        return receive(endpointId, request);
      }
      if (path.startsWith('/_sandbox/webhook/')) return control(request);
      return undefined;
    },
    reset(everything) {
      deliveries.length = 0;
      attempts.length = 0;
      seen.clear();
      if (everything) endpoints.clear();
    },
    setRateLimits() {
      // The generic webhook has no vendor rate limit; use respondWith { status: 429 } instead.
    },
  };
}

/** Verifies x-tidings-timestamp / x-tidings-signature like a careful receiver; returns the problem or undefined. */
export function checkSignature(secret: string, request: EmulatorRequest, nowMs: number): string | undefined {
  const timestamp = header(request, 'x-tidings-timestamp');
  const signature = header(request, 'x-tidings-signature');
  if (!timestamp || !signature) return 'missing x-tidings-timestamp or x-tidings-signature';
  if (!/^\d{1,12}$/.test(timestamp)) return 'x-tidings-timestamp must be unix seconds';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) {
    return `x-tidings-timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} s away from the receiver's clock`;
  }
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${request.bodyText}`).digest('hex')}`;
  const ok = signature.split(',').some((candidate) => sameText(candidate.trim(), expected));
  return ok ? undefined : 'signature mismatch';
}

function sameText(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function header(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function redact(endpoint: WebhookEndpoint) {
  return {
    hasSecret: endpoint.secret !== undefined,
    hasBearerToken: endpoint.bearerToken !== undefined,
    respondWith: endpoint.respondWith ?? null,
  };
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function json(status: number, body: unknown): EmulatorAnswer {
  return { status, body };
}
