import { tidingsMetrics } from '@tidings/telemetry';
import type { Consumer, ConsumerRunConfig, ConsumerSubscribeTopics } from 'kafkajs';

/** What the supervisor logs through; the dispatcher's Logger fits. */
export interface SupervisorLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * `starting`: the first connect/subscribe/run; `running`: consuming (kafkajs may be restarting it after a
 * retriable error, which it does by itself); `restarting`: crashed, the supervisor starts it again after a
 * backoff; `gave-up`: crashed too often in a row, nothing reads any more (see `onGaveUp`); `stopped`: by stop().
 */
export type SupervisedConsumerState = 'idle' | 'starting' | 'running' | 'restarting' | 'gave-up' | 'stopped';

export interface SupervisedConsumer {
  /** Connects, subscribes and runs the consumer; rejects when that first start fails. */
  start(): Promise<void>;
  /** Stops supervising and disconnects the consumer (waits for a restart in progress first). */
  stop(): Promise<void>;
  state(): SupervisedConsumerState;
  /** Restarts the supervisor made (kafkajs's own restarts after retriable errors are not counted). */
  restarts(): number;
}

export interface SuperviseConsumerOptions {
  consumer: Consumer;
  subscription: ConsumerSubscribeTopics;
  run: ConsumerRunConfig;
  /** Names the consumer in log lines, e.g. `router` or `sender.dingtalk`. */
  name: string;
  log?: SupervisorLogger;
  /** Delay before the n-th restart in a row: initialMs × 2^(n−1), at most maxMs, ±20 % jitter. */
  backoff?: { initialMs?: number; maxMs?: number };
  /**
   * Crashes in a row after which the supervisor gives up (calls `onGaveUp` and leaves the consumer
   * disconnected). A batch processed, or `stableMs` without a crash, starts the count again. Default 10
   * (about 3 minutes of crashing with the default backoff); `Infinity` never gives up.
   */
  maxConsecutiveRestarts?: number;
  stableMs?: number;
  /** The consumer will not read again: the owner should report itself unhealthy (and be restarted). */
  onGaveUp?: (error: Error) => void;
}

const stderrLogger: SupervisorLogger = (() => {
  const write =
    (level: string) =>
    (msg: string, fields: Record<string, unknown> = {}) =>
      process.stderr.write(
        `${JSON.stringify({ level, time: new Date().toISOString(), component: 'kafka.supervisor', msg, ...fields })}\n`,
      );
  return { info: write('info'), warn: write('warn'), error: write('error') };
})();

/** One line per crash the supervisor handles; fault scripts count the first against kafkajs's crash lines. */
export const CRASH_MESSAGES = {
  kafkajs: 'consumer crashed and kafkajs will not restart it; restarting it',
  restart: 'consumer restart failed; trying again',
} as const;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Runs a kafkajs consumer so that a crash never leaves it dead while its process looks healthy.
 *
 * kafkajs restarts a crashed consumer by itself only after a retriable error; after a non-retriable one
 * (an eachBatch/eachMessage that threw one, "Failed to find group coordinator", a message too large...) it
 * disconnects the consumer, emits `consumer.events.CRASH` with `restart: false`, and nothing reads any more.
 * The supervisor listens for that event and connects, subscribes and runs the same consumer again, with
 * backoff. Offsets are whatever the group committed, so a handler that commits only what it finished loses
 * nothing across a restart. After `maxConsecutiveRestarts` crashes in a row it gives up and says so through
 * `onGaveUp` and `state()`.
 */
export function superviseConsumer(options: SuperviseConsumerOptions): SupervisedConsumer {
  const { consumer, name } = options;
  const log = options.log ?? stderrLogger;
  const initialMs = options.backoff?.initialMs ?? 1_000;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  const maxConsecutive = options.maxConsecutiveRestarts ?? 10;
  const stableMs = options.stableMs ?? 60_000;
  let state: SupervisedConsumerState = 'idle';
  let consecutive = 0;
  let restarts = 0;
  let runningSince = 0;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> = Promise.resolve();
  const removeListeners: Array<() => void> = [];

  async function runOnce(): Promise<void> {
    await consumer.connect();
    await consumer.subscribe(options.subscription);
    await consumer.run(options.run);
  }

  function crashed(error: Error, source: keyof typeof CRASH_MESSAGES, groupId?: string): void {
    if (state !== 'starting' && state !== 'running' && state !== 'restarting') return;
    if (timer) return; // a restart is already scheduled
    if (state === 'running' && Date.now() - runningSince >= stableMs) consecutive = 0;
    consecutive += 1;
    if (consecutive > maxConsecutive) {
      state = 'gave-up';
      log.error('consumer gave up: it crashed too often in a row and reads nothing any more', {
        consumer: name,
        crashes: consecutive,
        error: messageOf(error),
      });
      void consumer.disconnect().catch(() => {});
      options.onGaveUp?.(error);
      return;
    }
    const base = Math.min(maxMs, initialMs * 2 ** (consecutive - 1));
    const delayMs = Math.round(base * (0.8 + 0.4 * Math.random()));
    log.error(CRASH_MESSAGES[source], {
      consumer: name,
      ...(groupId && { groupId }),
      error: messageOf(error),
      crashesInARow: consecutive,
      delayMs,
    });
    state = 'restarting';
    timer = setTimeout(() => {
      timer = undefined;
      restarting = restart();
    }, delayMs);
  }

  async function restart(): Promise<void> {
    if (state !== 'restarting') return;
    try {
      // kafkajs disconnected it before reporting the crash; a failed restart may have left it half connected.
      await consumer.disconnect().catch(() => {});
      if (state !== 'restarting') return;
      await runOnce();
      // A crash during run() (kafkajs reports a failing first join as a crash) has scheduled another try.
      if (state === 'restarting' && !timer) {
        state = 'running';
        runningSince = Date.now();
        restarts += 1;
        log.warn('consumer restarted after a crash', { consumer: name, restarts });
      }
    } catch (error) {
      crashed(asError(error), 'restart');
    }
  }

  return {
    async start() {
      if (state !== 'idle') throw new Error(`consumer ${name} was already started (${state})`);
      removeListeners.push(
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          if (payload.restart) {
            log.warn('consumer crashed on a retriable error; kafkajs restarts it', {
              consumer: name,
              error: messageOf(payload.error),
            });
            return;
          }
          crashed(payload.error, 'kafkajs', payload.groupId);
        }),
        consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
          consecutive = 0;
          // kafkajs measures the lag of the batch's partition after it: what is still to be read there.
          tidingsMetrics().consumerLag.record(Number(payload.offsetLag), {
            consumer: name,
            topic: payload.topic,
            partition: String(payload.partition),
          });
        }),
      );
      state = 'starting';
      try {
        await runOnce();
      } catch (error) {
        state = 'idle';
        clearTimeout(timer);
        timer = undefined;
        for (const remove of removeListeners.splice(0)) remove();
        throw error;
      }
      if (state === 'starting') {
        state = 'running';
        runningSince = Date.now();
      }
    },
    async stop() {
      const was = state;
      state = 'stopped';
      clearTimeout(timer);
      timer = undefined;
      await restarting;
      for (const remove of removeListeners.splice(0)) remove();
      if (was !== 'idle') await consumer.disconnect();
    },
    state: () => state,
    restarts: () => restarts,
  };
}
