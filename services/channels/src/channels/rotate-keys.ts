import { type Keyring, resealStale } from '@tidings/crypto';
import { type Database, enqueueOutbox } from '@tidings/db';
import { channelStateKey, stateTopics } from '@tidings/state';
import { asc, eq, gt } from 'drizzle-orm';
import { channels, outbox } from '../db/schema.ts';
import { toChannelState } from './repository.ts';

export interface RotationResult {
  /** Channels looked at, over every tenant. */
  channels: number;
  /** Channels with at least one secret under an old key (resealed unless a dry run). */
  resealedChannels: number;
  /** Secrets resealed (or that would be). */
  resealedSecrets: number;
  /** Channels that could not be resealed, and why (a key the keyring no longer holds). Left unchanged. */
  failures: Array<{ tenantId: string; channelId: string; reason: string }>;
}

/**
 * Key rotation for channel credentials (ARCHITECTURE §8): after a new key is put first in the keyring, every
 * credential still sealed under an older key is sealed again under the new one. Each channel changes in its
 * own transaction together with its state snapshot in the outbox, so the dispatcher receives the resealed
 * credentials through the channels service's outbox relay (at its next poll, or when the service next runs).
 * Only when this reports no channel left under the old key may the old key leave the keyring.
 */
export async function resealChannelCredentials(options: {
  db: Database;
  keyring: Keyring;
  dryRun?: boolean;
  batchSize?: number;
}): Promise<RotationResult> {
  const { db, keyring } = options;
  const batchSize = options.batchSize ?? 200;
  const result: RotationResult = { channels: 0, resealedChannels: 0, resealedSecrets: 0, failures: [] };
  let after: string | null = null;
  for (;;) {
    const batch: Array<{ id: string }> = await db
      .select({ id: channels.id })
      .from(channels)
      .where(after === null ? undefined : gt(channels.id, after))
      .orderBy(asc(channels.id))
      .limit(batchSize);
    if (batch.length === 0) return result;
    after = batch[batch.length - 1]!.id;
    for (const { id } of batch) {
      result.channels++;
      await db.transaction(async (tx) => {
        // Locked: a concurrent change to the channel waits, and is not overwritten with an older config.
        const [row] = await tx.select().from(channels).where(eq(channels.id, id)).for('update');
        if (!row) return;
        let resealed: ReturnType<typeof resealStale<typeof row.config>>;
        try {
          resealed = resealStale(keyring, row.config);
        } catch (error) {
          result.failures.push({ tenantId: row.tenantId, channelId: id, reason: (error as Error).message });
          return;
        }
        if (resealed.resealed === 0) return;
        result.resealedChannels++;
        result.resealedSecrets += resealed.resealed;
        if (options.dryRun) return;
        const [updated] = await tx
          .update(channels)
          .set({ config: resealed.value, updatedAt: new Date() })
          .where(eq(channels.id, id))
          .returning();
        const state = toChannelState(updated!);
        await enqueueOutbox(tx, outbox, [
          { topic: stateTopics.channels, key: channelStateKey(state), value: state },
        ]);
      });
    }
  }
}
