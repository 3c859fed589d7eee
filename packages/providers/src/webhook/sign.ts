import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signing. Unlike SQLE's generic webhook (no signature at all, reference §5.2), every
 * request is signed so that a receiver can tell Tidings from anyone who learned the URL, and the
 * signed timestamp bounds replays:
 *
 *   x-tidings-timestamp: <unix seconds>
 *   x-tidings-signature: v1=<hex HMAC-SHA256(key = secret, message = `${timestamp}.${rawBody}`)>
 *
 * The signature covers the raw body bytes, so receivers must verify before parsing JSON.
 */
export const WEBHOOK_SIGNATURE_VERSION = 'v1';
export const WEBHOOK_DEFAULT_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, timestampSeconds: number, body: string | Uint8Array): string {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new RangeError(`timestamp must be whole unix seconds, got ${timestampSeconds}`);
  }
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  mac.update(`${timestampSeconds}.`, 'utf8');
  mac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return `${WEBHOOK_SIGNATURE_VERSION}=${mac.digest('hex')}`;
}

export type VerifyWebhookSignatureInput = {
  secret: string;
  timestampHeader: string | string[] | null | undefined;
  signatureHeader: string | string[] | null | undefined;
  /** The raw body exactly as received (not re-serialised JSON). */
  body: string | Uint8Array;
  /** The receiver's clock in epoch milliseconds (`Date.now()`). */
  now: number;
  toleranceSeconds?: number;
};

export type VerifyWebhookSignatureResult =
  | { ok: true; timestampSeconds: number }
  | {
      ok: false;
      reason:
        | 'missing_timestamp'
        | 'invalid_timestamp'
        | 'stale_timestamp'
        | 'missing_signature'
        | 'signature_mismatch';
    };

/**
 * Checks the timestamp window first, then compares in constant time against every `v1=` entry of
 * the signature header (comma-separated, so a sender may sign with an old and a new secret).
 */
export function verifyWebhookSignature(input: VerifyWebhookSignatureInput): VerifyWebhookSignatureResult {
  const tolerance = input.toleranceSeconds ?? WEBHOOK_DEFAULT_TOLERANCE_SECONDS;
  const timestampText = single(input.timestampHeader);
  if (timestampText === undefined) return { ok: false, reason: 'missing_timestamp' };
  if (!/^\d{1,12}$/.test(timestampText)) return { ok: false, reason: 'invalid_timestamp' };
  const timestampSeconds = Number(timestampText);
  if (Math.abs(input.now / 1000 - timestampSeconds) > tolerance)
    return { ok: false, reason: 'stale_timestamp' };
  const signatureText = single(input.signatureHeader);
  if (signatureText === undefined) return { ok: false, reason: 'missing_signature' };
  const expected = Buffer.from(signWebhook(input.secret, timestampSeconds, input.body), 'utf8');
  const matches = signatureText
    .split(',')
    .map((part) => Buffer.from(part.trim(), 'utf8'))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
  return matches ? { ok: true, timestampSeconds } : { ok: false, reason: 'signature_mismatch' };
}

function single(header: string | string[] | null | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
