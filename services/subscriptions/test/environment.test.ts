import { DEVELOPMENT_CLAIMS_SECRET } from '@tidings/auth';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../src/environment.ts';

describe('subscriptions environment', () => {
  it('runs locally with only KAFKA_BROKERS', () => {
    const config = loadEnvironment({ KAFKA_BROKERS: 'k:9092' });
    expect(config.http.port).toBe(4003);
    expect(config.claimsSecret).toBe(DEVELOPMENT_CLAIMS_SECRET);
    expect(config.database).toEqual({
      pgliteDataDir: expect.stringMatching(/\/\.data\/pglite\/subscriptions$/),
    });
  });

  it('refuses development defaults in production', () => {
    expect(() => loadEnvironment({ NODE_ENV: 'production', KAFKA_BROKERS: 'k:9092' })).toThrow(
      /GATEWAY_CLAIMS_SECRET: required in production[\s\S]*DATABASE_URL: required in production/,
    );
  });
});
