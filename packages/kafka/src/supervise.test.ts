// superviseConsumer against the test run's Kafka: a consumer whose handler throws a non-retriable error is
// crashed for good by kafkajs (CRASH with restart: false); supervised, it is started again and reads on from
// its committed offset, and after too many crashes in a row it gives up and says so.
import { testInfrastructure, uniqueName } from '@tidings/testkit';
import { KafkaJSNonRetriableError } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, ensureTopics, type Kafka, type Producer } from './index.ts';
import { type SupervisorLogger, superviseConsumer } from './supervise.ts';

const quiet: SupervisorLogger & { lines: string[] } = {
  lines: [],
  info(msg) {
    this.lines.push(msg);
  },
  warn(msg) {
    this.lines.push(msg);
  },
  error(msg) {
    this.lines.push(msg);
  },
};

let kafka: Kafka;
let producer: Producer;

beforeAll(async () => {
  kafka = createKafka({ brokers: testInfrastructure().kafkaBrokers.split(','), clientId: 'supervise-test' });
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
});

async function topicWith(values: string[]): Promise<string> {
  const topic = uniqueName('supervise');
  await ensureTopics(kafka, [{ topic }]);
  await producer.send({ topic, messages: values.map((value) => ({ value })) });
  return topic;
}

describe('superviseConsumer', () => {
  it('starts a consumer again after a crash kafkajs will not restart, and nothing is lost', async () => {
    const values = ['m0', 'm1', 'm2', 'm3', 'm4'];
    const topic = await topicWith(values);
    const consumer = kafka.consumer({ groupId: uniqueName('supervise-group'), retry: { retries: 0 } });
    const crashes: boolean[] = [];
    consumer.on(consumer.events.CRASH, ({ payload }) => crashes.push(payload.restart));
    const seen: string[] = [];
    let thrown = false;
    let allSeen: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      allSeen = resolve;
    });
    const supervised = superviseConsumer({
      consumer,
      name: 'test',
      log: quiet,
      backoff: { initialMs: 50, maxMs: 200 },
      subscription: { topics: [topic], fromBeginning: true },
      run: {
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const value = message.value?.toString() ?? '';
          seen.push(value);
          if (value === 'm2' && !thrown) {
            thrown = true;
            throw new KafkaJSNonRetriableError('handler failed for good');
          }
          await consumer.commitOffsets([
            { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
          ]);
          if (value === 'm4') allSeen();
        },
      },
    });
    await supervised.start();
    try {
      await done;
      expect(crashes).toEqual([false]);
      expect(supervised.restarts()).toBe(1);
      expect(supervised.state()).toBe('running');
      // m2 failed once and was read again; everything before it was committed and not read twice.
      expect(seen).toEqual(['m0', 'm1', 'm2', 'm2', 'm3', 'm4']);
      expect(quiet.lines).toContain('consumer restarted after a crash');
    } finally {
      await supervised.stop();
    }
    expect(supervised.state()).toBe('stopped');
  });

  it('gives up after too many crashes in a row and tells its owner', async () => {
    const topic = await topicWith(['poison']);
    const consumer = kafka.consumer({ groupId: uniqueName('supervise-group'), retry: { retries: 0 } });
    let attempts = 0;
    let gaveUp: (error: Error) => void = () => {};
    const givenUp = new Promise<Error>((resolve) => {
      gaveUp = resolve;
    });
    const supervised = superviseConsumer({
      consumer,
      name: 'test',
      log: quiet,
      backoff: { initialMs: 20, maxMs: 50 },
      maxConsecutiveRestarts: 2,
      onGaveUp: gaveUp,
      subscription: { topics: [topic], fromBeginning: true },
      run: {
        autoCommit: false,
        eachMessage: async () => {
          attempts += 1;
          throw new KafkaJSNonRetriableError(`poison, attempt ${attempts}`);
        },
      },
    });
    await supervised.start();
    try {
      const error = await givenUp;
      expect(error.message).toBe('poison, attempt 3');
      expect(attempts).toBe(3);
      expect(supervised.restarts()).toBe(2);
      expect(supervised.state()).toBe('gave-up');
    } finally {
      await supervised.stop();
    }
  });
});
