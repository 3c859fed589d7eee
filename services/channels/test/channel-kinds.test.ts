import type { Claims } from '@tidings/auth';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring } from '@tidings/crypto';
import type { SubgraphService } from '@tidings/graphql';
import { silentLogger, subgraphClient } from '@tidings/graphql/testing';
import { createTestDatabase, type TestDatabase, testInfrastructure, uniqueName } from '@tidings/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelsService } from '../src/service.ts';

/** The channelKinds query: each kind's declared fields, for a frontend's forms. */

const SECRET = 'channels-kind-info-test-claims-secret-0123456789';
const member: Claims = {
  userId: 'member',
  tenantId: uniqueName('tenant-kind-info'),
  roles: [],
  ownedProjectIds: [],
};

let database: TestDatabase;
let service: SubgraphService;
let request: ReturnType<typeof subgraphClient>;

beforeAll(async () => {
  database = await createTestDatabase('channels-kind-info');
  service = createChannelsService({
    http: { host: '127.0.0.1', port: 0 },
    database: { url: database.url },
    kafka: { brokers: testInfrastructure().kafkaBrokers.split(',') },
    claimsSecret: SECRET,
    keyring: parseKeyring(DEVELOPMENT_KEYRING_TEXT),
    logger: silentLogger,
  });
  const { url } = await service.start();
  request = subgraphClient(url, SECRET);
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
});

interface KindInfo {
  kind: string;
  label: string;
  fields: Array<{ key: string; input: string; label: string; required: boolean; secret: boolean }>;
}

describe('channelKinds', () => {
  it('lists every kind with its fields, secrets marked', async () => {
    const result = await request<{ channelKinds: KindInfo[] }>(
      member,
      '{ channelKinds { kind label fields { key input label required secret } } }',
    );
    expect(result.errors).toBeUndefined();
    const kinds = result.data?.channelKinds ?? [];
    expect(kinds.map((info) => info.kind)).toEqual([
      'DINGTALK_ROBOT',
      'DINGTALK_APP',
      'LARK_BOT',
      'LARK_APP',
      'WECOM_APP',
      'WECOM_ROBOT',
      'SMTP',
      'WEBHOOK',
    ]);
    const secrets = Object.fromEntries(
      kinds.map((info) => [info.kind, info.fields.filter((field) => field.secret).map((field) => field.key)]),
    );
    expect(secrets).toEqual({
      DINGTALK_ROBOT: ['accessToken', 'signingSecret'],
      DINGTALK_APP: ['clientSecret'],
      LARK_BOT: ['hookId', 'signingSecret'],
      LARK_APP: ['appSecret'],
      WECOM_APP: ['corpSecret'],
      WECOM_ROBOT: ['key'],
      SMTP: ['password'],
      WEBHOOK: ['secret', 'bearerToken'],
    });
    expect(kinds.find((info) => info.kind === 'DINGTALK_APP')).toEqual({
      kind: 'DINGTALK_APP',
      label: 'DingTalk app',
      fields: [
        { key: 'clientId', input: 'clientId', label: 'Client ID (AppKey)', required: true, secret: false },
        {
          key: 'clientSecret',
          input: 'clientSecret',
          label: 'Client secret (AppSecret)',
          required: true,
          secret: true,
        },
        { key: 'agentId', input: 'agentId', label: 'Agent ID', required: true, secret: false },
        {
          key: 'robotCode',
          input: 'robotCode',
          label: 'Robot code (defaults to the client ID)',
          required: false,
          secret: false,
        },
        { key: 'mode', input: 'mode', label: 'Mode', required: true, secret: false },
      ],
    });
    expect(kinds.find((info) => info.kind === 'WECOM_ROBOT')?.fields).toEqual([
      { key: 'key', input: 'webhookUrl', label: 'Webhook URL', required: true, secret: true },
    ]);
  });
});
