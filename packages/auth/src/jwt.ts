import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import type { Claims } from './claims.ts';

export type JwtKeySource = { kind: 'shared-secret'; secret: string } | { kind: 'jwks'; url: string };

export interface JwtVerifierOptions {
  key: JwtKeySource;
  issuer: string;
  audience: string;
  /** Bounded clock skew tolerated on exp/nbf/iat. */
  clockToleranceSeconds: number;
}

export type JwtVerification = { ok: true; claims: Claims } | { ok: false; reason: string };

/** The issuer and audience of tokens minted for local development by `scripts/dev-token.ts`. */
export const DEVELOPMENT_JWT = {
  issuer: 'tidings-dev',
  audience: 'tidings',
  secret: 'tidings-development-only-signing-key-0123456789',
} as const;

function claimsFromPayload(payload: JWTPayload): Claims | string {
  if (typeof payload.sub !== 'string' || payload.sub === '') return 'token has no subject (sub)';
  const tenant = payload.tenant;
  if (typeof tenant !== 'string' || tenant === '') return 'token has no tenant claim';
  const list = (value: unknown) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  return {
    userId: payload.sub,
    tenantId: tenant,
    roles: list(payload.roles),
    ownedProjectIds: list(payload.owned_projects),
  };
}

export function createJwtVerifier(options: JwtVerifierOptions): (token: string) => Promise<JwtVerification> {
  const key: Uint8Array | JWTVerifyGetKey =
    options.key.kind === 'jwks'
      ? createRemoteJWKSet(new URL(options.key.url))
      : new TextEncoder().encode(options.key.secret);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key as Uint8Array, {
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSeconds,
        algorithms: options.key.kind === 'jwks' ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'],
      });
      const claims = claimsFromPayload(payload);
      return typeof claims === 'string' ? { ok: false, reason: claims } : { ok: true, claims };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : 'invalid token' };
    }
  };
}

/** Mints an HS256 token for local development and tests. */
export async function mintDevelopmentToken(
  input: {
    userId: string;
    tenantId: string;
    roles?: string[];
    ownedProjectIds?: string[];
    ttlSeconds?: number;
  },
  secret: string = DEVELOPMENT_JWT.secret,
): Promise<string> {
  return new SignJWT({
    tenant: input.tenantId,
    roles: input.roles ?? [],
    owned_projects: input.ownedProjectIds ?? [],
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(input.userId)
    .setIssuer(DEVELOPMENT_JWT.issuer)
    .setAudience(DEVELOPMENT_JWT.audience)
    .setIssuedAt()
    .setExpirationTime(`${input.ttlSeconds ?? 3600}s`)
    .sign(new TextEncoder().encode(secret));
}
