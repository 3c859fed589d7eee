import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import {
  CLAIMS_HEADER,
  CLAIMS_SIGNATURE_HEADER,
  DEVELOPMENT_JWT,
  forwardedClaimsHeaders,
  mintDevelopmentToken,
  readForwardedClaims,
} from '@tidings/auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type GatewayServiceConfig } from '../src/gateway.ts';
import { CLAIMS_SECRET, type FixtureMesh, startFixtureMesh } from './fixture-gateway.ts';
import type { ReceivedRequest } from './fixture-subgraphs.ts';

/** An HS256 JWT with any payload, for tokens mintDevelopmentToken will not make (wrong audience…). */
function signJwt(payload: Record<string, unknown>, secret: string = DEVELOPMENT_JWT.secret): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function validPayload(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: 'u1',
    tenant: 't1',
    roles: ['tenant-admin'],
    owned_projects: ['p1'],
    iss: DEVELOPMENT_JWT.issuer,
    aud: DEVELOPMENT_JWT.audience,
    iat: now,
    exp: now + 600,
    ...overrides,
  };
}

let mesh: FixtureMesh;
let received: ReceivedRequest[];
let gateway: Gateway;
let gatewayUrl: string;
let baseConfig: GatewayServiceConfig;

async function graphql(query: string, headers: Record<string, string> = {}, url = gatewayUrl) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: assertions below walk arbitrary response shapes.
  const body = (await response.json()) as any;
  return { status: response.status, headers: response.headers, body };
}

beforeAll(async () => {
  mesh = await startFixtureMesh();
  received = mesh.received;
  baseConfig = mesh.config;
  gateway = createGateway(baseConfig);
  gatewayUrl = (await gateway.start()).url;
});

afterAll(async () => {
  await gateway?.stop();
  await mesh?.stop();
});

beforeEach(() => {
  received.length = 0;
});

const SPANNING_QUERY = '{ me { id name channels { id name } } }';

