import type { Producer } from '@tidings/kafka';
import { asc, inArray, sql } from 'drizzle-orm';
import { bigserial, jsonb, type PgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { type Database, executedRows } from './connection.ts';

/**
 * Transactional outbox (ARCHITECTURE §3): a service writes its change and the matching state message in
 * one database transaction; the relay below publishes the rows to Kafka and deletes them. A crash between
 * publish and delete republishes a snapshot, which is harmless on a compacted topic.
 */
export function outboxTable(schema: PgSchema) {
  return schema.table('outbox', {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    key: text('key').notNull(),
    /** null is a tombstone: the entity was deleted. */
    value: jsonb('value'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  });
}

export type OutboxTable = ReturnType<typeof outboxTable>;

export interface OutboxMessage {
  topic: string;
  key: string;
  value: unknown | null;
}

/** Call inside the transaction that makes the change. */
export async function enqueueOutbox(
  tx: Database,
  table: OutboxTable,
  messages: OutboxMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  await tx.insert(table).values(messages.map((m) => ({ topic: m.topic, key: m.key, value: m.value })));
}

export interface OutboxRelay {
  start(): void;
  /** Publish now rather than at the next poll (called after a local commit). */
  nudge(): void;
  /** Resolves once every row that existed when called has been published. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface OutboxRelayOptions {
  db: Database;
  table: OutboxTable;
  /** Connected Kafka producer (idempotent, acks=all). */
  producer: Producer;
  /** Distinguishes relays of different services in the advisory lock. */
  lockName: string;
  pollIntervalMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const batchSize = options.batchSize ?? 200;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let cycle: Promise<void> = Promise.resolve();
  let again = false;

  /** Publishes one batch; returns how many rows it published. */
  async function publishBatch(): Promise<number> {
    return options.db.transaction(async (tx) => {
      // One publisher at a time per outbox keeps each key's snapshots in commit order on the topic.
      const lock = await tx.execute(
        sql`select pg_try_advisory_xact_lock(hashtext(${options.lockName})) as locked`,
      );
      const locked = executedRows<{ locked: boolean }>(lock)[0]?.locked;
      if (!locked) return 0;
      const rows = await tx.select().from(options.table).orderBy(asc(options.table.id)).limit(batchSize);
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, Array<{ key: string; value: string | null }>>();
      for (const row of rows) {
        const list = byTopic.get(row.topic) ?? [];
        list.push({ key: row.key, value: row.value === null ? null : JSON.stringify(row.value) });
        byTopic.set(row.topic, list);
      }
      await options.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({
          topic,
          messages: messages.map((m) => ({
            key: m.key,
            value: m.value,
            headers: { 'content-type': 'application/json' },
          })),
        })),
      });
      await tx.delete(options.table).where(
        inArray(
          options.table.id,
          rows.map((row) => row.id),
        ),
      );
      return rows.length;
    });
  }

  async function runCycle(): Promise<void> {
    do {
      again = false;
      try {
        while (running && (await publishBatch()) === batchSize) {}
      } catch (error) {
        options.onError?.(error);
      }
    } while (again && running);
  }

  function schedule(): void {
    cycle = cycle.then(runCycle);
  }

  return {
    start() {
      if (running) return;
      running = true;
      timer = setInterval(schedule, pollIntervalMs);
      schedule();
    },
    nudge() {
      if (!running) return;
      again = true;
      schedule();
    },
    async drain() {
      const wasRunning = running;
      running = true;
      schedule();
      await cycle;
      running = wasRunning;
    },
    async stop() {
      running = false;
      if (timer) clearInterval(timer);
      await cycle;
    },
  };
}
