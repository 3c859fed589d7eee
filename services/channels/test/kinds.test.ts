import type { Claims } from '@tidings/auth';
import { DEVELOPMENT_KEYRING_TEXT, isSealed, openSecret, parseKeyring } from '@tidings/crypto';
import { type DatabaseHandle, openDatabase } from '@tidings/db';
import type { SubgraphService } from '@tidings/graphql';
import { readStateMessages, silentLogger, subgraphClient } from '@tidings/graphql/testing';
import {
  channelStateSchema,
  dingTalkAppConfigSchema,
  larkAppConfigSchema,
  larkBotConfigSchema,
  smtpConfigSchema,
  stateTopics,
  webhookConfigSchema,
  weComAppConfigSchema,
  weComRobotConfigSchema,
} from '@tidings/state';
import { createTestDatabase, type TestDatabase, testInfrastructure, uniqueName } from '@tidings/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelsService } from '../src/service.ts';

/** Every kind besides the DingTalk robot (test/channels.test.ts), end to end through GraphQL, Postgres and Kafka. */

const SECRET = 'channels-kinds-test-claims-secret-0123456789';
const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
const brokers = testInfrastructure().kafkaBrokers.split(',');

const tenant = uniqueName('tenant-kinds');
const admin: Claims = { userId: 'admin', tenantId: tenant, roles: ['tenant-admin'], ownedProjectIds: [] };
const owner: Claims = { userId: 'owner', tenantId: tenant, roles: [], ownedProjectIds: ['proj-1'] };

/** A fresh credential per run, so finding it anywhere can only mean this run leaked it. */
const fresh = (prefix: string) => `${prefix}${uniqueName('x').replace(/[^a-z0-9]/g, '')}0123456789abcdef`;
const tail = (credential: string) => credential.slice(-4);

const DINGTALK_APP_SECRET = fresh('dtsecret');
const LARK_HOOK_ID = fresh('larkhook');
const LARK_SIGNING_SECRET = fresh('larksign');
const LARK_APP_SECRET = fresh('larkapp');
const WECOM_SECRET = fresh('wecomsecret');
const WECOM_KEY = fresh('wecomkey');
const SMTP_PASSWORD = fresh('smtppass');
const WEBHOOK_SECRET = fresh('hooksecret');
const WEBHOOK_BEARER = fresh('hookbearer');

interface KindCase {
  title: string;
  mutation: string;
  inputType: string;
  kind: string;
  field: string;
  selection: string;
  input: Record<string, unknown>;
  settings: Record<string, unknown>;
  /** The plain credentials and where each one sits, sealed, in the stored config. */
  secrets: Record<string, string>;
  parseConfig: (config: unknown) => Record<string, unknown>;
  /** A config with a plain credential, which the database must refuse. */
  plain: { kind: string; config: Record<string, unknown>; constraint: string };
  bad: { input: Record<string, unknown>; fields: string[][] };
}

