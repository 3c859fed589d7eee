import { readFileSync } from 'node:fs';
import type { Claims } from '@tidings/auth';
import { openDatabase } from '@tidings/db';
import { INPUT_ERROR_SDL, PAGE_INFO_SDL, type SubgraphService } from '@tidings/graphql';
import { readStateMessages, silentLogger, subgraphClient } from '@tidings/graphql/testing';
import { stateTopics, userStateSchema } from '@tidings/state';
import { createTestDatabase, type TestDatabase, testInfrastructure, uniqueName } from '@tidings/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityService, IDENTITY_SDL_PATH } from '../src/service.ts';

const SECRET = 'identity-test-claims-secret-0123456789';
const infrastructure = testInfrastructure();
const brokers = infrastructure.kafkaBrokers.split(',');

const tenantA = uniqueName('tenant-a');
const tenantB = uniqueName('tenant-b');
const adminA: Claims = { userId: 'admin-a', tenantId: tenantA, roles: ['tenant-admin'], ownedProjectIds: [] };
const adaA: Claims = { userId: 'ada', tenantId: tenantA, roles: [], ownedProjectIds: [] };
const adminB: Claims = { userId: 'admin-b', tenantId: tenantB, roles: ['tenant-admin'], ownedProjectIds: [] };

const USER_FIELDS = 'id name email phone locale';
const CREATE_USER = `mutation($input: CreateUserInput!) {
  createUser(input: $input) { user { ${USER_FIELDS} } errors { field message code } }
}`;
const UPDATE_USER = `mutation($id: ID!, $input: UpdateUserInput!) {
  updateUser(id: $id, input: $input) { user { ${USER_FIELDS} } errors { field message code } }
}`;
const USER = `query($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id name } } }`;

// Shared with the subscriptions and deliveries subgraphs character for character, so composition merges it.
const EVENT_TYPE_SDL = `"Ticket events rules match, people mute and sample events name. Custom change types (alarms, pipelines) are strings beside it, e.g. pipeline.failed."
enum EventType {
  "A ticket was created."
  TICKET_CREATED
  "A comment was added to a ticket."
  COMMENT_ADDED
  "Assignees were added to or removed from a ticket."
  ASSIGNEES_CHANGED
  "A ticket's status changed."
  STATUS_CHANGED
  "A ticket moved to another workflow step."
  WORKFLOW_STEP_CHANGED
}`;

let database: TestDatabase;
let service: SubgraphService;
let request: ReturnType<typeof subgraphClient>;

beforeAll(async () => {
  database = await createTestDatabase('identity');
  service = createIdentityService({
    http: { host: '127.0.0.1', port: 0 },
    database: { url: database.url },
    kafka: { brokers },
    claimsSecret: SECRET,
    outcomesConsumerGroup: uniqueName('identity-outcomes-test'),
    logger: silentLogger,
  });
  const { url } = await service.start();
  request = subgraphClient(url, SECRET);
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
});

describe('schema', () => {
  it('links federation and declares the shared types exactly', () => {
    const sdl = readFileSync(IDENTITY_SDL_PATH, 'utf8');
    expect(sdl.startsWith('extend schema @link(url: "https://specs.apollo.dev/federation/v2.7"')).toBe(true);
    expect(sdl).toContain(INPUT_ERROR_SDL);
    expect(sdl).toContain(PAGE_INFO_SDL);
    expect(sdl).toContain(EVENT_TYPE_SDL);
  });
});

