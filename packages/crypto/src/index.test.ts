import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_KEYRING_TEXT, isSealed, openSecret, parseKeyring, sealSecret } from './index.ts';

const rotated = parseKeyring(`k2:${Buffer.alloc(32, 2).toString('base64')},${DEVELOPMENT_KEYRING_TEXT}`);
const development = parseKeyring(DEVELOPMENT_KEYRING_TEXT);

describe('sealed secrets', () => {
  it('round-trips and never contains the plaintext', () => {
    const sealed = sealSecret(development, 'SECsuper-secret');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('super-secret');
    expect(openSecret(development, sealed)).toBe('SECsuper-secret');
  });

  it('uses a fresh IV each time', () => {
    expect(sealSecret(development, 'x')).not.toBe(sealSecret(development, 'x'));
  });

  it('opens values sealed under an older key after rotation, seals under the new one', () => {
    const old = sealSecret(development, 'before rotation');
    expect(openSecret(rotated, old)).toBe('before rotation');
    expect(sealSecret(rotated, 'after').startsWith('tidings:sealed:v1:k2:')).toBe(true);
  });

  it('rejects tampering and unknown keys', () => {
    const sealed = sealSecret(development, 'secret');
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => openSecret(development, tampered)).toThrow();
    expect(() => openSecret(development, sealSecret(rotated, 'x'))).toThrow(
      /key k2, which is not in the keyring/,
    );
    expect(() => openSecret(development, 'plain')).toThrow(/not a sealed secret/);
  });

  it('names the bad keyring entry without echoing key material', () => {
    expect(() => parseKeyring('a:c2hvcnQ=')).toThrow('keyring entry 1 (a): key must be 32 bytes');
    expect(() => parseKeyring('')).toThrow(/empty/);
    expect(() => parseKeyring('bad id:xx')).toThrow(/key id/);
  });
});
