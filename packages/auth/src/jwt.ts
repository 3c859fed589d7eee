import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import type { Claims } from './claims.ts';

/**
 * Where the keys that sign callers' tokens come from: an HS256 secret shared with the issuer, the issuer's
 * JWKS endpoint (keys picked by `kid`, rotated by the issuer), or one public key given locally (PEM or JWK
 * text), for an issuer without a JWKS endpoint or a gateway that must not reach it.
 */
export type JwtKeySource =
  | { kind: 'shared-secret'; secret: string }
  | { kind: 'jwks'; url: string }
  | { kind: 'public-key'; key: string };

/** The asymmetric algorithms accepted with a JWKS or a public key; jose checks each against the key's type. */
const ASYMMETRIC_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'];

/**
 * Reads a public key from PEM (`-----BEGIN PUBLIC KEY-----`) or JWK JSON text. Private keys are refused:
 * the gateway only verifies, so a private key in its configuration is a key in the wrong place.
 */
export function parsePublicKey(text: string): { ok: true; key: KeyObject } | { ok: false; problem: string } {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as JsonWebKey;
      if (jwk.d !== undefined)
        return { ok: false, problem: 'is a private JWK (it has "d"); give the public key' };
      if (jwk.kty === 'oct')
        return { ok: false, problem: 'is a symmetric JWK; use JWT_SECRET for a shared secret' };
      return { ok: true, key: createPublicKey({ key: jwk, format: 'jwk' }) };
    }
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(trimmed)) {
      return { ok: false, problem: 'is a private key; give the public key (-----BEGIN PUBLIC KEY-----)' };
    }
    if (!trimmed.startsWith('-----BEGIN')) {
      return { ok: false, problem: 'is neither a PEM public key nor a JWK (JSON)' };
    }
    return { ok: true, key: createPublicKey(trimmed) };
  } catch (error) {
    return {
      ok: false,
      problem: `cannot be read as a public key: ${error instanceof Error ? error.message : error}`,
    };
  }
}

function verificationKey(source: JwtKeySource): Uint8Array | KeyObject | JWTVerifyGetKey {
  switch (source.kind) {
    case 'jwks':
      return createRemoteJWKSet(new URL(source.url));
    case 'shared-secret':
      return new TextEncoder().encode(source.secret);
    case 'public-key': {
      const parsed = parsePublicKey(source.key);
      if (!parsed.ok) throw new Error(`the JWT public key ${parsed.problem}`);
      return parsed.key;
    }
  }
}

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
  const key = verificationKey(options.key);
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockToleranceSeconds,
    algorithms: options.key.kind === 'shared-secret' ? ['HS256'] : ASYMMETRIC_ALGORITHMS,
  };
  return async (token) => {
    try {
      const { payload } =
        typeof key === 'function'
          ? await jwtVerify(token, key, verifyOptions)
          : await jwtVerify(token, key, verifyOptions);
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
