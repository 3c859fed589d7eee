import type { Database } from '@tidings/db';
import type { KafkaNames, Producer } from '@tidings/kafka';
import type { ChannelKind } from '@tidings/state';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type DeliveryJob, type Vendor, vendorOf } from '../jobs.ts';
import { deliveries } from './schema.ts';

/** The most dead letters one replayDeadLetters call hands back. */
export const REPLAY_LIMIT = 10_000;
/** Rows replayed per transaction: each holds its rows' locks only while its jobs are published. */
export const REPLAY_CHUNK = 500;
/** Messages per produce request, well under the broker's batch size limit for ordinary jobs. */
const MESSAGES_PER_REQUEST = 100;
const BYTES_PER_REQUEST = 512 * 1024;

/** The same header the senders read: when a retry is due (now, for a replay). */
const DUE_AT_HEADER = 'tidings-due-at';

/** What the subgraph replays with: the ledger, and a producer onto the vendors' retry topics. */
export interface ReplayDependencies {
  db: Database;
  producer: Pick<Producer, 'sendBatch'>;
  names: KafkaNames;
}

type TopicMessages = {
  topic: string;
  messages: Array<{ key: string; value: string; headers: Record<string, string> }>;
};

/** Splits the messages into produce requests small enough for the broker, in order. */
function requests(messages: Array<{ topic: string; key: string; value: string }>): TopicMessages[][] {
  const all: TopicMessages[][] = [];
  let current: TopicMessages[] = [];
  let count = 0;
  let bytes = 0;
  const dueAt = String(Date.now());
  for (const message of messages) {
    if (count > 0 && (count >= MESSAGES_PER_REQUEST || bytes + message.value.length > BYTES_PER_REQUEST)) {
      all.push(current);
      current = [];
      count = 0;
      bytes = 0;
    }
    let group = current.find((entry) => entry.topic === message.topic);
    if (!group) {
      group = { topic: message.topic, messages: [] };
      current.push(group);
    }
    group.messages.push({
      key: message.key,
      value: message.value,
      headers: { [DUE_AT_HEADER]: dueAt, 'content-type': 'application/json' },
    });
    count++;
    bytes += message.value.length;
  }
  if (count > 0) all.push(current);
  return all;
}

/**
 * Hands dead or failed deliveries of one tenant back to their senders with a fresh retry budget: the rows
 * go to `retrying` (the attempt count so far becomes where the new budget starts, their job is cleared) and
 * each job goes to its vendor's retry topic, due now. Returns the ids replayed; ids that are not dead or
 * failed, have no job, or are another tenant's are left alone (the caller checked them first and reports
 * them). At most REPLAY_CHUNK ids.
 *
 * Why the order is update, publish, commit, all in one transaction:
 * - Publish first, update second would race the sender: it may read the job before the row says
 *   `retrying`, find it still dead and skip it, and the row would then sit in `retrying` with no job
 *   anywhere: lost.
 * - Update (committed), then publish would lose the job when the process dies between the two.
 * - Inside one transaction the rows stay locked until the jobs are on Kafka. A sender that reads a job
 *   early waits on the row lock in its claim and then sees `retrying`: sent once. When publishing fails the
 *   transaction rolls back and every row is exactly as it was (status, job, retry budget). Any job that did
 *   reach Kafka meets a row that is still dead or failed, which the sender's claim never sends again: the
 *   replay did not happen, nothing is sent twice, the delivery is still in the DLQ to replay again. The same
 *   holds when the commit itself fails after the publish.
 * - Two replays of the same row at once: the second update waits on the first's lock, then finds the row
 *   `retrying`, not dead, and takes nothing.
 */
export async function replayDeliveries(
  dependencies: ReplayDependencies,
  tenantId: string,
  ids: readonly string[],
  /** Called inside the transaction with what was replayed (the audit log records it there). */
  replayed?: (tx: Database, rows: Array<{ id: string; previousStatus: string }>) => Promise<void>,
): Promise<string[]> {
  if (ids.length === 0) return [];
  if (ids.length > REPLAY_CHUNK) throw new Error(`at most ${REPLAY_CHUNK} deliveries per replay transaction`);
  const previous = alias(deliveries, 'previous');
  return dependencies.db.transaction(async (tx) => {
    // One statement: the row as it was (its job) comes from the self-join, the update clears it.
    const rows = await tx
      .update(deliveries)
      .set({
        status: 'retrying',
        retryFromAttempt: sql`${deliveries.attempts}`,
        nextAttemptAt: sql`now()`,
        updatedAt: sql`now()`,
        job: null,
      })
      .from(previous)
      .where(
        and(
          eq(previous.id, deliveries.id),
          inArray(deliveries.id, [...ids]),
          eq(deliveries.tenantId, tenantId),
          inArray(deliveries.status, ['dead', 'failed']),
          isNotNull(deliveries.job),
        ),
      )
      .returning({
        id: deliveries.id,
        job: previous.job,
        channelKind: deliveries.channelKind,
        previousStatus: previous.status,
      });
    const messages = rows.map((row) => {
      const job = row.job as DeliveryJob;
      const vendor = vendorOf(row.channelKind as ChannelKind) as Vendor | undefined;
      // Thrown inside the transaction: nothing of this chunk changes.
      if (!vendor) throw new Error(`delivery ${row.id} has an unknown channel kind ${row.channelKind}`);
      return {
        topic: dependencies.names.retry(vendor),
        key: job.credentialId,
        // A replay starts a fresh budget by age too (it counts from routedAt), as it does by attempts.
        value: JSON.stringify({ ...job, routedAt: new Date().toISOString() }),
      };
    });
    // A failure here throws out of the transaction: it rolls back (see above).
    if (replayed && rows.length > 0) await replayed(tx, rows);
    for (const request of requests(messages))
      await dependencies.producer.sendBatch({ acks: -1, topicMessages: request });
    return rows.map((row) => row.id);
  });
}
