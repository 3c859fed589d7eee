import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './sign.ts';

// Known vector, computed once with Node crypto and cross-checked with
// `printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac whsec_test_0123456789`.
const SECRET = 'whsec_test_0123456789';
const BODY = '{"type":"ticket.comment_added","deliveryId":"dlv_1"}';
const SIGNATURE = 'v1=39c220acd757e193afc9bf45b8b2b6636eb4be27b2b9c271efe60cc79c506bbe';
const NOW = 1_700_000_000_000;

describe('signWebhook', () => {
  it('matches the known vector for a string and for the same bytes', () => {
    expect(signWebhook(SECRET, 1_700_000_000, BODY)).toBe(SIGNATURE);
    expect(signWebhook(SECRET, 1_700_000_000, Buffer.from(BODY, 'utf8'))).toBe(SIGNATURE);
  });

  it('refuses a millisecond or fractional timestamp', () => {
    expect(() => signWebhook(SECRET, 1.5, BODY)).toThrow(RangeError);
  });
});

describe('verifyWebhookSignature', () => {
  const valid = {
    secret: SECRET,
    timestampHeader: '1700000000',
    signatureHeader: SIGNATURE,
    body: BODY,
    now: NOW,
  };

  it('accepts the known vector within the window', () => {
    expect(verifyWebhookSignature(valid)).toEqual({ ok: true, timestampSeconds: 1_700_000_000 });
    expect(verifyWebhookSignature({ ...valid, now: NOW + 300_000 })).toMatchObject({ ok: true });
  });

  it('accepts any of several comma-separated signatures (secret rotation)', () => {
    const other = signWebhook('another-secret-0000', 1_700_000_000, BODY);
    expect(verifyWebhookSignature({ ...valid, signatureHeader: `${other}, ${SIGNATURE}` })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    [{ timestampHeader: undefined }, 'missing_timestamp'],
    [{ timestampHeader: '1700000000000' }, 'invalid_timestamp'],
    [{ timestampHeader: '-1' }, 'invalid_timestamp'],
    [{ now: NOW + 301_000 }, 'stale_timestamp'],
    [{ now: NOW - 301_000 }, 'stale_timestamp'],
    [{ signatureHeader: '' }, 'missing_signature'],
    [{ secret: 'wrong-secret-000000' }, 'signature_mismatch'],
    [{ body: `${BODY} ` }, 'signature_mismatch'],
    [{ signatureHeader: SIGNATURE.toUpperCase() }, 'signature_mismatch'],
    [{ timestampHeader: '1700000001' }, 'signature_mismatch'],
  ])('rejects %o as %s', (change, reason) => {
    expect(verifyWebhookSignature({ ...valid, ...change })).toEqual({ ok: false, reason });
  });
});
