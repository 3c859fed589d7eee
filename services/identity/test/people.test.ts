import type { Claims } from '@tidings/auth';
import type { SubgraphService } from '@tidings/graphql';
import { readStateMessages, silentLogger, subgraphClient } from '@tidings/graphql/testing';
import { createKafka, type Producer } from '@tidings/kafka';
import {
  type IdentityOutcome,
  identityOutcomeKey,
  identityOutcomesTopic,
  stateTopics,
  userStateSchema,
} from '@tidings/state';
import { createTestDatabase, type TestDatabase, testInfrastructure, uniqueName } from '@tidings/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityService } from '../src/service.ts';

// Time zones, platform ids (hand-set, imported, looked up by the dispatcher) and mutes, end to end through
// GraphQL, Postgres and Kafka.

const SECRET = 'identity-people-test-claims-secret-0123';
const brokers = testInfrastructure().kafkaBrokers.split(',');

const tenantA = uniqueName('tenant-a');
const tenantB = uniqueName('tenant-b');
const claims = (tenantId: string, userId: string, admin = false): Claims => ({
  userId,
  tenantId,
  roles: admin ? ['tenant-admin'] : [],
  ownedProjectIds: [],
});
const adminA = claims(tenantA, 'admin-a', true);
const adaA = claims(tenantA, 'ada');
const adminB = claims(tenantB, 'admin-b', true);

const ERRORS = 'errors { field message code }';
const IDENTITIES =
  'identities { platform channel { id } status source platformUserId contact reason checkedAt }';
const PREFERENCES =
  'preferences { mutedProjects { id } mutedEventTypes mutedCustomEventTypes mutedChannels { id } updatedAt }';

const CREATE_USER = `mutation($input: CreateUserInput!) {
  createUser(input: $input) { user { id timeZone createdAt updatedAt } ${ERRORS} }
}`;
const UPDATE_USER = `mutation($id: ID!, $input: UpdateUserInput!) {
  updateUser(id: $id, input: $input) { user { id phone timeZone } ${ERRORS} }
}`;
const USER = `query($id: ID!) { user(id: $id) { id ${IDENTITIES} ${PREFERENCES} } }`;
const SET_IDENTITY = `mutation($input: SetPlatformIdentityInput!) {
  setPlatformIdentity(input: $input) { user { id ${IDENTITIES} } ${ERRORS} }
}`;
const CLEAR_IDENTITY = `mutation($input: ClearPlatformIdentityInput!) {
  clearPlatformIdentity(input: $input) { user { id ${IDENTITIES} } ${ERRORS} }
}`;
const IMPORT = `mutation($input: ImportPlatformIdentitiesInput!) {
  importPlatformIdentities(input: $input) { imported users { id } ${ERRORS} }
}`;
const MUTE = `mutation($input: MuteInput!) { muteNotifications(input: $input) { ${PREFERENCES} ${ERRORS} } }`;
const UNMUTE = `mutation($input: MuteInput!) { unmuteNotifications(input: $input) { ${PREFERENCES} ${ERRORS} } }`;

interface Identity {
  platform: string;
  channel: { id: string } | null;
  status: string;
  source: string;
  platformUserId: string | null;
  contact: string | null;
  reason: string | null;
  checkedAt: string | null;
}

let database: TestDatabase;
let service: SubgraphService;
let request: ReturnType<typeof subgraphClient>;
let producer: Producer;

async function createUser(caller: Claims, input: Record<string, unknown>) {
  const result = await request(caller, CREATE_USER, { input });
  expect(result.data?.createUser).toMatchObject({ errors: [] });
}

async function identitiesOf(caller: Claims, id: string): Promise<Identity[] | undefined> {
  const result = await request<{ user: { identities: Identity[] } | null }>(caller, USER, { id });
  return result.data?.user?.identities;
}

async function produceOutcome(outcome: IdentityOutcome | string, key = 'garbage'): Promise<void> {
  await producer.send({
    topic: identityOutcomesTopic,
    messages: [
      typeof outcome === 'string'
        ? { key, value: outcome }
        : { key: identityOutcomeKey(outcome), value: JSON.stringify(outcome) },
    ],
  });
}

