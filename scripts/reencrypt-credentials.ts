/**
 * Key rotation: seals every channel credential still under an older key again under the keyring's first key.
 *
 *   TIDINGS_KEYRING=<new id>:<new key>,<old id>:<old key> DATABASE_URL=<channels database> \
 *     node scripts/reencrypt-credentials.ts [--dry-run]
 *
 * 1. Put the new key first in TIDINGS_KEYRING everywhere (channels and dispatcher) and restart them: new
 *    secrets are sealed under it, and old ones still open.
 * 2. Run this (with the same keyring). Each resealed channel is published to the state topic through the
 *    channels service's outbox, so the dispatcher follows.
 * 3. When it reports 0 channels left under an old key, remove the old key from TIDINGS_KEYRING.
 *
 * Exits 1 when a channel could not be resealed (its key is not in the keyring); that channel is unchanged.
 */
import { parseArgs } from 'node:util';
import { parseKeyring } from '@tidings/crypto';
import { openDatabase } from '@tidings/db';
import { resealChannelCredentials } from '../services/channels/src/channels/rotate-keys.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
  const keyringText = process.env.TIDINGS_KEYRING;
  const url = process.env.DATABASE_URL;
  if (!keyringText || !url) {
    process.stderr.write('reencrypt-credentials: TIDINGS_KEYRING and DATABASE_URL are required\n');
    return 2;
  }
  const keyring = parseKeyring(keyringText);
  const database = await openDatabase({ url, maxConnections: 2 });
  try {
    const dryRun = values['dry-run'] === true;
    const result = await resealChannelCredentials({ db: database.db, keyring, dryRun });
    const verb = dryRun ? 'would reseal' : 'resealed';
    process.stdout.write(
      `reencrypt-credentials: ${result.channels} channels; ${verb} ${result.resealedSecrets} secrets in ${result.resealedChannels} channels under key ${keyring.currentKeyId}; ${result.failures.length} failed\n`,
    );
    for (const failure of result.failures)
      process.stdout.write(`  tenant ${failure.tenantId} channel ${failure.channelId}: ${failure.reason}\n`);
    return result.failures.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
