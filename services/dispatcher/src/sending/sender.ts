import type { Kafka, KafkaNames } from '@tidings/kafka';
import type { DeliveryOutcome } from '@tidings/providers';
import { type DeliveryJob, decodeDeliveryJob } from '../jobs.ts';
import type { DeliveryLedger } from '../ledger/repository.ts';
import { errorMessage, type Logger } from '../log.ts';

/** Delivers one job through one kind of channel. Returns the classified outcome; never throws for the platform. */
export interface ChannelHandler {
  deliver(job: DeliveryJob): Promise<DeliveryOutcome>;
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

  async function process(job: DeliveryJob): Promise<void> {
    const claim = await ledger.claim(job);
    if (!claim.send) {
      log.info('delivery already recorded; not sent again', {
        deliveryId: job.deliveryId,
        status: claim.status,
      });
      return;
    }
    const startedAt = new Date();
    const started = performance.now();
    let outcome: DeliveryOutcome;
    try {
      outcome = await handler.deliver(job);
    } catch (error) {
      outcome = {
        kind: 'permanent',
        code: 'internal',
        reason: `Tidings failed to deliver: ${errorMessage(error)}`,
      };
    }
    const durationMs = performance.now() - started;
    const status = await ledger.record(job.deliveryId, {
      number: claim.attempt,
      startedAt,
      durationMs,
      outcome,
    });
    const fields = { deliveryId: job.deliveryId, eventId: job.eventId, channelId: job.channelId, status };
    if (outcome.kind === 'delivered') log.info('delivered', fields);
    else log.warn('delivery failed', { ...fields, code: outcome.code, reason: outcome.reason });
  }

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
