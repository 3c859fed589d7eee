// The deliveries subgraph over HTTP with gateway-signed claims: deliveries and dead letters read from the
// ledger in real Postgres, and replays that go through real Kafka to a running sender and the sandbox's
// DingTalk robot emulator.
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { type Claims, DEVELOPMENT_CLAIMS_SECRET, forwardedClaimsHeaders } from '@tidings/auth';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { createTicketEventProducer, type TicketEventInit } from '@tidings/events';
import { createKafka, kafkaNames, type Producer } from '@tidings/kafka';
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
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../src/dispatcher.ts';
import { type DeliveryJob, deliveryIdFor } from '../src/jobs.ts';
import { replayDeliveries } from '../src/ledger/replay.ts';
import { type DeliveryStatus, deliveries, deliveryAttempts } from '../src/ledger/schema.ts';
import { defaultRetryPolicy } from '../src/sending/retry-policy.ts';

const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
// Deliveries really sent (and replayed) are this tenant's; rows written straight into the ledger are the
// query tenant's, so the two never meet in a list.
const tenantId = uniqueName('tenant');
const queryTenant = uniqueName('qtenant');
const otherTenant = uniqueName('other');
const prefix = `${uniqueName('deliveries')}.`;
const names = kafkaNames(prefix);
const stateTopics = Object.fromEntries(
  Object.keys(defaultStateTopics).map((entity) => [entity, `${prefix}${entity}`]),
) as Record<StateTopicName, string>;
const now = new Date().toISOString();
const brokers = () => testInfrastructure().kafkaBrokers.split(',');

let sandbox: RunningSandbox;
let database: TestDatabase;
let dispatcher: Dispatcher;
let producer: Producer;
let events: ReturnType<typeof createTicketEventProducer>;
let graphqlUrl: string;

const admin = (tenant = queryTenant): Claims => ({
  userId: 'boss',
  tenantId: tenant,
  roles: ['tenant-admin'],
  ownedProjectIds: [],
});
const owner = (...projects: string[]): Claims => ({
  userId: 'owner',
  tenantId: queryTenant,
  roles: [],
  ownedProjectIds: projects,
});
const member = (userId: string): Claims => ({
  userId,
  tenantId: queryTenant,
  roles: [],
  ownedProjectIds: [],
});

interface GraphQLResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions: { code: string; argument?: string } }>;
}

async function graphql<T = Record<string, unknown>>(
  claims: Claims,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...forwardedClaimsHeaders(claims, DEVELOPMENT_CLAIMS_SECRET, 'deliveries'),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult<T>;
}

const DELIVERY_FIELDS = `id eventId eventType ticketId projectId channel { id } target recipients { id } status
  attempts lastCode lastReason nextAttemptAt createdAt updatedAt deliveredAt replayable
  attemptHistory { number outcome code reason httpStatus durationMs startedAt }`;

