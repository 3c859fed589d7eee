import { createHash } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { parseMailbox, type SmtpCredentials } from './settings.ts';

/** What Tidings sends by mail: HTML with a plain-text alternative for clients that do not render HTML. */
export type SmtpMessage = {
  to: string | string[];
  subject: string;
  html: string;
  text: string;
};

export const SMTP_LIMITS = {
  /** Tidings policy: a notification goes to people, not mailing lists; split larger audiences. */
  maxRecipients: 50,
  /** RFC 5322 §2.1.1: lines SHOULD be ≤ 78 chars; nodemailer folds/encodes the subject, this caps its length. */
  maxSubjectChars: 998,
  /** Delivery ids longer than this are refused (they become a header). */
  maxIdempotencyKeyChars: 200,
} as const;

export const SMTP_DELIVERY_ID_HEADER = 'X-Tidings-Delivery-Id';

export type SmtpMessageProblem = {
  field: 'to' | 'subject' | 'html' | 'text' | 'idempotencyKey';
  message: string;
};

/** dot-atom-text of RFC 5322 §3.2.3, allowed as the left part of a msg-id as it is. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;

export function smtpRecipients(message: SmtpMessage): string[] {
  return Array.isArray(message.to) ? message.to : [message.to];
}

export function validateSmtpMessage(message: SmtpMessage, idempotencyKey: string): SmtpMessageProblem[] {
  const problems: SmtpMessageProblem[] = [];
  const to = smtpRecipients(message);
  if (to.length === 0) problems.push({ field: 'to', message: 'at least one recipient is required' });
  if (to.length > SMTP_LIMITS.maxRecipients) {
    problems.push({ field: 'to', message: `at most ${SMTP_LIMITS.maxRecipients} recipients per message` });
  }
  const bad = to.filter((address) => typeof address !== 'string' || parseMailbox(address) === undefined);
  if (bad.length > 0)
    problems.push({ field: 'to', message: `not an address: ${bad.slice(0, 5).join(', ')}` });
  if (typeof message.subject !== 'string' || message.subject.trim() === '') {
    problems.push({ field: 'subject', message: 'subject is required' });
  } else if (message.subject.length > SMTP_LIMITS.maxSubjectChars) {
    problems.push({
      field: 'subject',
      message: `subject is longer than ${SMTP_LIMITS.maxSubjectChars} characters`,
    });
  }
  if (typeof message.html !== 'string' || message.html.trim() === '') {
    problems.push({ field: 'html', message: 'html is required' });
  }
  if (typeof message.text !== 'string' || message.text.trim() === '') {
    problems.push({ field: 'text', message: 'text (the plain-text alternative) is required' });
  }
  if (idempotencyKey === '' || idempotencyKey.length > SMTP_LIMITS.maxIdempotencyKeyChars) {
    problems.push({
      field: 'idempotencyKey',
      message: `idempotencyKey must be 1 to ${SMTP_LIMITS.maxIdempotencyKeyChars} characters`,
    });
  } else if (!/^[\x21-\x7e]+$/.test(idempotencyKey)) {
    problems.push({
      field: 'idempotencyKey',
      message: 'idempotencyKey must be printable ASCII without spaces',
    });
  }
  return problems;
}

/**
 * A Message-ID that is the same for every attempt of one delivery, so a receiving server or mail
 * client can drop a duplicate when a retry follows a send whose answer was lost. The key is kept
 * readable when it is a valid dot-atom, otherwise it is hashed; the right part is the sender's domain.
 */
export function smtpMessageId(idempotencyKey: string, from: string): string {
  const domain = parseMailbox(from)?.split('@')[1] ?? 'tidings.invalid';
  const left = DOT_ATOM.test(idempotencyKey)
    ? `tidings.${idempotencyKey}`
    : `tidings.h.${createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 40)}`;
  return `<${left}@${domain}>`;
}

/** The nodemailer message for one delivery attempt. Pure. */
export function buildSmtpMail(from: string, message: SmtpMessage, idempotencyKey: string): Mail.Options {
  return {
    from,
    to: smtpRecipients(message),
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: smtpMessageId(idempotencyKey, from),
    headers: { [SMTP_DELIVERY_ID_HEADER]: idempotencyKey },
    // Never read attachments or images from disk or URLs on behalf of message content.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

export type SmtpTransportOptions = {
  /** Default true. Only for test servers with self-signed certificates (the sandbox). */
  rejectUnauthorized?: boolean;
  maxConnections?: number;
  maxMessages?: number;
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
};

/** Pool sizes and timeouts. Pool defaults are nodemailer's (https://nodemailer.com/smtp/pooled); timeouts are Tidings policy. */
export const SMTP_DEFAULTS = {
  maxConnections: 5,
  maxMessages: 100,
  connectionTimeoutMs: 10_000,
  greetingTimeoutMs: 10_000,
  socketTimeoutMs: 30_000,
} as const;

/**
 * The pooled transport options for one credential. Pure. `connectTo` pins the connection to an address
 * that passed the outbound check (nodemailer then resolves nothing itself); TLS still verifies the
 * certificate against the configured host name (`servername`).
 */
export function buildSmtpTransportOptions(
  credentials: SmtpCredentials,
  options: SmtpTransportOptions = {},
  connectTo?: { address: string; servername?: string },
): SMTPPool.Options {
  const { security } = credentials;
  return {
    pool: true,
    host: connectTo?.address ?? credentials.host,
    ...(connectTo?.servername && { servername: connectTo.servername }),
    port: credentials.port,
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    ...(credentials.user && credentials.password
      ? { auth: { user: credentials.user, pass: credentials.password } }
      : {}),
    tls: { rejectUnauthorized: options.rejectUnauthorized ?? true },
    maxConnections: options.maxConnections ?? SMTP_DEFAULTS.maxConnections,
    maxMessages: options.maxMessages ?? SMTP_DEFAULTS.maxMessages,
    connectionTimeout: options.connectionTimeoutMs ?? SMTP_DEFAULTS.connectionTimeoutMs,
    greetingTimeout: options.greetingTimeoutMs ?? SMTP_DEFAULTS.greetingTimeoutMs,
    socketTimeout: options.socketTimeoutMs ?? SMTP_DEFAULTS.socketTimeoutMs,
  };
}
