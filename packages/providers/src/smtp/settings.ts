/**
 * SMTP account settings and their validation. Facts: /work/shared/reference/providers.md §5.1,
 * https://nodemailer.com/smtp/ (implicit TLS on 465, STARTTLS on 587, `requireTLS`).
 */

/**
 * - `tls`: implicit TLS from the first byte (port 465, nodemailer `secure: true`).
 * - `starttls`: plaintext greeting, then STARTTLS is REQUIRED (port 587, `requireTLS: true`); a server
 *   that does not offer it fails the send instead of silently sending in clear.
 * - `none`: no TLS at all (`ignoreTLS: true`); only for loopback test servers when a password is set.
 */
export type SmtpSecurity = 'tls' | 'starttls' | 'none';

export type SmtpCredentials = {
  host: string;
  port: number;
  security: SmtpSecurity;
  user?: string;
  /** The password, usually an "authorisation code" (授权码) issued by the mail provider, not the login password. */
  password?: string;
  /** Sender, `addr@example.com` or `Name <addr@example.com>`. Most providers require it to match `user`. */
  from: string;
};

export const SMTP_PORTS = { implicitTls: 465, submission: 587, relay: 25 } as const;

export type SmtpSettingsProblem = { field: keyof SmtpCredentials; message: string };

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** A pragmatic address check (not RFC 5322): one @, no spaces or angle brackets, a dot-free local part allowed. */
export const EMAIL_ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

/** `Name <a@b>` or `a@b` → `a@b`, or undefined when it is not an address. */
export function parseMailbox(value: string): string | undefined {
  const trimmed = value.trim();
  const angle = /^[^<>]*<([^<>]+)>$/.exec(trimmed);
  const address = angle?.[1]?.trim() ?? trimmed;
  return EMAIL_ADDRESS.test(address) ? address : undefined;
}

/**
 * Every problem with a set of SMTP settings, each naming its field; empty when they are usable.
 * Pure: no DNS, no connection.
 */
export function validateSmtpSettings(settings: SmtpCredentials): SmtpSettingsProblem[] {
  const problems: SmtpSettingsProblem[] = [];
  const { host, port, security, user, password, from } = settings;
  const hostText = typeof host === 'string' ? host.trim() : '';
  if (hostText === '') problems.push({ field: 'host', message: 'host is required' });
  else if (/[\s/:]/.test(hostText) && !/^\[[0-9a-f:]+\]$/i.test(hostText)) {
    problems.push({
      field: 'host',
      message: 'host must be a bare host name or IP address (no scheme, path, port or spaces)',
    });
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push({ field: 'port', message: 'port must be an integer from 1 to 65535' });
  }
  if (security !== 'tls' && security !== 'starttls' && security !== 'none') {
    problems.push({ field: 'security', message: "security must be 'tls', 'starttls' or 'none'" });
  } else if (security === 'tls' && port === SMTP_PORTS.submission) {
    problems.push({
      field: 'security',
      message: "port 587 expects 'starttls' (implicit 'tls' is port 465); the TLS handshake would fail",
    });
  } else if (security !== 'tls' && port === SMTP_PORTS.implicitTls) {
    problems.push({
      field: 'security',
      message: "port 465 expects implicit 'tls'; a plaintext greeting would never arrive",
    });
  }
  const hasUser = typeof user === 'string' && user !== '';
  const hasPassword = typeof password === 'string' && password !== '';
  if (hasUser && !hasPassword) {
    problems.push({
      field: 'password',
      message: 'password (authorisation code) is required when user is set',
    });
  }
  if (hasPassword && !hasUser) {
    problems.push({ field: 'user', message: 'user is required when a password is set' });
  }
  if (hasPassword && security === 'none' && !LOOPBACK_HOSTS.has(hostText.toLowerCase())) {
    problems.push({
      field: 'security',
      message: "security 'none' would send the password unencrypted; use 'tls' or 'starttls'",
    });
  }
  if (typeof from !== 'string' || parseMailbox(from) === undefined) {
    problems.push({
      field: 'from',
      message: 'from must be an address: addr@example.com or Name <addr@example.com>',
    });
  } else if (/[\r\n]/.test(from)) {
    problems.push({ field: 'from', message: 'from must not contain line breaks' });
  }
  return problems;
}