interface DeliveryResult {
  id: string;
  status: string;
  projectId: string;
  ticketId: string;
  channel: { id: string };
  recipients: Array<{ id: string }>;
  attempts: number;
  lastCode: string | null;
  replayable: boolean;
  attemptHistory: Array<{ number: number; outcome: string; code: string | null }>;
}
interface Page {
  edges: Array<{ node: DeliveryResult; cursor: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

async function list(claims: Claims, field: string, args: string, variables: Record<string, unknown> = {}) {
  const declared = Object.keys(variables)
    .map((name) => `$${name}: ${variableTypes[name]}`)
    .join(', ');
  const result = await graphql<Record<string, Page>>(
    claims,
    `query${declared ? `(${declared})` : ''} { ${field}${args ? `(${args})` : ''} {
      edges { cursor node { ${DELIVERY_FIELDS} } }
      pageInfo { hasNextPage hasPreviousPage endCursor }
    } }`,
    variables,
  );
  return { page: result.data?.[field], errors: result.errors };
}
const variableTypes: Record<string, string> = {
  after: 'String',
  filter: 'DeadLetterFilter',
  statuses: '[DeliveryStatus!]',
};
const ids = (page: Page | undefined) => page?.edges.map((edge) => edge.node.id);

/** A ledger row written directly, `minutesAgo` old; the job is a stub unless given (the tests never send it). */
async function insertDelivery(row: {
  id: string;
  tenant?: string;
  projectId?: string;
  ticketId?: string;
  channelId?: string;
  recipients?: string[];
  status: DeliveryStatus;
  minutesAgo: number;
  lastCode?: string | null;
  job?: DeliveryJob | null;
  attempts?: Array<{ outcome: string; code: string | null; httpStatus?: number }>;
}): Promise<void> {
  const at = new Date(Date.now() - row.minutesAgo * 60_000);
  const attempts = row.attempts ?? [
    { outcome: row.status === 'delivered' ? 'delivered' : 'permanent', code: row.lastCode ?? null },
  ];
  const db = dispatcher.database()!.db;
  const dead = row.status === 'dead' || row.status === 'failed';
  await db.insert(deliveries).values({
    id: row.id,
    tenantId: row.tenant ?? queryTenant,
    eventId: `evt-${row.id}`,
    eventType: 'commentAdded',
    projectId: row.projectId ?? 'p-a',
    ticketId: row.ticketId ?? 'tk-1',
    channelId: row.channelId ?? 'ch-1',
    channelKind: 'dingtalk-robot',
    credentialId: 'cred-1',
    target: 'group',
    recipientUserIds: row.recipients ?? ['ann'],
    status: row.status,
    attempts: attempts.length,
    lastCode: row.lastCode ?? null,
    lastReason: row.lastCode ? `failed with ${row.lastCode}` : null,
    job: row.job === undefined ? (dead ? stubJob(row.id) : null) : row.job,
    createdAt: at,
    updatedAt: at,
    deliveredAt: row.status === 'delivered' ? at : null,
  });
  await db.insert(deliveryAttempts).values(
    attempts.map((attempt, index) => ({
      deliveryId: row.id,
      attempt: index + 1,
      outcome: attempt.outcome,
      code: attempt.code,
      reason: attempt.code ? `failed with ${attempt.code}` : null,
      httpStatus: attempt.httpStatus ?? 200,
      durationMs: 12 + index,
      startedAt: at,
    })),
  );
}

function stubJob(id: string): DeliveryJob {
  return {
    version: 1,
    deliveryId: id,
    eventId: `evt-${id}`,
    tenantId: queryTenant,
    projectId: 'p-a',
    ticketId: 'tk-1',
    eventType: 'commentAdded',
    channelId: 'ch-1',
    channelKind: 'dingtalk-robot',
    credentialId: 'cred-1',
    target: 'group',
    recipientUserIds: ['ann'],
    ruleIds: [],
    templateId: null,
    mentionAll: false,
    event: {},
    routedAt: now,
  };
}

async function ledgerRow(id: string) {
  const [row] = await dispatcher.database()!.db.select().from(deliveries).where(eq(deliveries.id, id));
  return row;
}

function commentEvent(eventId: string): TicketEventInit {
  return {
    eventId,
    tenantId,
    projectId: 'p-good',
    occurredAt: timestampNow(),
    actor: { id: 'assignee' },
    ticket: {
      id: `ticket-${eventId}`,
      key: 'OPS-12',
      title: 'Disk full on db-1',
      url: 'https://tracker.example/OPS-12',
      creator: { id: 'creator' },
      assignees: [{ id: 'assignee' }],
      watchers: [],
    },
    change: { case: 'commentAdded', value: { commentId: 'c1', body: 'Freed 20 GB' } },
  };
}

async function publishState(entity: StateTopicName, key: string, value: unknown): Promise<void> {
  await producer.send({ topic: stateTopics[entity], messages: [{ key, value: JSON.stringify(value) }] });
}

const robotMessages = () =>
  sandbox.sandbox.dingtalk.messages.filter((m: { accessToken: string }) => m.accessToken === 'replay-token');

/** Makes the robot fail the next `count` sends with a retryable error. */
async function failNext(count: number): Promise<void> {
  await fetch(`${sandbox.url}/_sandbox/faults`, {
    method: 'POST',
    body: JSON.stringify({ accessToken: 'replay-token', count, errcode: -1 }),
  });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.sandbox.dingtalk.putRobot('replay-token', { secret: 'SECreplay', keywords: [] });
  database = await createTestDatabase('dispatcher');
  const kafka = createKafka({ brokers: brokers(), clientId: 'deliveries-graphql-test' });
  producer = kafka.producer({ idempotent: true });
  await producer.connect();
  events = createTicketEventProducer({ producer, topic: names.ticketEvents });
  dispatcher = createDispatcher({
    kafkaBrokers: brokers(),
    database: { url: database.url },
    keyring,
    components: { router: true, senders: ['dingtalk'] },
    instanceId: 'deliveries-graphql-test',
    topicPartitions: 1,
    kafkaPrefix: prefix,
    stateTopics,
    identityOutcomesTopic: `${prefix}identity-outcomes`,
    // Three attempts, time shrunk a thousandfold: a delivery dies within seconds.
    retryPolicy: { ...defaultRetryPolicy, maxAttempts: 3, baseDelaySeconds: 1, delayScale: 0.001 },
    providers: {
      dingtalk: { baseUrl: `${sandbox.url}/dingtalk/oapi`, apiBaseUrl: `${sandbox.url}/dingtalk/api` },
      lark: { baseUrl: `${sandbox.url}/lark` },
      wecom: { baseUrl: `${sandbox.url}/wecom` },
      timeoutMs: 5_000,
    },
    graphql: { host: '127.0.0.1', port: 0, claimsSecret: DEVELOPMENT_CLAIMS_SECRET },
  });
  graphqlUrl = (await dispatcher.start()).graphqlUrl!;
  await publishState('users', `${tenantId}/creator`, {
    tenantId,
    id: 'creator',
    name: 'creator',
    email: null,
    phone: '+8613800000001',
    locale: 'en',
    timeZone: 'UTC',
    updatedAt: now,
  });
  await publishState('channels', 'good', {
    tenantId,
    id: 'good',
    name: 'good',
    enabled: true,
    config: {
      kind: 'dingtalk-robot',
      keywords: [],
      accessToken: sealSecret(keyring, 'replay-token'),
      signingSecret: sealSecret(keyring, 'SECreplay'),
    },
    updatedAt: now,
  });
  await publishState('projectChannels', `${tenantId}/p-good/good`, {
    tenantId,
    projectId: 'p-good',
    channelId: 'good',
    connectedAt: now,
  });
  await publishState('rules', 'r-good', {
    tenantId,
    id: 'r-good',
    name: 'r-good',
    projectIds: ['p-good'],
    eventTypes: ['commentAdded'],
    roles: ['creator'],
    userIds: [],
    channelIds: ['good'],
    serviceIds: [],
    statuses: [],
    steps: [],
    templateId: null,
    mentionAll: false,
    excludeActor: true,
    enabled: true,
    updatedAt: now,
  });
  await waitFor('state applied', () => dispatcher.state.rule('r-good') !== undefined);

  // The query tenant's ledger, newest first: d1 … d6 on ticket tk-1, projects p-a and p-b.
  await insertDelivery({ id: 'd1', status: 'delivered', minutesAgo: 1, recipients: ['ann', 'bob'] });
  await insertDelivery({
    id: 'd2',
    status: 'dead',
    minutesAgo: 2,
    lastCode: '-1',
    attempts: [
      { outcome: 'retry', code: '-1', httpStatus: 200 },
      { outcome: 'retry', code: '-1', httpStatus: 200 },
      { outcome: 'retry', code: '-1', httpStatus: 200 },
    ],
  });
  await insertDelivery({
    id: 'd3',
    status: 'failed',
    minutesAgo: 3,
    lastCode: '310000',
    recipients: ['bob'],
  });
  await insertDelivery({
    id: 'd4',
    status: 'retrying',
    minutesAgo: 4,
    projectId: 'p-b',
    recipients: ['bob'],
  });
  await insertDelivery({
    id: 'd5',
    status: 'failed',
    minutesAgo: 5,
    projectId: 'p-b',
    channelId: 'ch-2',
    lastCode: 'identity-not-found',
    recipients: ['carl'],
  });
  // Dead since before jobs were kept in the ledger.
  await insertDelivery({ id: 'd6', status: 'dead', minutesAgo: 6, lastCode: '-1', job: null });
  // Another tenant's, on a ticket and channel of the same ids.
  await insertDelivery({ id: 'x1', tenant: otherTenant, status: 'dead', minutesAgo: 1, lastCode: '-1' });
}, 120_000);

afterAll(async () => {
  await dispatcher?.stop();
  await producer?.disconnect();
  await sandbox?.stop();
  await database?.drop();
});

describe('deliveries', () => {
  it('lists a ticket’s deliveries newest first, in pages, with every attempt', async () => {
    const first = await list(admin(), 'ticketDeliveries', 'ticketId: "tk-1", first: 4');
    expect(first.errors).toBeUndefined();
    expect(ids(first.page)).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(first.page!.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await list(admin(), 'ticketDeliveries', 'ticketId: "tk-1", first: 4, after: $after', {
      after: first.page!.pageInfo.endCursor,
    });
    expect(ids(second.page)).toEqual(['d5', 'd6']);
    expect(second.page!.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const dead = first.page!.edges[1]!.node;
    expect(dead).toMatchObject({
      id: 'd2',
      status: 'DEAD',
      projectId: 'p-a',
      ticketId: 'tk-1',
      channel: { id: 'ch-1' },
      recipients: [{ id: 'ann' }],
      attempts: 3,
      lastCode: '-1',
      replayable: true,
    });
    expect(dead.attemptHistory).toEqual([
      expect.objectContaining({ number: 1, outcome: 'RETRY', code: '-1', httpStatus: 200, durationMs: 12 }),
      expect.objectContaining({ number: 2, outcome: 'RETRY', code: '-1', durationMs: 13 }),
      expect.objectContaining({ number: 3, outcome: 'RETRY', code: '-1', durationMs: 14 }),
    ]);
    expect(first.page!.edges[0]!.node).toMatchObject({
      status: 'DELIVERED',
      replayable: false,
      attemptHistory: [expect.objectContaining({ number: 1, outcome: 'DELIVERED', code: null })],
    });
    expect(second.page!.edges[1]!.node).toMatchObject({ id: 'd6', status: 'DEAD', replayable: false });
  });

  it('filters by status, by channel and by person', async () => {
    const failed = await list(admin(), 'ticketDeliveries', 'ticketId: "tk-1", statuses: $statuses', {
      statuses: ['FAILED', 'DEAD'],
    });
    expect(ids(failed.page)).toEqual(['d2', 'd3', 'd5', 'd6']);
    expect(ids((await list(admin(), 'channelDeliveries', 'channelId: "ch-2"')).page)).toEqual(['d5']);
    expect(ids((await list(admin(), 'userDeliveries', 'userId: "bob"')).page)).toEqual(['d1', 'd3', 'd4']);
    const bobsRetrying = await list(admin(), 'userDeliveries', 'userId: "bob", statuses: $statuses', {
      statuses: ['RETRYING'],
    });
    expect(ids(bobsRetrying.page)).toEqual(['d4']);
  });

  it('shows the dead-letter queue with why, filtered by channel, code and time', async () => {
    const all = await list(admin(), 'deadLetters', '');
    expect(ids(all.page)).toEqual(['d2', 'd3', 'd5', 'd6']);
    const byCode = await list(admin(), 'deadLetters', 'filter: $filter', {
      filter: { code: 'identity-not-found' },
    });
    expect(byCode.page!.edges.map((edge) => [edge.node.id, edge.node.lastCode])).toEqual([
      ['d5', 'identity-not-found'],
    ]);
    const byChannel = await list(admin(), 'deadLetters', 'filter: $filter', {
      filter: { channelId: 'ch-1', ticketId: 'tk-1' },
    });
    expect(ids(byChannel.page)).toEqual(['d2', 'd3', 'd6']);
    const window = await list(admin(), 'deadLetters', 'filter: $filter', {
      filter: {
        since: new Date(Date.now() - 5.5 * 60_000).toISOString(),
        until: new Date(Date.now() - 2.5 * 60_000).toISOString(),
      },
    });
    expect(ids(window.page)).toEqual(['d3', 'd5']);
  });

  it('resolves a delivery by id, as an entity too', async () => {
    const result = await graphql<{ delivery: DeliveryResult | null }>(
      admin(),
      `{ delivery(id: "d3") { ${DELIVERY_FIELDS} } }`,
    );
    expect(result.data?.delivery).toMatchObject({ id: 'd3', status: 'FAILED', lastCode: '310000' });
    const entities = await graphql<{ _entities: Array<{ id: string; status: string } | null> }>(
      admin(),
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Delivery { id status } } }`,
      {
        representations: [
          { __typename: 'Delivery', id: 'd2' },
          { __typename: 'Delivery', id: 'x1' },
        ],
      },
    );
    expect(entities.data?._entities).toEqual([{ id: 'd2', status: 'DEAD' }, null]);
  });
});

describe('who sees what', () => {
  it('shows another tenant nothing', async () => {
    const stranger = admin(otherTenant);
    expect(ids((await list(stranger, 'ticketDeliveries', 'ticketId: "tk-1"')).page)).toEqual(['x1']);
    expect(ids((await list(stranger, 'channelDeliveries', 'channelId: "ch-2"')).page)).toEqual([]);
    expect(ids((await list(stranger, 'userDeliveries', 'userId: "bob"')).page)).toEqual([]);
    expect(ids((await list(stranger, 'deadLetters', '')).page)).toEqual(['x1']);
    const one = await graphql<{ delivery: unknown }>(stranger, '{ delivery(id: "d2") { id } }');
    expect(one.data?.delivery).toBeNull();
  });

  it('shows a member only what was addressed to them', async () => {
    const bob = member('bob');
    expect(ids((await list(bob, 'ticketDeliveries', 'ticketId: "tk-1"')).page)).toEqual(['d1', 'd3', 'd4']);
    expect(ids((await list(bob, 'userDeliveries', '')).page)).toEqual(['d1', 'd3', 'd4']);
    expect(ids((await list(bob, 'deadLetters', '')).page)).toEqual(['d3']);
    expect(ids((await list(bob, 'channelDeliveries', 'channelId: "ch-2"')).page)).toEqual([]);
    const ofAnn = await list(bob, 'userDeliveries', 'userId: "ann"');
    expect(ofAnn.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const notHis = await graphql<{ delivery: unknown }>(bob, '{ delivery(id: "d2") { id } }');
    expect(notHis.data?.delivery).toBeNull();
  });

  it('shows a project owner their projects’ deliveries and their own', async () => {
    const ownerOfB = owner('p-b');
    expect(ids((await list(ownerOfB, 'ticketDeliveries', 'ticketId: "tk-1"')).page)).toEqual(['d4', 'd5']);
    expect(ids((await list(ownerOfB, 'deadLetters', '')).page)).toEqual(['d5']);
    // Someone else's deliveries: only those of the owner's projects.
    expect(ids((await list(ownerOfB, 'userDeliveries', 'userId: "bob"')).page)).toEqual(['d4']);
  });

  it('lets only tenant admins and the project’s owners replay', async () => {
    const replay = (claims: Claims, deliveryId: string) =>
      graphql<{
        replayDeadLetter: {
          delivery: { id: string } | null;
          errors: Array<{ field: string[]; code: string; message: string }>;
        };
      }>(
        claims,
        `mutation($input: ReplayDeadLetterInput!) { replayDeadLetter(input: $input) { delivery { id } errors { field code message } } }`,
        { input: { deliveryId } },
      );
    // Bob may see d3 but not replay it.
    expect((await replay(member('bob'), 'd3')).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    // An owner of another project does not see d3 at all.
    expect((await replay(owner('p-b'), 'd3')).data?.replayDeadLetter.errors).toMatchObject([
      { code: 'NOT_FOUND' },
    ]);
    // Another tenant's admin: no such delivery.
    const stranger = await replay(admin(otherTenant), 'd3');
    expect(stranger.data?.replayDeadLetter).toEqual({
      delivery: null,
      errors: [{ field: ['deliveryId'], code: 'NOT_FOUND', message: 'there is no delivery d3' }],
    });
    const bulk = await graphql<{ replayDeadLetters: unknown }>(
      member('bob'),
      `mutation { replayDeadLetters(input: {}) { replayed } }`,
    );
    expect(bulk.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const otherBulk = await graphql<{ replayDeadLetters: { replayed: number } }>(
      admin(otherTenant),
      // Only d3, of the query tenant, has this code.
      `mutation { replayDeadLetters(input: { filter: { code: "310000" } }) { replayed moreMatch errors { code } } }`,
    );
    expect(otherBulk.data?.replayDeadLetters).toEqual({ replayed: 0, moreMatch: false, errors: [] });
    expect((await ledgerRow('d3'))!.status).toBe('failed');
  });
});

describe('bad input', () => {
  it('refuses pages too large, and cursors that are not this list’s', async () => {
    const tooMany = await list(admin(), 'ticketDeliveries', 'ticketId: "tk-1", first: 201');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(tooMany.errors?.[0]?.message).toBe('first must be between 0 and 100');
    const garbage = await list(admin(), 'ticketDeliveries', 'ticketId: "tk-1", after: $after', {
      after: 'nonsense',
    });
    expect(garbage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    // A dead-letter cursor is ordered by another column: not a ticket list's.
    const dead = await list(admin(), 'deadLetters', 'first: 1');
    const mixed = await list(admin(), 'ticketDeliveries', 'ticketId: "tk-1", after: $after', {
      after: dead.page!.pageInfo.endCursor,
    });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const empty = await list(admin(), 'ticketDeliveries', 'ticketId: " "');
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ticketId' });
    const backwards = await list(admin(), 'deadLetters', 'filter: $filter', {
      filter: { since: '2026-12-02T00:00:00Z', until: '2026-12-01T00:00:00Z' },
    });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.until',
    });
  });

  it('names the delivery that cannot be replayed, and why', async () => {
    const replay = async (deliveryId: string) =>
      (
        await graphql<{
          replayDeadLetter: {
            delivery: unknown;
            errors: Array<{ field: string[]; code: string; message: string }>;
          };
        }>(
          admin(),
          `mutation($input: ReplayDeadLetterInput!) { replayDeadLetter(input: $input) { delivery { id } errors { field code message } } }`,
          { input: { deliveryId } },
        )
      ).data?.replayDeadLetter;
    expect(await replay('no-such-delivery')).toEqual({
      delivery: null,
      errors: [
        { field: ['deliveryId'], code: 'NOT_FOUND', message: 'there is no delivery no-such-delivery' },
      ],
    });
    expect(await replay('d1')).toEqual({
      delivery: null,
      errors: [
        {
          field: ['deliveryId'],
          code: 'NOT_DEAD_LETTER',
          message: 'delivery d1 is DELIVERED: only DEAD or FAILED deliveries can be replayed',
        },
      ],
    });
    expect(await replay('d6')).toMatchObject({
      delivery: null,
      errors: [
        {
          field: ['deliveryId'],
          code: 'NO_STORED_JOB',
          message: expect.stringMatching(/^delivery d6 has no stored job/),
        },
      ],
    });
    const bulk = await graphql<{ replayDeadLetters: unknown }>(
      admin(),
      `mutation($input: ReplayDeadLettersInput!) { replayDeadLetters(input: $input) { replayed moreMatch errors { field code message } } }`,
      { input: { filter: { since: '2026-12-02T00:00:00Z', until: '2026-12-01T00:00:00Z', channelId: '' } } },
    );
    expect(bulk.data?.replayDeadLetters).toEqual({
      replayed: 0,
      moreMatch: false,
      errors: [
        { field: ['filter', 'channelId'], code: 'REQUIRED', message: 'channelId must not be empty' },
        { field: ['filter', 'until'], code: 'INVALID', message: 'until must be later than since' },
      ],
    });
  });

  it('leaves the rows as they were when the jobs cannot be published', async () => {
    const before = await ledgerRow('d2');
    const failing = {
      sendBatch: async () => {
        throw new Error('broker unavailable');
      },
    };
    await expect(
      replayDeliveries({ db: dispatcher.database()!.db, producer: failing, names }, queryTenant, ['d2']),
    ).rejects.toThrow('broker unavailable');
    expect(await ledgerRow('d2')).toEqual(before);
    expect(before).toMatchObject({ status: 'dead', retryFromAttempt: 0, job: stubJob('d2') });
  });
});

describe('replay', () => {
  it('replays at most 10000 per call and says when more match', async () => {
    // Jobs of a vendor no sender runs for in this test, so they wait on its retry topic to be counted.
    const capTenant = uniqueName('cap');
    const db = dispatcher.database()!.db;
    const rows = Array.from({ length: 10_001 }, (_, index) => {
      const id = `cap-${String(index).padStart(5, '0')}`;
      return {
        id,
        tenantId: capTenant,
        eventId: `evt-${id}`,
        eventType: 'commentAdded',
        projectId: 'p-cap',
        ticketId: 'tk-cap',
        channelId: 'mail',
        channelKind: 'smtp',
        credentialId: 'mail',
        target: 'user:ann',
        recipientUserIds: ['ann'],
        status: 'dead' as const,
        attempts: 8,
        lastCode: 'smtp-421',
        job: {
          ...stubJob(id),
          tenantId: capTenant,
          channelId: 'mail',
          channelKind: 'smtp',
          credentialId: 'mail',
        },
      };
    });
    for (let start = 0; start < rows.length; start += 2_000)
      await db.insert(deliveries).values(rows.slice(start, start + 2_000));
    const replay = () =>
      graphql<{
        replayDeadLetters: {
          replayed: number;
          moreMatch: boolean;
          errors: Array<{ code: string; message: string }>;
        };
      }>(
        admin(capTenant),
        `mutation { replayDeadLetters(input: { filter: { channelId: "mail" } }) { replayed moreMatch errors { code message } } }`,
      );
    expect((await replay()).data?.replayDeadLetters).toEqual({
      replayed: 10_000,
      moreMatch: true,
      errors: [
        {
          code: 'TOO_MANY',
          message:
            'more than 10000 dead letters match: the oldest 10000 were replayed; call again for the rest',
        },
      ],
    });
    expect((await replay()).data?.replayDeadLetters).toEqual({ replayed: 1, moreMatch: false, errors: [] });
    expect((await replay()).data?.replayDeadLetters).toEqual({ replayed: 0, moreMatch: false, errors: [] });
    const published = await readTopic({
      brokers: brokers(),
      topic: names.retry('smtp'),
      until: (read) => read.length >= 10_001,
      what: 'every replayed job',
      timeoutMs: 60_000,
    });
    expect(published).toHaveLength(10_001);
    expect(new Set(published.map((message) => JSON.parse(message.value!).deliveryId)).size).toBe(10_001);
    expect(published.every((message) => message.key === 'mail')).toBe(true);
  }, 120_000);

  it('sends a dead delivery again with a fresh retry budget, through the retry topic and the sender', async () => {
    await failNext(3);
    await events.emit(commentEvent('evt-dies'));
    const deliveryId = deliveryIdFor({ tenantId, eventId: 'evt-dies', channelId: 'good', target: 'group' });
    await waitFor('dead after three attempts', async () => (await ledgerRow(deliveryId))?.status === 'dead');
    expect(await ledgerRow(deliveryId)).toMatchObject({ status: 'dead', attempts: 3, lastCode: '-1' });
    expect(robotMessages()).toHaveLength(0);

    // The project's owner replays it.
    const ownerOfGood: Claims = { userId: 'lead', tenantId, roles: [], ownedProjectIds: ['p-good'] };
    const result = await graphql<{
      replayDeadLetter: { delivery: { id: string; status: string } | null; errors: unknown[] };
    }>(
      ownerOfGood,
      `mutation($input: ReplayDeadLetterInput!) { replayDeadLetter(input: $input) { delivery { id status } errors { code message } } }`,
      { input: { deliveryId } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.replayDeadLetter.errors).toEqual([]);
    expect(result.data?.replayDeadLetter.delivery?.id).toBe(deliveryId);

    const replayed = await readTopic({
      brokers: brokers(),
      topic: names.retry('dingtalk'),
      until: (read) => read.some((message) => message.headers['content-type'] === 'application/json'),
      what: 'the replayed job',
    });
    const message = replayed.find((m) => m.headers['content-type'] === 'application/json')!;
    expect(JSON.parse(message.value!)).toMatchObject({ deliveryId, eventId: 'evt-dies', channelId: 'good' });
    expect(message.key).toBe(JSON.parse(message.value!).credentialId);
    expect(Number(message.headers['tidings-due-at'])).toBeGreaterThan(0);

    await waitFor(
      'delivered after the replay',
      async () => (await ledgerRow(deliveryId))?.status === 'delivered',
    );
    expect(await ledgerRow(deliveryId)).toMatchObject({
      status: 'delivered',
      attempts: 4,
      retryFromAttempt: 3,
      job: null,
    });
    expect(robotMessages()).toHaveLength(1);
    const history = await graphql<{ delivery: DeliveryResult }>(
      ownerOfGood,
      `{ delivery(id: "${deliveryId}") { ${DELIVERY_FIELDS} } }`,
    );
    expect(history.data?.delivery.attemptHistory.map((a) => a.outcome)).toEqual([
      'RETRY',
      'RETRY',
      'RETRY',
      'DELIVERED',
    ]);

    // Replayed once: a second replay is refused, and nothing more is sent.
    const again = await graphql<{ replayDeadLetter: { errors: Array<{ code: string }> } }>(
      ownerOfGood,
      `mutation($input: ReplayDeadLetterInput!) { replayDeadLetter(input: $input) { errors { code } } }`,
      { input: { deliveryId } },
    );
    expect(again.data?.replayDeadLetter.errors).toEqual([{ code: 'NOT_DEAD_LETTER' }]);
  });

  it('replays every dead letter matching a filter, naming those it cannot', async () => {
    const since = new Date().toISOString();
    // Two dead letters with real jobs: copies of the job the router wrote for evt-dies, as other deliveries.
    const [routed] = await readTopic({
      brokers: brokers(),
      topic: names.deliveries('dingtalk'),
      until: (read) => read.some((message) => JSON.parse(message.value!).eventId === 'evt-dies'),
      what: 'the routed job of evt-dies',
    });
    const job = JSON.parse(routed!.value!) as DeliveryJob;
    for (const id of ['bulk-1', 'bulk-2'])
      await insertDelivery({
        id,
        tenant: tenantId,
        projectId: 'p-good',
        channelId: 'good',
        status: 'dead',
        minutesAgo: 0,
        lastCode: '-1',
        job: { ...job, deliveryId: id, eventId: `evt-${id}` },
      });
    await insertDelivery({
      id: 'jobless',
      tenant: tenantId,
      projectId: 'p-good',
      channelId: 'good',
      status: 'dead',
      minutesAgo: 0,
      job: null,
    });
    const dead = async () =>
      (
        await list(admin(tenantId), 'deadLetters', 'filter: $filter', {
          filter: { channelId: 'good', since },
        })
      ).page?.edges.map((edge) => edge.node.id) ?? [];
    expect((await dead()).sort()).toEqual(['bulk-1', 'bulk-2', 'jobless']);
    const before = robotMessages().length;
    const result = await graphql<{ replayDeadLetters: unknown }>(
      admin(tenantId),
      `mutation($input: ReplayDeadLettersInput!) { replayDeadLetters(input: $input) { replayed moreMatch errors { field code message } } }`,
      { input: { filter: { channelId: 'good', since } } },
    );
    expect(result.data?.replayDeadLetters).toEqual({
      replayed: 2,
      moreMatch: false,
      errors: [
        {
          field: ['filter'],
          code: 'NO_STORED_JOB',
          message: expect.stringMatching(/^delivery jobless has no stored job/),
        },
      ],
    });
    await waitFor('both delivered after the replay', async () => {
      const rows = await Promise.all(['bulk-1', 'bulk-2'].map(ledgerRow));
      return rows.every((row) => row?.status === 'delivered');
    });
    expect(await ledgerRow('bulk-1')).toMatchObject({ attempts: 2, retryFromAttempt: 1, job: null });
    expect(robotMessages().length).toBe(before + 2);
    expect(await dead()).toEqual(['jobless']);
  });
});
