import { describe, expect, it } from 'vitest';
import { parseEnvironment } from './environment.ts';

describe('parseEnvironment', () => {
  it('uses the defaults', () => {
    expect(parseEnvironment({})).toEqual({
      ok: true,
      environment: {
        http: { host: '127.0.0.1', port: 4010, smtpPort: 2525 },
        dingtalk: { rateLimits: true },
      },
    });
  });

  it('reads every variable; empty counts as unset', () => {
    expect(
      parseEnvironment({
        SANDBOX_PORT: '0',
        SANDBOX_HOST: '0.0.0.0',
        SANDBOX_SMTP_PORT: '2626',
        SANDBOX_RATE_LIMITS: 'OFF',
      }),
    ).toEqual({
      ok: true,
      environment: { http: { host: '0.0.0.0', port: 0, smtpPort: 2626 }, dingtalk: { rateLimits: false } },
    });
    expect(parseEnvironment({ SANDBOX_PORT: '', SANDBOX_RATE_LIMITS: ' ' })).toMatchObject({
      ok: true,
      environment: { http: { port: 4010 }, dingtalk: { rateLimits: true } },
    });
  });

  it('reports all errors at once', () => {
    expect(parseEnvironment({ SANDBOX_PORT: '70000', SANDBOX_RATE_LIMITS: 'sometimes' })).toEqual({
      ok: false,
      errors: [
        'SANDBOX_PORT: must be a port number from 0 to 65535',
        'SANDBOX_RATE_LIMITS: must be one of on/off, true/false, 1/0, yes/no',
      ],
    });
    expect(parseEnvironment({ SANDBOX_PORT: 'http' })).toMatchObject({ ok: false });
  });
});
