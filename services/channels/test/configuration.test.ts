import { readFileSync } from 'node:fs';
import type { Claims } from '@tidings/auth';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring } from '@tidings/crypto';
import { type DatabaseHandle, openDatabase } from '@tidings/db';
import type { SubgraphService } from '@tidings/graphql';
import { readStateMessages, silentLogger, subgraphClient } from '@tidings/graphql/testing';
import {
  channelKindStateSchema,
  channelStateSchema,
  notificationServiceStateSchema,
  projectChannelStateSchema,
  stateTopics,
} from '@tidings/state';
import { createTestDatabase, type TestDatabase, testInfrastructure, uniqueName } from '@tidings/testkit';
import { sql } from 'drizzle-orm';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS_SDL_PATH, createChannelsService } from '../src/service.ts';

/**
 * Issue 4 of the channels subgraph against real Postgres and Kafka: tenant kind switches, connect-all,
 * notification services, channel switches and deletion, and that none of it crosses tenants.
 */

const SECRET = 'channels-configuration-test-claims-secret-0123456789';
const brokers = testInfrastructure().kafkaBrokers.split(',');

const tenantA = uniqueName('tenant-a');
const tenantB = uniqueName('tenant-b');
const adminA: Claims = { userId: 'admin', tenantId: tenantA, roles: ['tenant-admin'], ownedProjectIds: [] };
const ownerA: Claims = {
  userId: 'owner',
  tenantId: tenantA,
  roles: [],
  ownedProjectIds: ['proj-1', 'proj-2'],
};
const memberA: Claims = { userId: 'member', tenantId: tenantA, roles: [], ownedProjectIds: [] };
const adminB: Claims = { userId: 'admin', tenantId: tenantB, roles: ['tenant-admin'], ownedProjectIds: [] };

const CREATE_ROBOT = `mutation($input: CreateDingTalkRobotChannelInput!) {
  createDingTalkRobotChannel(input: $input) { channel { id } errors { field code } }
}`;
const CREATE_APP = `mutation($input: CreateDingTalkAppChannelInput!) {
  createDingTalkAppChannel(input: $input) { channel { id } errors { field code } }
}`;
const KIND_SETTINGS = '{ channelKindSettings { kind enabled updatedAt } }';
const SET_KIND = `mutation($input: SetChannelKindEnabledInput!) {
  setChannelKindEnabled(input: $input) { setting { kind enabled updatedAt } errors { field code } }
}`;
const CHANNEL = `query($id: ID!) { channel(id: $id) {
  id enabled kindEnabled connectedToAllProjects createdAt updatedAt projects { edges { node { id } } }
} }`;
const CONNECT_ALL = `mutation($input: ConnectAllProjectsInput!) {
  connectAllProjectsToChannel(input: $input) {
    channel { id connectedToAllProjects } allProjects projects { id } errors { field code }
  }
}`;
const DISCONNECT_ALL = `mutation($input: ConnectAllProjectsInput!) {
  disconnectAllProjectsFromChannel(input: $input) {
    channel { id connectedToAllProjects } allProjects projects { id } errors { field code }
  }
}`;
const CONNECT = `mutation($input: ProjectChannelInput!) {
  connectProjectToChannel(input: $input) { project { id } channel { id } errors { field code } }
}`;
const DISCONNECT = `mutation($input: ProjectChannelInput!) {
  disconnectProjectFromChannel(input: $input) { project { id } channel { id } errors { field code } }
}`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Channel { id name }
  ... on Project { id channels { edges { node { id } } } }
  ... on NotificationService { id name }
} }`;
const SERVICE_FIELDS = 'id name description enabled channels { id } members { id } createdAt updatedAt';
const CREATE_SERVICE = `mutation($input: CreateNotificationServiceInput!) {
  createNotificationService(input: $input) { notificationService { ${SERVICE_FIELDS} } errors { field code } }
}`;
const UPDATE_SERVICE = `mutation($input: UpdateNotificationServiceInput!) {
  updateNotificationService(input: $input) { notificationService { ${SERVICE_FIELDS} } errors { field code } }
}`;
const DELETE_SERVICE = `mutation($input: DeleteNotificationServiceInput!) {
  deleteNotificationService(input: $input) { deletedNotificationServiceId errors { field code } }
}`;
const SERVICE = `query($id: ID!) { notificationService(id: $id) { ${SERVICE_FIELDS} } }`;
const SERVICES = '{ notificationServices { edges { node { id } } pageInfo { hasNextPage } } }';
const SET_ENABLED = `mutation($input: SetChannelEnabledInput!) {
  setChannelEnabled(input: $input) { channel { id enabled kindEnabled } errors { field code } }
}`;
const DELETE_CHANNEL = `mutation($input: DeleteChannelInput!) {
  deleteChannel(input: $input) { deletedChannelId errors { field code } }
}`;

let database: TestDatabase;
let handle: DatabaseHandle;
let service: SubgraphService;
let request: ReturnType<typeof subgraphClient>;
let robot1: string;
let robot2: string;
let app: string;

function robotInput(name: string) {
  const token = `${uniqueName('tok').replace(/[^a-z0-9]/g, '')}0123456789abcdef`;
  return { name, webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${token}` };
}

