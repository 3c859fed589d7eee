// Rate limits, digests, circuits and stopping on the real path: events through real Kafka, the ledger in real
// Postgres, DingTalk robots whose emulator enforces the real 20/min and 10-minute throttle. Time is shrunk tenfold on
// both sides (the senders' windows and the sandbox's clock), so a minute takes 6 s. (Shrinking it further
// shrinks the senders' one-second margin for transit below what a loaded machine guarantees.)
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { type DatabaseHandle, openDatabase } from '@tidings/db';
import { createTicketEventProducer, type TicketEventInit } from '@tidings/events';
import { createKafka, type Producer } from '@tidings/kafka';
import { type RunningSandbox, startSandbox } from '@tidings/sandbox';
import { stateTopics as defaultStateTopics, type StateTopicName } from '@tidings/state';
import {
  createTestDatabase,
  readTopic,
  type TestDatabase,
  testInfrastructure,
  uniqueName,
  waitFor,
} from '@tidings/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../src/dispatcher.ts';
import type { DeliveryResult } from '../src/jobs.ts';

const SCALE = 0.1;
const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
const tenantId = uniqueName('tenant');
const prefix = `${uniqueName('sending')}.`;
const stateTopics = Object.fromEntries(
  Object.keys(defaultStateTopics).map((entity) => [entity, `${prefix}${entity}`]),
) as Record<StateTopicName, string>;
const now = new Date().toISOString();
const BURST = 120;

let sandbox: RunningSandbox;
let database: TestDatabase;
let ledgerReader: DatabaseHandle;
let dispatcher: Dispatcher;
let producer: Producer;
let events: ReturnType<typeof createTicketEventProducer>;
const started = Date.now();

function comment(index: number, author: string, projectId = 'p-robot'): TicketEventInit {
  return {
    eventId: `${projectId}-${index}`,
    tenantId,
    projectId,
    occurredAt: timestampNow(),
    actor: { id: author },
    ticket: {
      id: 'ticket-12',
      key: 'OPS-12',
      title: 'Disk full on db-1',
      url: 'https://tracker.example/OPS-12',
      creator: { id: 'creator' },
      assignees: [{ id: 'assignee' }],
    },
    change: { case: 'commentAdded', value: { commentId: `c${index}`, body: `update number ${index}.` } },
  };
}

async function publishState(entity: StateTopicName, key: string, value: unknown): Promise<void> {
  await producer.send({ topic: stateTopics[entity], messages: [{ key, value: JSON.stringify(value) }] });
}

/** The ledger as the test reads it, on a connection of its own (dispatchers come and go). */
async function ledger(channelId = 'robot') {
  return (await ledgerReader.db.execute(
    sql`select id, status, digest_id, attempts from dispatcher.deliveries where tenant_id = ${tenantId} and channel_id = ${channelId}`,
  )) as unknown as Array<{ id: string; status: string; digest_id: string | null; attempts: number }>;
}

/** A dispatcher of this run: the same database, topics and groups every time (a restart). */
function newDispatcher(): Dispatcher {
  const { kafkaBrokers } = testInfrastructure();
  return createDispatcher({
    kafkaBrokers: kafkaBrokers.split(','),
    database: { url: database.url },
    keyring,
    components: { router: true, senders: ['dingtalk'] },
    instanceId: 'digests',
    topicPartitions: 2,
    kafkaPrefix: prefix,
    stateTopics,
    identityOutcomesTopic: `${prefix}identity-outcomes`,
    retryPolicy: {
      maxAttempts: 8,
      baseDelaySeconds: 1,
      maxDelaySeconds: 3600,
      maxAgeSeconds: 86_400,
      delayScale: SCALE,
    },
    // The circuit's pauses shrunk with the rest: open after 5 failures for 3 s, doubling up to 30 s (real: 30 s, 5 min).
    senderLimits: {
      rateWindowScale: SCALE,
      circuit: {
        failureThreshold: 5,
        openMs: 3_000 * SCALE,
        maxOpenMs: 300_000 * SCALE,
        probeTimeoutMs: 60_000 * SCALE,
      },
    },
    providers: {
      dingtalk: { baseUrl: `${sandbox.url}/dingtalk/oapi` },
      lark: { baseUrl: `${sandbox.url}/lark` },
      wecom: { baseUrl: `${sandbox.url}/wecom` },
      timeoutMs: 5_000,
    },
  });
}