const cases: KindCase[] = [
  {
    title: 'DingTalk app',
    mutation: 'createDingTalkAppChannel',
    inputType: 'CreateDingTalkAppChannelInput',
    kind: 'DINGTALK_APP',
    field: 'dingTalkApp',
    selection: 'clientId clientSecretSet agentId robotCode mode',
    input: { clientId: 'dingappkey01', clientSecret: DINGTALK_APP_SECRET, agentId: 3021, mode: 'ROBOT_OTO' },
    settings: {
      clientId: 'dingappkey01',
      clientSecretSet: true,
      agentId: 3021,
      robotCode: 'dingappkey01',
      mode: 'ROBOT_OTO',
    },
    secrets: { clientSecret: DINGTALK_APP_SECRET },
    parseConfig: (config) => dingTalkAppConfigSchema.parse(config),
    plain: {
      kind: 'dingtalk-app',
      config: { clientId: 'x', clientSecret: 'plain', agentId: 1, robotCode: 'x', mode: 'robot-oto' },
      constraint: 'channels_dingtalk_app_credentials_sealed',
    },
    bad: {
      input: { name: ' ', clientId: '', clientSecret: 'has space', agentId: 0, mode: 'WORK_NOTIFICATION' },
      fields: [['name'], ['clientId'], ['clientSecret'], ['agentId']],
    },
  },
  {
    title: 'Lark bot',
    mutation: 'createLarkBotChannel',
    inputType: 'CreateLarkBotChannelInput',
    kind: 'LARK_BOT',
    field: 'larkBot',
    selection: 'host webhookUrlMasked signingSecretSet keywords',
    input: {
      webhookUrl: `https://open.larksuite.com/open-apis/bot/v2/hook/${LARK_HOOK_ID}`,
      signingSecret: LARK_SIGNING_SECRET,
      keywords: ['alert', ' alert '],
    },
    settings: {
      host: 'https://open.larksuite.com',
      webhookUrlMasked: `https://open.larksuite.com/open-apis/bot/v2/hook/********${tail(LARK_HOOK_ID)}`,
      signingSecretSet: true,
      keywords: ['alert'],
    },
    secrets: { hookId: LARK_HOOK_ID, signingSecret: LARK_SIGNING_SECRET },
    parseConfig: (config) => larkBotConfigSchema.parse(config),
    plain: {
      kind: 'lark-bot',
      config: { host: 'https://open.feishu.cn', hookId: 'plain', signingSecret: null, keywords: [] },
      constraint: 'channels_lark_bot_credentials_sealed',
    },
    bad: {
      input: {
        webhookUrl: `https://evil.example.com/open-apis/bot/v2/hook/${LARK_HOOK_ID}`,
        signingSecret: 'has space',
        keywords: Array.from({ length: 11 }, (_, i) => `k${i}`),
      },
      fields: [['webhookUrl'], ['signingSecret'], ['keywords']],
    },
  },
  {
    title: 'Lark app',
    mutation: 'createLarkAppChannel',
    inputType: 'CreateLarkAppChannelInput',
    kind: 'LARK_APP',
    field: 'larkApp',
    selection: 'host appId appSecretSet',
    input: { host: 'FEISHU', appId: 'cli_a1b2c3d4', appSecret: LARK_APP_SECRET },
    settings: { host: 'https://open.feishu.cn', appId: 'cli_a1b2c3d4', appSecretSet: true },
    secrets: { appSecret: LARK_APP_SECRET },
    parseConfig: (config) => larkAppConfigSchema.parse(config),
    plain: {
      kind: 'lark-app',
      config: { host: 'https://open.feishu.cn', appId: 'cli_x', appSecret: 'plain' },
      constraint: 'channels_lark_app_credentials_sealed',
    },
    bad: { input: { host: 'LARK', appId: ' ', appSecret: '' }, fields: [['appId'], ['appSecret']] },
  },
  {
    title: 'WeCom app',
    mutation: 'createWeComAppChannel',
    inputType: 'CreateWeComAppChannelInput',
    kind: 'WECOM_APP',
    field: 'weComApp',
    selection: 'corpId corpSecretSet agentId safe',
    input: { corpId: 'ww0123456789abcdef', corpSecret: WECOM_SECRET, agentId: 1000002 },
    settings: { corpId: 'ww0123456789abcdef', corpSecretSet: true, agentId: 1000002, safe: false },
    secrets: { corpSecret: WECOM_SECRET },
    parseConfig: (config) => weComAppConfigSchema.parse(config),
    plain: {
      kind: 'wecom-app',
      config: { corpId: 'ww1', corpSecret: 'plain', agentId: 1, safe: false },
      constraint: 'channels_wecom_app_credentials_sealed',
    },
    bad: {
      input: { corpId: 'ww 1', corpSecret: '', agentId: -5, safe: true },
      fields: [['corpId'], ['corpSecret'], ['agentId']],
    },
  },
  {
    title: 'WeCom robot',
    mutation: 'createWeComRobotChannel',
    inputType: 'CreateWeComRobotChannelInput',
    kind: 'WECOM_ROBOT',
    field: 'weComRobot',
    selection: 'webhookUrlMasked',
    input: { webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}` },
    settings: {
      webhookUrlMasked: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=********${tail(WECOM_KEY)}`,
    },
    secrets: { key: WECOM_KEY },
    parseConfig: (config) => weComRobotConfigSchema.parse(config),
    plain: {
      kind: 'wecom-robot',
      config: { key: 'plain' },
      constraint: 'channels_wecom_robot_credentials_sealed',
    },
    bad: {
      input: { webhookUrl: `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}` },
      fields: [['webhookUrl']],
    },
  },
  {
    title: 'SMTP',
    mutation: 'createSmtpChannel',
    inputType: 'CreateSmtpChannelInput',
    kind: 'SMTP',
    field: 'smtp',
    selection: 'host port security user passwordSet from',
    input: {
      host: 'smtp.example.com',
      port: 465,
      security: 'TLS',
      user: 'bot@example.com',
      password: SMTP_PASSWORD,
      from: 'Tidings <bot@example.com>',
    },
    settings: {
      host: 'smtp.example.com',
      port: 465,
      security: 'TLS',
      user: 'bot@example.com',
      passwordSet: true,
      from: 'Tidings <bot@example.com>',
    },
    secrets: { password: SMTP_PASSWORD },
    parseConfig: (config) => smtpConfigSchema.parse(config),
    plain: {
      kind: 'smtp',
      config: {
        host: 'h',
        port: 465,
        security: 'tls',
        user: 'u',
        password: 'plain',
        from: 'a@example.com',
      },
      constraint: 'channels_smtp_credentials_sealed',
    },
    bad: {
      input: {
        host: 'smtp://mail.example.com',
        port: 70000,
        security: 'STARTTLS',
        user: 'u@example.com',
        from: 'nobody',
      },
      fields: [['host'], ['port'], ['password'], ['from']],
    },
  },
  {
    title: 'webhook',
    mutation: 'createWebhookChannel',
    inputType: 'CreateWebhookChannelInput',
    kind: 'WEBHOOK',
    field: 'webhook',
    selection: 'urlMasked secretSet bearerTokenSet',
    input: {
      url: 'https://hooks.example.com/tidings?tenant=42',
      secret: WEBHOOK_SECRET,
      bearerToken: WEBHOOK_BEARER,
    },
    settings: {
      urlMasked: 'https://hooks.example.com/tidings?tenant=********',
      secretSet: true,
      bearerTokenSet: true,
    },
    secrets: { secret: WEBHOOK_SECRET, bearerToken: WEBHOOK_BEARER },
    parseConfig: (config) => webhookConfigSchema.parse(config),
    plain: {
      kind: 'webhook',
      config: { url: 'https://example.com', secret: 'tidings:sealed:v1:x', bearerToken: 'plain' },
      constraint: 'channels_webhook_credentials_sealed',
    },
    bad: {
      input: { url: 'http://example.com/hook', secret: 'too-short', bearerToken: 'has space' },
      fields: [['url'], ['secret'], ['bearerToken']],
    },
  },
];

