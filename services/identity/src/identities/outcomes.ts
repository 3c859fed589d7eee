import type { BackgroundTask, Logger, SubgraphRuntime } from '@tidings/graphql';
import { describeError } from '@tidings/graphql';
import { createKafka, ensureTopics } from '@tidings/kafka';
import { type IdentityOutcome, identityOutcomeSchema, identityOutcomesTopic } from '@tidings/state';
import { forgetIdentityOutcome, recordIdentityOutcome } from './repository.ts';

export const DEFAULT_OUTCOMES_CONSUMER_GROUP = 'tidings-identity-outcomes';

export type OutcomeMessage =
  | { kind: 'record'; outcome: IdentityOutcome }
  | { kind: 'forget'; tenantId: string; userId: string; channelId: string }
  | { kind: 'invalid'; problem: string };

/** Reads one message of `tidings.identity-outcomes.v1`: an outcome, a tombstone, or something to skip. */
export function readOutcomeMessage(key: string | null, value: string | null): OutcomeMessage {
  if (value === null) {
    const parts = key?.split('/') ?? [];
    if (parts.length !== 3 || parts.some((part) => part === '')) {
      return {
        kind: 'invalid',
        problem: `a tombstone whose key ${JSON.stringify(key)} is not <tenant>/<user>/<channel>`,
      };
    }
    const [tenantId, userId, channelId] = parts as [string, string, string];
    return { kind: 'forget', tenantId, userId, channelId };
  }
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return { kind: 'invalid', problem: 'the value is not JSON' };
  }
  const parsed = identityOutcomeSchema.safeParse(json);
  if (!parsed.success) {
    return {
      kind: 'invalid',
      problem: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    };
  }
  if (Number.isNaN(Date.parse(parsed.data.checkedAt))) {
    return {
      kind: 'invalid',
      problem: `checkedAt ${JSON.stringify(parsed.data.checkedAt)} is not a date-time`,
    };
  }
  return { kind: 'record', outcome: parsed.data };
}

/**
 * Consumes the dispatcher's lookup outcomes into `identity.identity_outcomes`, from the beginning of the
 * compacted topic, so `User.identities` can say "not registered in DingTalk" before anyone misses a
 * message. Invalid messages are logged and skipped; a failed write is retried by kafkajs.
 */
export function identityOutcomesConsumer(options: {
  brokers: string[];
  groupId: string;
  logger?: Logger;
}): (runtime: SubgraphRuntime) => BackgroundTask {
  return (runtime) => {
    const logger = options.logger ?? runtime.logger;
    const kafka = createKafka({ brokers: options.brokers, clientId: 'tidings-identity-outcomes' });
    const consumer = kafka.consumer({ groupId: options.groupId });
    return {
      async start() {
        await ensureTopics(kafka, [{ topic: identityOutcomesTopic, compacted: true }]);
        // kafkajs restarts the consumer after a crash (a write that kept failing, say); say so.
        consumer.on(consumer.events.CRASH, ({ payload }) =>
          logger.error('the identity outcomes consumer crashed', {
            ...describeError(payload.error),
            restart: payload.restart,
          }),
        );
        await consumer.connect();
        await consumer.subscribe({ topic: identityOutcomesTopic, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message, partition }) => {
            const read = readOutcomeMessage(
              message.key?.toString('utf8') ?? null,
              message.value?.toString('utf8') ?? null,
            );
            switch (read.kind) {
              case 'record':
                await recordIdentityOutcome(runtime.db, read.outcome);
                return;
              case 'forget':
                await forgetIdentityOutcome(runtime.db, read);
                return;
              case 'invalid':
                logger.warn('skipping an identity outcome that is not valid', {
                  topic: identityOutcomesTopic,
                  partition,
                  offset: message.offset,
                  problem: read.problem,
                });
            }
          },
        });
      },
      async stop() {
        await consumer
          .disconnect()
          .catch((error: unknown) =>
            logger.warn('disconnecting the identity outcomes consumer failed', describeError(error)),
          );
      },
    };
  };
}
