import { describe, expect, it } from 'vitest';
import {
  buildSmtpMail,
  buildSmtpTransportOptions,
  SMTP_LIMITS,
  smtpMessageId,
  validateSmtpMessage,
} from './message.ts';

const message = { to: 'a@b.test', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' };

describe('smtpMessageId', () => {
  it('is stable per key and uses the sender domain', () => {
    expect(smtpMessageId('dlv_123.4', 'Bot <bot@example.com>')).toBe('<tidings.dlv_123.4@example.com>');
    expect(smtpMessageId('dlv_123.4', 'bot@example.com')).toBe(
      smtpMessageId('dlv_123.4', 'x <bot@example.com>'),
    );
  });

  it('hashes keys that are not a dot-atom', () => {
    const id = smtpMessageId('tenant:1/delivery 2', 'bot@example.com');
    expect(id).toMatch(/^<tidings\.h\.[0-9a-f]{40}@example\.com>$/);
    expect(smtpMessageId('tenant:1/delivery 2', 'bot@example.com')).toBe(id);
    expect(smtpMessageId('a..b', 'bot@example.com')).toMatch(/^<tidings\.h\./);
  });
});

describe('buildSmtpMail', () => {
  it('has html, the text alternative, the derived Message-ID and the delivery id header', () => {
    expect(buildSmtpMail('bot@example.com', { ...message, to: ['a@b.test', 'c@d.test'] }, 'k1')).toEqual({
      from: 'bot@example.com',
      to: ['a@b.test', 'c@d.test'],
      subject: 'Hi',
      text: 'Hi',
      html: '<p>Hi</p>',
      messageId: '<tidings.k1@example.com>',
      headers: { 'X-Tidings-Delivery-Id': 'k1' },
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  });
});

describe('validateSmtpMessage', () => {
  it('accepts a complete message', () => {
    expect(validateSmtpMessage(message, 'k1')).toEqual([]);
  });

  it('names every problem', () => {
    const problems = validateSmtpMessage({ to: ['nope'], subject: ' ', html: '', text: '' }, 'has space');
    expect(problems.map((p) => p.field)).toEqual(['to', 'subject', 'html', 'text', 'idempotencyKey']);
    expect(validateSmtpMessage({ ...message, to: [] }, 'k')[0]?.field).toBe('to');
    const many = Array.from({ length: SMTP_LIMITS.maxRecipients + 1 }, (_, i) => `u${i}@b.test`);
    expect(validateSmtpMessage({ ...message, to: many }, 'k')[0]?.message).toMatch(/at most/);
    expect(validateSmtpMessage(message, 'x\r\nBcc: evil@x.test')[0]?.field).toBe('idempotencyKey');
  });
});

describe('buildSmtpTransportOptions', () => {
  const base = { host: 'smtp.example.com', user: 'u', password: 'p', from: 'u@example.com' };
  it('maps the security modes to nodemailer flags, pooled, verifying certificates by default', () => {
    const tls = buildSmtpTransportOptions({ ...base, port: 465, security: 'tls' });
    expect(tls).toMatchObject({ pool: true, secure: true, requireTLS: false, ignoreTLS: false });
    expect(tls.tls).toEqual({ rejectUnauthorized: true });
    expect(tls.auth).toEqual({ user: 'u', pass: 'p' });
    expect(buildSmtpTransportOptions({ ...base, port: 587, security: 'starttls' })).toMatchObject({
      secure: false,
      requireTLS: true,
      ignoreTLS: false,
    });
    expect(buildSmtpTransportOptions({ ...base, port: 25, security: 'none' })).toMatchObject({
      secure: false,
      requireTLS: false,
      ignoreTLS: true,
    });
  });

  it('has an explicit switch for self-signed test servers and pool sizes', () => {
    const options = buildSmtpTransportOptions(
      { host: 'h', port: 587, security: 'starttls', from: 'a@b.test' },
      { rejectUnauthorized: false, maxConnections: 1, maxMessages: 10 },
    );
    expect(options.tls).toEqual({ rejectUnauthorized: false });
    expect(options).toMatchObject({ maxConnections: 1, maxMessages: 10 });
    expect(options.auth).toBeUndefined();
  });
});
