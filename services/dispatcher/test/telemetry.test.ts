// Tracing and metrics on the real path: a producer's event through real Kafka, the router, the delivery topic,
// the DingTalk sender, the ledger in real Postgres and the sandbox's robot API, with every span kept in memory
// and the Prometheus endpoint scraped over loopback.
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { type DatabaseHandle, openDatabase } from '@tidings/db';
import { createTicketEventProducer, type TicketEventInit } from '@tidings/events';
import { createKafka, type Producer } from '@tidings/kafka';
import { type RunningSandbox, startSandbox } from '@tidings/sandbox';
import { stateTopics as defaultStateTopics, type StateTopicName } from '@tidings/state';
import { SpanKind, traceHeaders, withSpan } from '@tidings/telemetry';
import { type ReadableSpan, spanText, startTestTelemetry } from '@tidings/telemetry/testing';
import {
  createTestDatabase,
  type TestDatabase,
  testInfrastructure,
  uniqueName,
  waitFor,
} from '@tidings/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../src/dispatcher.ts';

const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
const tenantId = uniqueName('tenant');
const prefix = `${uniqueName('telemetry')}.`;
const stateTopics = Object.fromEntries(
  Object.keys(defaultStateTopics).map((entity) => [entity, `${prefix}${entity}`]),
) as Record<StateTopicName, string>;
const now = new Date().toISOString();

// What must never reach a span: the robots' credentials, people's phone numbers and email, the message text.
const SECRETS = {
  token: 'TRACED-robot-token-7f3a9c',
  signingSecret: 'SECtraced-signing-secret-4b21e8',
  phone: '13912345678',
  email: 'assignee.private@example.com',
  body: 'the database password is hunter2',
};

let telemetry: Awaited<ReturnType<typeof startTestTelemetry>>;
let sandbox: RunningSandbox;
let database: TestDatabase;
let ledgerReader: DatabaseHandle;
let dispatcher: Dispatcher;
let producer: Producer;
let events: ReturnType<typeof createTicketEventProducer>;

function comment(eventId: string, projectId: string): TicketEventInit {
  return {
    eventId,
    tenantId,
    projectId,
    occurredAt: timestampNow(),
    actor: { id: 'creator' },
    ticket: {
      id: 'ticket-7',
      key: 'OPS-7',
      title: 'Rotate the database credentials',
      url: 'https://tracker.example/OPS-7',
      creator: { id: 'creator' },
      assignees: [{ id: 'assignee' }],
    },
    change: { case: 'commentAdded', value: { commentId: eventId, body: SECRETS.body } },
  };
}

async function publishState(entity: StateTopicName, key: string, value: unknown): Promise<void> {
  await producer.send({ topic: stateTopics[entity], messages: [{ key, value: JSON.stringify(value) }] });
}

