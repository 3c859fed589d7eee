import { DEVELOPMENT_KEYRING_TEXT } from '@tidings/crypto';
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
    });
    expect(config.graphql).toEqual({ host: '127.0.0.1', port: 4004, claimsSecret: expect.any(String) });
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
  });
});
