// The dispatcher on its real path: state and events through real Kafka, the ledger in real Postgres,
// messages to the sandbox's DingTalk robot emulator.
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { createTicketEventProducer, type TicketEventInit } from '@tidings/events';
import { createKafka, type Producer } from '@tidings/kafka';
import { type RunningSandbox, startSandbox } from '@tidings/sandbox';
import {
  type ChannelState,
  stateTopics as defaultStateTopics,
  type ProjectChannelState,
  type RuleState,
  type StateTopicName,
  type UserState,
} from '@tidings/state';
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
import { type RunningSmtpEmulator, startSmtpEmulator } from '../../sandbox/src/smtp/index.ts';
import { createDispatcher, type Dispatcher } from '../src/dispatcher.ts';

const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
const tenantId = uniqueName('tenant');
const prefix = `${uniqueName('dispatcher')}.`;
// Every state topic under this run's prefix, so runs never read each other's state.
const stateTopics = Object.fromEntries(
  Object.keys(defaultStateTopics).map((entity) => [entity, `${prefix}${entity}`]),
) as Record<StateTopicName, string>;
const now = new Date().toISOString();

let sandbox: RunningSandbox;
let smtp: RunningSmtpEmulator;
let database: TestDatabase;
let dispatcher: Dispatcher;
let producer: Producer;
let events: ReturnType<typeof createTicketEventProducer>;

const user = (id: string, phone: string | null, email: string | null = null): UserState => ({
  tenantId,
  id,
  name: id,
  email,
  phone,
  locale: 'en',
  timeZone: 'UTC',
  updatedAt: now,
});
const robot = (id: string, accessToken: string, secret: string | null): ChannelState => ({
  tenantId,
  id,
  name: id,
  enabled: true,
  config: {
    kind: 'dingtalk-robot',
    keywords: [],
    accessToken: sealSecret(keyring, accessToken),
    signingSecret: secret ? sealSecret(keyring, secret) : null,
  },
  updatedAt: now,
});
const channelOf = (id: string, config: ChannelState['config']): ChannelState => ({
  tenantId,
  id,
  name: id,
  enabled: true,
  config,
  updatedAt: now,
});
const link = (projectId: string, channelId: string): ProjectChannelState => ({
  tenantId,
  projectId,
  channelId,
  connectedAt: now,
});
const rule = (id: string, projectId: string, ...channelIds: string[]): RuleState => ({
  tenantId,
  id,
  name: id,
  projectIds: [projectId],
  eventTypes: ['commentAdded'],
  roles: ['creator', 'assignees'],
  userIds: [],
  channelIds,
  serviceIds: [],
  statuses: [],
  steps: [],
  templateId: null,
  mentionAll: false,
  excludeActor: true,
  enabled: true,
  updatedAt: now,
});

function commentEvent(eventId: string, projectId: string, watchers: string[] = []): TicketEventInit {
  return {
    eventId,
    tenantId,
    projectId,
    occurredAt: timestampNow(),
    actor: { id: 'assignee' },
    ticket: {
      id: `ticket-${eventId}`,
      key: 'OPS-12',
      title: 'Disk full on db-1',
      url: 'https://tracker.example/OPS-12',
      creator: { id: 'creator' },
      assignees: [{ id: 'assignee' }],
      watchers: watchers.map((id) => ({ id })),
    },
    change: { case: 'commentAdded', value: { commentId: 'c1', body: 'Freed 20 GB' } },
  };
}

async function publishState(entity: StateTopicName, key: string, value: unknown): Promise<void> {
  await producer.send({ topic: stateTopics[entity], messages: [{ key, value: JSON.stringify(value) }] });
}

async function ledgerRows(eventId: string) {
  const result = await dispatcher
    .database()!
    .db.execute(
      sql`select status, last_code, last_reason, recipient_user_ids, attempts from dispatcher.deliveries where tenant_id = ${tenantId} and event_id = ${eventId}`,
    );
  return result as unknown as Array<Record<string, unknown>>;
}