describe('users', () => {
  it('creates a user with a national phone number normalised to E.164 and publishes its state', async () => {
    const result = await request(adminA, CREATE_USER, {
      input: {
        id: 'ada',
        name: ' Ada Lovelace ',
        email: 'ada@Example.com',
        phone: '138 0013 8000',
        phoneRegion: 'cn',
        locale: 'zh-hans-cn',
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createUser).toEqual({
      user: {
        id: 'ada',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '+8613800138000',
        locale: 'zh-Hans-CN',
      },
      errors: [],
    });

    const [message] = await readStateMessages({
      brokers,
      topic: stateTopics.users,
      key: `${tenantA}/ada`,
      done: (messages) => messages.length >= 1,
    });
    expect(message?.headers['content-type']).toBe('application/json');
    const state = userStateSchema.parse(message?.value);
    expect(state).toMatchObject({
      tenantId: tenantA,
      id: 'ada',
      phone: '+8613800138000',
      locale: 'zh-Hans-CN',
    });
  });

  it('names the phone field when the number is invalid, and stores nothing', async () => {
    const result = await request(adminA, CREATE_USER, {
      input: { id: 'bob', name: 'Bob', phone: '12345', phoneRegion: 'US', email: 'not-an-email' },
    });
    expect(result.data?.createUser).toEqual({
      user: null,
      errors: [
        { field: ['email'], message: expect.any(String), code: 'INVALID' },
        { field: ['phone'], message: '"12345" is not a valid phone number in US', code: 'INVALID' },
      ],
    });
    expect((await request(adminA, USER, { id: 'bob' })).data?.user).toBeNull();

    const national = await request(adminA, CREATE_USER, {
      input: { id: 'bob', name: 'Bob', phone: '2015550123' },
    });
    expect(national.data?.createUser).toMatchObject({
      user: null,
      errors: [{ field: ['phone'], code: 'REGION_REQUIRED' }],
    });
  });

  it('refuses a second user with the same id in the tenant', async () => {
    const result = await request(adminA, CREATE_USER, { input: { id: 'ada', name: 'Another Ada' } });
    expect(result.data?.createUser).toMatchObject({
      user: null,
      errors: [{ field: ['id'], code: 'ALREADY_EXISTS' }],
    });
  });

  it('lets a person edit themselves and a tenant admin edit anyone, and publishes each change', async () => {
    await request(adminA, CREATE_USER, { input: { id: 'carol', name: 'Carol' } });

    const own = await request(adaA, UPDATE_USER, {
      id: 'ada',
      input: { phone: '+1 201 555 0123', email: null },
    });
    expect(own.data?.updateUser).toMatchObject({
      user: { id: 'ada', phone: '+12015550123', email: null, name: 'Ada Lovelace' },
      errors: [],
    });
    const other = await request(adaA, UPDATE_USER, { id: 'carol', input: { name: 'Mallory' } });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await request(adminA, USER, { id: 'carol' })).data?.user).toMatchObject({ name: 'Carol' });

    const byAdmin = await request(adminA, UPDATE_USER, { id: 'carol', input: { locale: 'de-de' } });
    expect(byAdmin.data?.updateUser).toMatchObject({ user: { id: 'carol', locale: 'de-DE' }, errors: [] });

    const invalid = await request(adaA, UPDATE_USER, {
      id: 'ada',
      input: { phone: 'call me', phoneRegion: 'CN' },
    });
    expect(invalid.data?.updateUser).toMatchObject({ user: null, errors: [{ field: ['phone'] }] });

    const messages = await readStateMessages({
      brokers,
      topic: stateTopics.users,
      key: `${tenantA}/ada`,
      done: (found) => found.some((m) => (m.value as { phone?: string }).phone === '+12015550123'),
    });
    expect(messages.at(-1)?.value).toMatchObject({ phone: '+12015550123', email: null });
  });

  it('answers me and pages through users', async () => {
    expect((await request(adaA, '{ me { id name } }')).data).toEqual({
      me: { id: 'ada', name: 'Ada Lovelace' },
    });
    const page = `query($after: String) { users(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const first = await request<{
      users: {
        edges: Array<{ node: { id: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(adaA, page);
    expect(first.data?.users.edges.map((e) => e.node.id)).toEqual(['ada', 'carol']);
    expect(first.data?.users.pageInfo.hasNextPage).toBe(false);
  });

  it('empties the outbox once the relay has published', async () => {
    const handle = await openDatabase({ url: database.url });
    try {
      await expect
        .poll(async () => {
          const rows = await handle.db.execute(sql`select count(*)::int as n from identity.outbox`);
          return (rows as unknown as Array<{ n: number }>)[0]?.n;
        })
        .toBe(0);
    } finally {
      await handle.close();
    }
  });
});

describe('tenant isolation and authentication', () => {
  it('hides tenant A users from tenant B, including through _entities', async () => {
    expect((await request(adminB, USER, { id: 'ada' })).data?.user).toBeNull();
    const entities = await request(adminB, ENTITIES, { r: [{ __typename: 'User', id: 'ada' }] });
    expect(entities.data?._entities).toEqual([null]);
    const own = await request(adminA, ENTITIES, { r: [{ __typename: 'User', id: 'ada' }] });
    expect(own.data?._entities).toEqual([{ id: 'ada', name: 'Ada Lovelace' }]);
    expect((await request(adminB, '{ users { edges { node { id } } } }')).data).toEqual({
      users: { edges: [] },
    });
  });

  it('keeps the same id in two tenants apart', async () => {
    const result = await request(adminB, CREATE_USER, { input: { id: 'ada', name: 'Ada of B' } });
    expect(result.data?.createUser).toMatchObject({ user: { id: 'ada', name: 'Ada of B' }, errors: [] });
    expect((await request(adminA, USER, { id: 'ada' })).data?.user).toMatchObject({ name: 'Ada Lovelace' });
  });

  it('rejects anonymous callers with UNAUTHENTICATED', async () => {
    const query = await request('anonymous', USER, { id: 'ada' });
    expect(query.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const mutation = await request('anonymous', CREATE_USER, { input: { id: 'eve', name: 'Eve' } });
    expect(mutation.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const entities = await request('anonymous', ENTITIES, { r: [{ __typename: 'User', id: 'ada' }] });
    expect(entities.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers forged claims with 401', async () => {
    const forged = await request({ forgedFor: adminA }, USER, { id: 'ada' });
    expect(forged.status).toBe(401);
    expect(forged.data).toBeUndefined();
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
