import { Kafka, logLevel, Partitioners } from 'kafkajs';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, createTestTopics, testInfrastructure, uniqueName } from './index.ts';

describe('test infrastructure', () => {
  it('provides endpoints on loopback', () => {
    const { kafkaBrokers, databaseUrl } = testInfrastructure();
    expect(kafkaBrokers).toMatch(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/);
    expect(databaseUrl).toMatch(/^postgres(ql)?:\/\//);
  });

  it('makes unique names that are valid Kafka topic names', () => {
    const a = uniqueName('orders events/v1');
    const b = uniqueName('orders events/v1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^orders-events-v1-[A-Za-z0-9._-]+$/);
  });

  it('delivers only committed transactional messages to a read-committed consumer', async () => {
    const { kafkaBrokers } = testInfrastructure();
    const topic = uniqueName('testkit');
    await createTestTopics(kafkaBrokers, [
      { topic, partitions: 2 },
      { topic: `${topic}-compacted`, compacted: true },
    ]);

    const kafka = new Kafka({
      clientId: 'testkit-test',
      brokers: kafkaBrokers.split(','),
      logLevel: logLevel.ERROR,
    });
    const admin = kafka.admin();
    await admin.connect();
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: `${topic}-compacted`, configNames: ['cleanup.policy'] }],
    });
    expect(described.resources[0]?.configEntries[0]?.configValue).toBe('compact');
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(2);
    await admin.disconnect();

    // Two transactional ids: reusing one right after an abort makes the broker answer CONCURRENT_TRANSACTIONS
    // while it writes the abort markers, which kafkajs retries but logs as an error.
    const transactionalProducer = () =>
      kafka.producer({
        transactionalId: uniqueName('testkit-tx'),
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
    const abortingProducer = transactionalProducer();
    const committingProducer = transactionalProducer();
    await abortingProducer.connect();
    await committingProducer.connect();
    const aborted = await abortingProducer.transaction();
    await aborted.send({ topic, messages: [{ key: 'k', value: 'aborted' }] });
    await aborted.abort();
    const committed = await committingProducer.transaction();
    await committed.send({ topic, messages: [{ key: 'k', value: 'committed' }] });
    await committed.commit();
    await Promise.all([abortingProducer.disconnect(), committingProducer.disconnect()]);

    const consumer = kafka.consumer({ groupId: uniqueName('testkit-group'), readUncommitted: false });
    const seen: string[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((done, fail) => {
        consumer
          .run({
            eachMessage: async ({ message }) => {
              const value = message.value?.toString() ?? '';
              seen.push(value);
              if (value === 'committed') done();
            },
          })
          .catch(fail);
      });
    } finally {
      await consumer.disconnect();
    }
    expect(seen).toEqual(['committed']);
  });

  it('creates a private database, stores and reads rows, and drops it', async () => {
    const database = await createTestDatabase('testkit');
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    try {
      await sql`create table notes (id serial primary key, body text not null)`;
      await sql`insert into notes ${sql([{ body: 'hello' }, { body: 'world' }])}`;
      const rows = await sql<{ body: string }[]>`select body from notes order by id`;
      expect(rows.map((row) => row.body)).toEqual(['hello', 'world']);
      const [current] = await sql<{ name: string }[]>`select current_database() as name`;
      expect(current?.name).toBe(database.name);
    } finally {
      // Deliberately still connected: drop() must disconnect us (WITH (FORCE)).
      await database.drop();
      await sql.end({ timeout: 1 }).catch(() => {});
    }

    const server = postgres(testInfrastructure().databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [left] = await server<{ count: number }[]>`
        select count(*)::int as count from pg_database where datname = ${database.name}`;
      expect(left?.count).toBe(0);
    } finally {
      await server.end();
    }
    await database.drop();
  });
});
