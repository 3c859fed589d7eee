import { decodeTicketEvent } from '@tidings/events';
import {
  type Admin,
  chunkBySize,
  type EachBatchPayload,
  headerValue,
  isTransientKafkaError,
  type Kafka,
  type KafkaMessage,
  type KafkaNames,
  kafkaErrorType,
  MAX_RECORD_BYTES,
  MAX_SEND_BYTES,
  type Producer,
  recordBytes,
  type SupervisedConsumerState,
  superviseConsumer,
} from '@tidings/kafka';
import type { ChannelKind } from '@tidings/state';
import {
  contextFromHeaders,
  failSpan,
  type Span,
  SpanKind,
  tidingsMetrics,
  trace,
  traceHeaders,
  tracer,
} from '@tidings/telemetry';
import { vendorOf } from '../jobs.ts';
import { errorMessage, type Logger } from '../log.ts';
import type { StateStore } from '../state/store.ts';
import { RecentIds } from './recent-ids.ts';
import { routeEvent } from './route.ts';

export const ROUTER_GROUP = 'tidings-router';

export interface Router {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** `gave-up`: the router's consumer crashed too often in a row and routes nothing any more. */
  consumerState(): SupervisedConsumerState;
  /** Its consumer's state by name (`router`), for readiness. */
  consumers(): Record<string, SupervisedConsumerState>;
}

type OutgoingMessage = { topic: string; key: string; value: Buffer; headers: Record<string, string> };

/** How long one batch is retried in place on transient Kafka errors before the consumer is let crash. */
const TRANSIENT_RETRY_MS = 5 * 60_000;
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 5_000;

