// Routing for the whole domain and the deliveries subgraph, on the real path: state and events through
// real Kafka, jobs read back from the vendors' delivery topics (no senders run), explainEvent over HTTP
// with gateway-signed claims.
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { type Claims, DEVELOPMENT_CLAIMS_SECRET, forwardedClaimsHeaders } from '@tidings/auth';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { createTicketEventProducer } from '@tidings/events';
import { createKafka, kafkaNames, type Producer } from '@tidings/kafka';
import {
  type ChannelState,
  stateTopics as defaultStateTopics,
  type RuleState,
  type StateTopicName,
} from '@tidings/state';
import {
  createTestDatabase,
  readTopic,
  type TestDatabase,
  testInfrastructure,
  uniqueName,
} from '@tidings/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../src/dispatcher.ts';
import type { DeliveryJob } from '../src/jobs.ts';

const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
const tenantId = uniqueName('tenant');
const otherTenantId = uniqueName('other-tenant');
const prefix = `${uniqueName('routing')}.`;
const names = kafkaNames(prefix);
const stateTopics = Object.fromEntries(
  Object.keys(defaultStateTopics).map((entity) => [entity, `${prefix}${entity}`]),
) as Record<StateTopicName, string>;
const now = new Date().toISOString();
const brokers = () => testInfrastructure().kafkaBrokers.split(',');

let database: TestDatabase;
let dispatcher: Dispatcher;
let producer: Producer;
let graphqlUrl: string;

const robot = (id: string, kind: 'dingtalk-robot' | 'wecom-robot' = 'dingtalk-robot'): ChannelState => ({
  tenantId,
  id,
  name: id,
  enabled: true,
  config:
    kind === 'dingtalk-robot'
      ? { kind, keywords: [], accessToken: sealSecret(keyring, `tok-${id}`), signingSecret: null }
      : { kind, key: sealSecret(keyring, `key-${id}`) },
  updatedAt: now,
});
const person = (id: string, phone: string | null) => ({
  tenantId,
  id,
  name: id,
  email: null,
  phone,
  locale: 'en',
  timeZone: 'UTC',
  updatedAt: now,
});
const rule: RuleState = {
  tenantId,
  id: 'r-comments',
  name: 'comments',
  projectIds: ['p1'],
  eventTypes: ['commentAdded'],
  roles: ['creator', 'assignees', 'watchers'],
  userIds: ['muter', 'quiet'],
  channelIds: ['group', 'wecom'],
  serviceIds: ['on-call'],
  statuses: [],
  steps: [],
  templateId: 'tpl-1',
  mentionAll: true,
  excludeActor: true,
  enabled: true,
  updatedAt: now,
};

