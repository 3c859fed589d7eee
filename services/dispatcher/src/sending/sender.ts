import { headerValue, type Kafka, type KafkaMessage, type KafkaNames } from '@tidings/kafka';
import type { DeliveryOutcome } from '@tidings/providers';
import { type DeliveryJob, decodeDeliveryJob, deliveryIdFor } from '../jobs.ts';
import { type DeliveryLedger, jobOfDelivery } from '../ledger/repository.ts';
import { errorMessage, type Logger } from '../log.ts';
import type { PersonalDelivery } from './personal.ts';
import { defaultRetryPolicy, nextStep, type RetryPolicy } from './retry-policy.ts';

/** Delivers jobs through channels. Returns classified outcomes; never throws for the platform. */
export interface ChannelHandler {
  /** A group job: one message to the channel's group or endpoint. */
  deliver(job: DeliveryJob): Promise<DeliveryOutcome>;
  /** A per-person job: an outcome per person, keyed by user id. */
  deliverToPeople(job: DeliveryJob, people: PersonalDelivery[]): Promise<Map<string, DeliveryOutcome>>;
  close(): Promise<void>;
}

export interface Sender {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const senderGroup = (vendor: string) => `tidings-sender.${vendor}`;
export const retryGroup = (vendor: string) => `tidings-sender.${vendor}.retry`;
const DUE_AT_HEADER = 'tidings-due-at';

/** What one pass over a job leaves to do: the people (or the group) to try again, and when. */
interface Leftover {
  retry: { userIds: string[]; delayMs: number } | null;
  dead: Array<{ userIds: string[]; outcome: DeliveryOutcome }>;
}

/**
 * One vendor's sender (ARCHITECTURE §6.2–3): claim the delivery in the ledger, deliver, record the outcome,
 * hand a retryable failure to the vendor's retry topic with its due time (or, past the retry budget, to the
 * DLQ), and only then commit the job's offset. A crash anywhere before the commit re-reads the job; the
 * ledger then skips whatever was already delivered, failed or dead.
 */
export function createSender(options: {
  kafka: Kafka;
  vendor: string;
  ledger: DeliveryLedger;
  handler: ChannelHandler;
  log: Logger;
  names: KafkaNames;
  retryPolicy?: RetryPolicy;
}): Sender {
  const { ledger, handler, log, vendor, names: topics } = options;
  const policy = options.retryPolicy ?? defaultRetryPolicy;
  const jobsTopic = topics.deliveries(vendor);
  const retryTopic = topics.retry(vendor);
  const consumer = options.kafka.consumer({
    groupId: topics.group(senderGroup(vendor)),
    readUncommitted: false,
  });
  const retryConsumer = options.kafka.consumer({
    groupId: topics.group(retryGroup(vendor)),
    readUncommitted: false,
  });
  const producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  let stopping = false;

  const internalFailure = (error: unknown): DeliveryOutcome => ({
    kind: 'permanent',
    code: 'internal',
    reason: `Tidings failed to deliver: ${errorMessage(error)}`,
  });

  async function timed<T>(send: () => Promise<T>, fallback: (error: unknown) => T) {
    const startedAt = new Date();
    const started = performance.now();
    let result: T;
    try {
      result = await send();
    } catch (error) {
      result = fallback(error);
    }
    return { result, startedAt, durationMs: performance.now() - started };
  }

  /** Records one delivery's attempt and says what follows it. */
  async function settle(
    job: DeliveryJob,
    delivery: { id: string; attempt: number; budgetAttempt: number; userIds: string[] },
    timing: { startedAt: Date; durationMs: number },
    outcome: DeliveryOutcome,
    leftover: Leftover,
  ): Promise<void> {
    const step = nextStep(outcome, delivery.budgetAttempt, policy);
    const status = await ledger.record(
      delivery.id,
      { number: delivery.attempt, ...timing, outcome },
      step.kind === 'retry' ? { retryAt: new Date(Date.now() + step.delayMs) } : {},
      jobOfDelivery(job, { id: delivery.id, target: '', recipientUserIds: delivery.userIds }),
    );
    const fields = {
      deliveryId: delivery.id,
      eventId: job.eventId,
      channelId: job.channelId,
      status,
      attempt: delivery.attempt,
    };
    if (outcome.kind === 'delivered') log.info('delivered', fields);
    else log.warn('delivery not delivered', { ...fields, code: outcome.code, reason: outcome.reason });
    if (step.kind === 'retry') {
      const retry = leftover.retry ?? { userIds: [], delayMs: 0 };
      retry.userIds.push(...delivery.userIds);
      retry.delayMs = Math.max(retry.delayMs, step.delayMs);
      leftover.retry = retry;
    } else if (step.kind === 'dead') leftover.dead.push({ userIds: delivery.userIds, outcome });
  }

  async function processGroupJob(job: DeliveryJob, leftover: Leftover): Promise<void> {
    const claim = await ledger.claim(job);
    if (!claim.send) {
      log.info('delivery already recorded; not sent again', {
        deliveryId: job.deliveryId,
        status: claim.status,
      });
      return;
    }
    const { result: outcome, ...timing } = await timed(() => handler.deliver(job), internalFailure);
    await settle(
      job,
      {
        id: job.deliveryId,
        attempt: claim.attempt,
        budgetAttempt: claim.budgetAttempt,
        userIds: job.recipientUserIds,
      },
      timing,
      outcome,
      leftover,
    );
  }

  async function processPersonalJob(job: DeliveryJob, leftover: Leftover): Promise<void> {
    const pending: Array<PersonalDelivery & { attempt: number; budgetAttempt: number }> = [];
    for (const userId of job.recipientUserIds) {
      const target = `user:${userId}`;
      const deliveryId = deliveryIdFor({
        tenantId: job.tenantId,
        eventId: job.eventId,
        channelId: job.channelId,
        target,
      });
      const claim = await ledger.claim(job, { id: deliveryId, target, recipientUserIds: [userId] });
      if (claim.send)
        pending.push({ userId, deliveryId, attempt: claim.attempt, budgetAttempt: claim.budgetAttempt });
    }
    if (pending.length === 0) return;
    const { result: outcomes, ...timing } = await timed(
      () => handler.deliverToPeople(job, pending),
      (error) => new Map(pending.map(({ userId }) => [userId, internalFailure(error)])),
    );
    for (const person of pending) {
      const outcome = outcomes.get(person.userId) ?? internalFailure('no outcome reported');
      await settle(
        job,
        {
          id: person.deliveryId,
          attempt: person.attempt,
          budgetAttempt: person.budgetAttempt,
          userIds: [person.userId],
        },
        timing,
        outcome,
        leftover,
      );
    }
  }

  /** Delivers a job, then hands on what is left: retries to the retry topic, the dead to the DLQ. */
  async function process(job: DeliveryJob, message: KafkaMessage): Promise<void> {
    const leftover: Leftover = { retry: null, dead: [] };
    if (job.target === 'group') await processGroupJob(job, leftover);
    else await processPersonalJob(job, leftover);
    const messages = [];
    if (leftover.retry) {
      const again: DeliveryJob =
        job.target === 'group' ? job : { ...job, recipientUserIds: leftover.retry.userIds };
      messages.push({
        topic: retryTopic,
        messages: [
          {
            key: message.key,
            value: JSON.stringify(again),
            headers: { [DUE_AT_HEADER]: String(Date.now() + leftover.retry.delayMs) },
          },
        ],
      });
    }
    for (const dead of leftover.dead) {
      const reason = dead.outcome.kind === 'delivered' ? '' : `${dead.outcome.code}: ${dead.outcome.reason}`;
      messages.push({
        topic: topics.dlq(vendor),
        messages: [
          {
            key: message.key,
            value: JSON.stringify({ ...job, recipientUserIds: dead.userIds }),
            // The full attempt history is in the ledger (delivery_attempts), by delivery id.
            headers: {
              'tidings-dlq-reason': `retry budget of ${policy.maxAttempts} attempts spent; last: ${reason}`,
            },
          },
        ],
      });
    }
    if (messages.length > 0) await producer.sendBatch({ acks: -1, topicMessages: messages });
  }

  async function deadLetterMalformed(
    message: KafkaMessage,
    partition: number,
    reason: string,
  ): Promise<void> {
    log.error('malformed delivery job dead-lettered', { partition, offset: message.offset, reason });
    await producer.send({
      topic: topics.dlq(vendor),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: { 'tidings-dlq-reason': reason, 'tidings-original-offset': message.offset },
        },
      ],
    });
  }

  /** Waits for a retry's due time, heartbeating so the group does not think this consumer died. */
  async function waitUntilDue(message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const due = Number(headerValue(message.headers, DUE_AT_HEADER) ?? 0);
    while (!stopping && Date.now() < due) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, due - Date.now())));
      await heartbeat();
    }
  }

  async function consume(
    source: typeof consumer,
    topic: string,
    wait: (message: KafkaMessage, heartbeat: () => Promise<void>) => Promise<void>,
  ): Promise<void> {
    await source.connect();
    await source.subscribe({ topic, fromBeginning: true });
    await source.run({
      autoCommit: false,
      eachMessage: async ({ partition, message, heartbeat }) => {
        await wait(message, heartbeat);
        // Stopping: leave it uncommitted; whoever owns the partition next reads it again.
        if (stopping) return;
        const decoded = decodeDeliveryJob(message.value);
        if (decoded.ok) await process(decoded.job, message);
        else await deadLetterMalformed(message, partition, decoded.reason);
        await source.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
  }

  return {
    async start() {
      await producer.connect();
      await consume(consumer, jobsTopic, async () => {});
      await consume(retryConsumer, retryTopic, waitUntilDue);
    },
    async stop() {
      stopping = true;
      await Promise.all([retryConsumer.disconnect(), consumer.disconnect()]);
      await producer.disconnect();
    },
  };
}