let database: TestDatabase;
let handle: DatabaseHandle;
let service: SubgraphService;
let request: ReturnType<typeof subgraphClient>;

beforeAll(async () => {
  database = await createTestDatabase('channels-kinds');
  service = createChannelsService({
    http: { host: '127.0.0.1', port: 0 },
    database: { url: database.url },
    kafka: { brokers },
    claimsSecret: SECRET,
    keyring,
    logger: silentLogger,
    // hooks.example.com and smtp.example.com resolve here, to a public address, never through DNS.
    outbound: { lookup: async () => [{ address: '93.184.215.14', family: 4 }] },
  });
  const { url } = await service.start();
  request = subgraphClient(url, SECRET);
  handle = await openDatabase({ url: database.url, maxConnections: 1 });
});

afterAll(async () => {
  await handle?.close();
  await service?.stop();
  await database?.drop();
});

async function insertRefusal(kind: string, config: Record<string, unknown>): Promise<string | undefined> {
  const refused: unknown = await handle.db
    .execute(
      sql`insert into channels.channels (tenant_id, name, kind, config)
        values (${tenant}, 'plain', ${kind}, ${JSON.stringify(config)}::jsonb)`,
    )
    .then(
      () => null,
      (error: unknown) => error,
    );
  return (refused as { cause?: { constraint_name?: string } } | null)?.cause?.constraint_name;
}