async function createRobot(name: string): Promise<string> {
  const result = await request<{ createDingTalkRobotChannel: { channel: { id: string } } }>(
    adminA,
    CREATE_ROBOT,
    { input: robotInput(name) },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createDingTalkRobotChannel.channel.id;
}

/**
 * How many outbox rows were ever written: the relay deletes rows once published, but the id sequence
 * only grows, so an unchanged count proves a refused call enqueued (and so published) nothing.
 */
async function outboxWrites(): Promise<number> {
  const rows = (await handle.db.execute(
    sql`select last_value, is_called from channels.outbox_id_seq`,
  )) as unknown as Array<{ last_value: string; is_called: boolean }>;
  const row = rows[0]!;
  return row.is_called ? Number(row.last_value) : 0;
}

/** The state messages of one key, in topic order, once `done` holds for them. */
function messagesOf(topic: string, key: string, done: (values: unknown[]) => boolean) {
  return readStateMessages({
    brokers,
    topic,
    key,
    done: (found) => done(found.map((message) => message.value)),
  }).then((found) => found.map((message) => message.value));
}

beforeAll(async () => {
  database = await createTestDatabase('channels-configuration');
  service = createChannelsService({
    http: { host: '127.0.0.1', port: 0 },
    database: { url: database.url },
    kafka: { brokers },
    claimsSecret: SECRET,
    keyring: parseKeyring(DEVELOPMENT_KEYRING_TEXT),
    logger: silentLogger,
  });
  const { url } = await service.start();
  request = subgraphClient(url, SECRET);
  handle = await openDatabase({ url: database.url, maxConnections: 1 });
  robot1 = await createRobot('Robot one');
  robot2 = await createRobot('Robot two');
  const created = await request<{ createDingTalkAppChannel: { channel: { id: string } } }>(
    adminA,
    CREATE_APP,
    {
      input: {
        name: 'DingTalk app',
        clientId: 'ding-client',
        clientSecret: 'client-secret-1234',
        agentId: 42,
        mode: 'WORK_NOTIFICATION',
      },
    },
  );
  expect(created.errors).toBeUndefined();
  app = created.data!.createDingTalkAppChannel.channel.id;
});

afterAll(async () => {
  await handle?.close();
  await service?.stop();
  await database?.drop();
});

describe('schema', () => {
  it('describes every type, field, argument and enum value', () => {
    const document = parse(readFileSync(CHANNELS_SDL_PATH, 'utf8'));
    // InputError and PageInfo are the kit's shared text, identical in every subgraph (INPUT_ERROR_SDL).
    const shared = new Set(['InputError', 'PageInfo']);
    const undescribed: string[] = [];
    for (const definition of document.definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.ENUM_TYPE_DEFINITION &&
        definition.kind !== Kind.SCALAR_TYPE_DEFINITION
      ) {
        continue;
      }
      const type = definition.name.value;
      if (shared.has(type)) continue;
      if (!definition.description) undescribed.push(type);
      const members =
        definition.kind === Kind.ENUM_TYPE_DEFINITION
          ? (definition.values ?? [])
          : definition.kind === Kind.SCALAR_TYPE_DEFINITION
            ? []
            : (definition.fields ?? []);
      for (const member of members) {
        if (!member.description) undescribed.push(`${type}.${member.name.value}`);
        const args = 'arguments' in member ? (member.arguments ?? []) : [];
        for (const arg of args) {
          if (!arg.description) undescribed.push(`${type}.${member.name.value}(${arg.name.value})`);
        }
      }
    }
    expect(undescribed).toEqual([]);
  });
});

