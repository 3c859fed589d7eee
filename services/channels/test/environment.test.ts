import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_CLAIMS_SECRET } from '@tidings/auth';
import { DEVELOPMENT_KEYRING_TEXT } from '@tidings/crypto';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../src/environment.ts';

const production = {
  NODE_ENV: 'production',
  KAFKA_BROKERS: 'k:9092',
  DATABASE_URL: 'postgres://u:p@db:5432/tidings',
  GATEWAY_CLAIMS_SECRET: 'x'.repeat(32),
};

describe('channels environment', () => {
  it('runs locally with only KAFKA_BROKERS: PGlite, development claims secret and keyring', () => {
    const config = loadEnvironment({ KAFKA_BROKERS: 'k:9092' });
    expect(config.http.port).toBe(4002);
    expect(config.claimsSecret).toBe(DEVELOPMENT_CLAIMS_SECRET);
    expect(config.keyring.currentKeyId).toBe('dev');
    expect(config.database).toEqual({ pgliteDataDir: expect.stringMatching(/\/\.data\/pglite\/channels$/) });
  });

  it('parses a rotated keyring, the first key sealing', () => {
    const keyring = `k2:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`;
    const config = loadEnvironment({ ...production, TIDINGS_KEYRING: keyring });
    expect(config.keyring.currentKeyId).toBe('k2');
    expect([...config.keyring.keys.keys()]).toEqual(['k2', 'k1']);
  });

  it('reports a bad keyring without echoing it, and refuses development keys in production', () => {
    const secretish = 'k1:c2hvcnQ=';
    expect(() => loadEnvironment({ ...production, TIDINGS_KEYRING: secretish })).toThrow(
      /TIDINGS_KEYRING: .*32 bytes/,
    );
    expect(() => loadEnvironment({ ...production, TIDINGS_KEYRING: secretish })).not.toThrow(/c2hvcnQ/);
    expect(() => loadEnvironment(production)).toThrow(/TIDINGS_KEYRING: required in production/);
    expect(() => loadEnvironment({ ...production, TIDINGS_KEYRING: DEVELOPMENT_KEYRING_TEXT })).toThrow(
      /TIDINGS_KEYRING: contains the public development key/,
    );
  });
});

describe('channels environment: where test sends go', () => {
  it('points the "Test" button at the given platform hosts, and at the real ones when unset', () => {
    expect(loadEnvironment({ KAFKA_BROKERS: 'k:9092' }).testSend).toEqual({});
    const config = loadEnvironment({
      KAFKA_BROKERS: 'k:9092',
      DINGTALK_BASE_URL: 'http://127.0.0.1:4010/dingtalk/oapi',
      LARK_BASE_URL: 'http://127.0.0.1:4010/lark',
    });
    expect(config.testSend).toEqual({
      dingtalkOapi: 'http://127.0.0.1:4010/dingtalk/oapi',
      lark: 'http://127.0.0.1:4010/lark',
    });
  });

  it('reports a bad platform URL together with the other problems', () => {
    const report = () => loadEnvironment({ WECOM_BASE_URL: 'not a url' });
    expect(report).toThrow(/- WECOM_BASE_URL: Invalid URL/);
    expect(report).toThrow(/- KAFKA_BROKERS: /);
  });
});