/** One message on every state topic, published before the dispatcher starts. */
const initialState: Array<[StateTopicName, string, unknown]> = [
  ['users', `${tenantId}/creator`, person('creator', '+8613800000001')],
  ['users', `${tenantId}/oncall`, person('oncall', null)],
  ['users', `${tenantId}/muter`, person('muter', '+8613800000003')],
  ['users', `${tenantId}/fan`, person('fan', '+8613800000004')],
  [
    'identities',
    `${tenantId}/creator/dingtalk`,
    {
      tenantId,
      userId: 'creator',
      platform: 'dingtalk',
      platformUserId: 'dt-1',
      source: 'import',
      updatedAt: now,
    },
  ],
  [
    'preferences',
    `${tenantId}/muter`,
    {
      tenantId,
      userId: 'muter',
      mutedProjectIds: [],
      mutedEventTypes: [],
      mutedChannelIds: ['group'],
      updatedAt: now,
    },
  ],
  [
    'preferences',
    `${tenantId}/quiet`,
    {
      tenantId,
      userId: 'quiet',
      mutedProjectIds: ['p1'],
      mutedEventTypes: [],
      mutedChannelIds: [],
      updatedAt: now,
    },
  ],
  ['channels', 'group', robot('group')],
  ['channels', 'svc-robot', robot('svc-robot')],
  ['channels', 'wecom', robot('wecom', 'wecom-robot')],
  // Connected to every project: reaches p1 without a link of its own.
  [
    'projectChannels',
    `${tenantId}/*/group`,
    { tenantId, projectId: '*', channelId: 'group', connectedAt: now },
  ],
  [
    'projectChannels',
    `${tenantId}/p1/svc-robot`,
    { tenantId, projectId: 'p1', channelId: 'svc-robot', connectedAt: now },
  ],
  [
    'projectChannels',
    `${tenantId}/p1/wecom`,
    { tenantId, projectId: 'p1', channelId: 'wecom', connectedAt: now },
  ],
  [
    'channelKinds',
    `${tenantId}/wecom-robot`,
    { tenantId, kind: 'wecom-robot', enabled: false, updatedAt: now },
  ],
  [
    'notificationServices',
    'on-call',
    {
      tenantId,
      id: 'on-call',
      name: 'On call',
      description: '',
      channelIds: ['svc-robot'],
      memberUserIds: ['oncall'],
      enabled: true,
      updatedAt: now,
    },
  ],
  ['rules', rule.id, rule],
  // A per-person channel for project p2: who can be reached is the identity directory's answer.
  [
    'channels',
    'ding-app',
    {
      tenantId,
      id: 'ding-app',
      name: 'DingTalk app',
      enabled: true,
      config: {
        kind: 'dingtalk-app',
        clientId: 'ding-app',
        clientSecret: sealSecret(keyring, 'ding-secret'),
        agentId: 42,
        robotCode: 'ding-robot',
        mode: 'work-notification',
      },
      updatedAt: now,
    },
  ],
  [
    'projectChannels',
    `${tenantId}/p2/ding-app`,
    { tenantId, projectId: 'p2', channelId: 'ding-app', connectedAt: now },
  ],
  [
    'rules',
    'r-app',
    {
      ...rule,
      id: 'r-app',
      projectIds: ['p2'],
      roles: [],
      userIds: ['creator', 'oncall'],
      channelIds: ['ding-app'],
      serviceIds: [],
    },
  ],
  [
    'watches',
    `${tenantId}/fan/project/p1`,
    { tenantId, userId: 'fan', targetKind: 'project', targetId: 'p1', following: true, updatedAt: now },
  ],
  [
    'watches',
    `${tenantId}/watcher/ticket/tk-1`,
    { tenantId, userId: 'watcher', targetKind: 'ticket', targetId: 'tk-1', following: false, updatedAt: now },
  ],
  [
    'templates',
    'tpl-1',
    {
      tenantId,
      id: 'tpl-1',
      name: 'ops',
      eventType: null,
      format: 'markdown',
      locale: 'en',
      title: 'Ticket',
      body: 'b',
      updatedAt: now,
    },
  ],
  [
    'tenantSettings',
    tenantId,
    {
      tenantId,
      ticketUrlPrefix: 'https://tracker.example',
      defaultLocale: 'en',
      defaultTimeZone: 'UTC',
      updatedAt: now,
    },
  ],
];

async function publishState(entity: StateTopicName, key: string, value: unknown): Promise<void> {
  await producer.send({ topic: stateTopics[entity], messages: [{ key, value: JSON.stringify(value) }] });
}

async function explain(claims: Claims, event: unknown) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...forwardedClaimsHeaders(claims, DEVELOPMENT_CLAIMS_SECRET, 'deliveries'),
    },
    body: JSON.stringify({
      query: `query($event: SampleEventInput!) { explainEvent(event: $event) {
        eventType
        rules { rule { id } matched reason detail }
        notifications { channel { id } audience user { id } platformUserId mentioned { id } mentionAll rules { id } }
        skippedPeople { userId user { id } channel { id } reason detail }
        skippedChannels { channelId channel { id } rule { id } reason detail }
      } }`,
      variables: { event },
    }),
  });
  return (await response.json()) as {
    data?: { explainEvent: Record<string, unknown> & { [key: string]: unknown } } | null;
    errors?: Array<{ message: string; extensions: { code: string; argument?: string } }>;
  };
}

const sample = {
  eventType: 'COMMENT_ADDED',
  projectId: 'p1',
  actorId: 'actor',
  commentBody: 'Freed 20 GB',
  ticket: {
    id: 'tk-1',
    title: 'Disk full on db-1',
    creatorId: 'creator',
    assigneeIds: ['actor'],
    watcherIds: ['watcher'],
  },
};
const admin: Claims = { userId: 'boss', tenantId, roles: ['tenant-admin'], ownedProjectIds: [] };

beforeAll(async () => {
  database = await createTestDatabase('dispatcher');
  const kafka = createKafka({ brokers: brokers(), clientId: 'routing-test' });
  producer = kafka.producer({ idempotent: true });
  await producer.connect();
  dispatcher = createDispatcher({
    kafkaBrokers: brokers(),
    database: { url: database.url },
    keyring,
    components: { router: true, senders: [] },
    instanceId: 'routing-test',
    topicPartitions: 1,
    kafkaPrefix: prefix,
    stateTopics,
    identityOutcomesTopic: `${prefix}identity-outcomes`,
    providers: {
      dingtalk: { baseUrl: 'http://127.0.0.1:9' },
      lark: {},
      wecom: { baseUrl: 'http://127.0.0.1:9' },
      timeoutMs: 1000,
    },
    graphql: { host: '127.0.0.1', port: 0, claimsSecret: DEVELOPMENT_CLAIMS_SECRET },
  });
  // The topics must exist to publish before the dispatcher's first start; it creates them as it starts.
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: Object.values(stateTopics).map((topic) => ({
      topic,
      numPartitions: 1,
      configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
    })),
  });
  await admin.disconnect();
  for (const [entity, key, value] of initialState) await publishState(entity, key, value);
  graphqlUrl = (await dispatcher.start()).graphqlUrl!;
}, 120_000);