describe('channel kind switches', () => {
  it('lists every kind, in the enum order, enabled until switched', async () => {
    const result = await request(memberA, KIND_SETTINGS);
    expect(result.errors).toBeUndefined();
    expect(result.data?.channelKindSettings).toEqual(
      [
        'DINGTALK_ROBOT',
        'DINGTALK_APP',
        'LARK_BOT',
        'LARK_APP',
        'WECOM_APP',
        'WECOM_ROBOT',
        'SMTP',
        'WEBHOOK',
      ].map((kind) => ({ kind, enabled: true, updatedAt: null })),
    );
    const channel = await request(memberA, CHANNEL, { id: robot1 });
    expect(channel.data?.channel).toMatchObject({ enabled: true, kindEnabled: true });
  });

  it('lets a tenant admin switch one kind off, publishes it, and leaves channels and other kinds alone', async () => {
    const result = await request(adminA, SET_KIND, { input: { kind: 'DINGTALK_ROBOT', enabled: false } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.setChannelKindEnabled).toEqual({
      setting: { kind: 'DINGTALK_ROBOT', enabled: false, updatedAt: expect.stringMatching(/Z$/) },
      errors: [],
    });
    const settings = (await request(memberA, KIND_SETTINGS)).data?.channelKindSettings as Array<{
      kind: string;
      enabled: boolean;
    }>;
    expect(settings.filter((setting) => !setting.enabled).map((setting) => setting.kind)).toEqual([
      'DINGTALK_ROBOT',
    ]);
    // "Configured but not enabled" (seed 003): the channel keeps its own switch.
    expect((await request(memberA, CHANNEL, { id: robot1 })).data?.channel).toMatchObject({
      enabled: true,
      kindEnabled: false,
    });
    expect((await request(memberA, CHANNEL, { id: app })).data?.channel).toMatchObject({ kindEnabled: true });

    const values = await messagesOf(
      stateTopics.channelKinds,
      `${tenantA}/dingtalk-robot`,
      (found) => found.length >= 1,
    );
    expect(channelKindStateSchema.parse(values[0])).toMatchObject({
      tenantId: tenantA,
      kind: 'dingtalk-robot',
      enabled: false,
    });
  });

  it('refuses non-admins, enqueuing nothing', async () => {
    const before = await outboxWrites();
    const refused = await request(ownerA, SET_KIND, { input: { kind: 'SMTP', enabled: false } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
    expect(await outboxWrites()).toBe(before);
  });

  it('switches back on and publishes the new value; another tenant never sees the switch', async () => {
    const again = await request(adminA, SET_KIND, { input: { kind: 'DINGTALK_ROBOT', enabled: true } });
    expect(again.data?.setChannelKindEnabled).toMatchObject({ setting: { enabled: true }, errors: [] });
    const values = await messagesOf(
      stateTopics.channelKinds,
      `${tenantA}/dingtalk-robot`,
      (found) => (found.at(-1) as { enabled?: boolean } | null)?.enabled === true,
    );
    expect(values.map((value) => (value as { enabled: boolean }).enabled)).toEqual([false, true]);

    await request(adminA, SET_KIND, { input: { kind: 'WEBHOOK', enabled: false } });
    const other = (await request(adminB, KIND_SETTINGS)).data?.channelKindSettings as Array<{
      enabled: boolean;
    }>;
    expect(other.every((setting) => setting.enabled)).toBe(true);
  });
});

describe('connecting every project', () => {
  it('lets a tenant admin connect all projects with one published "*" link that every project sees', async () => {
    const result = await request(adminA, CONNECT_ALL, { input: { channelId: robot1 } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.connectAllProjectsToChannel).toEqual({
      channel: { id: robot1, connectedToAllProjects: true },
      allProjects: true,
      projects: [],
      errors: [],
    });
    const values = await messagesOf(
      stateTopics.projectChannels,
      `${tenantA}/*/${robot1}`,
      (found) => found.length >= 1,
    );
    expect(projectChannelStateSchema.parse(values[0])).toMatchObject({
      tenantId: tenantA,
      projectId: '*',
      channelId: robot1,
    });

    const arbitrary = uniqueName('some-project');
    const entities = await request(memberA, ENTITIES, { r: [{ __typename: 'Project', id: arbitrary }] });
    expect(entities.data?._entities).toEqual([
      { id: arbitrary, channels: { edges: [{ node: { id: robot1 } }] } },
    ]);
    // The all-projects link is not a project of its own.
    expect((await request(memberA, CHANNEL, { id: robot1 })).data?.channel).toMatchObject({
      connectedToAllProjects: true,
      projects: { edges: [] },
    });
  });

  it("connects only a project owner's own projects, each published", async () => {
    const result = await request(ownerA, CONNECT_ALL, { input: { channelId: robot2 } });
    expect(result.data?.connectAllProjectsToChannel).toEqual({
      channel: { id: robot2, connectedToAllProjects: false },
      allProjects: false,
      projects: [{ id: 'proj-1' }, { id: 'proj-2' }],
      errors: [],
    });
    for (const project of ['proj-1', 'proj-2']) {
      const values = await messagesOf(
        stateTopics.projectChannels,
        `${tenantA}/${project}/${robot2}`,
        (found) => found.length >= 1,
      );
      expect(values[0]).toMatchObject({ projectId: project, channelId: robot2 });
    }
    expect((await request(memberA, CHANNEL, { id: robot2 })).data?.channel).toMatchObject({
      connectedToAllProjects: false,
      projects: { edges: [{ node: { id: 'proj-1' } }, { node: { id: 'proj-2' } }] },
    });
    const entities = await request(memberA, ENTITIES, {
      r: [
        { __typename: 'Project', id: 'proj-1' },
        { __typename: 'Project', id: 'proj-3' },
      ],
    });
    expect(entities.data?._entities).toEqual([
      { id: 'proj-1', channels: { edges: [robot1, robot2].sort().map((id) => ({ node: { id } })) } },
      { id: 'proj-3', channels: { edges: [{ node: { id: robot1 } }] } },
    ]);
  });

  it('refuses people who own no project and non-owners of a project, publishing nothing', async () => {
    const before = await outboxWrites();
    const noProjects = await request(memberA, CONNECT_ALL, { input: { channelId: robot2 } });
    expect(noProjects.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(noProjects.errors?.[0]?.message).toMatch(/own no project/);
    const notOwner = await request(ownerA, CONNECT, { input: { projectId: 'proj-9', channelId: robot2 } });
    expect(notOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const notOwnerOff = await request(ownerA, DISCONNECT, {
      input: { projectId: 'proj-9', channelId: robot2 },
    });
    expect(notOwnerOff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await outboxWrites()).toBe(before);
    const links = (await handle.db.execute(
      sql`select 1 from channels.project_channels where project_id = 'proj-9'`,
    )) as unknown as unknown[];
    expect(links).toHaveLength(0);
  });

  it('refuses "*" as a single project, naming projectId', async () => {
    for (const caller of [adminA, ownerA]) {
      const connect = await request(caller, CONNECT, { input: { projectId: '*', channelId: robot2 } });
      expect(connect.data?.connectProjectToChannel).toEqual({
        project: null,
        channel: null,
        errors: [{ field: ['projectId'], code: 'INVALID' }],
      });
      const disconnect = await request(caller, DISCONNECT, { input: { projectId: '*', channelId: robot1 } });
      expect(disconnect.data?.disconnectProjectFromChannel).toMatchObject({
        errors: [{ field: ['projectId'], code: 'INVALID' }],
      });
    }
    expect((await request(memberA, CHANNEL, { id: robot1 })).data?.channel).toMatchObject({
      connectedToAllProjects: true,
    });
  });

  it('lets an owner disconnect only their projects, and an admin every connection, with tombstones', async () => {
    const owner = await request(ownerA, DISCONNECT_ALL, { input: { channelId: robot1 } });
    expect(owner.data?.disconnectAllProjectsFromChannel).toEqual({
      channel: { id: robot1, connectedToAllProjects: true },
      allProjects: true,
      projects: [],
      errors: [],
    });
    const ownerRobot2 = await request(ownerA, DISCONNECT_ALL, { input: { channelId: robot2 } });
    expect(ownerRobot2.data?.disconnectAllProjectsFromChannel).toMatchObject({
      allProjects: false,
      projects: [{ id: 'proj-1' }, { id: 'proj-2' }],
    });
    const proj1 = await messagesOf(
      stateTopics.projectChannels,
      `${tenantA}/proj-1/${robot2}`,
      (found) => found.at(-1) === null,
    );
    expect(proj1.map((value) => value === null)).toEqual([false, true]);

    await request(adminA, CONNECT, { input: { projectId: 'proj-5', channelId: robot1 } });
    const admin = await request(adminA, DISCONNECT_ALL, { input: { channelId: robot1 } });
    expect(admin.data?.disconnectAllProjectsFromChannel).toEqual({
      channel: { id: robot1, connectedToAllProjects: false },
      allProjects: false,
      projects: [{ id: 'proj-5' }],
      errors: [],
    });
    const all = await messagesOf(
      stateTopics.projectChannels,
      `${tenantA}/*/${robot1}`,
      (found) => found.at(-1) === null,
    );
    expect(all.map((value) => value === null)).toEqual([false, true]);
    const entities = await request(memberA, ENTITIES, { r: [{ __typename: 'Project', id: 'proj-3' }] });
    expect(entities.data?._entities).toEqual([{ id: 'proj-3', channels: { edges: [] } }]);
  });

  it("keeps another tenant's admin out: unknown channel, and their projects see none of it", async () => {
    await request(adminA, CONNECT_ALL, { input: { channelId: robot1 } });
    const before = await outboxWrites();
    const connect = await request(adminB, CONNECT_ALL, { input: { channelId: robot1 } });
    expect(connect.data?.connectAllProjectsToChannel).toEqual({
      channel: null,
      allProjects: false,
      projects: [],
      errors: [{ field: ['channelId'], code: 'NOT_FOUND' }],
    });
    const disconnect = await request(adminB, DISCONNECT_ALL, { input: { channelId: robot1 } });
    expect(disconnect.data?.disconnectAllProjectsFromChannel).toMatchObject({
      errors: [{ field: ['channelId'], code: 'NOT_FOUND' }],
    });
    expect(await outboxWrites()).toBe(before);
    const entities = await request(adminB, ENTITIES, {
      r: [
        { __typename: 'Project', id: 'proj-3' },
        { __typename: 'Channel', id: robot1 },
      ],
    });
    expect(entities.data?._entities).toEqual([{ id: 'proj-3', channels: { edges: [] } }, null]);
    expect((await request(adminA, CHANNEL, { id: robot1 })).data?.channel).toMatchObject({
      connectedToAllProjects: true,
    });
  });
});

describe('notification services', () => {
  let serviceId: string;

  it('creates a service of group and per-person channels with members, and publishes it', async () => {
    const result = await request(adminA, CREATE_SERVICE, {
      input: {
        name: '  On-call DingTalk  ',
        channelIds: [robot1, app, robot1],
        memberUserIds: ['u-1', 'u-2', 'u-1'],
      },
    });
    expect(result.errors).toBeUndefined();
    const payload = result.data?.createNotificationService as { notificationService: { id: string } };
    expect(payload).toEqual({
      notificationService: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'On-call DingTalk',
        description: null,
        enabled: true,
        channels: [{ id: robot1 }, { id: app }],
        members: [{ id: 'u-1' }, { id: 'u-2' }],
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      },
      errors: [],
    });
    serviceId = payload.notificationService.id;
    const values = await messagesOf(
      stateTopics.notificationServices,
      serviceId,
      (found) => found.length >= 1,
    );
    expect(notificationServiceStateSchema.parse(values[0])).toEqual({
      tenantId: tenantA,
      id: serviceId,
      name: 'On-call DingTalk',
      description: '',
      channelIds: [robot1, app],
      memberUserIds: ['u-1', 'u-2'],
      enabled: true,
      updatedAt: expect.any(String),
    });
    const list = await request(memberA, SERVICES);
    expect(list.data?.notificationServices).toEqual({
      edges: [{ node: { id: serviceId } }],
      pageInfo: { hasNextPage: false },
    });
  });

  it('names each wrong field and stores nothing', async () => {
    const before = await outboxWrites();
    const empty = await request(adminA, CREATE_SERVICE, { input: { name: ' ', channelIds: [] } });
    expect(empty.data?.createNotificationService).toEqual({
      notificationService: null,
      errors: [
        { field: ['name'], code: 'REQUIRED' },
        { field: ['channelIds'], code: 'REQUIRED' },
      ],
    });
    const unknown = await request(adminA, CREATE_SERVICE, {
      input: {
        name: 'x'.repeat(201),
        channelIds: [robot2, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'],
        memberUserIds: Array.from({ length: 1001 }, (_, index) => `u-${index}`),
      },
    });
    expect(unknown.data?.createNotificationService).toEqual({
      notificationService: null,
      errors: [
        { field: ['name'], code: 'TOO_LONG' },
        { field: ['memberUserIds'], code: 'TOO_MANY' },
        { field: ['channelIds', '1'], code: 'NOT_FOUND' },
        { field: ['channelIds', '2'], code: 'NOT_FOUND' },
      ],
    });
    const badMember = await request(adminA, CREATE_SERVICE, {
      input: { name: 'ok', channelIds: [robot2], memberUserIds: ['u-1', ''] },
    });
    expect(badMember.data?.createNotificationService).toMatchObject({
      errors: [{ field: ['memberUserIds', '1'], code: 'INVALID' }],
    });
    expect(await outboxWrites()).toBe(before);
  });

  it('updates only the given fields and publishes the new snapshot', async () => {
    const result = await request(adminA, UPDATE_SERVICE, {
      input: { id: serviceId, description: 'night shift', channelIds: [robot2], enabled: false },
    });
    expect(result.data?.updateNotificationService).toMatchObject({
      notificationService: {
        id: serviceId,
        name: 'On-call DingTalk',
        description: 'night shift',
        enabled: false,
        channels: [{ id: robot2 }],
        members: [{ id: 'u-1' }, { id: 'u-2' }],
      },
      errors: [],
    });
    const values = await messagesOf(
      stateTopics.notificationServices,
      serviceId,
      (found) => (found.at(-1) as { enabled?: boolean } | null)?.enabled === false,
    );
    expect(values.at(-1)).toMatchObject({ description: 'night shift', channelIds: [robot2], enabled: false });

    const wrong = await request(adminA, UPDATE_SERVICE, {
      input: { id: serviceId, name: '', channelIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(wrong.data?.updateNotificationService).toEqual({
      notificationService: null,
      errors: [
        { field: ['name'], code: 'REQUIRED' },
        { field: ['channelIds', '0'], code: 'NOT_FOUND' },
      ],
    });
    const missing = await request(adminA, UPDATE_SERVICE, {
      input: { id: '00000000-0000-4000-8000-000000000000', name: 'x' },
    });
    expect(missing.data?.updateNotificationService).toMatchObject({
      errors: [{ field: ['id'], code: 'NOT_FOUND' }],
    });
  });

  it('lets only tenant admins change services', async () => {
    const before = await outboxWrites();
    for (const [query, input] of [
      [CREATE_SERVICE, { name: 'mine', channelIds: [robot2] }],
      [UPDATE_SERVICE, { id: serviceId, name: 'mine' }],
      [DELETE_SERVICE, { id: serviceId }],
    ] as const) {
      expect((await request(ownerA, query, { input })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await outboxWrites()).toBe(before);
  });

  it("hides a tenant's services from another tenant's admin, who cannot change them", async () => {
    expect((await request(adminB, SERVICE, { id: serviceId })).data?.notificationService).toBeNull();
    expect((await request(adminB, SERVICES)).data?.notificationServices).toMatchObject({ edges: [] });
    const entities = await request(adminB, ENTITIES, {
      r: [{ __typename: 'NotificationService', id: serviceId }],
    });
    expect(entities.data?._entities).toEqual([null]);
    const before = await outboxWrites();
    const update = await request(adminB, UPDATE_SERVICE, { input: { id: serviceId, name: 'taken' } });
    expect(update.data?.updateNotificationService).toMatchObject({
      errors: [{ field: ['id'], code: 'NOT_FOUND' }],
    });
    const remove = await request(adminB, DELETE_SERVICE, { input: { id: serviceId } });
    expect(remove.data?.deleteNotificationService).toEqual({
      deletedNotificationServiceId: null,
      errors: [{ field: ['id'], code: 'NOT_FOUND' }],
    });
    const create = await request(adminB, CREATE_SERVICE, { input: { name: 'theirs', channelIds: [robot1] } });
    expect(create.data?.createNotificationService).toMatchObject({
      errors: [{ field: ['channelIds', '0'], code: 'NOT_FOUND' }],
    });
    expect(await outboxWrites()).toBe(before);
    expect((await request(adminA, SERVICE, { id: serviceId })).data?.notificationService).toMatchObject({
      name: 'On-call DingTalk',
    });
  });

  it('deletes with a tombstone', async () => {
    const result = await request(adminA, DELETE_SERVICE, { input: { id: serviceId } });
    expect(result.data?.deleteNotificationService).toEqual({
      deletedNotificationServiceId: serviceId,
      errors: [],
    });
    const values = await messagesOf(
      stateTopics.notificationServices,
      serviceId,
      (found) => found.at(-1) === null,
    );
    expect(values.at(-1)).toBeNull();
    expect((await request(adminA, SERVICE, { id: serviceId })).data?.notificationService).toBeNull();
  });
});

describe('channel switches and deletion', () => {
  it('lets a tenant admin switch one channel off, published, without touching its kind', async () => {
    const result = await request(adminA, SET_ENABLED, { input: { id: app, enabled: false } });
    expect(result.data?.setChannelEnabled).toEqual({
      channel: { id: app, enabled: false, kindEnabled: true },
      errors: [],
    });
    const values = await messagesOf(
      stateTopics.channels,
      app,
      (found) => (found.at(-1) as { enabled?: boolean } | null)?.enabled === false,
    );
    expect(channelStateSchema.parse(values.at(-1))).toMatchObject({ id: app, enabled: false });
    const before = await outboxWrites();
    expect(
      (await request(ownerA, SET_ENABLED, { input: { id: app, enabled: true } })).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await request(adminB, SET_ENABLED, { input: { id: app, enabled: true } })).data?.setChannelEnabled,
    ).toEqual({
      channel: null,
      errors: [{ field: ['id'], code: 'NOT_FOUND' }],
    });
    expect(await outboxWrites()).toBe(before);
  });

  it('deletes a channel with its connections and service memberships, publishing each', async () => {
    const doomed = await createRobot('Doomed robot');
    await request(adminA, CONNECT, { input: { projectId: 'proj-7', channelId: doomed } });
    await request(adminA, CONNECT_ALL, { input: { channelId: doomed } });
    const created = await request<{ createNotificationService: { notificationService: { id: string } } }>(
      adminA,
      CREATE_SERVICE,
      { input: { name: 'Both', channelIds: [doomed, robot2] } },
    );
    const kept = created.data!.createNotificationService.notificationService.id;

    const before = await outboxWrites();
    expect((await request(adminB, DELETE_CHANNEL, { input: { id: doomed } })).data?.deleteChannel).toEqual({
      deletedChannelId: null,
      errors: [{ field: ['id'], code: 'NOT_FOUND' }],
    });
    expect(
      (await request(ownerA, DELETE_CHANNEL, { input: { id: doomed } })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(await outboxWrites()).toBe(before);

    const result = await request(adminA, DELETE_CHANNEL, { input: { id: doomed } });
    expect(result.data?.deleteChannel).toEqual({ deletedChannelId: doomed, errors: [] });
    expect((await request(adminA, CHANNEL, { id: doomed })).data?.channel).toBeNull();
    expect((await request(adminA, SERVICE, { id: kept })).data?.notificationService).toMatchObject({
      channels: [{ id: robot2 }],
    });

    const channel = await messagesOf(stateTopics.channels, doomed, (found) => found.at(-1) === null);
    expect(channel.at(-1)).toBeNull();
    for (const project of ['proj-7', '*']) {
      const link = await messagesOf(
        stateTopics.projectChannels,
        `${tenantA}/${project}/${doomed}`,
        (found) => found.at(-1) === null,
      );
      expect(link.map((value) => value === null)).toEqual([false, true]);
    }
    const serviceState = await messagesOf(
      stateTopics.notificationServices,
      kept,
      (found) => (found.at(-1) as { channelIds?: string[] } | null)?.channelIds?.length === 1,
    );
    expect(serviceState.at(-1)).toMatchObject({ channelIds: [robot2] });
  });
});
