import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEnvironment } from '../src/environment.ts';
import { type FixtureMesh, post, startFixtureMesh, withGateway } from './fixture-gateway.ts';

/**
 * Asymmetric keys end to end: the gateway verifies tokens against an identity provider's JWKS endpoint
 * (a loopback server here) or against one public key given as PEM or JWK, and forwards the claims.
 */

const ISSUER = 'https://idp.test';
const AUDIENCE = 'tidings-api';

type KeyPair = { publicKey: KeyObject; privateKey: KeyObject };
let mesh: FixtureMesh;
let signing: KeyPair;
let stranger: KeyPair;
let jwks: Server;
let jwksUrl: string;
let jwksRequests = 0;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An ES256 JWT (signed with node:crypto, so the test shares nothing with the verifier but the format). */
function token(key: KeyObject, kid: string, overrides: { issuer?: string } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: 'u1',
    tenant: 't1',
    roles: ['tenant-admin'],
    owned_projects: ['p1'],
    iss: overrides.issuer ?? ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + 300,
  };
  const unsigned = `${encode({ alg: 'ES256', kid })}.${encode(payload)}`;
  const signature = sign('sha256', Buffer.from(unsigned), { key, dsaEncoding: 'ieee-p1363' });
  return `${unsigned}.${signature.toString('base64url')}`;
}

const publicPem = (pair: KeyPair) => pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const publicJwk = (pair: KeyPair) => pair.publicKey.export({ format: 'jwk' });

beforeAll(async () => {
  mesh = await startFixtureMesh();
  signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const published = { ...publicJwk(signing), kid: 'key-1', alg: 'ES256', use: 'sig' };
  jwks = createServer((request, response) => {
    jwksRequests += 1;
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [published] }));
  });
  await new Promise<void>((done) => jwks.listen(0, '127.0.0.1', done));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
});

afterAll(async () => {
  await new Promise((done) => jwks?.close(done));
  await mesh?.stop();
});

beforeEach(() => {
  mesh.received.length = 0;
});

const query = { query: '{ me { id } myTenant }' };
const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });

describe('JWKS endpoint', () => {
  it('verifies a token signed by a published key and forwards its claims', async () => {
    const config = loadEnvironment({ JWT_JWKS_URL: jwksUrl, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    await withGateway({ ...mesh.config, jwt: config.jwt }, async (url) => {
      const { status, body } = await post(url, query, bearer(token(signing.privateKey, 'key-1')));
      expect(status).toBe(200);
      expect(body).toEqual({ data: { me: { id: 'u1' }, myTenant: 't1' } });
      expect(mesh.received[0]?.claims).toEqual({
        ok: true,
        claims: { userId: 'u1', tenantId: 't1', roles: ['tenant-admin'], ownedProjectIds: ['p1'] },
      });
      expect(jwksRequests).toBeGreaterThan(0);
    });
  });

  it('refuses a token whose key is not published, or signed by another key under a published kid', async () => {
    const config = loadEnvironment({ JWT_JWKS_URL: jwksUrl, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    await withGateway({ ...mesh.config, jwt: config.jwt }, async (url) => {
      const unknown = await post(url, query, bearer(token(stranger.privateKey, 'key-2')));
      expect(unknown.status).toBe(401);
      expect(unknown.body.errors[0].extensions).toEqual({
        code: 'UNAUTHENTICATED',
        reason: 'unknown-signing-key',
      });
      const forged = await post(url, query, bearer(token(stranger.privateKey, 'key-1')));
      expect(forged.status).toBe(401);
      expect(forged.body.errors[0].extensions.reason).toBe('bad-signature');
      const otherIssuer = await post(url, query, bearer(token(signing.privateKey, 'key-1', { issuer: 'x' })));
      expect(otherIssuer.body.errors[0].extensions.reason).toBe('wrong-issuer');
      expect(mesh.received).toEqual([]);
    });
  });
});

describe('local public key', () => {
  it('verifies tokens against a PEM file (JWT_PUBLIC_KEY_FILE) and refuses others', async () => {
    const path = join(mesh.workDir, 'idp-public.pem');
    await writeFile(path, publicPem(signing));
    const config = loadEnvironment({ JWT_PUBLIC_KEY_FILE: path, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    expect(config.jwt.key.kind).toBe('public-key');
    await withGateway({ ...mesh.config, jwt: config.jwt }, async (url) => {
      expect((await post(url, query, bearer(token(signing.privateKey, 'any')))).body.data.myTenant).toBe(
        't1',
      );
      const forged = await post(url, query, bearer(token(stranger.privateKey, 'any')));
      expect(forged.status).toBe(401);
      expect(forged.body.errors[0].extensions.reason).toBe('bad-signature');
    });
  });

  it('verifies tokens against a JWK given inline (JWT_PUBLIC_KEY)', async () => {
    const jwk = JSON.stringify(publicJwk(signing));
    const config = loadEnvironment({ JWT_PUBLIC_KEY: jwk, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    await withGateway({ ...mesh.config, jwt: config.jwt }, async (url) => {
      expect((await post(url, query, bearer(token(signing.privateKey, 'any')))).status).toBe(200);
    });
  });

  it('does not accept an HS256 token signed with the public key as its secret (algorithm confusion)', async () => {
    const pem = publicPem(signing);
    const config = loadEnvironment({ JWT_PUBLIC_KEY: pem, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: 'HS256' })}.${encode({ sub: 'mallory', tenant: 't1', iss: ISSUER, aud: AUDIENCE, exp: now + 300 })}`;
    const confused = `${unsigned}.${createHmac('sha256', pem).update(unsigned).digest('base64url')}`;
    await withGateway({ ...mesh.config, jwt: config.jwt }, async (url) => {
      const { status } = await post(url, query, bearer(confused));
      expect(status).toBe(401);
      expect(mesh.received).toEqual([]);
    });
  });
});
