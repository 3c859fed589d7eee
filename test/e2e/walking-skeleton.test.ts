// Issue #2's walking skeleton, end to end: configure everything through the gateway with a GraphQL
// client, produce TicketEvents to real Kafka, and check what the sandbox's DingTalk robot received and
// what the dispatcher's ledger recorded.
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { createTicketEventProducer, type TicketEventInit } from '@tidings/events';
import { createKafka, type Producer } from '@tidings/kafka';
import { readTopic, testInfrastructure, uniqueName, waitFor } from '@tidings/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMesh, type TestMesh } from './mesh.ts';

const tenantId = uniqueName('acme');
const project = uniqueName('ops');
const wrongSecretProject = uniqueName('ops-wrong');

let mesh: TestMesh;
let producer: Producer;
let events: ReturnType<typeof createTicketEventProducer>;
let admin: string;

beforeAll(async () => {
  mesh = await startTestMesh();
  admin = await mesh.token({ userId: 'admin', tenantId, roles: ['tenant-admin'] });
  const kafka = createKafka({
    brokers: testInfrastructure().kafkaBrokers.split(','),
    clientId: 'e2e-producer',
  });
  producer = kafka.producer({ idempotent: true });
  await producer.connect();
  events = createTicketEventProducer({ producer, topic: `${mesh.kafkaPrefix}tidings.ticket-events.v1` });
});

afterAll(async () => {
  await producer?.disconnect();
  await mesh?.stop();
});

async function mutate<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await mesh.graphql<Record<string, T>>(admin, query, variables);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0]!;
}

const CREATE_USER = /* GraphQL */ `
  mutation ($input: CreateUserInput!) {
    createUser(input: $input) { user { id phone } errors { field message code } }
  }`;
const CREATE_ROBOT = /* GraphQL */ `
  mutation ($input: CreateDingTalkRobotChannelInput!) {
    createDingTalkRobotChannel(input: $input) {
      channel { id dingTalkRobot { signingSecretSet webhookUrlMasked } }
      errors { field message code }
    }
  }`;
const CONNECT = /* GraphQL */ `
  mutation ($input: ProjectChannelInput!) {
    connectProjectToChannel(input: $input) { errors { field message code } }
  }`;
const CREATE_RULE = /* GraphQL */ `
  mutation ($input: CreateRuleInput!) {
    createRule(input: $input) { rule { id } errors { field message code } }
  }`;

type Errors = Array<{ field: string[]; message: string; code: string }>;

