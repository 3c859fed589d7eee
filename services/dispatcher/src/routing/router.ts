import { decodeTicketEvent } from '@tidings/events';
import {
  type EachBatchPayload,
  headerValue,
  type Kafka,
  type KafkaMessage,
  type KafkaNames,
} from '@tidings/kafka';
import type { ChannelKind } from '@tidings/state';
import { vendorOf } from '../jobs.ts';
import { errorMessage, type Logger } from '../log.ts';
import type { StateStore } from '../state/store.ts';
import { RecentIds } from './recent-ids.ts';
import { routeEvent } from './route.ts';

export const ROUTER_GROUP = 'tidings-router';

export interface Router {
  start(): Promise<void>;
  stop(): Promise<void>;
}

type OutgoingMessage = { topic: string; key: string; value: Buffer; headers: Record<string, string> };

/**
 * Reads ticket events and hands delivery jobs to the senders (ARCHITECTURE §6.1). The jobs of a batch and
 * the batch's consumed offset are committed in one Kafka transaction, so a crash re-routes the batch
 * without any job having become visible twice. Bad events go to the events DLQ in that same transaction.
 */
export function createRouter(options: {
  kafka: Kafka;
  state: StateStore;
  log: Logger;
  /** Stable per instance: fences a previous incarnation's unfinished transaction. */
  transactionalId: string;
  names: KafkaNames;
}): Router {
  const { log, state, names: topics } = options;
  const groupId = topics.group(ROUTER_GROUP);
  const consumer = options.kafka.consumer({ groupId, readUncommitted: false });
  const producer = options.kafka.producer({
    transactionalId: options.transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  // Cheap first line against producers sending an event twice; the ledger's delivery ids are the guarantee.
  const recent = new RecentIds(100_000);

  function deadLetter(message: KafkaMessage, partition: number, reason: string): OutgoingMessage {
    const headers: Record<string, string> = {};
    for (const name of Object.keys(message.headers ?? {})) {
      const value = headerValue(message.headers, name);
      if (value !== undefined) headers[name] = value;
    }
    return {
      topic: topics.ticketEventsDlq,
      key: message.key?.toString('utf8') ?? '',
      value: message.value ?? Buffer.alloc(0),
      headers: {
        ...headers,
        'tidings-dlq-reason': reason,
        'tidings-original-topic': topics.ticketEvents,
        'tidings-original-partition': String(partition),
        'tidings-original-offset': message.offset,
      },
    };
  }

  function routeMessage(message: KafkaMessage, partition: number, seen: Set<string>): OutgoingMessage[] {
    const decoded = decodeTicketEvent(message.value, headerValue(message.headers, 'content-type'));
    if (!decoded.ok) {
      log.warn('ticket event dead-lettered', { partition, offset: message.offset, reason: decoded.reason });
      return [deadLetter(message, partition, decoded.reason)];
    }
    const { event } = decoded;
    const id = `${event.tenantId}/${event.eventId}`;
    if (recent.has(id) || seen.has(id)) {
      log.info('duplicate ticket event dropped', {
        eventId: event.eventId,
        partition,
        offset: message.offset,
      });
      return [];
    }
    seen.add(id);
    const { jobs, skipped } = routeEvent(event, state, new Date());
    if (skipped.length > 0) log.info('channels skipped', { eventId: event.eventId, skipped });
    const traceparent = headerValue(message.headers, 'traceparent');
    return jobs.map((job) => ({
      topic: topics.deliveries(vendorOf(job.channelKind as ChannelKind)),
      key: job.credentialId,
      value: Buffer.from(JSON.stringify(job)),
      headers: { 'content-type': 'application/json', ...(traceparent && { traceparent }) },
    }));
  }

  async function handleBatch({ batch, resolveOffset, heartbeat }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0) return;
    // Ids join `recent` only once the transaction committed: a batch that is routed again after an abort
    // must not find its own events marked as duplicates.
    const seen = new Set<string>();
    const outgoing = batch.messages.flatMap((message) => routeMessage(message, batch.partition, seen));
    const transaction = await producer.transaction();
    try {
      const byTopic = new Map<string, OutgoingMessage[]>();
      for (const message of outgoing)
        byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
      if (byTopic.size > 0) {
        await transaction.sendBatch({
          topicMessages: [...byTopic].map(([topic, messages]) => ({
            topic,
            messages: messages.map(({ key, value, headers }) => ({ key, value, headers })),
          })),
        });
      }
      await transaction.sendOffsets({
        consumerGroupId: groupId,
        topics: [
          {
            topic: batch.topic,
            partitions: [
              { partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() },
            ],
          },
        ],
      });
      await transaction.commit();
    } catch (error) {
      log.error('routing transaction failed; the batch will be routed again', { error: errorMessage(error) });
      await transaction.abort().catch(() => {});
      throw error;
    }
    for (const id of seen) recent.add(id);
    for (const message of batch.messages) resolveOffset(message.offset);
    await heartbeat();
  }

  return {
    async start() {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic: topics.ticketEvents, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: handleBatch });
    },
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
