import { readFileSync } from 'node:fs';
import type { Claims } from '@tidings/auth';
import { DEVELOPMENT_KEYRING_TEXT, isSealed, openSecret, parseKeyring } from '@tidings/crypto';
import { type DatabaseHandle, openDatabase } from '@tidings/db';
import { INPUT_ERROR_SDL, PAGE_INFO_SDL, type SubgraphService } from '@tidings/graphql';
import { readStateMessages, silentLogger, subgraphClient } from '@tidings/graphql/testing';
import {
  channelStateSchema,
  dingTalkRobotConfigSchema,
  projectChannelStateSchema,
  stateTopics,
} from '@tidings/state';
import { createTestDatabase, type TestDatabase, testInfrastructure, uniqueName } from '@tidings/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS_SDL_PATH, createChannelsService } from '../src/service.ts';

const SECRET = 'channels-test-claims-secret-0123456789';
const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
const brokers = testInfrastructure().kafkaBrokers.split(',');

const tenantA = uniqueName('tenant-a');
const tenantB = uniqueName('tenant-b');
const adminA: Claims = { userId: 'admin', tenantId: tenantA, roles: ['tenant-admin'], ownedProjectIds: [] };
const ownerA: Claims = { userId: 'owner', tenantId: tenantA, roles: [], ownedProjectIds: ['proj-1'] };
const adminB: Claims = { userId: 'admin', tenantId: tenantB, roles: ['tenant-admin'], ownedProjectIds: [] };

// A fresh token per run, so finding it anywhere can only mean this run leaked it.
const ACCESS_TOKEN = `${uniqueName('tok').replace(/[^a-z0-9]/g, '')}0123456789abcdef`;
const SIGNING_SECRET = `SEC${ACCESS_TOKEN.slice(0, 24)}`;
const WEBHOOK_URL = `https://oapi.dingtalk.com/robot/send?access_token=${ACCESS_TOKEN}`;

const CHANNEL_FIELDS =
  'id name description kind enabled dingTalkRobot { webhookUrlMasked signingSecretSet keywords }';
const CREATE = `mutation($input: CreateDingTalkRobotChannelInput!) {
  createDingTalkRobotChannel(input: $input) { channel { ${CHANNEL_FIELDS} } errors { field message code } }
}`;
const CONNECT = `mutation($input: ProjectChannelInput!) {
  connectProjectToChannel(input: $input) { project { id } channel { id } errors { field code } }
}`;
const DISCONNECT = `mutation($input: ProjectChannelInput!) {
  disconnectProjectFromChannel(input: $input) { project { id } channel { id } errors { field code } }
}`;
const CHANNEL = `query($id: ID!) { channel(id: $id) { ${CHANNEL_FIELDS} } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Channel { id name }
  ... on Project { id channels { edges { node { id } } } }
} }`;

let database: TestDatabase;
let handle: DatabaseHandle;
let service: SubgraphService;
let request: ReturnType<typeof subgraphClient>;
let channelId: string;

