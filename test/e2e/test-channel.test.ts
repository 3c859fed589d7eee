// Issue #3's "Test" button for every channel kind, through the gateway: create the channel with its own
// mutation, register its counterpart in the sandbox, and ask testChannel to send a test message.
import { testInfrastructure, uniqueName } from '@tidings/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSmtpEmulator, startSmtpEmulator } from '../../services/sandbox/src/smtp/index.ts';
import { startTestMesh, type TestMesh } from './mesh.ts';

let mesh: TestMesh;
let smtp: RunningSmtpEmulator;
let admin: string;

beforeAll(async () => {
  expect(testInfrastructure().kafkaBrokers).toBeTruthy();
  mesh = await startTestMesh();
  smtp = await startSmtpEmulator();
  admin = await mesh.token({ userId: 'admin', tenantId: uniqueName('acme'), roles: ['tenant-admin'] });
});

afterAll(async () => {
  await smtp?.stop();
  await mesh?.stop();
});

async function control(path: string, body: unknown): Promise<void> {
  const answer = await fetch(`${mesh.sandbox.url}/_sandbox/${path}`, {
    method: 'PUT',
    body: JSON.stringify(body),
  });
  expect(answer.status, `PUT /_sandbox/${path}`).toBe(200);
}

interface Kind {
  mutation: string;
  inputType: string;
  input: () => Record<string, unknown>;
  setUp: () => Promise<void>;
  target: Record<string, unknown>;
  received: () => Promise<number>;
}

const inbox = async (path: string) => (await fetch(`${mesh.sandbox.url}/_sandbox/${path}`)).json();

const kinds: Record<string, Kind> = {
  'DingTalk group robot': {
    mutation: 'createDingTalkRobotChannel',
    inputType: 'CreateDingTalkRobotChannelInput',
    input: () => ({
      name: 'robot',
      webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=tc-robot',
      signingSecret: 'SECtestChannel1',
    }),
    setUp: async () => mesh.sandbox.sandbox.putRobot('tc-robot', { secret: 'SECtestChannel1', keywords: [] }),
    target: { group: true },
    received: async () =>
      mesh.sandbox.sandbox.dingtalk.messages.filter((m) => m.accessToken === 'tc-robot').length,
  },
  'DingTalk app': {
    mutation: 'createDingTalkAppChannel',
    inputType: 'CreateDingTalkAppChannelInput',
    input: () => ({
      name: 'app',
      clientId: 'tc-ding',
      clientSecret: 'tc-ding-secret',
      agentId: 11,
      robotCode: 'tc-ding',
      mode: 'WORK_NOTIFICATION',
    }),
    setUp: async () => {
      await control('dingtalk-app/apps/tc-ding', {
        clientSecret: 'tc-ding-secret',
        agentId: 11,
        robotCode: 'tc-ding',
      });
      await control('dingtalk-app/people', { mobile: '+8613800000011', userid: 'tc-dt-user' });
    },
    target: { phone: '+8613800000011' },
    received: async () =>
      ((await inbox('dingtalk-app/messages?userid=tc-dt-user')) as { messages: unknown[] }).messages.length,
  },
  'Lark/Feishu custom bot': {
    mutation: 'createLarkBotChannel',
    inputType: 'CreateLarkBotChannelInput',
    input: () => ({
      name: 'bot',
      webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/tc-hook',
      signingSecret: 'tc-lark-sign',
    }),
    setUp: () => control('lark/bots/tc-hook', { secret: 'tc-lark-sign' }),
    target: { group: true },
    received: async () =>
      ((await inbox('lark/messages?hookId=tc-hook')) as { messages: unknown[] }).messages.length,
  },
  'Lark/Feishu app': {
    mutation: 'createLarkAppChannel',
    inputType: 'CreateLarkAppChannelInput',
    input: () => ({ name: 'lark app', host: 'FEISHU', appId: 'cli_tc', appSecret: 'tc-lark-app-secret' }),
    setUp: async () => {
      await control('lark/apps/cli_tc', { appSecret: 'tc-lark-app-secret' });
      await control('lark/people', { openId: 'ou_tc', email: 'tc@example.com' });
    },
    target: { email: 'tc@example.com' },
    received: async () =>
      ((await inbox('lark/messages?openId=ou_tc')) as { messages: unknown[] }).messages.length,
  },
  'WeCom app': {
    mutation: 'createWeComAppChannel',
    inputType: 'CreateWeComAppChannelInput',
    input: () => ({ name: 'wecom app', corpId: 'tc-corp', corpSecret: 'tc-wecom-secret', agentId: 5 }),
    setUp: async () => {
      await control('wecom/apps/tc-corp/5', { corpSecret: 'tc-wecom-secret' });
      await control('wecom/members', { userid: 'tc-wc-user', mobile: '13800000012' });
    },
    target: { phone: '+8613800000012' },
    received: async () =>
      ((await inbox('wecom/messages?userid=tc-wc-user')) as { messages: unknown[] }).messages.length,
  },
  'WeCom group robot': {
    mutation: 'createWeComRobotChannel',
    inputType: 'CreateWeComRobotChannelInput',
    input: () => ({
      name: 'wecom robot',
      webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=tc-key',
    }),
    setUp: () => control('wecom/robots/tc-key', {}),
    target: { group: true },
    received: async () =>
      ((await inbox('wecom/messages?robotKey=tc-key')) as { messages: unknown[] }).messages.length,
  },
  email: {
    mutation: 'createSmtpChannel',
    inputType: 'CreateSmtpChannelInput',
    input: () => ({
      name: 'mail',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'NONE',
      from: 'tidings@example.com',
    }),
    setUp: async () => {},
    target: { email: 'tc@example.com' },
    received: async () => smtp.messages.filter((m) => m.envelope.rcptTo.includes('tc@example.com')).length,
  },
  webhook: {
    mutation: 'createWebhookChannel',
    inputType: 'CreateWebhookChannelInput',
    input: () => ({
      name: 'hook',
      url: `${mesh.sandbox.url}/webhook/receive/tc-endpoint`,
      secret: 'tc-webhook-secret-0123',
    }),
    setUp: () => control('webhook/endpoints/tc-endpoint', { secret: 'tc-webhook-secret-0123' }),
    target: { group: true },
    received: async () =>
      ((await inbox('webhook/deliveries?endpointId=tc-endpoint')) as { deliveries: unknown[] }).deliveries
        .length,
  },
};

describe('testChannel through the gateway', () => {
  it.each(Object.entries(kinds))(
    '%s: creates the channel and delivers a test message',
    async (_name, kind) => {
      await kind.setUp();
      const created = await mesh.graphql<
        Record<string, { channel: { id: string } | null; errors: unknown[] }>
      >(
        admin,
        `mutation ($input: ${kind.inputType}!) { ${kind.mutation}(input: $input) { channel { id } errors { field message } } }`,
        { input: kind.input() },
      );
      expect(created.errors).toBeUndefined();
      const payload = created.data![kind.mutation]!;
      expect(payload.errors).toEqual([]);
      const tested = await mesh.graphql<{
        testChannel: { result: Record<string, unknown> | null; errors: unknown[] };
      }>(
        admin,
        `mutation ($input: TestChannelInput!) {
        testChannel(input: $input) { result { delivered outcome code summary } errors { field message } }
      }`,
        { input: { channelId: payload.channel!.id, target: kind.target } },
      );
      expect(tested.errors).toBeUndefined();
      expect(tested.data!.testChannel).toMatchObject({
        result: { delivered: true, outcome: 'DELIVERED' },
        errors: [],
      });
      expect(await kind.received()).toBe(1);
    },
  );
});