beforeAll(async () => {
  database = await createTestDatabase('identity');
  service = createIdentityService({
    http: { host: '127.0.0.1', port: 0 },
    database: { url: database.url },
    kafka: { brokers },
    claimsSecret: SECRET,
    // Its own group, so it reads the outcomes topic from the beginning whatever ran before.
    outcomesConsumerGroup: uniqueName('identity-outcomes-test'),
    logger: silentLogger,
  });
  const { url } = await service.start();
  request = subgraphClient(url, SECRET);
  producer = createKafka({ brokers, clientId: 'identity-people-test' }).producer();
  await producer.connect();

  await createUser(adminA, { id: 'ada', name: 'Ada', phone: '+8613800138000', email: 'ada@example.com' });
  await createUser(adminA, { id: 'bob', name: 'Bob', phone: '+8613800000009' });
  await createUser(adminA, { id: 'carol', name: 'Carol', email: 'Carol@example.com' });
  await createUser(adminA, { id: 'dan', name: 'Dan', email: 'team@example.com' });
  await createUser(adminA, { id: 'eve', name: 'Eve', email: 'team@example.com' });
  await createUser(adminB, { id: 'bob', name: 'Bob of B', phone: '+8613800000009' });
});

afterAll(async () => {
  await producer?.disconnect();
  await service?.stop();
  await database?.drop();
});