beforeAll(async () => {
  const { kafkaBrokers } = testInfrastructure();
  sandbox = await startSandbox();
  smtp = await startSmtpEmulator();
  sandbox.sandbox.dingtalk.putRobot('good-token', { secret: 'SECgood', keywords: [] });
  sandbox.sandbox.dingtalk.putRobot('strict-token', { secret: 'SECright', keywords: [] });
  database = await createTestDatabase('dispatcher');
  const kafka = createKafka({ brokers: kafkaBrokers.split(','), clientId: 'dispatcher-test' });
  producer = kafka.producer({ idempotent: true });
  await producer.connect();
  events = createTicketEventProducer({ producer, topic: `${prefix}tidings.ticket-events.v1` });

  dispatcher = createDispatcher({
    kafkaBrokers: kafkaBrokers.split(','),
    database: { url: database.url },
    keyring,
    components: { router: true, senders: ['dingtalk', 'lark', 'wecom', 'smtp', 'webhook'] },
    instanceId: 'test',
    topicPartitions: 2,
    kafkaPrefix: prefix,
    stateTopics,
    identityOutcomesTopic: `${prefix}identity-outcomes`,
    // Real backoff and platform hints, with time shrunk a thousandfold: a 10-minute throttle takes 0.6 s.
    retryPolicy: {
      maxAttempts: 3,
      baseDelaySeconds: 1,
      maxDelaySeconds: 3600,
      maxAgeSeconds: 86_400,
      delayScale: 0.001,
    },
    providers: {
      dingtalk: { baseUrl: `${sandbox.url}/dingtalk/oapi`, apiBaseUrl: `${sandbox.url}/dingtalk/api` },
      lark: { baseUrl: `${sandbox.url}/lark` },
      wecom: { baseUrl: `${sandbox.url}/wecom` },
      timeoutMs: 5_000,
    },
  });
  // State published before the dispatcher starts must be applied before it routes anything.
  await dispatcher.start();
  await publishState('users', `${tenantId}/creator`, user('creator', '+8613800000001', 'lan@example.com'));
  // On Tidings, but in no platform's directory and without an email.
  await publishState('users', `${tenantId}/stranger`, user('stranger', '+8613900000009'));
  await publishState('users', `${tenantId}/assignee`, user('assignee', '+8613800000002'));
  await publishState('channels', 'good', robot('good', 'good-token', 'SECgood'));
  await publishState('channels', 'wrong-secret', robot('wrong-secret', 'strict-token', 'SECwrong'));
  await publishState('projectChannels', `${tenantId}/p-good/good`, link('p-good', 'good'));
  await publishState('projectChannels', `${tenantId}/p-wrong/wrong-secret`, link('p-wrong', 'wrong-secret'));
  await publishState('rules', 'r-good', rule('r-good', 'p-good', 'good'));
  await publishState('rules', 'r-wrong', rule('r-wrong', 'p-wrong', 'wrong-secret'));
  // The same event through a Lark bot, a WeCom robot and a signed webhook.
  const control = (path: string, body: unknown) =>
    fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'PUT', body: JSON.stringify(body) });
  await control('lark/bots/lark-hook', { secret: 'lark-signing-secret' });
  await control('wecom/robots/wecom-key', {});
  await control('webhook/endpoints/ops-endpoint', { secret: 'webhook-secret-0123456789' });
  await publishState(
    'channels',
    'lark',
    channelOf('lark', {
      kind: 'lark-bot',
      host: 'https://open.feishu.cn',
      hookId: sealSecret(keyring, 'lark-hook'),
      signingSecret: sealSecret(keyring, 'lark-signing-secret'),
      keywords: [],
    }),
  );
  await publishState(
    'channels',
    'wecom',
    channelOf('wecom', { kind: 'wecom-robot', key: sealSecret(keyring, 'wecom-key') }),
  );
  await publishState(
    'channels',
    'hook',
    channelOf('hook', {
      kind: 'webhook',
      url: `${sandbox.url}/webhook/receive/ops-endpoint`,
      secret: sealSecret(keyring, 'webhook-secret-0123456789'),
      bearerToken: null,
    }),
  );
  for (const channelId of ['lark', 'wecom', 'hook']) {
    await publishState('projectChannels', `${tenantId}/p-multi/${channelId}`, link('p-multi', channelId));
  }
  await publishState('rules', 'r-multi', rule('r-multi', 'p-multi', 'lark', 'wecom', 'hook'));
  await waitFor('state applied', () => dispatcher.state.rule('r-multi') !== undefined);

  // Per-person kinds: the creator is in each platform's directory, the stranger in none.
  await control('dingtalk-app/apps/ding-app', {
    clientSecret: 'ding-secret',
    agentId: 42,
    robotCode: 'ding-robot',
  });
  await control('dingtalk-app/people', { mobile: '+8613800000001', userid: 'dt-lan' });
  await control('lark/apps/cli_app', { appSecret: 'lark-app-secret' });
  await control('lark/people', { openId: 'ou_lan', mobile: '+8613800000001' });
  await control('wecom/apps/wx-corp/7', { corpSecret: 'wecom-secret' });
  await control('wecom/members', { userid: 'wc-lan', mobile: '13800000001' });
  const personal: Array<[string, ChannelState['config']]> = [
    [
      'ding-app',
      {
        kind: 'dingtalk-app',
        clientId: 'ding-app',
        clientSecret: sealSecret(keyring, 'ding-secret'),
        agentId: 42,
        robotCode: 'ding-robot',
        mode: 'work-notification',
      },
    ],
    [
      'lark-app',
      {
        kind: 'lark-app',
        host: 'https://open.feishu.cn',
        appId: 'cli_app',
        appSecret: sealSecret(keyring, 'lark-app-secret'),
      },
    ],
    [
      'wecom-app',
      {
        kind: 'wecom-app',
        corpId: 'wx-corp',
        corpSecret: sealSecret(keyring, 'wecom-secret'),
        agentId: 7,
        safe: false,
      },
    ],
    [
      'mail',
      {
        kind: 'smtp',
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        user: null,
        password: null,
        from: 'tidings@example.com',
      },
    ],
  ];
  for (const [id, config] of personal) {
    await publishState('channels', id, channelOf(id, config));
    await publishState('projectChannels', `${tenantId}/p-people/${id}`, link('p-people', id));
  }
  await publishState('rules', 'r-people', {
    ...rule('r-people', 'p-people', ...personal.map(([id]) => id)),
    roles: ['creator', 'watchers'],
  });
  await waitFor('state applied', () => dispatcher.state.rule('r-people') !== undefined);
});

