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
});