/** A DingTalk robot channel on its own project `p-<channelId>`, with a rule telling creator and assignees. */
async function connectRobot(channelId: string, accessToken: string): Promise<void> {
  const projectId = `p-${channelId}`;
  await publishState('channels', channelId, {
    tenantId,
    id: channelId,
    name: channelId,
    enabled: true,
    config: {
      kind: 'dingtalk-robot',
      keywords: [],
      accessToken: sealSecret(keyring, accessToken),
      signingSecret: null,
    },
    updatedAt: now,
  });
  await publishState('projectChannels', `${tenantId}/${projectId}/${channelId}`, {
    tenantId,
    projectId,
    channelId,
    connectedAt: now,
  });
  await publishState('rules', `r-${channelId}`, {
    tenantId,
    id: `r-${channelId}`,
    name: `r-${channelId}`,
    projectIds: [projectId],
    eventTypes: ['commentAdded'],
    roles: ['creator', 'assignees'],
    userIds: [],
    channelIds: [channelId],
    serviceIds: [],
    statuses: [],
    steps: [],
    templateId: null,
    mentionAll: false,
    excludeActor: true,
    enabled: true,
    updatedAt: now,
  });
}

beforeAll(async () => {
  const { kafkaBrokers } = testInfrastructure();
  // The emulator's clock runs ten times faster: its 20/min limit and 10-minute throttle as the senders see them.
  sandbox = await startSandbox({ now: () => started + (Date.now() - started) / SCALE });
  sandbox.sandbox.dingtalk.putRobot('burst-token', { keywords: [] });
  sandbox.sandbox.dingtalk.putRobot('flaky-token', { keywords: [] });
  sandbox.sandbox.dingtalk.putRobot('slow-token', { keywords: [] });
  database = await createTestDatabase('digests');
  const kafka = createKafka({ brokers: kafkaBrokers.split(','), clientId: 'digests-test' });
  producer = kafka.producer({ idempotent: true });
  await producer.connect();
  events = createTicketEventProducer({ producer, topic: `${prefix}tidings.ticket-events.v1` });
  dispatcher = newDispatcher();
  await dispatcher.start();
  ledgerReader = await openDatabase({ url: database.url, maxConnections: 2 });
  const person = (id: string, phone: string) => ({
    tenantId,
    id,
    name: id,
    email: null,
    phone,
    locale: null,
    timeZone: null,
    updatedAt: now,
  });
  await publishState('users', `${tenantId}/creator`, person('creator', '+8613800000001'));
  await publishState('users', `${tenantId}/assignee`, person('assignee', '+8613800000002'));
  for (const [channelId, token] of [
    ['robot', 'burst-token'],
    ['flaky', 'flaky-token'],
    ['slow', 'slow-token'],
  ] as const)
    await connectRobot(channelId, token);
  await waitFor('state applied', () => dispatcher.state.rule('r-slow') !== undefined);
}, 60_000);

afterAll(async () => {
  await dispatcher?.stop();
  await producer?.disconnect();
  await ledgerReader?.close();
  await sandbox?.stop();
  await database?.drop();
});

