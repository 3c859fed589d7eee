// No secret ever leaks (issue 6): a full run through the gateway — channels of every kind created with
// credentials, tested, used to deliver an event, one of them failing on a wrong secret — then every place
// a secret could end up is read directly: every table of every service's schema, every Kafka topic of the
// run (state topics, jobs, retries, DLQs, results, identity outcomes), every log line of every service, and
// what the API answers about the channels. No credential may appear in clear anywhere.
import { randomBytes } from 'node:crypto';
import type { Logger } from '@tidings/graphql';
import { createKafka } from '@tidings/kafka';
import { testInfrastructure, uniqueName, waitFor } from '@tidings/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Scenario, startScenario } from '../e2e/scenario.ts';

const secret = (label: string) => `${label}-${randomBytes(9).toString('base64url')}`;
const secrets = {
  robotToken: secret('robot-token'),
  robotSigning: `SEC${randomBytes(16).toString('hex')}`,
  wrongSigning: `SEC${randomBytes(16).toString('hex')}`,
  larkHook: secret('lark-hook'),
  larkSigning: secret('lark-sign'),
  wecomKey: secret('wecom-key'),
  webhookSecret: secret('webhook-secret'),
  webhookBearer: secret('webhook-bearer'),
  dingtalkAppSecret: secret('ding-app-secret'),
  larkAppSecret: secret('lark-app-secret'),
  wecomCorpSecret: secret('wecom-corp-secret'),
};
const project = 'secret-project';

/** Every line any service writes while the test runs: the subgraphs' loggers, and stdout/stderr. */
const captured: string[] = [];
const capturingLogger: Logger = {
  info: (message, fields) => captured.push(JSON.stringify({ message, ...fields })),
  warn: (message, fields) => captured.push(JSON.stringify({ message, ...fields })),
  error: (message, fields) => captured.push(JSON.stringify({ message, ...fields })),
};
const originalWrite = { stdout: process.stdout.write, stderr: process.stderr.write };
function tee(stream: NodeJS.WriteStream, original: typeof process.stdout.write) {
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
  }) as typeof process.stdout.write;
}

let world: Scenario;
const channelIds: Record<string, string> = {};
let eventId = '';

const create = async (mutation: string, inputType: string, input: Record<string, unknown>) => {
  const payload = await world.admin.mutate(
    `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { channel { id } errors { field message code } } }`,
    { input },
  );
  return payload.channel.id as string;
};