afterAll(async () => {
  await dispatcher?.stop();
  await producer?.disconnect();
  await database?.drop();
});

describe('state materialiser', () => {
  it('has applied every state topic before start() resolves', () => {
    const state = dispatcher.state;
    const counts = state.counts();
    for (const entity of Object.keys(counts))
      expect([entity, counts[entity as keyof typeof counts]]).not.toEqual([entity, 0]);
    expect(state.identity(tenantId, 'creator', 'dingtalk')?.platformUserId).toBe('dt-1');
    expect(state.preferences(tenantId, 'muter')?.mutedChannelIds).toEqual(['group']);
    expect(state.channelKindEnabled(tenantId, 'wecom-robot')).toBe(false);
    expect(state.notificationService('on-call')?.memberUserIds).toEqual(['oncall']);
    expect(state.isConnected(tenantId, 'p-anything', 'group')).toBe(true);
    expect(
      state
        .watchesFor(tenantId, 'tk-1', 'p1')
        .map((w) => w.userId)
        .sort(),
    ).toEqual(['fan', 'watcher']);
    expect(state.tenantTemplates(tenantId).map((t) => t.id)).toEqual(['tpl-1']);
    expect(state.tenantSettings(tenantId)?.ticketUrlPrefix).toBe('https://tracker.example');
  });
});

describe('router', () => {
  it('honours mutes, follows and unfollows, services, the kind switch and all-project links', async () => {
    const events = createTicketEventProducer({ producer, topic: names.ticketEvents });
    const eventId = uniqueName('evt');
    await events.emit({
      eventId,
      tenantId,
      projectId: 'p1',
      occurredAt: timestampNow(),
      actor: { id: 'actor' },
      ticket: {
        id: 'tk-1',
        title: 'Disk full on db-1',
        creator: { id: 'creator' },
        assignees: [{ id: 'actor' }],
        watchers: [{ id: 'watcher' }],
      },
      change: { case: 'commentAdded', value: { commentId: 'c1', body: 'Freed 20 GB' } },
    });
    const messages = await readTopic({
      brokers: brokers(),
      topic: names.deliveries('dingtalk'),
      what: 'two DingTalk jobs',
      until: (seen) => seen.filter((m) => m.value?.includes(eventId)).length >= 2,
    });
    const jobs = messages
      .map((m) => JSON.parse(m.value!) as DeliveryJob)
      .filter((job) => job.eventId === eventId)
      .sort((a, b) => a.channelId.localeCompare(b.channelId));
    expect(
      jobs.map((job) => [job.channelId, [...job.recipientUserIds].sort(), job.templateId, job.mentionAll]),
    ).toEqual([
      // muter muted this channel; quiet muted the project; watcher unfollowed the ticket; fan follows p1.
      ['group', ['creator', 'fan', 'oncall'], 'tpl-1', true],
      ['svc-robot', ['creator', 'fan', 'muter', 'oncall'], 'tpl-1', true],
    ]);
    // The WeCom robot kind is switched off: the same transaction wrote nothing to WeCom's topic.
    const kafkaAdmin = createKafka({ brokers: brokers(), clientId: 'routing-test-admin' }).admin();
    await kafkaAdmin.connect();
    const offsets = await kafkaAdmin.fetchTopicOffsets(names.deliveries('wecom'));
    await kafkaAdmin.disconnect();
    expect(offsets.map((o) => o.high)).toEqual(['0']);
  });
});

