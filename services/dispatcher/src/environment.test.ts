import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_KEYRING_TEXT } from '@tidings/crypto';
import { allowlistEntries } from '@tidings/providers';
import { describe, expect, it } from 'vitest';
import { loadDispatcherConfig } from './environment.ts';

describe('dispatcher environment', () => {
  it('runs locally with only KAFKA_BROKERS: PGlite, development keyring, router and every sender', () => {
    const config = loadDispatcherConfig({ KAFKA_BROKERS: 'a:9092,b:9092', DATABASE_URL: '' });
    expect(config.kafkaBrokers).toEqual(['a:9092', 'b:9092']);
    expect(config.database).toEqual({
      pgliteDataDir: expect.stringMatching(/\/\.data\/pglite\/dispatcher$/),
    });
    expect(config.keyring.currentKeyId).toBe('dev');
    expect(config.components).toEqual({
      router: true,
      senders: ['dingtalk', 'lark', 'wecom', 'smtp', 'webhook'],
    });
    expect(config.providers).toEqual({
      dingtalk: { baseUrl: 'https://oapi.dingtalk.com', apiBaseUrl: 'https://api.dingtalk.com' },
      lark: {},
      wecom: { baseUrl: 'https://qyapi.weixin.qq.com' },
      timeoutMs: 10_000,
      outbound: { allow: expect.anything() },
    });
    expect(config.graphql).toEqual({ host: '127.0.0.1', port: 4004, claimsSecret: expect.any(String) });
  });

  it('uses the production retry policy unless told otherwise', () => {
    expect(loadDispatcherConfig({ KAFKA_BROKERS: 'k:9092' }).retryPolicy).toEqual({
      maxAttempts: 8,
      baseDelaySeconds: 5,
      maxDelaySeconds: 3600,
      maxAgeSeconds: 86_400,
      delayScale: 1,
    });
    expect(loadDispatcherConfig({ KAFKA_BROKERS: 'k:9092' }).senderLimits).toEqual({
      rateLimits: true,
      drainMs: 20_000,
      concurrency: 32,
    });
  });

  it('turns the rate limits off only outside production, for a sandbox without them', () => {
    expect(
      loadDispatcherConfig({ KAFKA_BROKERS: 'k:9092', RATE_LIMITS: 'off' }).senderLimits?.rateLimits,
    ).toBe(false);
    expect(() => loadDispatcherConfig({ KAFKA_BROKERS: 'k:9092', RATE_LIMITS: 'sometimes' })).toThrow(
      /RATE_LIMITS/,
    );
    expect(() =>
      loadDispatcherConfig({ NODE_ENV: 'production', KAFKA_BROKERS: 'k:9092', RATE_LIMITS: 'off' }),
    ).toThrow(/RATE_LIMITS: must be published in production/);
  });

  it('takes the retry policy from RETRY_* (fault scripts shrink time with it)', () => {
    const config = loadDispatcherConfig({
      KAFKA_BROKERS: 'k:9092',
      RETRY_MAX_ATTEMPTS: '12',
      RETRY_BASE_DELAY_SECONDS: '0.5',
      RETRY_MAX_DELAY_SECONDS: '60',
      RETRY_MAX_AGE_SECONDS: '7200',
      RETRY_DELAY_SCALE: '0.01',
    });
    expect(config.retryPolicy).toEqual({
      maxAttempts: 12,
      baseDelaySeconds: 0.5,
      maxDelaySeconds: 60,
      maxAgeSeconds: 7200,
      delayScale: 0.01,
    });
  });

  it('names every bad retry variable at once', () => {
    expect(() =>
      loadDispatcherConfig({
        KAFKA_BROKERS: 'k:9092',
        RETRY_MAX_ATTEMPTS: '0',
        RETRY_BASE_DELAY_SECONDS: 'soon',
        RETRY_DELAY_SCALE: '-1',
      }),
    ).toThrow(/RETRY_MAX_ATTEMPTS: [^\n]+\n.*RETRY_BASE_DELAY_SECONDS: [^\n]+\n.*RETRY_DELAY_SCALE: /s);
    expect(() =>
      loadDispatcherConfig({
        KAFKA_BROKERS: 'k:9092',
        RETRY_MAX_ATTEMPTS: '2.5',
      }),
    ).toThrow(/RETRY_MAX_ATTEMPTS: /);
    expect(() =>
      loadDispatcherConfig({
        KAFKA_BROKERS: 'k:9092',
        RETRY_BASE_DELAY_SECONDS: '10',
        RETRY_MAX_DELAY_SECONDS: '5',
      }),
    ).toThrow(/RETRY_MAX_DELAY_SECONDS: must not be less than RETRY_BASE_DELAY_SECONDS/);
  });

  it('runs a sender alone', () => {
    const config = loadDispatcherConfig({ KAFKA_BROKERS: 'k:9092', DISPATCHER_COMPONENTS: 'dingtalk' });
    expect(config.components).toEqual({ router: false, senders: ['dingtalk'] });
  });

  it('names every bad variable at once', () => {
    expect(() =>
      loadDispatcherConfig({
        DISPATCHER_COMPONENTS: 'router,carrier-pigeon',
        DINGTALK_BASE_URL: 'not a url',
      }),
    ).toThrow(/KAFKA_BROKERS: [^\n]+\n.*DISPATCHER_COMPONENTS\.1: [^\n]+\n.*DINGTALK_BASE_URL: /s);
  });

  it('refuses production without a database, or with the development keyring', () => {
    const production = { NODE_ENV: 'production', KAFKA_BROKERS: 'k:9092' };
    expect(() => loadDispatcherConfig(production)).toThrow(/TIDINGS_KEYRING: required in production/);
    expect(() => loadDispatcherConfig(production)).toThrow(/DATABASE_URL: required in production/);
    expect(() => loadDispatcherConfig(production)).toThrow(/GATEWAY_CLAIMS_SECRET: required in production/);
    expect(() => loadDispatcherConfig({ ...production, TIDINGS_KEYRING: DEVELOPMENT_KEYRING_TEXT })).toThrow(
      /TIDINGS_KEYRING: contains the public development key/,
    );
    expect(() => loadDispatcherConfig({ ...production, RETRY_DELAY_SCALE: '0.001' })).toThrow(
      /RETRY_DELAY_SCALE: must be 1 in production/,
    );
  });

  it('OUTBOUND_ALLOW: loopback outside production, nothing in production, or the list given; bad entries named', () => {
    const allowed = (env: Record<string, string>) =>
      allowlistEntries(loadDispatcherConfig({ KAFKA_BROKERS: 'k:9092', ...env }).providers.outbound!.allow!);
    expect(allowed({})).toEqual(['127.0.0.0/8', '::1/128']);
    expect(allowed({ OUTBOUND_ALLOW: '10.20.0.0/16, hooks.corp.example' })).toEqual([
      '10.20.0.0/16',
      'hooks.corp.example',
    ]);
    expect(allowed({ OUTBOUND_ALLOW: 'none' })).toEqual([]);
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db.internal/tidings',
      TIDINGS_KEYRING: `k1:${randomBytes(32).toString('base64')}`,
      GATEWAY_CLAIMS_SECRET: 'a-production-claims-secret-of-enough-length',
    };
    expect(allowed(production)).toEqual([]);
    expect(() =>
      loadDispatcherConfig({ KAFKA_BROKERS: 'k:9092', OUTBOUND_ALLOW: '10.0.0.0/8,10.0.0.0/33' }),
    ).toThrow(/OUTBOUND_ALLOW: outbound allowlist entry "10\.0\.0\.0\/33" is not a CIDR range/);
  });
});