/** A signed DingTalk robot channel on project `p-<channelId>`, with a rule telling the assignees. */
async function connectRobot(channelId: string, accessToken: string, signingSecret: string): Promise<void> {
  sandbox.sandbox.dingtalk.putRobot(accessToken, { secret: signingSecret, keywords: [] });
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
      signingSecret: sealSecret(keyring, signingSecret),
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
    roles: ['assignees'],
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

async function ledger() {
  return (await ledgerReader.db.execute(
    sql`select channel_id, status, attempts from dispatcher.deliveries where tenant_id = ${tenantId}`,
  )) as unknown as Array<{ channel_id: string; status: string; attempts: number }>;
}

beforeAll(async () => {
  // First, so that every tracer and meter the dispatcher uses is the SDK's.
  telemetry = await startTestTelemetry('tidings-dispatcher');
  const { kafkaBrokers } = testInfrastructure();
  sandbox = await startSandbox();
  database = await createTestDatabase('telemetry');
  const kafka = createKafka({ brokers: kafkaBrokers.split(','), clientId: 'telemetry-test' });
  producer = kafka.producer({ idempotent: true });
  await producer.connect();
  events = createTicketEventProducer({ producer, topic: `${prefix}tidings.ticket-events.v1` });
  dispatcher = createDispatcher({
    kafkaBrokers: kafkaBrokers.split(','),
    database: { url: database.url },
    keyring,
    components: { router: true, senders: ['dingtalk'] },
    instanceId: 'telemetry',
    topicPartitions: 1,
    kafkaPrefix: prefix,
    stateTopics,
    identityOutcomesTopic: `${prefix}identity-outcomes`,
    // Three attempts, a second apart shrunk tenfold.
    retryPolicy: {
      maxAttempts: 3,
      baseDelaySeconds: 1,
      maxDelaySeconds: 10,
      maxAgeSeconds: 3600,
      delayScale: 0.1,
    },
    senderLimits: { rateLimits: false },
    providers: {
      dingtalk: { baseUrl: `${sandbox.url}/dingtalk/oapi` },
      lark: { baseUrl: `${sandbox.url}/lark` },
      wecom: { baseUrl: `${sandbox.url}/wecom` },
      timeoutMs: 5_000,
    },
  });
  await dispatcher.start();
  ledgerReader = await openDatabase({ url: database.url, maxConnections: 2 });
  for (const [id, phone, email] of [
    ['creator', '+8613800000009', null],
    ['assignee', `+86${SECRETS.phone}`, SECRETS.email],
  ] as const)
    await publishState('users', `${tenantId}/${id}`, {
      tenantId,
      id,
      name: id,
      email,
      phone,
      locale: null,
      timeZone: null,
      updatedAt: now,
    });
  await connectRobot('traced', SECRETS.token, SECRETS.signingSecret);
  await connectRobot('good', 'good-token-1d2e', 'SECgood-1d2e');
  await connectRobot('broken', 'broken-token-3f4a', 'SECbroken-3f4a');
  await connectRobot('flaky', 'flaky-token-5b6c', 'SECflaky-5b6c');
  await waitFor('state applied', () => dispatcher.state.rule('r-flaky') !== undefined);
}, 90_000);

afterAll(async () => {
  await dispatcher?.stop();
  await producer?.disconnect();
  await ledgerReader?.close();
  await sandbox?.stop();
  await database?.drop();
  await telemetry?.shutdown();
});

const byName = (spans: readonly ReadableSpan[], name: string) => {
  const found = spans.filter((span) => span.name === name);
  expect(
    found.map((span) => span.name),
    `span ${name}`,
  ).toEqual([name]);
  return found[0]!;
};
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('one event, one trace', () => {
  it('links the producer, the router, the delivery topic, the sender, the ledger and the HTTP call', async () => {
    const eventId = uniqueName('traced-event');
    // The producer's side: its span's context travels in the event's headers.
    const producerSpan = await withSpan(
      'ticket event send',
      { 'messaging.system': 'kafka', 'tidings.event.id': eventId },
      async (span) => {
        await events.emit(comment(eventId, 'p-traced'), traceHeaders());
        return span;
      },
      { kind: SpanKind.PRODUCER },
    );
    const traceId = producerSpan.spanContext().traceId;
    const inTrace = () =>
      telemetry.spans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    // The job's process span is the sender's outermost: it ends last, after the record and the commit.
    await waitFor("the delivery recorded, and the job's span ended", () =>
      inTrace().some((span) => span.name === `${prefix}tidings.deliveries.dingtalk.v1 process`),
    );

    const spans = inTrace();
    const producerSide = byName(spans, 'ticket event send');
    const routed = byName(spans, `${prefix}tidings.ticket-events.v1 process`);
    const created = byName(spans, `${prefix}tidings.deliveries.dingtalk.v1 create`);
    const consumed = byName(spans, `${prefix}tidings.deliveries.dingtalk.v1 process`);
    const claim = byName(spans, 'ledger claim');
    const send = byName(spans, 'dingtalk send');
    const http = byName(spans, 'POST');
    const record = byName(spans, 'ledger record');

    // One chain of parents, producer to HTTP call.
    expect(parentOf(routed)).toBe(producerSide.spanContext().spanId);
    expect(parentOf(created)).toBe(routed.spanContext().spanId);
    expect(parentOf(consumed)).toBe(created.spanContext().spanId);
    expect(parentOf(claim)).toBe(consumed.spanContext().spanId);
    expect(parentOf(send)).toBe(consumed.spanContext().spanId);
    expect(parentOf(http)).toBe(send.spanContext().spanId);
    expect(parentOf(record)).toBe(consumed.spanContext().spanId);

    expect(routed.kind).toBe(SpanKind.CONSUMER);
    expect(routed.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'tidings.event.id': eventId,
      'tidings.tenant.id': tenantId,
      'tidings.route.outcome': 'routed',
      'tidings.jobs': 1,
    });
    expect(created.kind).toBe(SpanKind.PRODUCER);
    expect(created.attributes).toMatchObject({
      'tidings.channel.id': 'traced',
      'tidings.channel.kind': 'dingtalk-robot',
    });
    const deliveryId = created.attributes['tidings.delivery.id'];
    expect(typeof deliveryId).toBe('string');
    expect(consumed.kind).toBe(SpanKind.CONSUMER);
    expect(consumed.attributes).toMatchObject({
      'tidings.event.id': eventId,
      'tidings.delivery.id': deliveryId,
      'tidings.channel.id': 'traced',
      'tidings.vendor': 'dingtalk',
      'messaging.consumer.group.name': `${prefix}tidings-sender.dingtalk`,
    });
    for (const db of [claim, record])
      expect(db.attributes).toMatchObject({
        'db.system.name': 'postgresql',
        'tidings.delivery.id': deliveryId,
      });
    expect(send.kind).toBe(SpanKind.CLIENT);
    expect(send.attributes).toMatchObject({ 'tidings.outcome': 'delivered', 'tidings.attempt': 1 });
    expect(http.kind).toBe(SpanKind.CLIENT);
    expect(http.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'url.full': new URL(sandbox.url).origin,
    });

    // Nothing secret or personal on any span of the run (not only this trace).
    const text = spanText(telemetry.spans.getFinishedSpans());
    for (const [what, secret] of Object.entries(SECRETS)) expect(text, what).not.toContain(secret);
    // …and the robot really got the text, signed: the secrets were there to leak.
    const received = sandbox.sandbox.dingtalk.messages.filter((m) => m.accessToken === SECRETS.token);
    expect(JSON.stringify(received)).toContain(SECRETS.body);
  });
});

