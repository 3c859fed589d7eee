import { describe, expect, it } from 'vitest';
import {
  CLAIMS_HEADER,
  CLAIMS_SIGNATURE_HEADER,
  createJwtVerifier,
  DEVELOPMENT_JWT,
  forwardedClaimsHeaders,
  mintDevelopmentToken,
  readForwardedClaims,
} from './index.ts';

const claims = { userId: 'u1', tenantId: 't1', roles: ['tenant-admin'], ownedProjectIds: ['p1'] };

describe('forwarded claims', () => {
  it('round-trips through signed headers', () => {
    const headers = forwardedClaimsHeaders(claims, 'shared');
    expect(readForwardedClaims((name) => headers[name], 'shared')).toEqual({ ok: true, claims });
  });

  it('rejects a forged or unsigned claims header', () => {
    const headers = forwardedClaimsHeaders(claims, 'shared');
    expect(readForwardedClaims((name) => headers[name], 'other')).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(readForwardedClaims((name) => (name === CLAIMS_HEADER ? headers[name] : null), 'shared')).toEqual({
      ok: false,
      reason: 'missing-signature',
    });
    expect(
      readForwardedClaims((name) => (name === CLAIMS_SIGNATURE_HEADER ? headers[name] : 'e30'), 'shared'),
    ).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('treats no claims header as anonymous', () => {
    expect(readForwardedClaims(() => null, 'shared')).toEqual({ ok: true, claims: null });
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
