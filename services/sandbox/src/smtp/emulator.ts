import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/**
 * A local SMTP server for tests and the sandbox: it accepts mail, parses it and keeps it in memory.
 *
 * TLS: `starttls` and `implicit` use smtp-server's built-in "localhost" test certificate
 * (node_modules/smtp-server/dist/esm/tls-options.js; its private key is public), so clients must set
 * `rejectUnauthorized: false`. Nothing is generated or downloaded at runtime.
 */
export type SmtpEmulatorTls = 'none' | 'starttls' | 'implicit';

export type SmtpEmulatorOptions = {
  host?: string;
  port?: number;
  /** When given, AUTH (PLAIN/LOGIN) is required and checked against these; 535 on a mismatch. */
  users?: Record<string, string>;
  tls?: SmtpEmulatorTls;
  /** Largest accepted message in bytes (advertised with SIZE). Default 10 MiB. */
  maxMessageBytes?: number;
};

export type ReceivedMail = {
  /** ISO time the message was accepted (end of DATA). */
  receivedAt: string;
  /** Envelope (MAIL FROM / RCPT TO), as opposed to the headers. */
  envelope: { mailFrom: string | null; rcptTo: string[] };
  /** The smtp-server session id: mails sent over one pooled connection share it. */
  sessionId: string;
  authUser: string | null;
  secure: boolean;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  /** Header name (lower case) → unfolded raw value; repeated headers are joined with ", ". */
  headers: Record<string, string>;
};

export type RunningSmtpEmulator = {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /** Number of TCP connections accepted so far. */
  connections(): number;
  /** The next `count` messages are refused at the end of DATA with `responseCode text`. */
  failNext(count: number, responseCode: number, text: string): void;
  /** Forgets received messages and pending failures. */
  reset(): void;
  stop(): Promise<void>;
};

export const SMTP_EMULATOR_DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const SMTP_EMULATOR_CLOSE_TIMEOUT_MS = 500;

export async function startSmtpEmulator(options: SmtpEmulatorOptions = {}): Promise<RunningSmtpEmulator> {
  const { host = '127.0.0.1', port = 0, users, tls = 'none' } = options;
  const maxMessageBytes = options.maxMessageBytes ?? SMTP_EMULATOR_DEFAULT_MAX_BYTES;
  const messages: ReceivedMail[] = [];
  const failures: { remaining: number; responseCode: number; text: string }[] = [];
  let connectionCount = 0;

  const disabledCommands: string[] = [];
  if (tls === 'none') disabledCommands.push('STARTTLS');
  if (!users) disabledCommands.push('AUTH');

  const serverOptions: SMTPServerOptions = {
    secure: tls === 'implicit',
    name: 'sandbox.tidings.local',
    banner: 'Tidings sandbox SMTP',
    size: maxMessageBytes,
    disabledCommands,
    authOptional: !users,
    authMethods: ['PLAIN', 'LOGIN'],
    // Over `tls: 'none'` AUTH would otherwise be refused ("538 Error: Must issue a STARTTLS command first").
    allowInsecureAuth: tls === 'none',
    // stop() forcibly closes connections still open after this (a client's idle pooled connection).
    closeTimeout: SMTP_EMULATOR_CLOSE_TIMEOUT_MS,
    // false also silences the warning about the built-in certificate (see the comment above).
    logger: false,
    onConnect(_session, callback) {
      connectionCount += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      const expected = auth.username !== undefined ? users?.[auth.username] : undefined;
      if (expected === undefined || auth.password !== expected) {
        const error = Object.assign(new Error('5.7.8 Error: authentication failed'), { responseCode: 535 });
        callback(error);
        return;
      }
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('5.3.4 Message too big'), { responseCode: 552 }));
          return;
        }
        const failure = failures[0];
        if (failure) {
          failure.remaining -= 1;
          if (failure.remaining <= 0) failures.shift();
          callback(Object.assign(new Error(failure.text), { responseCode: failure.responseCode }));
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            const user = session.user;
            messages.push({
              receivedAt: new Date().toISOString(),
              envelope: {
                mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              },
              sessionId: session.id,
              authUser: typeof user === 'string' ? user : null,
              secure: session.secure,
              from: parsed.from?.text ?? '',
              to: addresses(parsed.to),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
              messageId: parsed.messageId ?? null,
              headers: headerRecord(parsed.headerLines),
            });
            callback(null, `OK: queued as SBX${messages.length}`);
          },
          (error: unknown) => {
            const text = error instanceof Error ? error.message : String(error);
            callback(Object.assign(new Error(`5.6.0 unparseable message: ${text}`), { responseCode: 554 }));
          },
        );
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Client errors (a dropped connection) are reported here; they must not crash the process.
  server.on('error', () => {});
  const address = server.server.address() as AddressInfo;

  return {
    host,
    port: address.port,
    messages,
    connections: () => connectionCount,
    failNext(count, responseCode, text) {
      if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
      if (!Number.isInteger(responseCode) || responseCode < 400 || responseCode > 599) {
        throw new RangeError('responseCode must be a 4xx or 5xx SMTP reply code');
      }
      failures.push({ remaining: count, responseCode, text });
    },
    reset() {
      messages.length = 0;
      failures.length = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((object) => object.value.map((entry) => entry.address ?? '').filter((a) => a !== ''));
}

function headerRecord(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = (colon >= 0 ? line.slice(colon + 1) : '').replace(/\r?\n[ \t]+/g, ' ').trim();
    const name = key.toLowerCase();
    record[name] = record[name] === undefined ? value : `${record[name]}, ${value}`;
  }
  return record;
}