/** The value of one sample on a Prometheus text page (0 when absent), by metric name and label subset. */
function sample(page: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let total = 0;
  for (const line of page.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((label) => line.includes(label))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

describe('the metrics endpoint', () => {
  it('counts what the ledger holds: delivered, failed for good, retried', async () => {
    // One delivered at once, one refused for good (a keyword check), one failing once and then delivered.
    const fault = (accessToken: string, errcode: number) =>
      fetch(`${sandbox.url}/_sandbox/faults`, {
        method: 'POST',
        body: JSON.stringify({ accessToken, count: 1, errcode }),
      });
    expect((await fault('broken-token-3f4a', 310000)).status).toBe(201);
    expect((await fault('flaky-token-5b6c', -1)).status).toBe(201);
    for (const channel of ['good', 'broken', 'flaky'])
      await events.emit(comment(uniqueName(channel), `p-${channel}`));
    await waitFor('every delivery settled', async () => {
      const rows = await ledger();
      const status = (channel: string) => rows.find((row) => row.channel_id === channel)?.status;
      return (
        status('good') === 'delivered' && status('broken') === 'failed' && status('flaky') === 'delivered'
      );
    });

    const rows = await ledger();
    const page = await (await fetch(telemetry.metricsUrl)).text();
    const kind = { channel_kind: 'dingtalk-robot' };
    const count = (status: string) => rows.filter((row) => row.status === status).length;
    const attempts = rows.reduce((sum, row) => sum + row.attempts, 0);

    expect(sample(page, 'tidings_deliveries_total', { ...kind, status: 'delivered' })).toBe(
      count('delivered'),
    );
    expect(sample(page, 'tidings_deliveries_total', { ...kind, status: 'failed' })).toBe(count('failed'));
    // The flaky robot's first attempt left its delivery retrying; the ledger counts its two attempts.
    expect(sample(page, 'tidings_deliveries_total', { ...kind, status: 'retrying' })).toBe(1);
    expect(sample(page, 'tidings_deliveries_total', kind)).toBe(attempts);
    expect(sample(page, 'tidings_delivery_retries_total', kind)).toBe(attempts - rows.length);
    expect(sample(page, 'tidings_delivery_attempt_duration_count', { ...kind, outcome: 'delivered' })).toBe(
      count('delivered'),
    );
    expect(sample(page, 'tidings_delivery_attempt_duration_count', kind)).toBe(attempts);
    expect(sample(page, 'tidings_delivery_latency_count', kind)).toBe(count('delivered'));
    expect(sample(page, 'tidings_events_consumed_total', { outcome: 'routed' })).toBe(rows.length);
    expect(sample(page, 'tidings_jobs_routed_total', kind)).toBe(rows.length);
    expect(sample(page, 'tidings_delivery_dead_lettered_total')).toBe(0);
    expect(sample(page, 'tidings_dlq_depth', kind)).toBe(0);
    expect(sample(page, 'tidings_dispatcher_ready')).toBe(1);
    expect(sample(page, 'tidings_state_catch_up_duration_count')).toBe(1);
    expect(sample(page, 'tidings_state_messages_total', { entity: 'rules' })).toBe(4);
    expect(page).toContain('tidings_kafka_consumer_lag{');
  });
});
