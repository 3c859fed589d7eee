import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a verified caller is, as the gateway forwards it to the subgraphs. Built from the JWT:
 * `sub` → userId, `tenant` → tenantId, `roles` (e.g. "tenant-admin"), `owned_projects` → ownedProjectIds.
 */
export interface Claims {
  userId: string;
  tenantId: string;
  roles: string[];
  ownedProjectIds: string[];
}

export const CLAIMS_HEADER = 'x-tidings-claims';
export const CLAIMS_SIGNATURE_HEADER = 'x-tidings-claims-signature';

/**
 * The claims-signing secret the gateway and the subgraphs fall back to outside production, so a local
 * mesh works with no configuration. It is public, so services refuse it when NODE_ENV=production.
 */
export const DEVELOPMENT_CLAIMS_SECRET = 'tidings-development-only-claims-secret-0123456789';

/**
 * How old a forwarded header may be. The gateway signs each subgraph request as it sends it, so a genuine
 * header is seconds old; the bound limits how long a captured header could be replayed.
 */
export const FORWARDED_CLAIMS_MAX_AGE_SECONDS = 300;
/** How far ahead of the subgraph's clock a header's timestamp may be (clocks of two pods differ a little). */
export const FORWARDED_CLAIMS_MAX_CLOCK_AHEAD_SECONDS = 60;

/**
 * What the claims header carries (base64url JSON). `aud` is the subgraph's name as in the supergraph
 * (`identity`, `channels`, …), so a header sent to one subgraph is refused by another; `iat` is when the
 * gateway signed it (Unix seconds); `caller` is null for an anonymous request through the gateway.
 */
interface ForwardedPayload {
  v: 1;
  aud: string;
  iat: number;
  caller: Claims | null;
}

function sign(encodedPayload: string, secret: string): string {
  return createHmac('sha256', secret).update(encodedPayload).digest('base64url');
}

/**
 * Headers the gateway adds to every subgraph request, for an authenticated caller and an anonymous one
 * alike. The HMAC (secret shared by gateway and subgraphs only) is what lets a subgraph tell a request that
 * came through the gateway from one that did not; it covers the audience and the time of signing too.
 */
export function forwardedClaimsHeaders(
  caller: Claims | null,
  secret: string,
  audience: string,
  nowMs: number = Date.now(),
): Record<string, string> {
  const payload: ForwardedPayload = { v: 1, aud: audience, iat: Math.floor(nowMs / 1000), caller };
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return { [CLAIMS_HEADER]: encoded, [CLAIMS_SIGNATURE_HEADER]: sign(encoded, secret) };
}

/** Why forwarded claims were refused; each means the request did not (verifiably, recently) come through the gateway. */
export type ForwardedClaimsRejection =
  | 'not-via-gateway'
  | 'missing-signature'
  | 'bad-signature'
  | 'malformed-claims'
  | 'wrong-audience'
  | 'expired'
  | 'from-the-future';

export type ForwardedClaimsResult =
  | { ok: true; claims: Claims | null }
  | { ok: false; reason: ForwardedClaimsRejection };

export interface ReadForwardedClaimsOptions {
  /** This subgraph's name; a header signed for another subgraph is refused. */
  audience: string;
  nowMs?: number;
  maxAgeSeconds?: number;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

function parseCaller(value: unknown): Claims | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object') return undefined;
  const caller = value as Partial<Record<keyof Claims, unknown>>;
  if (typeof caller.userId !== 'string' || typeof caller.tenantId !== 'string') return undefined;
  return {
    userId: caller.userId,
    tenantId: caller.tenantId,
    roles: strings(caller.roles),
    ownedProjectIds: strings(caller.ownedProjectIds),
  };
}

/**
 * Reads the claims the gateway forwarded. Every request through the gateway carries a signed header (an
 * anonymous one gives `claims: null`), so a request with none did not come through the gateway and is
 * refused like a forged one. The signature is checked before anything in the header is believed.
 */
export function readForwardedClaims(
  header: (name: string) => string | null | undefined,
  secret: string,
  options: ReadForwardedClaimsOptions,
): ForwardedClaimsResult {
  const encoded = header(CLAIMS_HEADER);
  const signature = header(CLAIMS_SIGNATURE_HEADER);
  if (!encoded && !signature) return { ok: false, reason: 'not-via-gateway' };
  if (!encoded) return { ok: false, reason: 'malformed-claims' };
  if (!signature) return { ok: false, reason: 'missing-signature' };
  const expected = Buffer.from(sign(encoded, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad-signature' };
  }

  let payload: Partial<ForwardedPayload>;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Partial<ForwardedPayload>;
  } catch {
    return { ok: false, reason: 'malformed-claims' };
  }
  if (payload === null || typeof payload !== 'object' || payload.v !== 1) {
    return { ok: false, reason: 'malformed-claims' };
  }
  if (typeof payload.aud !== 'string' || typeof payload.iat !== 'number') {
    return { ok: false, reason: 'malformed-claims' };
  }
  if (payload.aud !== options.audience) return { ok: false, reason: 'wrong-audience' };
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const age = now - payload.iat;
  if (age > (options.maxAgeSeconds ?? FORWARDED_CLAIMS_MAX_AGE_SECONDS)) {
    return { ok: false, reason: 'expired' };
  }
  if (-age > FORWARDED_CLAIMS_MAX_CLOCK_AHEAD_SECONDS) return { ok: false, reason: 'from-the-future' };
  const caller = parseCaller(payload.caller);
  if (caller === undefined) return { ok: false, reason: 'malformed-claims' };
  return { ok: true, claims: caller };
}

/** What a subgraph answers (401) for each rejection; every one says how to get it right. */
export const FORWARDED_CLAIMS_REJECTION_MESSAGES: Record<ForwardedClaimsRejection, string> = {
  'not-via-gateway':
    'this request carries no gateway signature: subgraphs only answer requests forwarded by the gateway',
  'missing-signature': 'the forwarded claims carry no signature: requests must come through the gateway',
  'bad-signature': 'the forwarded claims signature is invalid: requests must come through the gateway',
  'malformed-claims': 'the forwarded claims header is malformed',
  'wrong-audience': 'the forwarded claims were signed for another subgraph',
  expired: `the forwarded claims are older than ${FORWARDED_CLAIMS_MAX_AGE_SECONDS} s (replayed, or the clocks differ)`,
  'from-the-future': 'the forwarded claims are signed in the future (the gateway and subgraph clocks differ)',
};