beforeAll(async () => {
  tee(process.stdout, originalWrite.stdout);
  tee(process.stderr, originalWrite.stderr);
  world = await startScenario('secrets', { logger: capturingLogger });
  const { sandbox } = world.mesh;
  sandbox.sandbox.putRobot(secrets.robotToken, { secret: secrets.robotSigning, keywords: [] });
  await world.sandbox(`lark/bots/${secrets.larkHook}`, { secret: secrets.larkSigning });
  await world.sandbox(`wecom/robots/${secrets.wecomKey}`, {});
  await world.sandbox('webhook/endpoints/secrets-endpoint', { secret: secrets.webhookSecret });
  await world.sandbox('dingtalk-app/apps/secrets-ding', {
    clientSecret: secrets.dingtalkAppSecret,
    agentId: 21,
    robotCode: 'secrets-ding',
  });
  await world.sandbox('dingtalk-app/people', { mobile: '+8613700000021', userid: 'secrets-dt' });
  await world.sandbox('lark/apps/cli_secrets', { appSecret: secrets.larkAppSecret });
  await world.sandbox('lark/people', { openId: 'ou_secrets', mobile: '+8613700000021' });
  await world.sandbox('wecom/apps/secrets-corp/9', { corpSecret: secrets.wecomCorpSecret });
  await world.sandbox('wecom/members', { userid: 'secrets-wc', mobile: '13700000021' });
  for (const [id, phone] of [
    ['creator', '+8613700000021'],
    ['actor', '+8613700000022'],
  ] as const) {
    await world.admin.mutate(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { field message code } } }`,
      { input: { id, name: id, phone } },
    );
  }
}, 120_000);

afterAll(async () => {
  await world?.stop();
  process.stdout.write = originalWrite.stdout;
  process.stderr.write = originalWrite.stderr;
});

describe('secrets', () => {
  it('are used: channels of every kind created, tested and delivering, one failing on a wrong secret', async () => {
    channelIds.robot = await create('createDingTalkRobotChannel', 'CreateDingTalkRobotChannelInput', {
      name: 'robot',
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${secrets.robotToken}`,
      signingSecret: secrets.robotSigning,
    });
    channelIds.wrong = await create('createDingTalkRobotChannel', 'CreateDingTalkRobotChannelInput', {
      name: 'robot with a wrong secret',
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${secrets.robotToken}`,
      signingSecret: secrets.wrongSigning,
    });
    channelIds.lark = await create('createLarkBotChannel', 'CreateLarkBotChannelInput', {
      name: 'lark bot',
      webhookUrl: `https://open.feishu.cn/open-apis/bot/v2/hook/${secrets.larkHook}`,
      signingSecret: secrets.larkSigning,
    });
    channelIds.wecom = await create('createWeComRobotChannel', 'CreateWeComRobotChannelInput', {
      name: 'wecom robot',
      webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${secrets.wecomKey}`,
    });
    channelIds.webhook = await create('createWebhookChannel', 'CreateWebhookChannelInput', {
      name: 'hook',
      url: `${world.mesh.sandbox.url}/webhook/receive/secrets-endpoint`,
      secret: secrets.webhookSecret,
      bearerToken: secrets.webhookBearer,
    });
    channelIds.dingApp = await create('createDingTalkAppChannel', 'CreateDingTalkAppChannelInput', {
      name: 'ding app',
      clientId: 'secrets-ding',
      clientSecret: secrets.dingtalkAppSecret,
      agentId: 21,
      robotCode: 'secrets-ding',
      mode: 'WORK_NOTIFICATION',
    });
    channelIds.larkApp = await create('createLarkAppChannel', 'CreateLarkAppChannelInput', {
      name: 'lark app',
      host: 'FEISHU',
      appId: 'cli_secrets',
      appSecret: secrets.larkAppSecret,
    });
    channelIds.wecomApp = await create('createWeComAppChannel', 'CreateWeComAppChannelInput', {
      name: 'wecom app',
      corpId: 'secrets-corp',
      corpSecret: secrets.wecomCorpSecret,
      agentId: 9,
    });
    for (const channelId of Object.values(channelIds)) {
      await world.admin.mutate(
        `mutation ($input: ProjectChannelInput!) { connectProjectToChannel(input: $input) { errors { field message code } } }`,
        { input: { projectId: project, channelId } },
      );
    }
    // The test button, good and bad: its answers are shown to people, and logged.
    const tested = await world.admin.call(
      `mutation ($input: TestChannelInput!) { testChannel(input: $input) { result { delivered summary } errors { field message } } }`,
      { input: { channelId: channelIds.wrong, target: { group: true } } },
    );
    expect(tested.testChannel.result.delivered).toBe(false);
    const rule = await world.admin.mutate(
      `mutation ($input: CreateRuleInput!) { createRule(input: $input) { rule { id } errors { field message code } } }`,
      {
        input: {
          name: 'everything, everywhere',
          projectIds: [project],
          eventTypes: ['COMMENT_ADDED'],
          roles: ['CREATOR'],
          channelIds: Object.values(channelIds),
        },
      },
    );
    await world.dispatcherKnows('the rule and its connections', (state) =>
      Boolean(
        state.rule(rule.rule.id) &&
          Object.values(channelIds).every((id) => state.isConnected(world.tenantId, project, id)),
      ),
    );
    eventId = await world.emit({
      eventId: 'secret-comment',
      projectId: project,
      actor: { id: 'actor' },
      ticket: { id: 'T-1', key: 'SEC-1', title: 'Rotate the keys', creator: { id: 'creator' } },
      change: { case: 'commentAdded', value: { commentId: 'c1', body: 'done' } },
    });
    const rows = await world.deliveries(eventId, Object.keys(channelIds).length);
    const byStatus = (status: string) => rows.filter((row) => row.status === status).length;
    expect(byStatus('failed')).toBe(1); // the wrong secret: 310000
    expect(byStatus('delivered')).toBe(Object.keys(channelIds).length - 1);
    // The secrets really were used: the platforms saw the signed, keyed requests.
    expect(
      world.mesh.sandbox.sandbox.dingtalk.messages.some((m) => m.accessToken === secrets.robotToken),
    ).toBe(true);
  }, 120_000);

  it('are not in any table of any service', async () => {
    const db = world.mesh.dispatcher.database()!.db;
    const tables = (await db.execute(
      sql`select table_schema, table_name from information_schema.tables where table_schema in ('identity', 'channels', 'subscriptions', 'dispatcher') and table_type = 'BASE TABLE'`,
    )) as unknown as Array<{ table_schema: string; table_name: string }>;
    expect(tables.length).toBeGreaterThan(8);
    let dump = '';
    for (const table of tables) {
      const rows = (await db.execute(
        sql`select row_to_json(t)::text as row from ${sql.identifier(table.table_schema)}.${sql.identifier(table.table_name)} t`,
      )) as unknown as Array<{ row: string }>;
      dump += rows.map((r) => r.row).join('\n');
    }
    // The scan sees what the run wrote (the channels, the ledger), so finding nothing means something.
    expect(dump).toContain('robot with a wrong secret');
    expect(dump).toContain(eventId);
    for (const [name, value] of Object.entries(secrets)) expect(dump, name).not.toContain(value);
  });

  it('are not on any Kafka topic the run wrote', async () => {
    const kafka = createKafka({
      brokers: testInfrastructure().kafkaBrokers.split(','),
      clientId: 'secrets-scan',
    });
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter(
      // The run's own topics, and the shared ones every service publishes to (state, outcomes, audit).
      (topic) =>
        topic.startsWith(world.mesh.kafkaPrefix) ||
        ['tidings.state.', 'tidings.identity-outcomes', 'tidings.audit'].some((shared) =>
          topic.startsWith(shared),
        ),
    );
    const ends = new Map<string, number>();
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      ends.set(
        topic,
        offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0),
      );
    }
    await admin.disconnect();
    const expected = [...ends.values()].reduce((a, b) => a + b, 0);
    const consumer = kafka.consumer({ groupId: uniqueName('secrets-scan') });
    const values: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.values(message.headers ?? {})
          .map(String)
          .join(' ');
        values.push(`${message.key?.toString() ?? ''} ${message.value?.toString() ?? ''} ${headers}`);
      },
    });
    await waitFor(`every message of ${topics.length} topics read`, () => values.length >= expected, 60_000);
    await consumer.disconnect();
    const dump = values.join('\n');
    // Seen: the channels' state (sealed), the jobs and the results of the run's event.
    expect(dump).toContain('robot with a wrong secret');
    expect(dump).toContain(eventId);
    expect(dump).toContain('tidings:sealed:v1:');
    for (const [name, value] of Object.entries(secrets)) expect(dump, name).not.toContain(value);
  }, 90_000);

  it('are not in any log line, nor in what the API answers', async () => {
    const channels = await world.admin.call(
      `{ channels(first: 100) { edges { node { id name
        dingTalkRobot { webhookUrlMasked signingSecretSet keywords }
        dingTalkApp { clientId clientSecretSet }
        larkBot { webhookUrlMasked signingSecretSet }
        larkApp { appId appSecretSet }
        weComApp { corpId corpSecretSet }
        weComRobot { webhookUrlMasked }
        webhook { urlMasked secretSet bearerTokenSet }
      } } } }`,
    );
    expect(JSON.stringify(channels)).toContain('robot with a wrong secret');
    const logs = captured.join('\n');
    // The logs do cover the run: the dispatcher logged the deliveries of the event.
    expect(logs).toContain(eventId);
    for (const [name, value] of Object.entries(secrets)) {
      expect(logs, name).not.toContain(value);
      expect(JSON.stringify(channels), name).not.toContain(value);
    }
  });
});