describe('gateway over two subgraphs', () => {
  it('answers a query that spans both subgraphs', async () => {
    const token = await mintDevelopmentToken({ userId: 'u1', tenantId: 't1' });
    const { status, body } = await graphql(SPANNING_QUERY, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        me: {
          id: 'u1',
          name: 'user u1',
          channels: [
            { id: 'c1', name: 'ops-robot' },
            { id: 'c2', name: 'ci-lark' },
          ],
        },
      },
    });
    // One root fetch to users, one entity fetch to channels.
    expect(received.map((request) => request.subgraph).sort()).toEqual(['channels', 'users']);
    expect(received.find((request) => request.subgraph === 'channels')?.query).toContain('_entities');
  });

  it('forwards the verified claims, signed, to every subgraph request', async () => {
    const token = await mintDevelopmentToken({
      userId: 'u7',
      tenantId: 't3',
      roles: ['tenant-admin', 'auditor'],
      ownedProjectIds: ['p1', 'p2'],
    });
    await graphql(SPANNING_QUERY, { authorization: `Bearer ${token}` });
    expect(received).toHaveLength(2);
    for (const request of received) {
      expect(request.claims).toEqual({
        ok: true,
        claims: {
          userId: 'u7',
          tenantId: 't3',
          roles: ['tenant-admin', 'auditor'],
          ownedProjectIds: ['p1', 'p2'],
        },
      });
      // The bearer token itself stays at the gateway.
      expect(request.headers.authorization).toBeUndefined();
    }
  });

  it('never passes client-sent claims headers through', async () => {
    const forged = forwardedClaimsHeaders(
      { userId: 'mallory', tenantId: 'victim', roles: ['tenant-admin'], ownedProjectIds: [] },
      'a-secret-the-client-guessed',
      'users',
    );
    const token = await mintDevelopmentToken({ userId: 'u1', tenantId: 't1' });

    // With a token: the subgraphs see the gateway's claims for u1, not the forged ones.
    const authenticated = await graphql(SPANNING_QUERY, { ...forged, authorization: `Bearer ${token}` });
    expect(authenticated.body.data.me.id).toBe('u1');
    expect(received).toHaveLength(2);
    for (const request of received) {
      expect(request.claims).toMatchObject({ ok: true, claims: { userId: 'u1', tenantId: 't1' } });
      expect(request.headers[CLAIMS_HEADER]).not.toBe(forged[CLAIMS_HEADER]);
    }

    // Without a token: the forged headers are replaced by the gateway's anonymous marker.
    received.length = 0;
    const anonymous = await graphql('{ me { id } channels { id } }', forged);
    expect(anonymous.body.data).toEqual({ me: null, channels: [{ id: 'c1' }, { id: 'c2' }] });
    for (const request of received) {
      expect(request.claims).toEqual({ ok: true, claims: null });
      expect(request.headers[CLAIMS_HEADER]).not.toBe(forged[CLAIMS_HEADER]);
      expect(request.headers[CLAIMS_SIGNATURE_HEADER]).not.toBe(forged[CLAIMS_SIGNATURE_HEADER]);
    }
  });

  it('lets a request without a token through anonymously, signed as such for each subgraph', async () => {
    const { status, body } = await graphql('{ me { id } channels { id name } }');
    expect(status).toBe(200);
    expect(body.data.me).toBeNull();
    expect(body.data.channels).toHaveLength(2);
    expect(received.map((request) => request.subgraph).sort()).toEqual(['channels', 'users']);
    for (const request of received) {
      // Each fixture reads the header with its own name as the audience, so ok means "signed for me".
      expect(request.claims).toEqual({ ok: true, claims: null });
      expect(request.headers[CLAIMS_SIGNATURE_HEADER]).toBeDefined();
    }
  });

  it('signs entity fetches for the subgraph they go to', async () => {
    const token = await mintDevelopmentToken({ userId: 'u1', tenantId: 't1' });
    await graphql(SPANNING_QUERY, { authorization: `Bearer ${token}` });
    const users = received.find((request) => request.subgraph === 'users');
    const channels = received.find((request) => request.subgraph === 'channels');
    expect(users?.claims.ok && channels?.claims.ok).toBe(true);
    // The header sent to users would be refused by channels.
    const usersHeader = (name: string) => users?.headers[name];
    expect(readForwardedClaims(usersHeader, CLAIMS_SECRET, { audience: 'channels' })).toEqual({
      ok: false,
      reason: 'wrong-audience',
    });
  });

  it("passes a subgraph's refusal of an anonymous caller through to the client", async () => {
    const anonymous = await graphql('{ myTenant }');
    expect(anonymous.body.data).toBeNull();
    expect(anonymous.body.errors).toMatchObject([
      { message: 'Sign in first', path: ['myTenant'], extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    const token = await mintDevelopmentToken({ userId: 'u1', tenantId: 't9' });
    const signedIn = await graphql('{ myTenant }', { authorization: `Bearer ${token}` });
    expect(signedIn.body).toEqual({ data: { myTenant: 't9' } });
  });

  it.each([
    ['expired', () => mintDevelopmentToken({ userId: 'u1', tenantId: 't1', ttlSeconds: -120 })],
    [
      'bad-signature',
      () => mintDevelopmentToken({ userId: 'u1', tenantId: 't1' }, 'not-the-gateway-secret-0123456789abcdef'),
    ],
    ['wrong-audience', async () => signJwt(validPayload({ aud: 'someone-else' }))],
    ['wrong-issuer', async () => signJwt(validPayload({ iss: 'https://evil.example' }))],
    ['not-yet-valid', async () => signJwt(validPayload({ nbf: Math.floor(Date.now() / 1000) + 3600 }))],
    ['missing-claims', async () => signJwt(validPayload({ tenant: undefined }))],
    ['malformed-token', async () => 'not-a-jwt'],
  ])(
    'refuses a %s token with 401 naming the reason, before any subgraph is called',
    async (reason, makeToken) => {
      const { status, headers, body } = await graphql(SPANNING_QUERY, {
        authorization: `Bearer ${await makeToken()}`,
      });
      expect(status).toBe(401);
      expect(headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
      expect(body.errors[0].message).toContain(reason);
      expect(received).toEqual([]);
    },
  );

  it('accepts a token expired by less than the clock tolerance', async () => {
    const token = await mintDevelopmentToken({ userId: 'u1', tenantId: 't1', ttlSeconds: -5 });
    const { status, body } = await graphql('{ me { id } }', { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body.data.me.id).toBe('u1');
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const { status, body } = await graphql('{ channels { id } }', { authorization: 'Basic dTE6cGFzcw==' });
    expect(status).toBe(401);
    expect(body.errors[0].extensions.reason).toBe('malformed-authorization');
  });

  it('rejects operations deeper than the configured limit', async () => {
    const query = '{ me { channels { id } } }'; // depth 3
    expect((await graphql(query)).body.errors).toBeUndefined();
    received.length = 0;
    const tight = createGateway({ ...baseConfig, maxDepth: 2 });
    const { url } = await tight.start();
    try {
      const { body } = await graphql(query, {}, url);
      expect(body.errors[0].extensions.code).toBe('DEPTH_LIMIT_EXCEEDED');
      expect(received).toEqual([]);
    } finally {
      await tight.stop();
    }
  });

  it('serves /healthz and /readyz', async () => {
    const base = new URL(gatewayUrl);
    expect((await fetch(new URL('/healthz', base))).status).toBe(200);
    expect((await fetch(new URL('/readyz', base))).status).toBe(200);
  });
});

describe('production mode', () => {
  it('refuses introspection and serves no GraphiQL', async () => {
    const production = createGateway({ ...baseConfig, production: true });
    const { url } = await production.start();
    try {
      const introspection = await graphql('{ __schema { queryType { name } } }', {}, url);
      expect(introspection.body.data).toBeUndefined();
      expect(introspection.body.errors[0].message).toMatch(/introspection/i);
      const page = await fetch(url, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/graphiql/i);
      // Ordinary operations still work.
      expect((await graphql('{ channels { id } }', {}, url)).body.data.channels).toHaveLength(2);
    } finally {
      await production.stop();
    }
  });

  it('serves GraphiQL outside production', async () => {
    const page = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
    expect(await page.text()).toMatch(/graphiql/i);
  });
});

describe('startup', () => {
  it('fails to start, naming the file, when the supergraph is missing', async () => {
    const broken = createGateway({ ...baseConfig, supergraphPath: join(mesh.workDir, 'nope.graphql') });
    await expect(broken.start()).rejects.toThrow(/nope\.graphql/);
    await broken.stop();
  });
});