describe('deliveries subgraph', () => {
  it('explains the same decision to a tenant admin', async () => {
    const { data, errors } = await explain(admin, sample);
    expect(errors).toBeUndefined();
    const explanation = data!.explainEvent as {
      eventType: string;
      rules: unknown[];
      notifications: Array<{
        channel: { id: string };
        audience: string;
        mentioned: Array<{ id: string }>;
        mentionAll: boolean;
      }>;
      skippedPeople: Array<{
        userId: string;
        user: { id: string } | null;
        channel: { id: string } | null;
        reason: string;
      }>;
      skippedChannels: Array<{ channelId: string; reason: string; rule: { id: string } }>;
    };
    expect(explanation.eventType).toBe('commentAdded');
    expect(explanation.rules).toEqual([
      { rule: { id: 'r-comments' }, matched: true, reason: null, detail: null },
    ]);
    expect(
      explanation.notifications.map((n) => [
        n.channel.id,
        n.audience,
        n.mentioned.map((u) => u.id).sort(),
        n.mentionAll,
      ]),
    ).toEqual([
      ['group', 'GROUP', ['creator', 'fan'], true],
      ['svc-robot', 'GROUP', ['creator', 'fan', 'muter'], true],
    ]);
    expect(explanation.skippedChannels).toEqual([
      expect.objectContaining({ channelId: 'wecom', reason: 'KIND_DISABLED', rule: { id: 'r-comments' } }),
    ]);
    expect(
      explanation.skippedPeople.map((p) => [p.userId, p.user?.id ?? null, p.channel?.id ?? null, p.reason]),
    ).toEqual(
      expect.arrayContaining([
        ['oncall', 'oncall', 'group', 'NO_CONTACT_POINT'],
        ['oncall', 'oncall', 'svc-robot', 'NO_CONTACT_POINT'],
        ['watcher', null, null, 'UNFOLLOWED'],
        ['actor', null, null, 'IS_ACTOR'],
        ['quiet', null, null, 'MUTED_PROJECT'],
        ['muter', 'muter', 'group', 'MUTED_CHANNEL'],
      ]),
    );
    expect(explanation.skippedPeople).toHaveLength(6);
  });

  it('asks the identity directory about each person on a per-person channel and publishes what it learnt', async () => {
    const { data, errors } = await explain(admin, { ...sample, projectId: 'p2' });
    expect(errors).toBeUndefined();
    const explanation = data!.explainEvent as {
      notifications: Array<{
        channel: { id: string };
        audience: string;
        user: { id: string };
        platformUserId: string;
      }>;
      skippedPeople: Array<{
        userId: string;
        channel: { id: string } | null;
        reason: string;
        detail: string;
      }>;
    };
    // The creator's DingTalk id was imported; oncall has no phone to be looked up by.
    expect(explanation.notifications).toEqual([
      {
        channel: { id: 'ding-app' },
        audience: 'PERSON',
        user: { id: 'creator' },
        platformUserId: 'dt-1',
        mentioned: [],
        mentionAll: false,
        rules: [{ id: 'r-app' }],
      },
    ]);
    expect(explanation.skippedPeople).toEqual([
      {
        userId: 'oncall',
        user: { id: 'oncall' },
        channel: { id: 'ding-app' },
        reason: 'NO_CONTACT_POINT',
        detail: expect.stringContaining('oncall'),
      },
      // The ticket's other people have no Tidings profile in this test.
      {
        userId: 'actor',
        user: null,
        channel: null,
        reason: 'UNKNOWN_USER',
        detail: 'actor has no Tidings profile',
      },
      {
        userId: 'watcher',
        user: null,
        channel: null,
        reason: 'UNKNOWN_USER',
        detail: 'watcher has no Tidings profile',
      },
    ]);
    const outcomes = await readTopic({
      brokers: brokers(),
      topic: `${prefix}identity-outcomes`,
      what: 'both outcomes',
      until: (seen) => seen.length >= 2,
    });
    expect(
      outcomes
        .map((m) => [m.key, (JSON.parse(m.value!) as { status: string }).status])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual([
      [`${tenantId}/creator/ding-app`, 'linked'],
      [`${tenantId}/oncall/ding-app`, 'no-contact-point'],
    ]);
  });

  it("shows another tenant's admin nothing of this tenant", async () => {
    const { data, errors } = await explain({ ...admin, tenantId: otherTenantId }, sample);
    expect(errors).toBeUndefined();
    expect(data!.explainEvent).toMatchObject({ rules: [], notifications: [], skippedChannels: [] });
  });

  it('lets project owners explain their own projects only', async () => {
    const owner: Claims = { userId: 'lan', tenantId, roles: [], ownedProjectIds: ['p1'] };
    expect((await explain(owner, sample)).errors).toBeUndefined();
    const stranger = await explain({ ...owner, ownedProjectIds: ['p2'] }, sample);
    expect(stranger.data).toBeNull();
    expect(stranger.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('refuses a sample with problems, naming the field', async () => {
    const { errors } = await explain(admin, { ...sample, customType: 'pipeline.failed' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errors?.[0]?.extensions.argument).toBe('event.customType');
  });
});
