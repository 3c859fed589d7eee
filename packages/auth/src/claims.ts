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

function sign(encodedClaims: string, secret: string): string {
  return createHmac('sha256', secret).update(encodedClaims).digest('base64url');
}

/**
 * Headers the gateway adds to every subgraph request. The HMAC (secret shared by gateway and subgraphs
 * only) is what lets a subgraph tell a request that came through the gateway from one that did not.
 */
export function forwardedClaimsHeaders(claims: Claims, secret: string): Record<string, string> {
  const encoded = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return { [CLAIMS_HEADER]: encoded, [CLAIMS_SIGNATURE_HEADER]: sign(encoded, secret) };
}

export type ForwardedClaimsResult =
  | { ok: true; claims: Claims | null }
  | { ok: false; reason: 'missing-signature' | 'bad-signature' | 'malformed-claims' };

/**
 * Reads the claims the gateway forwarded. No claims header means an anonymous request (still via the
 * gateway, which signs an empty marker); a claims header without a valid signature is rejected.
 */
export function readForwardedClaims(
  header: (name: string) => string | null | undefined,
  secret: string,
): ForwardedClaimsResult {
  const encoded = header(CLAIMS_HEADER);
  if (!encoded) return { ok: true, claims: null };
  const signature = header(CLAIMS_SIGNATURE_HEADER);
  if (!signature) return { ok: false, reason: 'missing-signature' };
  const expected = Buffer.from(sign(encoded, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad-signature' };
  }
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Partial<Claims>;
    if (typeof value.userId !== 'string' || typeof value.tenantId !== 'string') {
      return { ok: false, reason: 'malformed-claims' };
    }
    return {
      ok: true,
      claims: {
        userId: value.userId,
        tenantId: value.tenantId,
        roles: Array.isArray(value.roles) ? value.roles.filter((r) => typeof r === 'string') : [],
        ownedProjectIds: Array.isArray(value.ownedProjectIds)
          ? value.ownedProjectIds.filter((p) => typeof p === 'string')
          : [],
      },
    };
  } catch {
    return { ok: false, reason: 'malformed-claims' };
  }
}
