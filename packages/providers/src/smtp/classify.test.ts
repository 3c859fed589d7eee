import { describe, expect, it } from 'vitest';
import {
  classifySmtpError,
  classifySmtpInfo,
  SMTP_NETWORK_RETRY_SECONDS,
  SMTP_TRANSIENT_RETRY_SECONDS,
} from './classify.ts';

/** Shaped like nodemailer's `_formatError` output (lib/smtp-connection/index.js). */
function smtpError(code: string, response?: string, message = 'failed') {
  const error = new Error(response ? `${message}: ${response}` : message) as Error & Record<string, unknown>;
  error.code = code;
  if (response) {
    error.response = response;
    error.responseCode = Number(/^\d+/.exec(response)?.[0]);
  }
  return error;
}

describe('classifySmtpError', () => {
  it('4xx replies are retried later', () => {
    expect(classifySmtpError(smtpError('EMESSAGE', '451 4.7.1 Greylisted, try again later'))).toEqual({
      kind: 'retry',
      retryAfterSeconds: SMTP_TRANSIENT_RETRY_SECONDS,
      code: 'smtp_451',
      reason: 'the mail server deferred the message: 451 4.7.1 Greylisted, try again later',
    });
    expect(classifySmtpError(smtpError('EENVELOPE', '452 4.2.2 Mailbox full'))).toMatchObject({
      kind: 'retry',
    });
  });

  it("5xx replies are permanent with the server's text", () => {
    expect(
      classifySmtpError(smtpError('EENVELOPE', '550 5.1.1 User unknown', 'Recipient command failed')),
    ).toEqual({
      kind: 'permanent',
      code: 'smtp_550',
      reason: 'the mail server rejected the message: 550 5.1.1 User unknown',
    });
  });

  it('EAUTH / 535 is an authentication failure', () => {
    expect(
      classifySmtpError(smtpError('EAUTH', '535 5.7.8 Error: authentication failed', 'Invalid login')),
    ).toEqual({
      kind: 'permanent',
      code: 'smtp_535',
      reason:
        'authentication failed: check the user and authorisation code (server said: 535 5.7.8 Error: authentication failed)',
    });
    expect(classifySmtpError(smtpError('EAUTH', undefined, 'Missing credentials for "PLAIN"'))).toEqual({
      kind: 'permanent',
      code: 'auth_failed',
      reason: 'authentication failed: check the user and authorisation code',
    });
    // RFC 4954: 454 is a temporary authentication failure.
    expect(classifySmtpError(smtpError('EAUTH', '454 4.7.0 Temporary authentication failure'))).toMatchObject(
      {
        kind: 'retry',
        code: 'smtp_454',
      },
    );
  });

  it.each([
    ['ECONNECTION', 'network'],
    ['ETIMEDOUT', 'timeout'],
    ['ESOCKET', 'network'],
    ['ECONNREFUSED', 'network'],
    ['EDNS', 'network'],
  ])('%s is a connection failure, retried', (code, outcomeCode) => {
    expect(classifySmtpError(smtpError(code, undefined, 'connect ECONNREFUSED 127.0.0.1:1'))).toEqual({
      kind: 'retry',
      retryAfterSeconds: SMTP_NETWORK_RETRY_SECONDS,
      code: outcomeCode,
      reason: `could not talk to the mail server (${code}): connect ECONNREFUSED 127.0.0.1:1`,
    });
  });

  it('certificate failures are permanent (a configuration problem)', () => {
    expect(classifySmtpError(smtpError('ESOCKET', undefined, 'self-signed certificate'))).toMatchObject({
      kind: 'permanent',
      code: 'ESOCKET',
    });
    expect(classifySmtpError(smtpError('ETLS', undefined, 'STARTTLS failed'))).toMatchObject({
      kind: 'permanent',
      code: 'ETLS',
    });
  });

  it('envelope errors without a reply are permanent; unknown errors are retried', () => {
    expect(classifySmtpError(smtpError('EENVELOPE', undefined, 'No recipients defined'))).toMatchObject({
      kind: 'permanent',
      code: 'EENVELOPE',
    });
    expect(classifySmtpError('boom')).toMatchObject({ kind: 'retry', code: 'smtp_error' });
  });
});

describe('classifySmtpInfo', () => {
  it('reports the queue id when the server names one, else our Message-ID', () => {
    expect(
      classifySmtpInfo({
        messageId: '<tidings.k@example.com>',
        response: '250 2.0.0 Ok: queued as 4Xy1Z2',
        accepted: ['a@b.test'],
        rejected: ['c@d.test'],
      }),
    ).toEqual({
      kind: 'delivered',
      httpStatus: 250,
      providerMessageId: '4Xy1Z2',
      smtpResponse: '250 2.0.0 Ok: queued as 4Xy1Z2',
      rejectedRecipients: ['c@d.test'],
    });
    expect(classifySmtpInfo({ messageId: '<tidings.k@example.com>', response: '250 OK' })).toMatchObject({
      providerMessageId: 'tidings.k@example.com',
      rejectedRecipients: [],
    });
  });
});