const REBALANCING = new Set([
  'REBALANCE_IN_PROGRESS',
  'NOT_COORDINATOR_FOR_GROUP',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads ticket events and hands delivery jobs to the senders (ARCHITECTURE §6.1). The jobs of a batch and
 * the batch's consumed offset are committed in one Kafka transaction, so a crash re-routes the batch
 * without any job having become visible twice. Bad events go to the events DLQ in that same transaction.
 *
 * Failures: a transaction that fails on a transient Kafka error (a coordinator loading or moved after a
 * broker restart, a leader election, a lost connection) is aborted and the batch routed again, in place,
 * with backoff, on a fresh producer. Anything else crashes the consumer, which superviseConsumer starts
 * again from the committed offsets; `onGaveUp` says when it stopped trying. Produced records go out in
 * several sendBatch calls of at most MAX_SEND_BYTES each, within the one transaction; an event whose job
 * alone exceeds MAX_RECORD_BYTES is dead-lettered with the sizes in its reason instead of routed.
 */
export function createRouter(options: {
  kafka: Kafka;
  state: StateStore;
  log: Logger;
  /** Stable per instance: fences a previous incarnation's unfinished transaction. */
  transactionalId: string;
  names: KafkaNames;
  /** The router's consumer gave up after crashing too often in a row: report the process unhealthy. */
  onGaveUp?: (error: Error) => void;
}): Router {
  const { log, state, names: topics } = options;
  const groupId = topics.group(ROUTER_GROUP);
  const consumer = options.kafka.consumer({ groupId, readUncommitted: false });
  const newProducer = () =>
    options.kafka.producer({
      transactionalId: options.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
    });
  let producer: Producer = newProducer();
  let admin: Admin | undefined;
  // Cheap first line against producers sending an event twice; the ledger's delivery ids are the guarantee.
  const recent = new RecentIds(100_000);

  function deadLetter(
    message: KafkaMessage,
    partition: number,
    reason: string,
    event?: { eventId: string; tenantId: string },
  ): OutgoingMessage {
    const headers: Record<string, string> = {};
    for (const name of Object.keys(message.headers ?? {})) {
      const value = headerValue(message.headers, name);
      if (value !== undefined) headers[name] = value;
    }
    const original = message.value ?? Buffer.alloc(0);
    const record: OutgoingMessage = {
      topic: topics.ticketEventsDlq,
      key: message.key?.toString('utf8') ?? '',
      value: original,
      headers: {
        ...headers,
        'tidings-dlq-reason': reason,
        'tidings-original-topic': topics.ticketEvents,
        'tidings-original-partition': String(partition),
        'tidings-original-offset': message.offset,
      },
    };
    const size = recordBytes(record);
    if (size <= MAX_RECORD_BYTES) return record;
    // The copy itself would be refused: a summary stands in for the event, and the reason says so.
    return {
      ...record,
      value: Buffer.from(
        JSON.stringify({
          summary: 'the event was too large to copy to the DLQ',
          eventId: event?.eventId ?? null,
          tenantId: event?.tenantId ?? null,
          bytes: original.length,
          topic: topics.ticketEvents,
          partition,
          offset: message.offset,
        }),
      ),
      headers: {
        ...record.headers,
        'content-type': 'application/json',
        'tidings-dlq-reason': `${reason}; the event (${original.length} bytes, ${size} bytes with its headers) is over the ${MAX_RECORD_BYTES}-byte limit for one record itself, so this copy's value is a JSON summary (event id, tenant, size, original position), not the event`,
      },
    };
  }

  /** How each event of a batch went, counted once its transaction has committed. */
  type Tally = Array<{ outcome: 'routed' | 'unrouted' | 'duplicate' | 'dead_lettered'; kinds: string[] }>;

  /**
   * Routes one event in its own `process` span, a child of the producer's context from the message headers;
   * each job gets a `create` span whose context its headers carry on to the sender. The span names ids and
   * counts only, never the event's content.
   */
  function routeMessage(
    message: KafkaMessage,
    partition: number,
    seen: Set<string>,
    tally: Tally,
  ): OutgoingMessage[] {
    const span = tracer().startSpan(
      `${topics.ticketEvents} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': topics.ticketEvents,
          'messaging.destination.partition.id': String(partition),
          'messaging.kafka.offset': Number(message.offset),
          'messaging.consumer.group.name': groupId,
        },
      },
      contextFromHeaders(message.headers),
    );
    try {
      return routeInSpan(message, partition, seen, tally, span);
    } finally {
      span.end();
    }
  }

  function routeInSpan(
    message: KafkaMessage,
    partition: number,
    seen: Set<string>,
    tally: Tally,
    span: Span,
  ): OutgoingMessage[] {
    const decoded = decodeTicketEvent(message.value, headerValue(message.headers, 'content-type'));
    if (!decoded.ok) {
      log.warn('ticket event dead-lettered', { partition, offset: message.offset, reason: decoded.reason });
      failSpan(span, 'dead-lettered: not a valid ticket event');
      tally.push({ outcome: 'dead_lettered', kinds: [] });
      return [deadLetter(message, partition, decoded.reason)];
    }
    const { event } = decoded;
    span.setAttributes({ 'tidings.event.id': event.eventId, 'tidings.tenant.id': event.tenantId });
    const id = `${event.tenantId}/${event.eventId}`;
    if (recent.has(id) || seen.has(id)) {
      span.setAttribute('tidings.route.outcome', 'duplicate');
      tally.push({ outcome: 'duplicate', kinds: [] });
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
    const processing = trace.setSpan(contextFromHeaders(message.headers), span);
    const records = jobs.map((job) => {
      const topic = topics.deliveries(vendorOf(job.channelKind as ChannelKind));
      // Ended at once: the job is sent in the batch's transaction; its span is the context the sender continues.
      const create = tracer().startSpan(
        `${topic} create`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.operation.type': 'create',
            'messaging.destination.name': topic,
            'tidings.event.id': job.eventId,
            'tidings.delivery.id': job.deliveryId,
            'tidings.channel.id': job.channelId,
            'tidings.channel.kind': job.channelKind,
          },
        },
        processing,
      );
      create.end();
      return {
        job,
        record: {
          topic,
          key: job.credentialId,
          value: Buffer.from(JSON.stringify(job)),
          headers: {
            'content-type': 'application/json',
            ...traceHeaders(trace.setSpan(processing, create), message.headers),
          },
        },
      };
    });
    const oversized = records
      .map(({ job, record }) => ({ job, bytes: recordBytes(record) }))
      .filter(({ bytes }) => bytes > MAX_RECORD_BYTES);
    if (oversized.length > 0) {
      // None of its jobs go out: a replay from the DLQ then routes the whole event, once it can be.
      const jobsTooLarge = oversized
        .map(({ job, bytes }) => `${job.channelKind} channel ${job.channelId}: ${bytes} bytes`)
        .join(', ');
      const reason = `delivery job too large: ${jobsTooLarge}, over the ${MAX_RECORD_BYTES}-byte limit for one Kafka record (the broker's default max.message.bytes is 1048588); the event was not routed to any channel`;
      log.warn('ticket event dead-lettered: a delivery job is too large', {
        eventId: event.eventId,
        partition,
        offset: message.offset,
        eventBytes: message.value?.length ?? 0,
        jobs: oversized.map(({ job, bytes }) => ({ channelId: job.channelId, bytes })),
        limit: MAX_RECORD_BYTES,
      });
      failSpan(span, 'dead-lettered: a delivery job is too large');
      tally.push({ outcome: 'dead_lettered', kinds: [] });
      return [deadLetter(message, partition, reason, event)];
    }
    span.setAttributes({
      'tidings.route.outcome': jobs.length > 0 ? 'routed' : 'unrouted',
      'tidings.jobs': jobs.length,
    });
    tally.push({
      outcome: jobs.length > 0 ? 'routed' : 'unrouted',
      kinds: jobs.map((job) => job.channelKind),
    });
    return records.map(({ record }) => record);
  }

  /** The offset the router's group has committed for a partition (to settle a commit whose answer was lost). */
  async function committedOffset(topic: string, partition: number): Promise<bigint | undefined> {
    if (!admin) {
      const fresh = options.kafka.admin();
      await fresh.connect();
      admin = fresh;
    }
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const offset = offsets?.partitions.find((p) => p.partition === partition)?.offset;
    return offset === undefined || Number(offset) < 0 ? undefined : BigInt(offset);
  }

  /** After a failed transaction: a new producer (same transactional id) aborts whatever the old one left open. */
  async function replaceProducer(): Promise<void> {
    const old = producer;
    producer = newProducer();
    await old.disconnect().catch(() => {});
    await producer.connect();
  }

  type Stage = 'begin' | 'send' | 'offsets' | 'commit';

  /** One transaction: the records in chunks, the batch's offset, commit. Returns false if it was already committed. */
  async function transact(
    outgoing: OutgoingMessage[],
    batch: EachBatchPayload['batch'],
    nextOffset: bigint,
    settleFirst: boolean,
    at: { stage: Stage },
  ): Promise<boolean> {
    at.stage = 'begin';
    const transaction = await producer.transaction();
    try {
      // The previous attempt's commit failed without an answer: it may have gone through. The new producer
      // has completed or aborted it by now, so the group's committed offset tells which.
      if (settleFirst) {
        const committed = await committedOffset(batch.topic, batch.partition).catch(() => undefined);
        if (committed !== undefined && committed >= nextOffset) {
          await transaction.abort();
          return false;
        }
      }
      at.stage = 'send';
      for (const chunk of chunkBySize(outgoing, MAX_SEND_BYTES)) {
        const byTopic = new Map<string, OutgoingMessage[]>();
        for (const message of chunk) {
          const list = byTopic.get(message.topic);
          if (list) list.push(message);
          else byTopic.set(message.topic, [message]);
        }
        await transaction.sendBatch({
          topicMessages: [...byTopic].map(([topic, messages]) => ({
            topic,
            messages: messages.map(({ key, value, headers }) => ({ key, value, headers })),
          })),
        });
      }
      at.stage = 'offsets';
      await transaction.sendOffsets({
        consumerGroupId: groupId,
        topics: [
          {
            topic: batch.topic,
            partitions: [{ partition: batch.partition, offset: nextOffset.toString() }],
          },
        ],
      });
      at.stage = 'commit';
      await transaction.commit();
      return true;
    } catch (error) {
      await transaction.abort().catch(() => {});
      throw error;
    }
  }

  async function handleBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
  }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0) return;
    const nextOffset = BigInt(batch.lastOffset()) + 1n;
    const deadline = Date.now() + TRANSIENT_RETRY_MS;
    let settleFirst = false;
    let seen = new Set<string>();
    let tally: Tally = [];
    for (let attempt = 1; ; attempt++) {
      // Ids join `recent` only once the transaction committed: a batch that is routed again after an abort
      // must not find its own events marked as duplicates.
      seen = new Set<string>();
      tally = [];
      const outgoing = batch.messages.flatMap((message) =>
        routeMessage(message, batch.partition, seen, tally),
      );
      const at: { stage: Stage } = { stage: 'begin' };
      try {
        const committedNow = await transact(outgoing, batch, nextOffset, settleFirst, at);
        if (!committedNow)
          log.warn('the previous attempt had committed the batch after all; not routed again', {
            partition: batch.partition,
            nextOffset: nextOffset.toString(),
          });
        break;
      } catch (error) {
        const transient = isTransientKafkaError(error);
        const fields = {
          error: errorMessage(error),
          type: kafkaErrorType(error),
          stage: at.stage,
          attempt,
          topic: batch.topic,
          partition: batch.partition,
          firstOffset: batch.firstOffset(),
          lastOffset: batch.lastOffset(),
        };
        // Whatever happened, the producer's transaction state can no longer be trusted.
        await replaceProducer().catch((replaceError: unknown) =>
          log.warn('could not reconnect the transactional producer yet', {
            error: errorMessage(replaceError),
          }),
        );
        if (!transient || Date.now() > deadline || !isRunning()) {
          log.error('routing transaction failed; the consumer restarts and routes the batch again', fields);
          throw error;
        }
        if (at.stage === 'commit') settleFirst = true;
        const delayMs = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(attempt - 1, 10));
        log.warn('routing transaction failed on a transient Kafka error; routing the batch again', {
          ...fields,
          delayMs,
        });
        await sleep(delayMs);
        try {
          await heartbeat();
        } catch (heartbeatError) {
          // A rebalance: kafkajs rejoins, and whoever gets the partition reads from the committed offset.
          // Anything else (the coordinator is still away) is the problem being waited out.
          if (REBALANCING.has(kafkaErrorType(heartbeatError) ?? '')) throw heartbeatError;
        }
      }
    }
    for (const id of seen) recent.add(id);
    const metrics = tidingsMetrics();
    for (const { outcome, kinds } of tally) {
      metrics.eventsConsumed.add(1, { outcome });
      for (const kind of kinds) metrics.jobsRouted.add(1, { channel_kind: kind });
    }
    for (const message of batch.messages) resolveOffset(message.offset);
    await heartbeat();
  }

  const supervised = superviseConsumer({
    consumer,
    name: 'router',
    log,
    subscription: { topics: [topics.ticketEvents], fromBeginning: true },
    run: { autoCommit: false, eachBatchAutoResolve: false, eachBatch: handleBatch },
    onGaveUp: (error) => {
      log.error('the router gave up: it routes nothing any more', { error: errorMessage(error) });
      options.onGaveUp?.(error);
    },
  });

  return {
    async start() {
      await producer.connect();
      await supervised.start();
    },
    async stop() {
      await supervised.stop();
      await producer.disconnect();
      await admin?.disconnect().catch(() => {});
    },
    consumerState: () => supervised.state(),
    consumers: () => ({ router: supervised.state() }),
  };
}
