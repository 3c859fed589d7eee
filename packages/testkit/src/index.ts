// Helpers for test files that run against the real Kafka and PostgreSQL started by global-setup.ts.
// Every test file gets its own database, topics and consumer groups, so files can run in parallel.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import postgres from 'postgres';
import { inject } from 'vitest';
import type { TestInfrastructure } from './provided-context.ts';

export type { NetworkGuard, NetworkGuardOptions } from './network-guard.ts';
export { installNetworkGuard, isLoopbackIp, NetworkGuardError, networkGuard } from './network-guard.ts';
export type { TestInfrastructure } from './provided-context.ts';

/** Endpoints of the run's Kafka and PostgreSQL (provided by the globalSetup in the root vitest.config.ts). */
export function testInfrastructure(): TestInfrastructure {
  const kafkaBrokers = inject('kafkaBrokers');
  const databaseUrl = inject('databaseUrl');
  if (!kafkaBrokers || !databaseUrl) {
    throw new Error(
      'No test infrastructure was provided: run tests through the root vitest.config.ts ' +
        '(its globalSetup is packages/testkit/src/global-setup.ts).',
    );
  }
  return { kafkaBrokers, databaseUrl };
}

/**
 * `<prefix>-<random>`: a name no other test file (or earlier run) uses, valid as a Kafka topic, consumer group or
 * transactional id. Characters outside [A-Za-z0-9._-] in the prefix become `-`.
 */
export function uniqueName(prefix: string): string {
  const clean = prefix.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 200);
  return `${clean}-${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
}

export interface TestDatabase {
  /** URL of the new database, same server and credentials as the server URL. */
  url: string;
  /** The database's name. */
  name: string;
  /** Drops the database, disconnecting whoever is still connected (WITH (FORCE)). Safe to call twice. */
  drop(): Promise<void>;
}

/** Creates an empty database with a unique name on the test server (`serverUrl`, default: the run's server). */
export async function createTestDatabase(
  label: string,
  serverUrl: string = testInfrastructure().databaseUrl,
): Promise<TestDatabase> {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  const name = `test_${slug}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = () => postgres(serverUrl, { max: 1, onnotice: () => {} });
  const sql = admin();
  try {
    await sql`create database ${sql(name)}`;
  } finally {
    await sql.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const dropper = admin();
      try {
        await dropper`drop database if exists ${dropper(name)} with (force)`;
      } finally {
        await dropper.end();
      }
    },
  };
}

export interface TestTopic {
  topic: string;
  /** Default 1. */
  partitions?: number;
  /** `cleanup.policy=compact` when true. */
  compacted?: boolean;
}

/** Creates topics (broker-default replication) and waits until they have leaders. Existing topics are kept. */
export async function createTestTopics(brokers: string, topics: TestTopic[]): Promise<void> {
  const kafka = new Kafka({
    clientId: 'tidings-testkit',
    brokers: brokers.split(','),
    logLevel: logLevel.ERROR,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map(({ topic, partitions, compacted }) => ({
        topic,
        numPartitions: partitions ?? 1,
        ...(compacted ? { configEntries: [{ name: 'cleanup.policy', value: 'compact' }] } : {}),
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** Polls until `check` holds, failing with `what` after the deadline. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

export interface TopicMessage {
  key: string | null;
  /** UTF-8 text; null for a tombstone. */
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Reads `topic` from the beginning, with a consumer group of its own, until `until` holds for the messages
 * read so far, and returns them; rejects after `timeoutMs`, saying what it saw.
 */
export async function readTopic(options: {
  brokers: string | string[];
  topic: string;
  until: (messages: TopicMessage[]) => boolean;
  /** What is awaited, for the timeout message. */
  what: string;
  timeoutMs?: number;
}): Promise<TopicMessage[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const brokers = typeof options.brokers === 'string' ? options.brokers.split(',') : options.brokers;
  const kafka = new Kafka({ clientId: 'tidings-test-reader', brokers, logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ groupId: uniqueName('tidings-test-reader') });
  const messages: TopicMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    return await new Promise<TopicMessage[]>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `${options.what} not seen on ${options.topic} within ${timeoutMs} ms; saw ${JSON.stringify(messages)}`,
            ),
          ),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ message }) => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(message.headers ?? {})) {
              if (value !== undefined) headers[name] = String(Array.isArray(value) ? value[0] : value);
            }
            messages.push({
              key: message.key?.toString('utf8') ?? null,
              value: message.value === null ? null : message.value.toString('utf8'),
              headers,
            });
            if (options.until(messages)) {
              clearTimeout(timer);
              resolve([...messages]);
            }
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error);
        });
    });
  } finally {
    await consumer.disconnect();
  }
}
