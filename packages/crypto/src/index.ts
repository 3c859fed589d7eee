import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest and on state topics (ARCHITECTURE §8): AES-256-GCM under a key chosen by id, so keys
 * can rotate. A sealed value is self-describing and can never be mistaken for a plain one:
 *
 *   tidings:sealed:v1:<keyId>:<iv base64url>:<ciphertext+tag base64url>
 */
const PREFIX = 'tidings:sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Keyring {
  /** Key id new secrets are sealed under. */
  readonly currentKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/**
 * Parses `id1:base64key,id2:base64key`; the first key seals, all of them open. Each key is 32 bytes.
 * Errors name the offending entry but never echo key material.
 */
export function parseKeyring(value: string): Keyring {
  const keys = new Map<string, Buffer>();
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('keyring is empty: expected "<keyId>:<base64 32-byte key>"');
  for (const [index, entry] of entries.entries()) {
    const separator = entry.indexOf(':');
    const keyId = separator > 0 ? entry.slice(0, separator) : '';
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(keyId)) {
      throw new Error(`keyring entry ${index + 1}: key id must be 1-32 characters of [A-Za-z0-9_-]`);
    }
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== 32) throw new Error(`keyring entry ${index + 1} (${keyId}): key must be 32 bytes`);
    if (keys.has(keyId)) throw new Error(`keyring entry ${index + 1}: duplicate key id ${keyId}`);
    keys.set(keyId, key);
  }
  return { currentKeyId: entries[0]!.slice(0, entries[0]!.indexOf(':')), keys };
}

/**
 * A fixed keyring for local development and tests only; services refuse it in production.
 * Its key is public (it is in this file), so it protects nothing.
 */
export const DEVELOPMENT_KEYRING_TEXT = `dev:${Buffer.alloc(32, 7).toString('base64')}`;

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function sealSecret(keyring: Keyring, plaintext: string): string {
  const key = keyring.keys.get(keyring.currentKeyId);
  if (!key) throw new Error(`keyring has no key ${keyring.currentKeyId}`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${keyring.currentKeyId}:${iv.toString('base64url')}:${sealed.toString('base64url')}`;
}

export function openSecret(keyring: Keyring, sealedValue: string): string {
  if (!isSealed(sealedValue)) throw new Error('value is not a sealed secret');
  const [keyId, ivText, bodyText] = sealedValue.slice(PREFIX.length).split(':');
  if (!keyId || !ivText || !bodyText) throw new Error('sealed secret is malformed');
  const key = keyring.keys.get(keyId);
  if (!key) throw new Error(`sealed secret uses key ${keyId}, which is not in the keyring`);
  const body = Buffer.from(bodyText, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(body.subarray(0, body.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}

/** The id of the key a sealed value was sealed under. */
export function sealedKeyId(sealedValue: string): string {
  if (!isSealed(sealedValue)) throw new Error('value is not a sealed secret');
  const keyId = sealedValue.slice(PREFIX.length).split(':')[0];
  if (!keyId) throw new Error('sealed secret is malformed');
  return keyId;
}

/**
 * Key rotation: every sealed string inside `value` (a credential config, at any depth) that is not sealed
 * under the keyring's current key is opened and sealed again under it. Plain strings and values already
 * under the current key are left as they are. Returns the new value and how many secrets were resealed;
 * throws, naming the key, when a secret was sealed under a key the keyring no longer holds.
 */
export function resealStale<T>(keyring: Keyring, value: T): { value: T; resealed: number } {
  let resealed = 0;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      if (!isSealed(node) || sealedKeyId(node) === keyring.currentKeyId) return node;
      resealed++;
      return sealSecret(keyring, openSecret(keyring, node));
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    return node;
  };
  const result = walk(value) as T;
  return { value: resealed > 0 ? result : value, resealed };
}