describe('time zones', () => {
  it("leaves the zone to the tenant's default until set, takes IANA names and publishes them", async () => {
    const created = await request(adminA, CREATE_USER, { input: { id: 'tz', name: 'Tz' } });
    expect(created.data?.createUser).toMatchObject({
      user: {
        id: 'tz',
        timeZone: null,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    });
    const changed = await request(adminA, UPDATE_USER, { id: 'tz', input: { timeZone: 'asia/saigon' } });
    expect(changed.data?.updateUser).toEqual({
      user: { id: 'tz', phone: null, timeZone: 'Asia/Saigon' },
      errors: [],
    });
    const messages = await readStateMessages({
      brokers,
      topic: stateTopics.users,
      key: `${tenantA}/tz`,
      done: (found) => found.some((m) => (m.value as { timeZone?: string }).timeZone === 'Asia/Saigon'),
    });
    expect(userStateSchema.parse(messages.at(-1)?.value).timeZone).toBe('Asia/Saigon');
  });

  it('names the field when the zone is not an IANA one', async () => {
    for (const timeZone of ['+07:00', 'Mars/Olympus_Mons']) {
      const result = await request(adminA, UPDATE_USER, { id: 'tz', input: { timeZone } });
      expect(result.data?.updateUser).toMatchObject({
        user: null,
        errors: [{ field: ['timeZone'], code: 'INVALID' }],
      });
    }
    const invalidOnCreate = await request(adminA, CREATE_USER, {
      input: { id: 'tz2', name: 'Tz2', timeZone: 'GMT+7' },
    });
    expect(invalidOnCreate.data?.createUser).toMatchObject({ user: null, errors: [{ field: ['timeZone'] }] });
  });
});

describe('who may change a person', () => {
  it('lets people edit their own contact points and time zone, and a tenant admin anyone', async () => {
    const own = await request(adaA, UPDATE_USER, { id: 'ada', input: { timeZone: 'Europe/Berlin' } });
    expect(own.data?.updateUser).toMatchObject({ user: { timeZone: 'Europe/Berlin' }, errors: [] });
    const other = await request(adaA, UPDATE_USER, { id: 'bob', input: { phone: '+8613900000000' } });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await request(adminA, UPDATE_USER, { id: 'tz', input: { timeZone: null } });
    // null hands the zone back to the tenant's default.
    expect(byAdmin.data?.updateUser).toMatchObject({ user: { timeZone: null }, errors: [] });
  });
});

describe('hand-set platform ids', () => {
  it('sets an id, publishes it, and clears it with a tombstone', async () => {
    const set = await request(adaA, SET_IDENTITY, {
      input: { userId: 'ada', platform: 'DINGTALK', platformUserId: ' manager4711 ' },
    });
    expect(set.data?.setPlatformIdentity).toMatchObject({
      user: {
        id: 'ada',
        identities: [
          {
            platform: 'DINGTALK',
            channel: null,
            status: 'LINKED',
            source: 'MANUAL',
            platformUserId: 'manager4711',
            contact: null,
            reason: null,
          },
        ],
      },
      errors: [],
    });

    const key = `${tenantA}/ada/dingtalk`;
    const published = await readStateMessages({
      brokers,
      topic: stateTopics.identities,
      key,
      done: (m) => m.length >= 1,
    });
    expect(published[0]?.value).toMatchObject({
      tenantId: tenantA,
      userId: 'ada',
      platform: 'dingtalk',
      platformUserId: 'manager4711',
      source: 'manual',
    });

    const cleared = await request(adaA, CLEAR_IDENTITY, { input: { userId: 'ada', platform: 'DINGTALK' } });
    expect(cleared.data?.clearPlatformIdentity).toEqual({ user: { id: 'ada', identities: [] }, errors: [] });
    const withTombstone = await readStateMessages({
      brokers,
      topic: stateTopics.identities,
      key,
      done: (m) => m.at(-1)?.value === null,
    });
    expect(withTombstone.map((m) => m.value === null)).toEqual([false, true]);
  });

  it("refuses someone else's id unless the caller is a tenant admin", async () => {
    const input = { userId: 'bob', platform: 'WECOM', platformUserId: 'bob.wecom' };
    const byAda = await request(adaA, SET_IDENTITY, { input });
    expect(byAda.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const clearByAda = await request(adaA, CLEAR_IDENTITY, { input: { userId: 'bob', platform: 'WECOM' } });
    expect(clearByAda.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await request(adminA, SET_IDENTITY, { input });
    expect(byAdmin.data?.setPlatformIdentity).toMatchObject({
      user: { identities: [{ platform: 'WECOM', platformUserId: 'bob.wecom', source: 'MANUAL' }] },
      errors: [],
    });
  });

  it('names the fields of bad input', async () => {
    const blank = await request(adaA, SET_IDENTITY, {
      input: { userId: 'ada', platform: 'LARK', platformUserId: '  ' },
    });
    expect(blank.data?.setPlatformIdentity).toMatchObject({
      user: null,
      errors: [{ field: ['platformUserId'], code: 'REQUIRED' }],
    });
    const nobody = await request(adminA, SET_IDENTITY, {
      input: { userId: 'nobody', platform: 'LARK', platformUserId: 'ou_1' },
    });
    expect(nobody.data?.setPlatformIdentity).toMatchObject({
      user: null,
      errors: [{ field: ['userId'], code: 'NOT_FOUND' }],
    });
  });
});

describe('importing a member export', () => {
  it('matches members by id, phone or email, imports them and reports bad rows by index', async () => {
    const result = await request<{
      importPlatformIdentities: { imported: number; users: Array<{ id: string }>; errors: unknown[] };
    }>(adminA, IMPORT, {
      input: {
        platform: 'DINGTALK',
        members: [
          { platformUserId: 'dt-ada', userId: 'ada' },
          { platformUserId: 'dt-bob', phone: '138 0000 0009', name: 'Bob' },
          { platformUserId: 'dt-carol', email: 'carol@EXAMPLE.com' },
          { platformUserId: 'dt-nobody', phone: '+8613999999999', name: 'Nobody' },
          { platformUserId: 'dt-team', email: 'team@example.com' },
          { platformUserId: 'dt-bad', phone: '12' },
        ],
      },
    });
    expect(result.data?.importPlatformIdentities).toEqual({
      imported: 3,
      users: [{ id: 'ada' }, { id: 'bob' }, { id: 'carol' }],
      errors: [
        {
          field: ['members', '3', 'phone'],
          message: 'Nobody: no person in this tenant has phone +8613999999999',
          code: 'NOT_FOUND',
        },
        {
          field: ['members', '4', 'email'],
          message: expect.stringMatching(/2 people share/),
          code: 'AMBIGUOUS',
        },
        { field: ['members', '5', 'phone'], message: expect.any(String), code: 'INVALID' },
      ],
    });

    expect(await identitiesOf(adminA, 'carol')).toMatchObject([
      { platform: 'DINGTALK', status: 'LINKED', source: 'IMPORT', platformUserId: 'dt-carol' },
    ]);
    const [published] = await readStateMessages({
      brokers,
      topic: stateTopics.identities,
      key: `${tenantA}/bob/dingtalk`,
      done: (m) => m.length >= 1,
    });
    expect(published?.value).toMatchObject({ platformUserId: 'dt-bob', source: 'import' });
  });

  it('is for tenant admins only, and takes at most 5000 members', async () => {
    const byAda = await request(adaA, IMPORT, {
      input: { platform: 'LARK', members: [{ platformUserId: 'ou_1', userId: 'ada' }] },
    });
    expect(byAda.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const members = Array.from({ length: 5001 }, (_, i) => ({ platformUserId: `m${i}`, userId: 'ada' }));
    const tooMany = await request(adminA, IMPORT, { input: { platform: 'LARK', members } });
    expect(tooMany.data?.importPlatformIdentities).toMatchObject({
      imported: 0,
      errors: [{ field: ['members'], code: 'TOO_MANY' }],
    });
  });
});

describe('lookup outcomes from the dispatcher', () => {
  const notFound: IdentityOutcome = {
    tenantId: tenantA,
    userId: 'bob',
    channelId: 'dingtalk-app-1',
    platform: 'dingtalk',
    status: 'not-found',
    contact: '+8613800000009',
    platformUserId: null,
    reason: '+8613800000009 is not registered in DingTalk for this app; ask your project owner.',
    checkedAt: '2026-11-22T08:00:00.000Z',
  };

  it('shows the latest outcome on the user, skipping invalid messages and older outcomes', async () => {
    await produceOutcome('{"not": "an outcome"}');
    await produceOutcome(notFound);
    // Older than the one above: a redelivery must not overwrite what is known now.
    await produceOutcome({
      ...notFound,
      status: 'linked',
      platformUserId: 'old',
      checkedAt: '2026-11-21T08:00:00.000Z',
    });

    const lookup = (identities: Identity[] | undefined) => identities?.find((i) => i.source === 'LOOKUP');
    await expect
      .poll(async () => lookup(await identitiesOf(adminA, 'bob')), { timeout: 30_000 })
      .toEqual({
        platform: 'DINGTALK',
        channel: { id: 'dingtalk-app-1' },
        status: 'NOT_FOUND',
        source: 'LOOKUP',
        platformUserId: null,
        contact: '+8613800000009',
        reason: notFound.reason,
        checkedAt: '2026-11-22T08:00:00.000Z',
      });
    // A later message for carol on the same (one-partition) topic: once it shows, the older one for bob
    // has been consumed too, and must not have won.
    await produceOutcome({
      ...notFound,
      userId: 'carol',
      status: 'no-contact-point',
      contact: null,
      reason: null,
    });
    await expect
      .poll(async () => lookup(await identitiesOf(adminA, 'carol'))?.status, { timeout: 30_000 })
      .toBe('NO_CONTACT_POINT');
    expect(lookup(await identitiesOf(adminA, 'bob'))?.status).toBe('NOT_FOUND');
  });

  it('turns PENDING once the phone that was looked up changes', async () => {
    await request(adminA, UPDATE_USER, { id: 'bob', input: { phone: '+8613800000010' } });
    const lookup = (await identitiesOf(adminA, 'bob'))?.find((i) => i.source === 'LOOKUP');
    expect(lookup).toMatchObject({ status: 'PENDING', contact: '+8613800000009' });
    expect(lookup?.reason).toMatch(
      /\+8613800000010 will be looked up in DingTalk again at the next notification/,
    );
  });
});

describe('mutes', () => {
  it('mutes and unmutes for oneself, publishing the whole set, and a tombstone once empty', async () => {
    for (const input of [
      { eventType: 'COMMENT_ADDED' },
      { customEventType: 'pipeline.failed' },
      { projectId: 'p1' },
      { channelId: 'c1' },
    ]) {
      const muted = await request(adaA, MUTE, { input });
      expect(muted.data?.muteNotifications).toMatchObject({ errors: [] });
    }
    expect((await request(adaA, USER, { id: 'ada' })).data?.user).toMatchObject({
      preferences: {
        mutedProjects: [{ id: 'p1' }],
        mutedEventTypes: ['COMMENT_ADDED'],
        mutedCustomEventTypes: ['pipeline.failed'],
        mutedChannels: [{ id: 'c1' }],
        updatedAt: expect.any(String),
      },
    });
    const key = `${tenantA}/ada`;
    const published = await readStateMessages({
      brokers,
      topic: stateTopics.preferences,
      key,
      done: (m) => (m.at(-1)?.value as { mutedChannelIds?: string[] } | null)?.mutedChannelIds?.length === 1,
    });
    expect(published.at(-1)?.value).toMatchObject({
      tenantId: tenantA,
      userId: 'ada',
      mutedProjectIds: ['p1'],
      mutedEventTypes: ['commentAdded', 'custom:pipeline.failed'],
      mutedChannelIds: ['c1'],
    });

    for (const input of [
      { eventType: 'COMMENT_ADDED' },
      { customEventType: 'pipeline.failed' },
      { projectId: 'p1' },
      { userId: 'ada', channelId: 'c1' },
    ]) {
      await request(adaA, UNMUTE, { input });
    }
    const emptied = await readStateMessages({
      brokers,
      topic: stateTopics.preferences,
      key,
      done: (m) => m.at(-1)?.value === null,
    });
    expect(emptied.at(-1)?.value).toBeNull();
  });

  it('asks for exactly one target, naming the fields', async () => {
    const two = await request(adaA, MUTE, { input: { projectId: 'p1', channelId: 'c1' } });
    expect(two.data?.muteNotifications).toMatchObject({
      preferences: null,
      errors: [{ field: ['projectId'] }, { field: ['channelId'] }],
    });
  });

  it("lets only a tenant admin change someone else's mutes", async () => {
    const byAda = await request(adaA, MUTE, { input: { userId: 'bob', projectId: 'p2' } });
    expect(byAda.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await request(adminA, MUTE, { input: { userId: 'bob', projectId: 'p2' } });
    expect(byAdmin.data?.muteNotifications).toMatchObject({
      preferences: { mutedProjects: [{ id: 'p2' }] },
      errors: [],
    });
  });
});

describe('another tenant', () => {
  it("sees none of tenant A's people, ids, outcomes or mutes", async () => {
    expect((await request(adminB, USER, { id: 'ada' })).data?.user).toBeNull();
    // B's own bob shares A's bob's id and old phone, and has none of A's bob's identities or mutes.
    expect((await request(adminB, USER, { id: 'bob' })).data?.user).toEqual({
      id: 'bob',
      identities: [],
      preferences: {
        mutedProjects: [],
        mutedEventTypes: [],
        mutedCustomEventTypes: [],
        mutedChannels: [],
        updatedAt: null,
      },
    });
  });

  it("cannot change tenant A's people", async () => {
    const set = await request(adminB, SET_IDENTITY, {
      input: { userId: 'ada', platform: 'DINGTALK', platformUserId: 'stolen' },
    });
    expect(set.data?.setPlatformIdentity).toMatchObject({
      user: null,
      errors: [{ field: ['userId'], code: 'NOT_FOUND' }],
    });
    const mute = await request(adminB, MUTE, { input: { userId: 'ada', projectId: 'p1' } });
    expect(mute.data?.muteNotifications).toMatchObject({
      preferences: null,
      errors: [{ field: ['userId'] }],
    });
    const imported = await request(adminB, IMPORT, {
      input: {
        platform: 'DINGTALK',
        members: [
          { platformUserId: 'x', userId: 'ada' },
          { platformUserId: 'y', email: 'carol@example.com' },
        ],
      },
    });
    expect(imported.data?.importPlatformIdentities).toMatchObject({ imported: 0, users: [] });
    const update = await request(adminB, UPDATE_USER, { id: 'ada', input: { name: 'Mallory' } });
    expect(update.data?.updateUser).toMatchObject({
      user: null,
      errors: [{ field: ['id'], code: 'NOT_FOUND' }],
    });
    expect(await identitiesOf(adminA, 'ada')).toMatchObject([{ platformUserId: 'dt-ada' }]);
  });
});
