import { describe, expect, it } from 'vitest';
import { parseMailbox, type SmtpCredentials, validateSmtpSettings } from './settings.ts';

const good: SmtpCredentials = {
  host: 'smtp.example.com',
  port: 465,
  security: 'tls',
  user: 'bot@example.com',
  password: 'authcode',
  from: 'Tidings <bot@example.com>',
};

describe('validateSmtpSettings', () => {
  it('accepts implicit TLS on 465, STARTTLS on 587 and an unauthenticated loopback server', () => {
    expect(validateSmtpSettings(good)).toEqual([]);
    expect(validateSmtpSettings({ ...good, port: 587, security: 'starttls' })).toEqual([]);
    expect(
      validateSmtpSettings({ host: '127.0.0.1', port: 2525, security: 'none', from: 'a@b.test' }),
    ).toEqual([]);
    expect(validateSmtpSettings({ ...good, host: '127.0.0.1', port: 2525, security: 'none' })).toEqual([]);
  });

  it('returns every problem, each naming its field', () => {
    const problems = validateSmtpSettings({
      host: 'smtps://smtp.example.com',
      port: 70000,
      security: 'ssl' as never,
      user: 'bot@example.com',
      from: 'not an address',
    });
    expect(problems.map((p) => p.field)).toEqual(['host', 'port', 'security', 'password', 'from']);
  });

  it.each([
    [{ port: 587, security: 'tls' as const }, /port 587 expects 'starttls'/],
    [{ port: 465, security: 'starttls' as const }, /port 465 expects implicit 'tls'/],
    [{ port: 25, security: 'none' as const }, /would send the password unencrypted/],
  ])('rejects the combination %o', (change, message) => {
    const problems = validateSmtpSettings({ ...good, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('security');
    expect(problems[0]?.message).toMatch(message);
  });

  it('wants user and password together', () => {
    const { user: _user, ...noUser } = good;
    expect(validateSmtpSettings(noUser)).toEqual([
      { field: 'user', message: 'user is required when a password is set' },
    ]);
  });
});

describe('parseMailbox', () => {
  it('reads a bare or named address', () => {
    expect(parseMailbox('a@b.test')).toBe('a@b.test');
    expect(parseMailbox('Name Here <a@b.test>')).toBe('a@b.test');
    expect(parseMailbox('a@b.test, c@d.test')).toBeUndefined();
    expect(parseMailbox('<a@b.test')).toBeUndefined();
  });
});
