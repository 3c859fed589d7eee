import { randomUUID } from 'node:crypto';
import { type Admin, type Kafka, type SupervisedConsumerState, superviseConsumer } from '@tidings/kafka';
import type { StateTopicName } from '@tidings/state';
import { tidingsMetrics } from '@tidings/telemetry';
import type { Logger } from '../log.ts';
import type { StateStore } from './store.ts';

/** A topic created moments ago can answer "not the leader" until its leader is known everywhere. */
async function fetchOffsetsOnceLeadersSettle(admin: Admin, topic: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      const retriable = error instanceof Error && 'retriable' in error && error.retriable === true;
      if (!retriable || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export interface StateMaterialiser {
  start(): Promise<void>;
  /** Resolves once everything on the state topics when start() ran has been applied. */
  caughtUp(): Promise<void>;
  isCaughtUp(): boolean;
  /** The state consumer's state, for readiness. */
  consumerState(): SupervisedConsumerState;
  stop(): Promise<void>;
}

/**
 * Reads every state topic from the beginning into the store and keeps following it. Each dispatcher
 * instance needs all of the state, so it uses a group of its own. The consumer is supervised: after a crash
 * it resumes from the offsets it committed for its group (a few messages are applied again, in order, which
 * converges to the same state) rather than replaying every topic from the start.
 */
export function createStateMaterialiser(options: {
  kafka: Kafka;
  store: StateStore;
  log: Logger;
  /** State topic names; the defaults unless the subgraphs publish elsewhere. */
  topics: Record<StateTopicName, string>;
  /** The consumer crashed too often to be restarted: the state no longer follows the topics. */
  onGaveUp?: (error: Error) => void;
}): StateMaterialiser {
  const topics = options.topics;
  const entityOf = new Map(
    Object.entries(topics).map(([entity, topic]) => [topic, entity as StateTopicName]),
  );
  const consumer = options.kafka.consumer({ groupId: `tidings-dispatcher-state.${randomUUID()}` });
  /** `topic/partition` → offset that must be applied before the store counts as caught up. */
  const pending = new Map<string, bigint>();
  let startedAt = 0;
  let caughtUpAt: number | null = null;
  let resolveCaughtUpPromise: () => void = () => {};
  const caughtUp = new Promise<void>((resolve) => {
    resolveCaughtUpPromise = resolve;
  });
  function resolveCaughtUp(): void {
    if (caughtUpAt !== null) return;
    caughtUpAt = performance.now();
    tidingsMetrics().stateCatchUp.record((caughtUpAt - startedAt) / 1000);
    resolveCaughtUpPromise();
  }

  function markApplied(topic: string, partition: number, offset: string): void {
    const key = `${topic}/${partition}`;
    const target = pending.get(key);
    if (target !== undefined && BigInt(offset) >= target) pending.delete(key);
    if (pending.size === 0) resolveCaughtUp();
  }

  const supervised = superviseConsumer({
    consumer,
    name: 'state',
    log: options.log,
    subscription: { topics: [...entityOf.keys()], fromBeginning: true },
    run: {
      // Commits only where to resume after a crash; nothing else reads this group.
      autoCommit: true,
      eachMessage: async ({ topic, partition, message }) => {
        const entity = entityOf.get(topic)!;
        tidingsMetrics().stateMessages.add(1, { entity });
        const key = message.key?.toString('utf8');
        if (key) {
          const result = options.store.apply(
            entity,
            key,
            message.value ? message.value.toString('utf8') : null,
          );
          if (!result.ok) {
            options.log.warn('state message ignored', {
              topic,
              partition,
              offset: message.offset,
              reason: result.reason,
            });
          }
        }
        markApplied(topic, partition, message.offset);
      },
    },
    onGaveUp: (error) => {
      options.log.error('the state consumer gave up: the state no longer follows its topics', {
        error: error.message,
      });
      options.onGaveUp?.(error);
    },
  });

  return {
    async start() {
      startedAt = performance.now();
      const admin = options.kafka.admin();
      await admin.connect();
      try {
        for (const topic of entityOf.keys()) {
          for (const partition of await fetchOffsetsOnceLeadersSettle(admin, topic)) {
            const high = BigInt(partition.high);
            if (high > BigInt(partition.low)) pending.set(`${topic}/${partition.partition}`, high - 1n);
          }
        }
      } finally {
        await admin.disconnect();
      }
      if (pending.size === 0) resolveCaughtUp();
      await supervised.start();
    },
    caughtUp: () => caughtUp,
    isCaughtUp: () => pending.size === 0,
    consumerState: () => supervised.state(),
    async stop() {
      await supervised.stop();
    },
  };
}