describe.each(cases)('$title channels', (c) => {
  const create = `mutation($input: ${c.inputType}!) {
    ${c.mutation}(input: $input) {
      channel { id name description kind enabled ${c.field} { ${c.selection} } }
      errors { field message code }
    }
  }`;
  const read = `query($id: ID!) { channel(id: $id) { id kind ${c.field} { ${c.selection} } } }`;
  let channelId: string;

  const expectNoSecret = (value: unknown) => {
    const raw = JSON.stringify(value);
    for (const secret of Object.values(c.secrets)) expect(raw).not.toContain(secret);
  };

  it('creates a channel and never returns its credentials', async () => {
    const result = await request(admin, create, {
      input: { name: `${c.title} channel`, description: 'for tests', ...c.input },
    });
    expect(result.errors).toBeUndefined();
    const payload = result.data?.[c.mutation] as { channel: { id: string } };
    expect(payload).toEqual({
      channel: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: `${c.title} channel`,
        description: 'for tests',
        kind: c.kind,
        enabled: true,
        [c.field]: c.settings,
      },
      errors: [],
    });
    channelId = payload.channel.id;
    const again = await request(admin, read, { id: channelId });
    expect(again.data?.channel).toEqual({ id: channelId, kind: c.kind, [c.field]: c.settings });
    expectNoSecret([result, again]);
  });

  it('stores the credentials only sealed, and the database refuses plain ones', async () => {
    const rows = (await handle.db.execute(
      sql`select to_jsonb(c) as row, config from channels.channels c where id = ${channelId}`,
    )) as unknown as Array<{ row: unknown; config: Record<string, string> }>;
    expect(rows).toHaveLength(1);
    const { row, config } = rows[0]!;
    expectNoSecret(row);
    for (const [field, plain] of Object.entries(c.secrets)) {
      expect(isSealed(config[field]!)).toBe(true);
      expect(openSecret(keyring, config[field]!)).toBe(plain);
    }
    expect(await insertRefusal(c.plain.kind, { kind: c.plain.kind, ...c.plain.config })).toBe(
      c.plain.constraint,
    );
  });

  it('publishes the channel state with sealed credentials only', async () => {
    const [message] = await readStateMessages({
      brokers,
      topic: stateTopics.channels,
      key: channelId,
      done: (found) => found.length >= 1,
    });
    expectNoSecret(message?.value);
    const state = channelStateSchema.parse(message?.value);
    expect(state).toMatchObject({
      tenantId: tenant,
      id: channelId,
      name: `${c.title} channel`,
      enabled: true,
    });
    const config = c.parseConfig(state.config);
    for (const [field, plain] of Object.entries(c.secrets)) {
      expect(openSecret(keyring, config[field] as string)).toBe(plain);
    }
  });

  it('names each bad field', async () => {
    const result = await request(admin, create, { input: { name: 'bad', ...c.bad.input } });
    expect(result.errors).toBeUndefined();
    const payload = result.data?.[c.mutation] as {
      channel: null;
      errors: Array<{ field: string[]; code: string; message: string }>;
    };
    expect(payload.channel).toBeNull();
    expect(payload.errors.map((e) => e.field)).toEqual(c.bad.fields);
    expectNoSecret(payload);
  });

  it('lets only tenant admins create it', async () => {
    const input = { name: 'x', ...c.input };
    expect((await request(owner, create, { input })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await request('anonymous', create, { input })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('the channels table', () => {
  it('refuses a config whose kind differs from the row, or an unknown kind', async () => {
    const sealedKey = { kind: 'wecom-robot', key: 'tidings:sealed:v1:x' };
    expect(await insertRefusal('smtp', sealedKey)).toBe('channels_kind_matches_config');
    expect(await insertRefusal('carrier-pigeon', { kind: 'carrier-pigeon' })).toBe(
      'channels_kind_matches_config',
    );
  });

  it('refuses a missing required credential', async () => {
    expect(await insertRefusal('wecom-robot', { kind: 'wecom-robot' })).toBe(
      'channels_wecom_robot_credentials_sealed',
    );
  });
});
