import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { OutboundAllowlist } from '../net/allowlist.ts';
import {
  type CheckedTarget,
  checkHost,
  LOOPBACK_OUTBOUND_ALLOWLIST,
  type OutboundLookup,
  type OutboundPolicy,
} from '../net/check.ts';
import { outboundErrorOf } from '../net/guarded-fetch.ts';
import { outboundOutcome } from '../net/outcome.ts';
import { classifySmtpError, classifySmtpInfo, type SmtpDeliveryOutcome } from './classify.ts';
import {
  buildSmtpMail,
  buildSmtpTransportOptions,
  type SmtpMessage,
  type SmtpTransportOptions,
  validateSmtpMessage,
} from './message.ts';
import { type SmtpCredentials, validateSmtpSettings } from './settings.ts';

export type SmtpSendOptions = {
  /** The same key for every attempt of one delivery: it becomes the Message-ID and X-Tidings-Delivery-Id. */
  idempotencyKey: string;
  /** The sending tenant's outbound allowlist (its settings): private mail servers it has opened. */
  tenantAllowlist?: OutboundAllowlist;
};

export type SmtpClientOptions = SmtpTransportOptions & {
  /** At most this many pooled transports (one per credential) stay open; the least recently used is closed. */
  maxPools?: number;
  /**
   * Outbound safety for the mail server (a tenant-supplied host). `allow`: the platform's allowlist
   * (OUTBOUND_ALLOW), default loopback only (services pass their environment's, empty in production).
   */
  outbound?: { allow?: OutboundAllowlist; lookup?: OutboundLookup };
};

export type SmtpClient = {
  /** Never throws for server, network or input problems: they come back as an outcome. */
  send(
    credentials: SmtpCredentials,
    message: SmtpMessage,
    options: SmtpSendOptions,
  ): Promise<SmtpDeliveryOutcome>;
  /** Number of pooled transports currently open (for tests and metrics). */
  poolCount(): number;
  /** Closes every pooled connection. Sends after close() fail with a permanent outcome. */
  close(): void;
};

export const SMTP_DEFAULT_MAX_POOLS = 100;

/**
 * One pooled nodemailer transport per distinct credential (host, port, security, user, password and
 * TLS options), reused across sends. Settings and message are validated first, so a bad
 * configuration is a `permanent` outcome naming the field, not a network attempt.
 */
export function createSmtpClient(options: SmtpClientOptions = {}): SmtpClient {
  const { maxPools = SMTP_DEFAULT_MAX_POOLS, outbound, ...transportOptions } = options;
  const platform = outbound?.allow ?? LOOPBACK_OUTBOUND_ALLOWLIST;
  // Map order is insertion order; re-inserting on use makes the first entry the least recently used.
  const pools = new Map<string, Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>>();
  let closed = false;

  function transportFor(credentials: SmtpCredentials, target: CheckedTarget) {
    // The first address the host resolved to, all of which passed the check; a new address, a new pool.
    const address = target.addresses[0]!.address;
    const connectTo = {
      address,
      ...(address !== target.host && credentials.security !== 'none' && { servername: target.host }),
    };
    const key = poolKey(credentials, transportOptions, address);
    const existing = pools.get(key);
    if (existing) {
      pools.delete(key);
      pools.set(key, existing);
      return existing;
    }
    const transport = nodemailer.createTransport(
      buildSmtpTransportOptions(credentials, transportOptions, connectTo),
    );
    pools.set(key, transport);
    while (pools.size > maxPools) {
      const [oldestKey, oldest] = pools.entries().next().value ?? [];
      if (oldestKey === undefined || !oldest) break;
      pools.delete(oldestKey);
      oldest.close();
    }
    return transport;
  }

  return {
    async send(credentials, message, sendOptions) {
      if (closed) return { kind: 'permanent', code: 'client_closed', reason: 'the SMTP client was closed' };
      const settingsProblems = validateSmtpSettings(credentials);
      if (settingsProblems.length > 0) {
        return {
          kind: 'permanent',
          code: 'invalid_settings',
          reason: `SMTP settings are invalid: ${settingsProblems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        };
      }
      const messageProblems = validateSmtpMessage(message, sendOptions.idempotencyKey);
      if (messageProblems.length > 0) {
        return {
          kind: 'permanent',
          code: 'invalid_message',
          reason: `the message is invalid: ${messageProblems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        };
      }
      const policy: OutboundPolicy = {
        platform,
        ...(sendOptions.tenantAllowlist && { tenant: sendOptions.tenantAllowlist }),
        ...(outbound?.lookup && { lookup: outbound.lookup }),
      };
      let target: CheckedTarget;
      try {
        // Resolved and checked before any connection; the transport then connects to a checked address.
        target = await checkHost(credentials.host, policy);
      } catch (error) {
        const refused = outboundErrorOf(error);
        if (refused) return outboundOutcome(refused) as SmtpDeliveryOutcome;
        return classifySmtpError(error);
      }
      if (closed) return { kind: 'permanent', code: 'client_closed', reason: 'the SMTP client was closed' };
      const transport = transportFor(credentials, target);
      try {
        const info = await transport.sendMail(
          buildSmtpMail(credentials.from, message, sendOptions.idempotencyKey),
        );
        return classifySmtpInfo(info);
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    poolCount: () => pools.size,
    close() {
      closed = true;
      for (const transport of pools.values()) transport.close();
      pools.clear();
    },
  };
}

function poolKey(credentials: SmtpCredentials, options: SmtpTransportOptions, address: string): string {
  // Hashed so that the password is not kept as a readable map key.
  return createHash('sha256')
    .update(
      JSON.stringify([
        credentials.host.trim().toLowerCase(),
        credentials.port,
        credentials.security,
        credentials.user ?? '',
        credentials.password ?? '',
        options.rejectUnauthorized ?? true,
        address,
      ]),
    )
    .digest('hex');
}
