// Reading a whole topic as it stands, the way a downstream consumer would: read_committed by default, so
// records of aborted transactions (a router killed mid-transaction) are not seen, as the senders do not see
// them.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export interface TopicRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** A kafkajs client for the scripts themselves: quiet, and patient enough to outlast a broker restart. */
export function scriptKafka(brokers: string, clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 40, initialRetryTime: 200, maxRetryTime: 3_000 },
  });
}

/**
 * Every committed record of `topic` up to its end when called (the high watermark of each partition), with
 * a consumer group of its own. Call it once producers have settled: an open transaction holds a
 * read_committed reader back, and it would then time out.
 */
export async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  options: { readUncommitted?: boolean; timeoutMs?: number } = {},
): Promise<TopicRecord[]> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const admin = kafka.admin();
  await admin.connect();
  const pending = new Map<number, bigint>();
  try {
    for (const partition of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(partition.high) > BigInt(partition.low))
        pending.set(partition.partition, BigInt(partition.high));
    }
  } finally {
    await admin.disconnect();
  }
  if (pending.size === 0) return [];
  const records: TopicRecord[] = [];
  const consumer = kafka.consumer({
    groupId: `tidings-faults-reader-${randomUUID()}`,
    readUncommitted: options.readUncommitted ?? false,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`${topic}: not read to its end within ${timeoutMs} ms (${records.length} read)`)),
        timeoutMs,
      );
      // Fired for every fetched batch, also one holding only aborted records or transaction markers.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const end = pending.get(payload.partition);
        if (end !== undefined && BigInt(payload.lastOffset) + 1n >= end) pending.delete(payload.partition);
        if (pending.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            for (const message of batch.messages) {
              const headers: Record<string, string> = {};
              for (const [name, value] of Object.entries(message.headers ?? {})) {
                const first = Array.isArray(value) ? value[0] : value;
                if (first !== undefined) headers[name] = first.toString();
              }
              records.push({
                partition: batch.partition,
                offset: message.offset,
                key: message.key?.toString('utf8') ?? null,
                value: message.value,
                headers,
              });
            }
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error);
        });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