beforeAll(async () => {
  database = await createTestDatabase('channels');
  service = createChannelsService({
    http: { host: '127.0.0.1', port: 0 },
    database: { url: database.url },
    kafka: { brokers },
    claimsSecret: SECRET,
    keyring,
    logger: silentLogger,
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

describe('schema', () => {
  it('links federation and declares the shared types exactly', () => {
    const sdl = readFileSync(CHANNELS_SDL_PATH, 'utf8');
    expect(sdl.startsWith('extend schema @link(url: "https://specs.apollo.dev/federation/v2.7"')).toBe(true);
    expect(sdl).toContain(INPUT_ERROR_SDL);
    expect(sdl).toContain(PAGE_INFO_SDL);
  });
});

describe('DingTalk robot channels', () => {
  it('creates a channel and never returns its credentials', async () => {
    const result = await request(adminA, CREATE, {
      input: {
        name: 'Ops robot',
        description: 'on-call group',
        webhookUrl: WEBHOOK_URL,
        signingSecret: SIGNING_SECRET,
        keywords: ['alert'],
      },
    });
    expect(result.errors).toBeUndefined();
    const payload = result.data?.createDingTalkRobotChannel as { channel: { id: string } };
    expect(payload).toEqual({
      channel: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Ops robot',
        description: 'on-call group',
        kind: 'DINGTALK_ROBOT',
        enabled: true,
        dingTalkRobot: {
          webhookUrlMasked: `https://oapi.dingtalk.com/robot/send?access_token=********${ACCESS_TOKEN.slice(-4)}`,
          signingSecretSet: true,
          keywords: ['alert'],
        },
      },
      errors: [],
    });
    channelId = payload.channel.id;
    const read = await request(adminA, CHANNEL, { id: channelId });
    expect(JSON.stringify([result, read])).not.toContain(ACCESS_TOKEN);
    expect(JSON.stringify([result, read])).not.toContain(SIGNING_SECRET);
  });

  it('stores the credentials only sealed, and the database refuses plain ones', async () => {
    const rows = (await handle.db.execute(
      sql`select to_jsonb(c) as row, config from channels.channels c where id = ${channelId}`,
    )) as unknown as Array<{ row: unknown; config: { accessToken: string; signingSecret: string } }>;
    expect(rows).toHaveLength(1);
    const { row, config } = rows[0]!;
    expect(JSON.stringify(row)).not.toContain(ACCESS_TOKEN);
    expect(JSON.stringify(row)).not.toContain(SIGNING_SECRET);
    expect(isSealed(config.accessToken)).toBe(true);
    expect(openSecret(keyring, config.accessToken)).toBe(ACCESS_TOKEN);
    expect(openSecret(keyring, config.signingSecret)).toBe(SIGNING_SECRET);

    const plain = { kind: 'dingtalk-robot', keywords: [], accessToken: 'plain-token', signingSecret: null };
    const refused: unknown = await handle.db
      .execute(
        sql`insert into channels.channels (tenant_id, name, kind, config)
          values (${tenantA}, 'plain', 'dingtalk-robot', ${JSON.stringify(plain)}::jsonb)`,
      )
      .then(
        () => null,
        (error: unknown) => error,
      );
    const cause = (refused as { cause?: { constraint_name?: string } } | null)?.cause;
    expect(cause?.constraint_name).toBe('channels_dingtalk_robot_credentials_sealed');
  });

  it('publishes the channel state with sealed credentials only', async () => {
    const [message] = await readStateMessages({
      brokers,
      topic: stateTopics.channels,
      key: channelId,
      done: (found) => found.length >= 1,
    });
    const raw = JSON.stringify(message?.value);
    expect(raw).not.toContain(ACCESS_TOKEN);
    expect(raw).not.toContain(SIGNING_SECRET);
    const state = channelStateSchema.parse(message?.value);
    expect(state).toMatchObject({ tenantId: tenantA, id: channelId, name: 'Ops robot', enabled: true });
    const config = dingTalkRobotConfigSchema.parse(state.config);
    expect(config.keywords).toEqual(['alert']);
    expect(openSecret(keyring, config.accessToken)).toBe(ACCESS_TOKEN);
    expect(openSecret(keyring, config.signingSecret!)).toBe(SIGNING_SECRET);
  });

  it('names the webhookUrl, signingSecret and keywords fields when they are wrong', async () => {
    const result = await request(adminA, CREATE, {
      input: {
        name: 'Bad robot',
        webhookUrl: `https://example.com/robot/send?access_token=${ACCESS_TOKEN}`,
        signingSecret: 'not-a-secret',
        keywords: ['ok', ''],
      },
    });
    const payload = result.data?.createDingTalkRobotChannel as {
      channel: null;
      errors: Array<{ field: string[]; code: string; message: string }>;
    };
    expect(payload.channel).toBeNull();
    expect(payload.errors.map((e) => e.field)).toEqual([
      ['webhookUrl'],
      ['signingSecret'],
      ['keywords', '1'],
    ]);
    expect(payload.errors[0]?.message).toMatch(/example\.com/);
    expect(JSON.stringify(payload)).not.toContain(ACCESS_TOKEN);
  });

  it('lets only tenant admins create channels', async () => {
    const input = { name: 'x', webhookUrl: WEBHOOK_URL };
    expect((await request(ownerA, CREATE, { input })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await request('anonymous', CREATE, { input })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('project connections', () => {
  it('lets a project owner connect a channel, idempotently, and publishes the connection', async () => {
    const input = { projectId: 'proj-1', channelId };
    const first = await request(ownerA, CONNECT, { input });
    expect(first.data?.connectProjectToChannel).toEqual({
      project: { id: 'proj-1' },
      channel: { id: channelId },
      errors: [],
    });
    const again = await request(ownerA, CONNECT, { input });
    expect(again.data?.connectProjectToChannel).toEqual(first.data?.connectProjectToChannel);

    const entities = await request(ownerA, ENTITIES, { r: [{ __typename: 'Project', id: 'proj-1' }] });
    expect(entities.data?._entities).toEqual([
      { id: 'proj-1', channels: { edges: [{ node: { id: channelId } }] } },
    ]);

    const messages = await readStateMessages({
      brokers,
      topic: stateTopics.projectChannels,
      key: `${tenantA}/proj-1/${channelId}`,
      done: (found) => found.length >= 1,
    });
    expect(projectChannelStateSchema.parse(messages[0]?.value)).toMatchObject({
      tenantId: tenantA,
      projectId: 'proj-1',
      channelId,
    });
  });

  it('refuses people who do not own the project, and unknown channels', async () => {
    const other = await request(ownerA, CONNECT, { input: { projectId: 'proj-2', channelId } });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await request(adminA, CONNECT, {
      input: { projectId: 'proj-2', channelId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.data?.connectProjectToChannel).toMatchObject({
      errors: [{ field: ['channelId'], code: 'NOT_FOUND' }],
    });
    const malformed = await request(adminA, CONNECT, { input: { projectId: 'proj-2', channelId: 'nope' } });
    expect(malformed.data?.connectProjectToChannel).toMatchObject({
      errors: [{ field: ['channelId'], code: 'NOT_FOUND' }],
    });
  });

  it('disconnects with a tombstone', async () => {
    await request(adminA, CONNECT, { input: { projectId: 'proj-3', channelId } });
    const result = await request(adminA, DISCONNECT, { input: { projectId: 'proj-3', channelId } });
    expect(result.data?.disconnectProjectFromChannel).toMatchObject({ errors: [] });
    const messages = await readStateMessages({
      brokers,
      topic: stateTopics.projectChannels,
      key: `${tenantA}/proj-3/${channelId}`,
      done: (found) => found.at(-1)?.value === null,
    });
    expect(messages.map((m) => m.value === null)).toEqual([false, true]);
    const entities = await request(adminA, ENTITIES, { r: [{ __typename: 'Project', id: 'proj-3' }] });
    expect(entities.data?._entities).toEqual([{ id: 'proj-3', channels: { edges: [] } }]);
  });
});

describe('tenant isolation and authentication', () => {
  it('hides tenant A channels from tenant B, including through _entities', async () => {
    expect((await request(adminB, CHANNEL, { id: channelId })).data?.channel).toBeNull();
    const entities = await request(adminB, ENTITIES, {
      r: [
        { __typename: 'Channel', id: channelId },
        { __typename: 'Project', id: 'proj-1' },
      ],
    });
    expect(entities.data?._entities).toEqual([null, { id: 'proj-1', channels: { edges: [] } }]);
    expect((await request(adminB, '{ channels { edges { node { id } } } }')).data).toEqual({
      channels: { edges: [] },
    });
    const connect = await request(adminB, CONNECT, { input: { projectId: 'proj-1', channelId } });
    expect(connect.data?.connectProjectToChannel).toMatchObject({
      errors: [{ field: ['channelId'], code: 'NOT_FOUND' }],
    });
  });

  it('rejects anonymous callers and forged claims', async () => {
    expect((await request('anonymous', CHANNEL, { id: channelId })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const forged = await request({ forgedFor: adminA }, CHANNEL, { id: channelId });
    expect(forged.status).toBe(401);
    expect(forged.data).toBeUndefined();
  });
});
