import type { Kafka, KafkaNames } from '@tidings/kafka';
import type { DeliveryOutcome } from '@tidings/providers';
import { type DeliveryJob, decodeDeliveryJob, deliveryIdFor } from '../jobs.ts';
import type { DeliveryLedger } from '../ledger/repository.ts';
import { errorMessage, type Logger } from '../log.ts';
import type { PersonalDelivery } from './personal.ts';

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

/**
 * One vendor's sender (ARCHITECTURE §6.2–3): claim the delivery in the ledger, deliver, record the outcome,
 * and only then commit the job's offset. A crash anywhere before the commit re-reads the job; the ledger
 * then skips it if it was already delivered or failed.
 */
export function createSender(options: {
  kafka: Kafka;
  vendor: string;
  ledger: DeliveryLedger;
  handler: ChannelHandler;
  log: Logger;
  names: KafkaNames;
}): Sender {
  const { ledger, handler, log, vendor, names: topics } = options;
  const topic = topics.deliveries(vendor);
  const consumer = options.kafka.consumer({
    groupId: topics.group(senderGroup(vendor)),
    readUncommitted: false,
  });
  const producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });

  function logOutcome(job: DeliveryJob, deliveryId: string, outcome: DeliveryOutcome, status: string): void {
    const fields = { deliveryId, eventId: job.eventId, channelId: job.channelId, status };
    if (outcome.kind === 'delivered') log.info('delivered', fields);
    else log.warn('delivery failed', { ...fields, code: outcome.code, reason: outcome.reason });
  }

  async function attempt<T>(send: () => Promise<T>, fallback: (error: unknown) => T) {
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

  const internalFailure = (error: unknown): DeliveryOutcome => ({
    kind: 'permanent',
    code: 'internal',
    reason: `Tidings failed to deliver: ${errorMessage(error)}`,
  });

  /** A group job: one delivery, one message. */
  async function processGroupJob(job: DeliveryJob): Promise<void> {
    const claim = await ledger.claim(job);
    if (!claim.send) {
      log.info('delivery already recorded; not sent again', {
        deliveryId: job.deliveryId,
        status: claim.status,
      });
      return;
    }
    const {
      result: outcome,
      startedAt,
      durationMs,
    } = await attempt(() => handler.deliver(job), internalFailure);
    const status = await ledger.record(job.deliveryId, {
      number: claim.attempt,
      startedAt,
      durationMs,
      outcome,
    });
    logOutcome(job, job.deliveryId, outcome, status);
  }

  /** A per-person job: a delivery (and ledger row) per person; those already recorded are skipped. */
  async function processPersonalJob(job: DeliveryJob): Promise<void> {
    const pending: Array<PersonalDelivery & { attempt: number }> = [];
    for (const userId of job.recipientUserIds) {
      const target = `user:${userId}`;
      const deliveryId = deliveryIdFor({
        tenantId: job.tenantId,
        eventId: job.eventId,
        channelId: job.channelId,
        target,
      });
      const claim = await ledger.claim(job, { id: deliveryId, target, recipientUserIds: [userId] });
      if (claim.send) pending.push({ userId, deliveryId, attempt: claim.attempt });
    }
    if (pending.length === 0) return;
    const {
      result: outcomes,
      startedAt,
      durationMs,
    } = await attempt(
      () => handler.deliverToPeople(job, pending),
      (error) => new Map(pending.map(({ userId }) => [userId, internalFailure(error)])),
    );
    for (const person of pending) {
      const outcome = outcomes.get(person.userId) ?? internalFailure('no outcome reported');
      const status = await ledger.record(person.deliveryId, {
        number: person.attempt,
        startedAt,
        durationMs,
        outcome,
      });
      logOutcome(job, person.deliveryId, outcome, status);
    }
  }

  const process = (job: DeliveryJob) =>
    job.target === 'group' ? processGroupJob(job) : processPersonalJob(job);

  return {
    async start() {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const decoded = decodeDeliveryJob(message.value);
          if (decoded.ok) {
            await process(decoded.job);
          } else {
            log.error('malformed delivery job dead-lettered', {
              partition,
              offset: message.offset,
              reason: decoded.reason,
            });
            await producer.send({
              topic: topics.dlq(vendor),
              acks: -1,
              messages: [
                {
                  key: message.key,
                  value: message.value,
                  headers: {
                    'tidings-dlq-reason': decoded.reason,
                    'tidings-original-offset': message.offset,
                  },
                },
              ],
            });
          }
          await consumer.commitOffsets([
            { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
          ]);
        },
      });
    },
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
