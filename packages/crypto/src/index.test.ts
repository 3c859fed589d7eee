import { describe, expect, it } from 'vitest';
import {
  DEVELOPMENT_KEYRING_TEXT,
  isSealed,
  openSecret,
  parseKeyring,
  resealStale,
  sealedKeyId,
  sealSecret,
} from './index.ts';

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

describe('key rotation', () => {
  const oldKey = `old:${Buffer.alloc(32, 1).toString('base64')}`;
  const newKey = `new:${Buffer.alloc(32, 2).toString('base64')}`;
  const before = parseKeyring(oldKey);
  const rotated = parseKeyring(`${newKey},${oldKey}`);

  it('reseals every secret under an old key, at any depth, and leaves the rest alone', () => {
    const config = {
      kind: 'dingtalk-robot',
      accessToken: sealSecret(before, 'token-1'),
      nested: { list: [sealSecret(before, 'secret-2'), 'plain'] },
      keywords: ['alert'],
      port: 465,
      signingSecret: null,
    };
    const { value, resealed } = resealStale(rotated, config);
    expect(resealed).toBe(2);
    expect(sealedKeyId(value.accessToken)).toBe('new');
    expect(openSecret(rotated, value.accessToken)).toBe('token-1');
    expect(openSecret(rotated, value.nested.list[0]!)).toBe('secret-2');
    expect(value.nested.list[1]).toBe('plain');
    expect({ ...value, accessToken: '', nested: null }).toEqual({ ...config, accessToken: '', nested: null });
    // Already current: nothing to do, the same object back.
    const again = resealStale(rotated, value);
    expect(again).toEqual({ value, resealed: 0 });
    expect(again.value).toBe(value);
  });

  it('names the key it cannot open, and changes nothing', () => {
    const withoutOld = parseKeyring(newKey);
    const config = { accessToken: sealSecret(before, 'token-1') };
    expect(() => resealStale(withoutOld, config)).toThrow('uses key old, which is not in the keyring');
    expect(openSecret(before, config.accessToken)).toBe('token-1');
  });
});
