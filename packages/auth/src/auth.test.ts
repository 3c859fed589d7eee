import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CLAIMS_HEADER,
  CLAIMS_SIGNATURE_HEADER,
  createJwtVerifier,
  DEVELOPMENT_JWT,
  FORWARDED_CLAIMS_MAX_AGE_SECONDS,
  forwardedClaimsHeaders,
  mintDevelopmentToken,
  readForwardedClaims,
} from './index.ts';

const claims = { userId: 'u1', tenantId: 't1', roles: ['tenant-admin'], ownedProjectIds: ['p1'] };

describe('forwarded claims', () => {
  const now = Date.UTC(2025, 0, 1);
  const read = (
    headers: Record<string, string | undefined>,
    options: { secret?: string; at?: number } = {},
  ) =>
    readForwardedClaims((name) => headers[name], options.secret ?? 'shared', {
      audience: 'identity',
      nowMs: options.at ?? now,
    });

  it('round-trips a caller and the anonymous marker through signed headers', () => {
    expect(read(forwardedClaimsHeaders(claims, 'shared', 'identity', now))).toEqual({ ok: true, claims });
    expect(read(forwardedClaimsHeaders(null, 'shared', 'identity', now))).toEqual({ ok: true, claims: null });
  });

  it('refuses a request with no header at all: it did not come through the gateway', () => {
    expect(read({})).toEqual({ ok: false, reason: 'not-via-gateway' });
  });

  it('rejects a forged or unsigned claims header', () => {
    const headers = forwardedClaimsHeaders(claims, 'shared', 'identity', now);
    expect(read(headers, { secret: 'other' })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(read({ [CLAIMS_HEADER]: headers[CLAIMS_HEADER] })).toEqual({
      ok: false,
      reason: 'missing-signature',
    });
    expect(read({ ...headers, [CLAIMS_HEADER]: 'e30' })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(read({ [CLAIMS_SIGNATURE_HEADER]: headers[CLAIMS_SIGNATURE_HEADER] })).toEqual({
      ok: false,
      reason: 'malformed-claims',
    });
  });

  it('refuses a header signed for another subgraph', () => {
    expect(read(forwardedClaimsHeaders(claims, 'shared', 'channels', now))).toEqual({
      ok: false,
      reason: 'wrong-audience',
    });
  });

  it('accepts a header up to five minutes old and refuses an older one (a replay)', () => {
    const headers = forwardedClaimsHeaders(claims, 'shared', 'identity', now);
    expect(read(headers, { at: now + FORWARDED_CLAIMS_MAX_AGE_SECONDS * 1000 })).toMatchObject({ ok: true });
    expect(read(headers, { at: now + (FORWARDED_CLAIMS_MAX_AGE_SECONDS + 1) * 1000 })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(read(headers, { at: now - 61_000 })).toEqual({ ok: false, reason: 'from-the-future' });
  });

  it('refuses a correctly signed header whose payload is not a forwarded-claims payload', () => {
    const sign = (payload: unknown) => {
      const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return {
        [CLAIMS_HEADER]: encoded,
        [CLAIMS_SIGNATURE_HEADER]: createHmac('sha256', 'shared').update(encoded).digest('base64url'),
      };
    };
    const iat = Math.floor(now / 1000);
    expect(read(sign(claims))).toEqual({ ok: false, reason: 'malformed-claims' });
    expect(read(sign({ v: 1, aud: 'identity', iat, caller: { userId: 'u1' } }))).toEqual({
      ok: false,
      reason: 'malformed-claims',
    });
    expect(read(sign({ v: 1, aud: 'identity', iat, caller: null }))).toEqual({ ok: true, claims: null });
  });
});

describe('JWT verification', () => {
  const verify = createJwtVerifier({
    key: { kind: 'shared-secret', secret: DEVELOPMENT_JWT.secret },
    issuer: DEVELOPMENT_JWT.issuer,
    audience: DEVELOPMENT_JWT.audience,
    clockToleranceSeconds: 30,
  });

  it('accepts a development token and maps its claims', async () => {
    const token = await mintDevelopmentToken({
      userId: 'u1',
      tenantId: 't1',
      roles: ['tenant-admin'],
      ownedProjectIds: ['p1'],
    });
    expect(await verify(token)).toEqual({ ok: true, claims });
  });

  it('rejects a token signed with another key, or expired beyond the skew', async () => {
    const forged = await mintDevelopmentToken(
      { userId: 'u1', tenantId: 't1' },
      'another-secret-of-enough-length-000',
    );
    expect((await verify(forged)).ok).toBe(false);
    const expired = await mintDevelopmentToken({ userId: 'u1', tenantId: 't1', ttlSeconds: -120 });
    const result = await verify(expired);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toMatch(/exp/);
  });
});