describe('a burst to one DingTalk robot', () => {
  it('stays within 20 a minute, never throttled, and every update arrives once, in digests', async () => {
    // Alternate authors: the creator's comments mention the assignee and the other way round.
    for (let i = 0; i < BURST; i++) await events.emit(comment(i, i % 2 === 0 ? 'creator' : 'assignee'));
    await waitFor(
      'every delivery recorded delivered',
      async () => {
        const rows = await ledger();
        return rows.length === BURST && rows.every((row) => row.status === 'delivered');
      },
      60_000,
    );

    const messages = sandbox.sandbox.dingtalk.messages.filter((m) => m.accessToken === 'burst-token');
    const bodies = messages.map(
      (m) => m.body as { markdown: { title: string; text: string }; at: { atMobiles: string[] } },
    );
    // Every update's text once, in one message or another.
    for (let i = 0; i < BURST; i++) {
      const containing = bodies.filter((body) => body.markdown.text.includes(`update number ${i}.`));
      expect(containing, `update ${i}`).toHaveLength(1);
    }
    // Never more than 20 in any window of the platform's minute (its clock is the sandbox's).
    const times = messages.map((m) => Date.parse(m.receivedAt));
    for (const start of times)
      expect(times.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(20);
    // The emulator never had to throttle: every call it answered was accepted.
    const robotCalls = sandbox.sandbox.requests.filter((r) => r.accessToken === 'burst-token');
    expect(robotCalls.filter((r) => r.result !== 'accepted')).toEqual([]);
    expect(robotCalls).toHaveLength(messages.length);
    // Far fewer messages than updates: the ones that waited went out together, titled and mentioning both.
    expect(messages.length).toBeLessThan(BURST / 2);
    const digests = bodies.filter((body) => /^\d+ updates on OPS-12$/.test(body.markdown.title));
    expect(digests.length).toBeGreaterThan(0);
    for (const digest of digests) {
      const count = Number(digest.markdown.title.split(' ')[0]);
      expect(digest.markdown.text.match(/update number \d+\./g)).toHaveLength(count);
    }
    const bigDigest = digests.find((d) => Number(d.markdown.title.split(' ')[0]) >= 2)!;
    expect([...bigDigest.at.atMobiles].sort()).toEqual(['13800000001', '13800000002']);
    // The ledger says which went out in which digest; the attempt is counted once each.
    const rows = await ledger();
    expect(rows.filter((row) => row.digest_id !== null && row.digest_id !== row.id).length).toBe(
      digests.reduce((sum, d) => sum + Number(d.markdown.title.split(' ')[0]), 0),
    );
    expect(rows.every((row) => row.attempts === 1)).toBe(true);
    // Producers learn every outcome from the results topic.
    const delivered = (messages: Array<{ value: string | null }>) =>
      new Set(
        messages
          .map((m) => JSON.parse(m.value ?? '{}') as DeliveryResult)
          .filter((r) => r.status === 'delivered' && r.tenantId === tenantId)
          .map((r) => r.deliveryId),
      );
    const results = await readTopic({
      brokers: testInfrastructure().kafkaBrokers,
      topic: `${prefix}tidings.delivery-results.v1`,
      what: 'a delivered result for every delivery',
      until: (read) => delivered(read).size === BURST,
    });
    expect(delivered(results).size).toBe(BURST);
  }, 120_000);
});

describe('a robot whose platform is down', () => {
  it('is paused and probed, not hammered, and gets everything once it is back', async () => {
    const EVENTS = 30;
    // Every send to this robot fails with 503 for 30 platform seconds (3 s here).
    const added = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        vendor: 'dingtalk-robot',
        accessToken: 'flaky-token',
        count: 1,
        outageMs: 30_000,
      }),
    });
    expect(added.status).toBe(201);
    for (let i = 0; i < EVENTS; i++) await events.emit(comment(i, 'creator', 'p-flaky'));
    await waitFor(
      'every delivery to the flaky robot delivered',
      async () => {
        const rows = await ledger('flaky');
        return rows.length === EVENTS && rows.every((row) => row.status === 'delivered');
      },
      60_000,
    );
    const calls = sandbox.sandbox.requests.filter((r) => r.accessToken === 'flaky-token');
    const failed = calls.filter((r) => r.result === 'fault');
    // Five failures open the circuit; after that only one probe per pause (0.3 s, 0.6 s, 1.2 s, 2.4 s, …).
    expect(failed.length).toBeGreaterThanOrEqual(5);
    expect(failed.length).toBeLessThanOrEqual(5 + 6);
    // Once back, every update arrives once, most of them in digests of what waited.
    const messages = sandbox.sandbox.dingtalk.messages.filter((m) => m.accessToken === 'flaky-token');
    const texts = messages.map((m) => (m.body as { markdown: { text: string } }).markdown.text);
    for (let i = 0; i < EVENTS; i++)
      expect(
        texts.filter((text) => text.includes(`update number ${i}.`)),
        `update ${i}`,
      ).toHaveLength(1);
    expect(messages.length).toBeLessThan(EVENTS / 2);
  }, 90_000);
});

describe('stopping', () => {
  it('lets a send in flight finish and records it; the next dispatcher sends the rest, nothing twice', async () => {
    const EVENTS = 5;
    // The robot takes 1.5 s to answer the first message.
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ vendor: 'dingtalk-robot', accessToken: 'slow-token', count: 1, delayMs: 1_500 }),
    });
    for (let i = 0; i < EVENTS; i++) await events.emit(comment(i, 'creator', 'p-slow'));
    await waitFor('a send in flight', async () =>
      (await ledger('slow')).some((row) => row.status === 'sending'),
    );
    await dispatcher.stop();
    // Stopped only after the answer came and was recorded: nothing is left half-sent.
    const afterStop = await ledger('slow');
    expect(afterStop.filter((row) => row.status === 'sending')).toEqual([]);
    expect(afterStop.filter((row) => row.status === 'delivered').length).toBeGreaterThanOrEqual(1);

    dispatcher = newDispatcher();
    await dispatcher.start();
    await waitFor(
      'every delivery to the slow robot delivered',
      async () => {
        const rows = await ledger('slow');
        return rows.length === EVENTS && rows.every((row) => row.status === 'delivered');
      },
      30_000,
    );
    const texts = sandbox.sandbox.dingtalk.messages
      .filter((m) => m.accessToken === 'slow-token')
      .map((m) => (m.body as { markdown: { text: string } }).markdown.text);
    for (let i = 0; i < EVENTS; i++)
      expect(
        texts.filter((text) => text.includes(`update number ${i}.`)),
        `update ${i}`,
      ).toHaveLength(1);
    const calls = sandbox.sandbox.requests.filter((r) => r.accessToken === 'slow-token');
    expect(calls.filter((r) => r.result !== 'accepted')).toEqual([]);
  }, 90_000);
});
