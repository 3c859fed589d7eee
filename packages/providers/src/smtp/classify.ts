import { NETWORK_RETRY_AFTER_SECONDS } from '../http.ts';
import type { DeliveryOutcome } from '../outcome.ts';

/**
 * Classification of nodemailer results. The error fields were checked against nodemailer 8.0.11's
 * source, not only its docs (the reference marks them UNVERIFIED):
 * - node_modules/nodemailer/lib/errors.js lists the `code` values (ECONNECTION, ETIMEDOUT, ESOCKET,
 *   EDNS, ETLS, EPROTOCOL, EENVELOPE, EMESSAGE, ESTREAM, EAUTH, ENOAUTH, EMAXLIMIT, ...).
 * - lib/smtp-connection/index.js `_formatError` OVERWRITES `err.code` with nodemailer's own type and
 *   sets `err.response` (the server's reply line) and `err.responseCode` (its leading number).
 *   So a refused connection arrives as `code: 'ESOCKET'` (via `_onConnectionSocketError`), not
 *   `ECONNREFUSED`; Node's own codes (ECONNREFUSED, ...) are still matched for other callers.
 * - `info.response` is the server's reply to DATA (`_createSendStream` → `info.response = str`),
 *   `info.messageId` the Message-ID header sent, `info.rejected` recipients refused at RCPT TO.
 *
 * SMTP reply codes: 4xx transient, 5xx permanent (RFC 5321 §4.2.1); 454 on AUTH is a temporary
 * authentication failure, 535/534/530 are not (RFC 4954 §6).
 */

/** Retry delay after a 4xx reply. Tidings policy: greylisting servers typically ask for ≥ 5 minutes. */
export const SMTP_TRANSIENT_RETRY_SECONDS = 300;
/** Retry delay after a connection failure or timeout (the same as for HTTP vendors). */
export const SMTP_NETWORK_RETRY_SECONDS = NETWORK_RETRY_AFTER_SECONDS;

/** The fields nodemailer puts on its errors (all optional: anything may be thrown). */
export type SmtpErrorLike = {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  message?: unknown;
};

/** The fields of nodemailer's `SentMessageInfo` the classifier reads. */
export type SmtpSentInfo = {
  messageId?: unknown;
  response?: unknown;
  accepted?: unknown;
  rejected?: unknown;
};

/**
 * A delivered SMTP outcome carries the SMTP reply code in `httpStatus` (DeliveryOutcome requires
 * one; SMTP has no HTTP status), the server's queue id (or else our Message-ID) in
 * `providerMessageId`, the server's reply line and any recipients refused at RCPT TO.
 */
export type SmtpDeliveryOutcome =
  | (Extract<DeliveryOutcome, { kind: 'delivered' }> & { smtpResponse: string; rejectedRecipients: string[] })
  | Exclude<DeliveryOutcome, { kind: 'delivered' }>;

const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EMAXLIMIT',
  'EPROTOCOL',
  // Node's own socket codes, should an error reach us unformatted.
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const CERTIFICATE_ERROR = /certificate|self[- ]signed|unable to verify|CERT_|altnames/i;

export function classifySmtpError(error: unknown): SmtpDeliveryOutcome {
  const e: SmtpErrorLike = typeof error === 'object' && error !== null ? (error as SmtpErrorLike) : {};
  const code = typeof e.code === 'string' ? e.code : undefined;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const serverText = typeof e.response === 'string' ? excerpt(e.response) : undefined;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const outcomeCode = responseCode !== undefined ? `smtp_${responseCode}` : (code ?? 'smtp_error');

  if (
    code === 'EAUTH' ||
    code === 'ENOAUTH' ||
    responseCode === 535 ||
    responseCode === 534 ||
    responseCode === 530
  ) {
    if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) {
      return {
        kind: 'retry',
        retryAfterSeconds: SMTP_TRANSIENT_RETRY_SECONDS,
        code: outcomeCode,
        reason: `temporary authentication failure: ${serverText ?? message}`,
      };
    }
    return {
      kind: 'permanent',
      code: responseCode !== undefined ? outcomeCode : 'auth_failed',
      reason: `authentication failed: check the user and authorisation code${serverText ? ` (server said: ${serverText})` : ''}`,
    };
  }
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) {
    return {
      kind: 'retry',
      retryAfterSeconds: SMTP_TRANSIENT_RETRY_SECONDS,
      code: outcomeCode,
      reason: `the mail server deferred the message: ${serverText ?? message}`,
    };
  }
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600) {
    return {
      kind: 'permanent',
      code: outcomeCode,
      reason: `the mail server rejected the message: ${serverText ?? message}`,
    };
  }
  if (code === 'ETLS' || (code === 'ESOCKET' && CERTIFICATE_ERROR.test(message))) {
    return {
      kind: 'permanent',
      code: code ?? 'tls',
      reason: `TLS failed: check the security setting (tls on 465, starttls on 587) and the server's certificate (${excerpt(message)})`,
    };
  }
  if (code !== undefined && CONNECTION_CODES.has(code)) {
    return {
      kind: 'retry',
      retryAfterSeconds: SMTP_NETWORK_RETRY_SECONDS,
      code: code === 'ETIMEDOUT' ? 'timeout' : 'network',
      reason: `could not talk to the mail server (${code}): ${excerpt(message)}`,
    };
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || code === 'ECONFIG' || code === 'EREQUIRETLS') {
    return { kind: 'permanent', code, reason: `the message was refused before sending: ${excerpt(message)}` };
  }
  // Unknown: more likely a passing fault than a deterministic one; the dispatcher caps attempts.
  return {
    kind: 'retry',
    retryAfterSeconds: SMTP_NETWORK_RETRY_SECONDS,
    code: code ?? 'smtp_error',
    reason: `unexpected mail error: ${excerpt(message)}`,
  };
}

export function classifySmtpInfo(info: SmtpSentInfo): SmtpDeliveryOutcome {
  const response = typeof info.response === 'string' ? info.response : '';
  const replyCode = Number(/^(\d{3})/.exec(response)?.[1] ?? 250);
  const queueId = /queued as\s+([^\s;,)]+)/i.exec(response)?.[1];
  const messageId = typeof info.messageId === 'string' ? info.messageId.replace(/[<>\s]/g, '') : undefined;
  const rejected = Array.isArray(info.rejected) ? info.rejected.map(addressText) : [];
  const providerMessageId = queueId ?? messageId;
  return {
    kind: 'delivered',
    httpStatus: replyCode,
    ...(providerMessageId !== undefined && { providerMessageId }),
    smtpResponse: excerpt(response),
    rejectedRecipients: rejected,
  };
}

function addressText(value: unknown): string {
  if (typeof value === 'string') return value;
  const address = (value as { address?: unknown } | null)?.address;
  return typeof address === 'string' ? address : String(value);
}

function excerpt(text: string): string {
  return text.trim().replace(/\s+/g, ' ').slice(0, 200);
}