afterAll(async () => {
  await dispatcher?.stop();
  await producer?.disconnect();
  await sandbox?.stop();
  await smtp?.stop();
  await database?.drop();
});

describe('dispatcher', () => {
  it('delivers one signed message mentioning the creator, not the actor, and records it', async () => {
    await events.emit(commentEvent('evt-good', 'p-good'));
    await waitFor(
      'ledger row delivered',
      async () => (await ledgerRows('evt-good'))[0]?.status === 'delivered',
    );
    const messages = sandbox.sandbox.dingtalk.messages.filter(
      (m: { accessToken: string }) => m.accessToken === 'good-token',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.signed).toBe(true);
    expect(messages[0]!.body).toMatchObject({ msgtype: 'markdown', at: { atMobiles: ['13800000001'] } });
    expect(JSON.stringify(messages[0]!.body)).not.toContain('13800000002');
    expect(await ledgerRows('evt-good')).toEqual([
      {
        status: 'delivered',
        last_code: null,
        last_reason: null,
        recipient_user_ids: ['creator'],
        attempts: 1,
      },
    ]);
  });

  it('delivers one event through a Lark bot, a WeCom robot and a webhook, one job each', async () => {
    await events.emit(commentEvent('evt-multi', 'p-multi'));
    await waitFor('three deliveries recorded', async () => {
      const rows = await ledgerRows('evt-multi');
      return rows.length === 3 && rows.every((row) => row.status !== 'sending');
    });
    expect((await ledgerRows('evt-multi')).map((row) => row.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);
    const inbox = async (path: string) => (await fetch(`${sandbox.url}/_sandbox/${path}`)).json();
    const lark = (await inbox('lark/messages?hookId=lark-hook')) as {
      messages: Array<{ signed: boolean; msgType: string }>;
    };
    expect(lark.messages).toMatchObject([{ signed: true, msgType: 'interactive' }]);
    const wecom = (await inbox('wecom/messages?robotKey=wecom-key')) as {
      messages: Array<{ body: unknown }>;
    };
    expect(wecom.messages).toHaveLength(1);
    expect(wecom.messages[0]!.body).toMatchObject({
      msgtype: 'text',
      text: { mentioned_mobile_list: ['13800000001'] },
    });
    const hook = (await inbox('webhook/deliveries?endpointId=ops-endpoint')) as {
      deliveries: Array<{ signed: boolean; body: { type: string; recipients: Array<{ id: string }> } }>;
    };
    expect(hook.deliveries).toHaveLength(1);
    expect(hook.deliveries[0]).toMatchObject({
      signed: true,
      body: { type: 'ticket.comment_added', recipients: [{ id: 'creator' }] },
    });
  });

  it('delivers to each person through DingTalk, Lark and WeCom apps and email, with a reason for who was not found', async () => {
    await events.emit(commentEvent('evt-people', 'p-people', ['stranger']));
    await waitFor('eight deliveries recorded', async () => {
      const rows = await ledgerRows('evt-people');
      return rows.length === 8 && rows.every((row) => row.status !== 'sending');
    });
    const rows = await dispatcher
      .database()!
      .db.execute(
        sql`select channel_id, target, status, last_code, last_reason from dispatcher.deliveries where tenant_id = ${tenantId} and event_id = 'evt-people' order by channel_id, target`,
      );
    const byTarget = (rows as unknown as Array<Record<string, string | null>>).map(
      (row) => `${row.channel_id} ${row.target} ${row.status} ${row.last_code ?? ''}`,
    );
    expect(byTarget).toEqual([
      'ding-app user:creator delivered ',
      'ding-app user:stranger failed identity-not-found',
      'lark-app user:creator delivered ',
      'lark-app user:stranger failed identity-not-found',
      'mail user:creator delivered ',
      'mail user:stranger failed no-contact-point',
      'wecom-app user:creator delivered ',
      'wecom-app user:stranger failed identity-not-found',
    ]);
    const reasons = (rows as unknown as Array<Record<string, string | null>>).map((row) => row.last_reason);
    expect(reasons).toContainEqual(
      expect.stringMatching(/^phone \+8613900000009 is not registered in DingTalk for this app/),
    );
    expect(reasons).toContain('stranger has no email address on their Tidings profile');
    const inbox = async (path: string) => (await fetch(`${sandbox.url}/_sandbox/${path}`)).json();
    expect(
      ((await inbox('dingtalk-app/messages?userid=dt-lan')) as { messages: unknown[] }).messages,
    ).toHaveLength(1);
    expect(((await inbox('lark/messages?openId=ou_lan')) as { messages: unknown[] }).messages).toHaveLength(
      1,
    );
    expect(((await inbox('wecom/messages?userid=wc-lan')) as { messages: unknown[] }).messages).toHaveLength(
      1,
    );
    expect(smtp.messages.map((m) => [m.to, m.subject])).toEqual([
      [['lan@example.com'], '[OPS-12] Disk full on db-1'],
    ]);
  });

  it('survives an app token that expires mid-run: one refresh, nothing lost', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) });
    const tokenFetches = async () =>
      (
        (await (await fetch(`${sandbox.url}/_sandbox/wecom/token-fetches`)).json()) as {
          tokenFetches: Array<{ corpId: string | null; errcode: number }>;
        }
      ).tokenFetches.filter((f) => f.corpId === 'wx-corp' && f.errcode === 0).length;
    const before = await tokenFetches();
    expect(before).toBe(1);
    // WeCom may expire a token early; the next send is answered 42001.
    await post('wecom/apps/wx-corp/7/expire-tokens', { errcode: 42001 });
    await events.emit(commentEvent('evt-after-expiry', 'p-people'));
    await waitFor('all four deliveries recorded', async () => {
      const rows = await ledgerRows('evt-after-expiry');
      return rows.length === 4 && rows.every((row) => row.status !== 'sending');
    });
    expect((await ledgerRows('evt-after-expiry')).map((row) => row.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
      'delivered',
    ]);
    expect(await tokenFetches()).toBe(before + 1);
  });

  it('sends a duplicate event only once', async () => {
    await events.emit(commentEvent('evt-twice', 'p-good'));
    await events.emit(commentEvent('evt-twice', 'p-good'));
    await events.emit(commentEvent('evt-after', 'p-good'));
    await waitFor(
      'later event delivered',
      async () => (await ledgerRows('evt-after'))[0]?.status === 'delivered',
    );
    const bodies = sandbox.sandbox.dingtalk.messages.filter(
      (m: { accessToken: string }) => m.accessToken === 'good-token',
    );
    expect(bodies).toHaveLength(3);
    expect(await ledgerRows('evt-twice')).toHaveLength(1);
  });

  it('records a wrong signing secret as a 310000 failure, nothing lost', async () => {
    await events.emit(commentEvent('evt-wrong', 'p-wrong'));
    await waitFor('ledger row failed', async () => (await ledgerRows('evt-wrong'))[0]?.status === 'failed');
    const [row] = await ledgerRows('evt-wrong');
    expect(row).toMatchObject({ status: 'failed', last_code: '310000' });
    expect(String(row!.last_reason)).toMatch(/sign/i);
    expect(
      sandbox.sandbox.dingtalk.messages.filter(
        (m: { accessToken: string }) => m.accessToken === 'strict-token',
      ),
    ).toHaveLength(0);
  });

  it('dead-letters an undecodable event with the reason and still delivers the next one', async () => {
    await producer.send({
      topic: `${prefix}tidings.ticket-events.v1`,
      messages: [
        { key: 'p-good', value: Buffer.from('definitely not protobuf'), headers: { source: 'test' } },
      ],
    });
    await events.emit(commentEvent('evt-after-garbage', 'p-good'));
    await waitFor(
      'event after garbage delivered',
      async () => (await ledgerRows('evt-after-garbage'))[0]?.status === 'delivered',
    );
    const dead = await readTopic({
      brokers: testInfrastructure().kafkaBrokers,
      topic: `${prefix}tidings.ticket-events.dlq.v1`,
      until: (read) => read.length >= 1,
      what: 'a dead letter',
    });
    expect(dead[0]!.value).toBe('definitely not protobuf');
    expect(dead[0]!.headers['tidings-dlq-reason']).toMatch(/cannot decode protobuf TicketEvent/);
    expect(dead[0]!.headers.source).toBe('test');
  });

  it('sends a throttled message later instead of dropping it', async () => {
    // DingTalk throttles the robot once (410100: retry after 10 minutes).
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ accessToken: 'good-token', count: 1, errcode: 410100 }),
    });
    await events.emit(commentEvent('evt-throttled', 'p-good'));
    await waitFor(
      'delivered on the second attempt',
      async () => (await ledgerRows('evt-throttled'))[0]?.status === 'delivered',
    );
    expect((await ledgerRows('evt-throttled'))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    const attempts = await dispatcher
      .database()!
      .db.execute(
        sql`select a.attempt, a.outcome, a.code from dispatcher.delivery_attempts a join dispatcher.deliveries d on d.id = a.delivery_id where d.tenant_id = ${tenantId} and d.event_id = 'evt-throttled' order by a.attempt`,
      );
    expect(attempts as unknown as unknown[]).toEqual([
      { attempt: 1, outcome: 'retry', code: '410100' },
      { attempt: 2, outcome: 'delivered', code: null },
    ]);
  });

  it('gives up after the retry budget: the delivery is dead and its job is in the DLQ with the reason', async () => {
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ accessToken: 'good-token', count: 3, errcode: -1 }),
    });
    await events.emit(commentEvent('evt-dead', 'p-good'));
    await waitFor(
      'dead after three attempts',
      async () => (await ledgerRows('evt-dead'))[0]?.status === 'dead',
    );
    expect((await ledgerRows('evt-dead'))[0]).toMatchObject({ status: 'dead', attempts: 3, last_code: '-1' });
    const dead = await readTopic({
      brokers: testInfrastructure().kafkaBrokers,
      topic: `${prefix}tidings.dlq.dingtalk.v1`,
      until: (read) => read.length >= 1,
      what: 'a dead letter',
    });
    expect(JSON.parse(dead[0]!.value ?? 'null')).toMatchObject({ eventId: 'evt-dead', channelId: 'good' });
    expect(dead[0]!.headers['tidings-dlq-reason']).toMatch(/^retry budget of 3 attempts spent; last: -1: /);
  });
});
