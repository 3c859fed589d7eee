import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVELOPMENT_CLAIMS_SECRET, DEVELOPMENT_JWT } from '@tidings/auth';
import { InvalidEnvironmentError } from '@tidings/config';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from './environment.ts';

const strongSecret = 'x'.repeat(40);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadEnvironment(env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error.problems;
    throw error;
  }
  throw new Error('expected an invalid environment');
}

describe('gateway environment', () => {
  it('runs locally with no configuration, on the development keys', () => {
    const config = loadEnvironment({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      subgraphUrls: {},
      jwt: {
        key: { kind: 'shared-secret', secret: DEVELOPMENT_JWT.secret },
        issuer: DEVELOPMENT_JWT.issuer,
        audience: DEVELOPMENT_JWT.audience,
        clockToleranceSeconds: 30,
      },
      claimsSecret: DEVELOPMENT_CLAIMS_SECRET,
      production: false,
    });
    expect(config.supergraphPath).toMatch(/graphql\/supergraph\.graphql$/);
  });

  it('maps the subgraph URL variables to subgraph names and ignores empty values', () => {
    const config = loadEnvironment({
      IDENTITY_URL: 'http://127.0.0.1:4101/graphql',
      SUBSCRIPTIONS_URL: 'http://subscriptions.tidings.svc:4003/graphql',
      CHANNELS_URL: '',
      DELIVERIES_URL: 'http://127.0.0.1:4104/graphql',
      PORT: '0',
    });
    expect(config.subgraphUrls).toEqual({
      identity: 'http://127.0.0.1:4101/graphql',
      subscriptions: 'http://subscriptions.tidings.svc:4003/graphql',
      deliveries: 'http://127.0.0.1:4104/graphql',
    });
    expect(config.port).toBe(0);
  });

  it('uses a JWKS endpoint when given one', () => {
    const config = loadEnvironment({ JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json' });
    expect(config.jwt.key).toEqual({ kind: 'jwks', url: 'https://idp.example/.well-known/jwks.json' });
  });

  it('requires every secret and the token contract in production, reporting all at once', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'JWT_JWKS_URL: required in production (or JWT_PUBLIC_KEY / JWT_PUBLIC_KEY_FILE for a local public key, or JWT_SECRET for a shared HS256 key)',
      'JWT_ISSUER: required in production',
      'JWT_AUDIENCE: required in production',
      'GATEWAY_CLAIMS_SECRET: required in production',
    ]);
  });

  it('refuses the public development secrets in production', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      JWT_SECRET: DEVELOPMENT_JWT.secret,
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'tidings',
      GATEWAY_CLAIMS_SECRET: DEVELOPMENT_CLAIMS_SECRET,
    });
    expect(problems).toEqual([
      'JWT_SECRET: is the public development secret; refused in production',
      'GATEWAY_CLAIMS_SECRET: is the public development secret; refused in production',
    ]);
  });

  it('accepts a complete production environment', () => {
    const config = loadEnvironment({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      JWT_JWKS_URL: 'https://idp.example/jwks.json',
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'tidings',
      GATEWAY_CLAIMS_SECRET: strongSecret,
    });
    expect(config).toMatchObject({ production: true, host: '0.0.0.0', claimsSecret: strongSecret });
  });

  it('names each bad variable', () => {
    expect(
      problemsOf({
        JWT_JWKS_URL: 'not a url',
        JWT_SECRET: 'short',
        JWT_CLOCK_TOLERANCE_SECONDS: '-1',
        PORT: 'eighty',
      }),
    ).toEqual([
      expect.stringMatching(/^PORT:/),
      expect.stringMatching(/^JWT_JWKS_URL:/),
      'JWT_SECRET: must be at least 32 characters',
      expect.stringMatching(/^JWT_CLOCK_TOLERANCE_SECONDS:/),
    ]);
    expect(problemsOf({ JWT_JWKS_URL: 'https://idp.example/jwks', JWT_SECRET: strongSecret })).toEqual([
      'JWT_SECRET: set one of JWT_JWKS_URL, JWT_PUBLIC_KEY, JWT_PUBLIC_KEY_FILE, JWT_SECRET; JWT_JWKS_URL and JWT_SECRET are set',
    ]);
  });

  it('reads a public key from JWT_PUBLIC_KEY or a file, refusing private keys and unreadable files', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(loadEnvironment({ JWT_PUBLIC_KEY: pem }).jwt.key).toEqual({ kind: 'public-key', key: pem });
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(problemsOf({ JWT_PUBLIC_KEY: privatePem })).toEqual([
      'JWT_PUBLIC_KEY: is a private key; give the public key (-----BEGIN PUBLIC KEY-----)',
    ]);
    const privateJwk = JSON.stringify(privateKey.export({ format: 'jwk' }));
    expect(problemsOf({ JWT_PUBLIC_KEY: privateJwk })).toEqual([
      'JWT_PUBLIC_KEY: is a private JWK (it has "d"); give the public key',
    ]);
    expect(problemsOf({ JWT_PUBLIC_KEY: 'hello' })).toEqual([
      'JWT_PUBLIC_KEY: is neither a PEM public key nor a JWK (JSON)',
    ]);
    expect(problemsOf({ JWT_PUBLIC_KEY_FILE: '/nonexistent/idp.pem' })).toEqual([
      'JWT_PUBLIC_KEY_FILE: cannot read /nonexistent/idp.pem: ENOENT',
    ]);
  });

  it("has the limits' defaults, and takes them from the environment", () => {
    expect(loadEnvironment({}).limits).toEqual({
      maxCost: 10_000,
      listSize: 10,
      maxAliases: 20,
      maxBatch: 1,
      maxBodyBytes: 1024 * 1024,
      mutationsPerMinute: 600,
    });
    const config = loadEnvironment({
      GRAPHQL_MAX_COST: '500',
      GRAPHQL_LIST_SIZE: '5',
      GRAPHQL_MAX_ALIASES: '0',
      GRAPHQL_MAX_BATCH: '4',
      GRAPHQL_MAX_BODY_BYTES: '65536',
      GRAPHQL_MUTATIONS_PER_MINUTE: '60',
    });
    expect(config.limits).toEqual({
      maxCost: 500,
      listSize: 5,
      maxAliases: 0,
      maxBatch: 4,
      maxBodyBytes: 65536,
      mutationsPerMinute: 60,
    });
    expect(problemsOf({ GRAPHQL_MAX_COST: '0', GRAPHQL_INTROSPECTION: 'yes' })).toEqual([
      expect.stringMatching(/^GRAPHQL_MAX_COST:/),
      expect.stringMatching(/^GRAPHQL_INTROSPECTION:/),
    ]);
  });

  it('switches introspection off in production and on elsewhere unless GRAPHQL_INTROSPECTION says', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_JWKS_URL: 'https://idp.example/jwks.json',
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'tidings',
      GATEWAY_CLAIMS_SECRET: strongSecret,
    };
    expect(loadEnvironment(production).introspection).toBe(false);
    expect(loadEnvironment({ ...production, GRAPHQL_INTROSPECTION: 'on' }).introspection).toBe(true);
    expect(loadEnvironment({}).introspection).toBe(true);
    expect(loadEnvironment({ GRAPHQL_INTROSPECTION: 'off' }).introspection).toBe(false);
  });

  it('loads a persisted-operations manifest, and refuses persisted-only without one or with a stale one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidings-gateway-env-'));
    try {
      const document = '{ me { id } }';
      const hash = createHash('sha256').update(document).digest('hex');
      const manifest = join(dir, 'persisted.json');
      writeFileSync(manifest, JSON.stringify({ [hash]: document }));
      const config = loadEnvironment({
        GRAPHQL_PERSISTED_OPERATIONS: manifest,
        GRAPHQL_PERSISTED_ONLY: 'on',
      });
      expect(config.persistedOperations?.only).toBe(true);
      expect([...(config.persistedOperations?.operations ?? [])]).toEqual([[hash, document]]);

      expect(problemsOf({ GRAPHQL_PERSISTED_ONLY: 'on' })).toEqual([
        'GRAPHQL_PERSISTED_ONLY: needs GRAPHQL_PERSISTED_OPERATIONS (the manifest of accepted operations)',
      ]);
      writeFileSync(manifest, JSON.stringify({ [hash]: '{ me { name } }' }));
      expect(problemsOf({ GRAPHQL_PERSISTED_OPERATIONS: manifest })).toEqual([
        expect.stringMatching(
          new RegExp(`^GRAPHQL_PERSISTED_OPERATIONS: ${hash}: the document's SHA-256 is`),
        ),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
