// Key rotation against real Postgres: credentials sealed under an old key are resealed under the new one,
// with a state snapshot in the outbox for each changed channel; the CLI says what it did.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openSecret, parseKeyring, sealedKeyId, sealSecret } from '@tidings/crypto';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '@tidings/db';
import type { ChannelConfig } from '@tidings/state';
import { createTestDatabase, type TestDatabase, uniqueName } from '@tidings/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resealChannelCredentials } from '../src/channels/rotate-keys.ts';
import { channels, outbox } from '../src/db/schema.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const OLD = `old:${Buffer.alloc(32, 1).toString('base64')}`;
const NEW = `new:${Buffer.alloc(32, 2).toString('base64')}`;
const before = parseKeyring(OLD);
const rotated = parseKeyring(`${NEW},${OLD}`);
const tenantId = uniqueName('tenant');

let database: TestDatabase;
let handle: DatabaseHandle;

const robot = (token: string, secret: string): ChannelConfig => ({
  kind: 'dingtalk-robot',
  keywords: ['alert'],
  accessToken: sealSecret(before, token),
  signingSecret: sealSecret(before, secret),
});

async function insert(name: string, config: ChannelConfig): Promise<string> {
  const [row] = await handle.db
    .insert(channels)
    .values({ tenantId, name, description: null, kind: config.kind, config, webhookUrlMasked: null })
    .returning({ id: channels.id });
  return row!.id;
}

async function configOf(id: string) {
  const [row] = await handle.db.select().from(channels).where(eq(channels.id, id));
  return row!.config as Extract<ChannelConfig, { kind: 'dingtalk-robot' }> & { signingSecret: string };
}

beforeAll(async () => {
  database = await createTestDatabase('rotate-keys');
  handle = await openDatabase({ url: database.url, maxConnections: 2 });
  await migrateDatabase(handle, {
    migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
    schema: 'channels',
  });
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe('key rotation of channel credentials', () => {
  it('reseals under the new key, publishes each changed channel, and is idempotent', async () => {
    const first = await insert('first', robot('token-1', 'SEC-1'));
    const second = await insert('second', robot('token-2', 'SEC-2'));

    const dryRun = await resealChannelCredentials({ db: handle.db, keyring: rotated, dryRun: true });
    expect(dryRun).toEqual({ channels: 2, resealedChannels: 2, resealedSecrets: 4, failures: [] });
    expect(sealedKeyId((await configOf(first)).accessToken)).toBe('old');

    const result = await resealChannelCredentials({ db: handle.db, keyring: rotated, batchSize: 1 });
    expect(result).toEqual({ channels: 2, resealedChannels: 2, resealedSecrets: 4, failures: [] });
    for (const [id, token, secret] of [
      [first, 'token-1', 'SEC-1'],
      [second, 'token-2', 'SEC-2'],
    ] as const) {
      const config = await configOf(id);
      expect(sealedKeyId(config.accessToken)).toBe('new');
      expect(openSecret(rotated, config.accessToken)).toBe(token);
      expect(openSecret(rotated, config.signingSecret)).toBe(secret);
      expect(config.keywords).toEqual(['alert']);
    }
    // The dispatcher learns the new sealing through the state topic: one snapshot per channel, no clear text.
    const published = await handle.db.select().from(outbox);
    expect(published.map((row) => row.key).sort()).toEqual([first, second].sort());
    expect(JSON.stringify(published)).not.toMatch(/token-1|token-2|SEC-1|SEC-2|tidings:sealed:v1:old:/);

    expect(await resealChannelCredentials({ db: handle.db, keyring: rotated })).toEqual({
      channels: 2,
      resealedChannels: 0,
      resealedSecrets: 0,
      failures: [],
    });
  });

  it('names a channel whose key is gone, leaves it as it was, and the CLI exits 1', async () => {
    const lost = parseKeyring(`lost:${Buffer.alloc(32, 9).toString('base64')}`);
    const orphan = await insert('orphan', {
      kind: 'dingtalk-robot',
      keywords: [],
      accessToken: sealSecret(lost, 'token-3'),
      signingSecret: null,
    });
    const stored = await configOf(orphan);
    const cli = await run(process.execPath, ['scripts/reencrypt-credentials.ts'], {
      cwd: root,
      env: { ...process.env, TIDINGS_KEYRING: `${NEW},${OLD}`, DATABASE_URL: database.url },
    }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in cli ? cli.code : 0).toBe(1);
    expect(cli.stdout).toContain(
      'reencrypt-credentials: 3 channels; resealed 0 secrets in 0 channels under key new; 1 failed',
    );
    expect(cli.stdout).toContain(
      `channel ${orphan}: sealed secret uses key lost, which is not in the keyring`,
    );
    expect(await configOf(orphan)).toEqual(stored);
  });
});
