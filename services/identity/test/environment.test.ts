import { DEVELOPMENT_CLAIMS_SECRET } from '@tidings/auth';
import { InvalidEnvironmentError } from '@tidings/config';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../src/environment.ts';

describe('identity environment', () => {
  it('runs locally with only KAFKA_BROKERS: PGlite and the development claims secret', () => {
    const config = loadEnvironment({ KAFKA_BROKERS: 'a:9092, b:9092', PORT: '' });
    expect(config.kafka.brokers).toEqual(['a:9092', 'b:9092']);
    expect(config.http).toEqual({ host: '127.0.0.1', port: 4001 });
    expect(config.claimsSecret).toBe(DEVELOPMENT_CLAIMS_SECRET);
    expect(config.database).toEqual({ pgliteDataDir: expect.stringMatching(/\/\.data\/pglite\/identity$/) });
  });

  it('reports every problem at once and refuses development defaults in production', () => {
    let error: unknown;
    try {
      loadEnvironment({
        NODE_ENV: 'production',
        PORT: 'x',
        GATEWAY_CLAIMS_SECRET: DEVELOPMENT_CLAIMS_SECRET,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    expect((error as InvalidEnvironmentError).problems.map((p) => p.split(':')[0])).toEqual([
      'PORT',
      'KAFKA_BROKERS',
    ]);
    expect(() =>
      loadEnvironment({
        NODE_ENV: 'production',
        KAFKA_BROKERS: 'k:9092',
        GATEWAY_CLAIMS_SECRET: DEVELOPMENT_CLAIMS_SECRET,
      }),
    ).toThrow(
      /GATEWAY_CLAIMS_SECRET: is the public development secret[\s\S]*DATABASE_URL: required in production/,
    );
    const production = loadEnvironment({
      NODE_ENV: 'production',
      KAFKA_BROKERS: 'k:9092',
      DATABASE_URL: 'postgres://u:p@db:5432/tidings',
      GATEWAY_CLAIMS_SECRET: 'x'.repeat(32),
    });
    expect(production.database).toEqual({ url: 'postgres://u:p@db:5432/tidings' });
  });
});