/** A DingTalk robot in the sandbox, a channel for it, connected to `projectId`, and a comment rule. */
async function robotChannelWithRule(options: { projectId: string; token: string; secret: string }) {
  const channel = await mutate<{
    channel: { id: string; dingTalkRobot: Record<string, unknown> };
    errors: Errors;
  }>(CREATE_ROBOT, {
    input: {
      name: `robot for ${options.projectId}`,
      description: 'the team group',
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${options.token}`,
      signingSecret: options.secret,
    },
  });
  expect(channel.errors).toEqual([]);
  expect(JSON.stringify(channel)).not.toContain(options.secret);
  expect(channel.channel.dingTalkRobot.signingSecretSet).toBe(true);
  const channelId = channel.channel.id;
  expect(
    (await mutate<{ errors: Errors }>(CONNECT, { input: { projectId: options.projectId, channelId } }))
      .errors,
  ).toEqual([]);
  const rule = await mutate<{ rule: { id: string }; errors: Errors }>(CREATE_RULE, {
    input: {
      name: 'comments to creator and assignees',
      projectIds: [options.projectId],
      eventTypes: ['COMMENT_ADDED'],
      roles: ['CREATOR', 'ASSIGNEES'],
      channelIds: [channelId],
    },
  });
  expect(rule.errors).toEqual([]);
  // Configuration reaches the dispatcher through the outbox and the state topics.
  await waitFor('dispatcher knows the rule and the connection', () =>
    Boolean(
      mesh.dispatcher.state.rule(rule.rule.id) &&
        mesh.dispatcher.state.isConnected(tenantId, options.projectId, channelId),
    ),
  );
  return { channelId, ruleId: rule.rule.id };
}

function assigneeComments(eventId: string, projectId: string): TicketEventInit {
  return {
    eventId,
    tenantId,
    projectId,
    occurredAt: timestampNow(),
    actor: { id: 'minh' },
    ticket: {
      id: `ticket-${eventId}`,
      key: 'OPS-12',
      title: 'Disk full on db-1',
      url: 'https://tracker.example/projects/ops/OPS-12',
      status: 'In progress',
      creator: { id: 'lan' },
      assignees: [{ id: 'minh' }],
    },
    change: { case: 'commentAdded', value: { commentId: 'c-1', body: 'Freed 20 GB, watching it.' } },
  };
}

async function ledger(eventId: string) {
  const rows = await mesh.dispatcher
    .database()!
    .db.execute(
      sql`select status, last_code, last_reason, recipient_user_ids, channel_kind, target from dispatcher.deliveries where tenant_id = ${tenantId} and event_id = ${eventId}`,
    );
  return rows as unknown as Array<Record<string, unknown>>;
}

describe('walking skeleton', () => {
  it('notifies the creator, not the commenting assignee, with one signed markdown message', async () => {
    const lan = await mutate<{ user: { phone: string }; errors: Errors }>(CREATE_USER, {
      input: { id: 'lan', name: 'Lan', phone: '+86 138 0000 0001', locale: 'vi' },
    });
    expect(lan).toEqual({ user: { id: 'lan', phone: '+8613800000001' }, errors: [] });
    const minh = await mutate<{ errors: Errors }>(CREATE_USER, {
      input: { id: 'minh', name: 'Minh', phone: '13800000002', phoneRegion: 'CN' },
    });
    expect(minh.errors).toEqual([]);
    await waitFor('dispatcher knows both users', () =>
      Boolean(mesh.dispatcher.state.user(tenantId, 'lan') && mesh.dispatcher.state.user(tenantId, 'minh')),
    );
    mesh.sandbox.sandbox.putRobot('e2e-robot', { secret: 'SECe2eRight0123', keywords: [] });
    await robotChannelWithRule({ projectId: project, token: 'e2e-robot', secret: 'SECe2eRight0123' });

    await events.emit(assigneeComments('evt-comment-1', project));

    await waitFor(
      'delivery recorded',
      async () => (await ledger('evt-comment-1'))[0]?.status === 'delivered',
    );
    const received = mesh.sandbox.sandbox.dingtalk.messages.filter((m) => m.accessToken === 'e2e-robot');
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message!.signed).toBe(true);
    const body = message!.body as {
      msgtype: string;
      markdown: { title: string; text: string };
      at: { atMobiles: string[] };
    };
    expect(body.msgtype).toBe('markdown');
    expect(body.at.atMobiles).toEqual(['13800000001']);
    expect(body.markdown.text).toContain('@13800000001');
    expect(body.markdown.title).toContain('OPS-12');
    expect(body.markdown.text).toContain(
      '[OPS-12 Disk full on db-1](https://tracker.example/projects/ops/OPS-12)',
    );
    expect(body.markdown.text).toContain('**Minh** commented');
    // The assignee wrote the comment: they are neither mentioned nor messaged.
    expect(JSON.stringify(body)).not.toContain('13800000002');
    expect(await ledger('evt-comment-1')).toEqual([
      {
        status: 'delivered',
        last_code: null,
        last_reason: null,
        recipient_user_ids: ['lan'],
        channel_kind: 'dingtalk-robot',
        target: 'group',
      },
    ]);
  });

  it('records a wrong signing secret as a 310000 failure, nothing lost', async () => {
    mesh.sandbox.sandbox.putRobot('e2e-strict-robot', { secret: 'SECtheRealOne42', keywords: [] });
    await robotChannelWithRule({
      projectId: wrongSecretProject,
      token: 'e2e-strict-robot',
      secret: 'SECaWrongOne42',
    });

    await events.emit(assigneeComments('evt-wrong-secret', wrongSecretProject));

    await waitFor('failure recorded', async () => (await ledger('evt-wrong-secret'))[0]?.status === 'failed');
    const [row] = await ledger('evt-wrong-secret');
    expect(row).toMatchObject({ status: 'failed', last_code: '310000', recipient_user_ids: ['lan'] });
    expect(String(row!.last_reason)).toMatch(/sign/i);
    expect(
      mesh.sandbox.sandbox.dingtalk.messages.filter((m) => m.accessToken === 'e2e-strict-robot'),
    ).toEqual([]);
  });

  it('dead-letters an undecodable event with its reason and still delivers the next one', async () => {
    await producer.send({
      topic: `${mesh.kafkaPrefix}tidings.ticket-events.v1`,
      messages: [{ key: project, value: Buffer.from([0x0a, 0xff, 0xff]) }],
    });
    await events.emit(assigneeComments('evt-after-garbage', project));
    await waitFor(
      'next event delivered',
      async () => (await ledger('evt-after-garbage'))[0]?.status === 'delivered',
    );
    const [dead] = await readTopic({
      brokers: testInfrastructure().kafkaBrokers,
      topic: `${mesh.kafkaPrefix}tidings.ticket-events.dlq.v1`,
      until: (read) => read.length >= 1,
      what: 'a dead letter',
    });
    expect(dead!.headers['tidings-dlq-reason']).toMatch(/^cannot decode protobuf TicketEvent/);
  });

  it('answers bad GraphQL input with typed errors naming the field', async () => {
    const badPhone = await mutate<{ user: unknown; errors: Errors }>(CREATE_USER, {
      input: { id: 'nobody', name: 'Nobody', phone: '12' },
    });
    expect(badPhone.user).toBeNull();
    expect(badPhone.errors).toEqual([expect.objectContaining({ field: ['phone'] })]);

    const badUrl = await mutate<{ channel: unknown; errors: Errors }>(CREATE_ROBOT, {
      input: { name: 'not a robot', webhookUrl: 'https://example.com/robot/send?access_token=x' },
    });
    expect(badUrl.channel).toBeNull();
    expect(badUrl.errors).toEqual([expect.objectContaining({ field: ['webhookUrl'] })]);
  });

  it('tests a channel through the gateway: the real outcome in words, typed errors for a bad target', async () => {
    mesh.sandbox.sandbox.putRobot('e2e-test-robot', { secret: 'SECtestButton42', keywords: [] });
    const created = await mutate<{ channel: { id: string }; errors: Errors }>(CREATE_ROBOT, {
      input: {
        name: 'test button',
        webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=e2e-test-robot',
        signingSecret: 'SECtestButton42',
      },
    });
    const TEST = /* GraphQL */ `
      mutation ($input: TestChannelInput!) {
        testChannel(input: $input) {
          result { delivered outcome code summary }
          errors { field message code }
        }
      }`;
    const test = (target: Record<string, unknown>) =>
      mutate<{ result: Record<string, unknown> | null; errors: Errors }>(TEST, {
        input: { channelId: created.channel.id, target },
      });

    const delivered = await test({ phone: '+8613800000001' });
    expect(delivered).toMatchObject({ result: { delivered: true, outcome: 'DELIVERED' }, errors: [] });
    const received = mesh.sandbox.sandbox.dingtalk.messages.filter((m) => m.accessToken === 'e2e-test-robot');
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toMatchObject({ at: { atMobiles: ['13800000001'] } });

    const byEmail = await test({ email: 'lan@example.com' });
    expect(byEmail.result).toBeNull();
    expect(byEmail.errors).toEqual([expect.objectContaining({ field: ['target'] })]);
    expect((await test({ phone: '12345' })).errors).toEqual([
      expect.objectContaining({ field: ['target', 'phone'] }),
    ]);
    expect((await test({ group: true, phone: '+8613800000001' })).errors).toEqual([
      expect.objectContaining({
        field: ['target'],
        message: 'give exactly one of group, phone, email or platformUserId',
      }),
    ]);

    // The robot's secret changes on the DingTalk side: the test says so, in words, with DingTalk's code.
    mesh.sandbox.sandbox.putRobot('e2e-test-robot', { secret: 'SECrotatedAway7', keywords: [] });
    const refused = await test({ group: true });
    expect(refused.result).toMatchObject({ delivered: false, outcome: 'PERMANENT', code: '310000' });
    expect(String(refused.result!.summary)).toMatch(/sign/i);
  });
});
