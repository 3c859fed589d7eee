import { readFileSync } from 'node:fs';
import type { Claims } from '@tidings/auth';
import { INPUT_ERROR_SDL, PAGE_INFO_SDL, type SubgraphService } from '@tidings/graphql';
import { readStateMessages, silentLogger, subgraphClient } from '@tidings/graphql/testing';
import { ruleStateSchema, stateTopics } from '@tidings/state';
import { createTestDatabase, type TestDatabase, testInfrastructure, uniqueName } from '@tidings/testkit';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscriptionsService, SUBSCRIPTIONS_SDL_PATH } from '../src/service.ts';

const SECRET = 'subscriptions-test-claims-secret-0123456789';
const brokers = testInfrastructure().kafkaBrokers.split(',');

const tenantA = uniqueName('tenant-a');
const tenantB = uniqueName('tenant-b');
const adminA: Claims = { userId: 'admin', tenantId: tenantA, roles: ['tenant-admin'], ownedProjectIds: [] };
const ownerA: Claims = { userId: 'owner', tenantId: tenantA, roles: [], ownedProjectIds: ['p1'] };
const adminB: Claims = { userId: 'admin', tenantId: tenantB, roles: ['tenant-admin'], ownedProjectIds: [] };

const CHANNEL_1 = '5a0c9a3e-2b0c-4f57-9d5e-0d7f1c8b9e11';
const CHANNEL_2 = '0b7e2f1a-8c3d-4e5f-a6b7-c8d9e0f1a2b3';

const RULE_FIELDS = `id name projectIds eventTypes customEventTypes roles userIds users { id }
  channelIds channels { id } excludeActor enabled`;
const CREATE = `mutation($input: CreateRuleInput!) {
  createRule(input: $input) { rule { ${RULE_FIELDS} } errors { field message code } }
}`;
const SET_ENABLED = `mutation($input: SetRuleEnabledInput!) {
  setRuleEnabled(input: $input) { rule { id enabled } errors { field code } }
}`;
const DELETE = `mutation($input: DeleteRuleInput!) { deleteRule(input: $input) { deletedRuleId errors { field code } } }`;
const RULE = `query($id: ID!) { rule(id: $id) { id name } }`;
const RULES = `query($projectId: ID) { rules(projectId: $projectId) { edges { node { id } } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Rule { id name } } }`;

interface RuleResult {
  id: string;
  [field: string]: unknown;
}

let database: TestDatabase;
let service: SubgraphService;
let request: ReturnType<typeof subgraphClient>;
let everywhere: RuleResult;
let p1Rule: RuleResult;

async function createRule(caller: Claims, input: Record<string, unknown>) {
  const result = await request<{
    createRule: { rule: RuleResult | null; errors: Array<{ field: string[]; code: string }> };
  }>(caller, CREATE, { input });
  return result;
}

const ids = (result: { data?: Record<string, unknown> }) =>
  (result.data?.rules as { edges: Array<{ node: { id: string } }> } | undefined)?.edges
    .map((edge) => edge.node.id)
    .sort();

beforeAll(async () => {
  database = await createTestDatabase('subscriptions');
  service = createSubscriptionsService({
    http: { host: '127.0.0.1', port: 0 },
    database: { url: database.url },
    kafka: { brokers },
    claimsSecret: SECRET,
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
    const sdl = readFileSync(SUBSCRIPTIONS_SDL_PATH, 'utf8');
    expect(sdl.startsWith('extend schema @link(url: "https://specs.apollo.dev/federation/v2.7"')).toBe(true);
    expect(sdl).toContain(INPUT_ERROR_SDL);
    expect(sdl).toContain(PAGE_INFO_SDL);
  });

  it('describes every type, field, argument and enum value it owns', () => {
    const sdl = readFileSync(SUBSCRIPTIONS_SDL_PATH, 'utf8');
    // InputError and PageInfo are shared character for character with the other subgraphs.
    const shared = new Set(['InputError', 'PageInfo']);
    const undescribed: string[] = [];
    for (const definition of parse(sdl).definitions) {
      if (!('name' in definition) || !definition.name || shared.has(definition.name.value)) continue;
      const typeName = definition.name.value;
      const isRoot = typeName === 'Query' || typeName === 'Mutation';
      if (!isRoot && !('description' in definition && definition.description)) undescribed.push(typeName);
      const members = [
        ...('fields' in definition ? (definition.fields ?? []) : []),
        ...('values' in definition ? (definition.values ?? []) : []),
      ];
      for (const member of members) {
        if (!member.description) undescribed.push(`${typeName}.${member.name.value}`);
        for (const argument of 'arguments' in member ? (member.arguments ?? []) : []) {
          if (!argument.description)
            undescribed.push(`${typeName}.${member.name.value}(${argument.name.value})`);
        }
      }
    }
    expect(undescribed).toEqual([]);
  });

  it('uses DateTime for every timestamp', () => {
    const sdl = readFileSync(SUBSCRIPTIONS_SDL_PATH, 'utf8');
    expect(sdl).toMatch(/^scalar DateTime$/m);
    expect(
      sdl.match(/(createdAt|updatedAt|occurredAt): (\w+)/g)?.filter((f) => !f.endsWith('DateTime')),
    ).toEqual([]);
  });
});

describe('rules', () => {
  it('creates a rule for every project and publishes it in the state contract’s terms', async () => {
    const result = await createRule(adminA, {
      name: 'Everything to ops',
      eventTypes: ['TICKET_CREATED', 'WORKFLOW_STEP_CHANGED'],
      customEventTypes: ['pipeline.failed'],
      roles: ['ASSIGNEES', 'STEP_ASSIGNEES'],
      userIds: ['ada'],
      channelIds: [CHANNEL_1, CHANNEL_2],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createRule).toEqual({
      rule: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Everything to ops',
        projectIds: null,
        eventTypes: ['TICKET_CREATED', 'WORKFLOW_STEP_CHANGED'],
        customEventTypes: ['pipeline.failed'],
        roles: ['ASSIGNEES', 'STEP_ASSIGNEES'],
        userIds: ['ada'],
        users: [{ id: 'ada' }],
        channelIds: [CHANNEL_1, CHANNEL_2],
        channels: [{ id: CHANNEL_1 }, { id: CHANNEL_2 }],
        excludeActor: true,
        enabled: true,
      },
      errors: [],
    });
    everywhere = result.data!.createRule.rule!;

    const [message] = await readStateMessages({
      brokers,
      topic: stateTopics.rules,
      key: everywhere.id,
      done: (found) => found.length >= 1,
    });
    expect(ruleStateSchema.parse(message?.value)).toMatchObject({
      tenantId: tenantA,
      id: everywhere.id,
      projectIds: null,
      eventTypes: ['created', 'workflowStepChanged', 'custom:pipeline.failed'],
      roles: ['assignees', 'stepAssignees'],
      userIds: ['ada'],
      channelIds: [CHANNEL_1, CHANNEL_2],
      excludeActor: true,
      enabled: true,
    });
  });

  it('lets a project owner create rules for their projects only', async () => {
    const own = await createRule(ownerA, {
      name: 'P1 comments',
      projectIds: ['p1'],
      eventTypes: ['COMMENT_ADDED'],
      roles: ['CREATOR', 'WATCHERS'],
      channelIds: [CHANNEL_1],
      excludeActor: false,
    });
    expect(own.data?.createRule.errors).toEqual([]);
    p1Rule = own.data!.createRule.rule!;
    expect(p1Rule).toMatchObject({ projectIds: ['p1'], excludeActor: false, roles: ['CREATOR', 'WATCHERS'] });

    const input = { name: 'x', eventTypes: ['COMMENT_ADDED'], roles: ['CREATOR'], channelIds: [CHANNEL_1] };
    const other = await createRule(ownerA, { ...input, projectIds: ['p1', 'p2'] });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const all = await createRule(ownerA, input);
    expect(all.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('names the bad fields', async () => {
    const result = await createRule(adminA, {
      name: 'Broken',
      projectIds: [],
      customEventTypes: ['has spaces'],
      channelIds: ['not-a-channel'],
    });
    expect(result.data?.createRule.rule).toBeNull();
    expect(result.data?.createRule.errors.map((e) => e.field)).toEqual([
      ['projectIds'],
      ['customEventTypes', '0'],
      ['roles'],
      ['channelIds', '0'],
    ]);
    const noChannels = await createRule(adminA, {
      name: 'x',
      eventTypes: ['TICKET_CREATED'],
      roles: ['CREATOR'],
      channelIds: [],
    });
    expect(noChannels.data?.createRule.errors).toEqual([
      {
        field: ['channelIds'],
        message: 'give at least one channel or notification service',
        code: 'REQUIRED',
      },
    ]);
  });

  it('lists the rules that apply to a project', async () => {
    expect(ids(await request(ownerA, RULES, { projectId: 'p1' }))).toEqual([everywhere.id, p1Rule.id].sort());
    expect(ids(await request(ownerA, RULES, { projectId: 'p9' }))).toEqual([everywhere.id]);
    expect(ids(await request(ownerA, RULES))).toEqual([everywhere.id, p1Rule.id].sort());
  });

  it('enables and disables rules for those who may change them, publishing the change', async () => {
    const off = await request(ownerA, SET_ENABLED, { input: { id: p1Rule.id, enabled: false } });
    expect(off.data?.setRuleEnabled).toEqual({ rule: { id: p1Rule.id, enabled: false }, errors: [] });
    const forbidden = await request(ownerA, SET_ENABLED, { input: { id: everywhere.id, enabled: false } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await request(adminA, SET_ENABLED, {
      input: { id: '00000000-0000-4000-8000-000000000000', enabled: false },
    });
    expect(missing.data?.setRuleEnabled).toEqual({
      rule: null,
      errors: [{ field: ['id'], code: 'NOT_FOUND' }],
    });

    const messages = await readStateMessages({
      brokers,
      topic: stateTopics.rules,
      key: p1Rule.id,
      done: (found) => found.some((m) => (m.value as { enabled?: boolean } | null)?.enabled === false),
    });
    expect(messages.at(-1)?.value).toMatchObject({ enabled: false, projectIds: ['p1'] });
  });

  it('deletes a rule with a tombstone', async () => {
    const result = await request(ownerA, DELETE, { input: { id: p1Rule.id } });
    expect(result.data?.deleteRule).toEqual({ deletedRuleId: p1Rule.id, errors: [] });
    expect((await request(ownerA, RULE, { id: p1Rule.id })).data?.rule).toBeNull();
    const again = await request(ownerA, DELETE, { input: { id: p1Rule.id } });
    expect(again.data?.deleteRule).toEqual({
      deletedRuleId: null,
      errors: [{ field: ['id'], code: 'NOT_FOUND' }],
    });
    const messages = await readStateMessages({
      brokers,
      topic: stateTopics.rules,
      key: p1Rule.id,
      done: (found) => found.at(-1)?.value === null,
    });
    expect(messages.at(-1)?.value).toBeNull();
  });
});

describe('tenant isolation and authentication', () => {
  it('hides tenant A rules from tenant B, including through _entities', async () => {
    expect((await request(adminB, RULE, { id: everywhere.id })).data?.rule).toBeNull();
    const entities = await request(adminB, ENTITIES, { r: [{ __typename: 'Rule', id: everywhere.id }] });
    expect(entities.data?._entities).toEqual([null]);
    const own = await request(adminA, ENTITIES, { r: [{ __typename: 'Rule', id: everywhere.id }] });
    expect(own.data?._entities).toEqual([{ id: everywhere.id, name: 'Everything to ops' }]);
    expect(ids(await request(adminB, RULES))).toEqual([]);
    const deletion = await request(adminB, DELETE, { input: { id: everywhere.id } });
    expect(deletion.data?.deleteRule).toMatchObject({ deletedRuleId: null, errors: [{ code: 'NOT_FOUND' }] });
    expect((await request(adminA, RULE, { id: everywhere.id })).data?.rule).toMatchObject({
      id: everywhere.id,
    });
  });

  it('rejects anonymous callers and forged claims', async () => {
    expect((await request('anonymous', RULES)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const mutation = await request('anonymous', DELETE, { input: { id: everywhere.id } });
    expect(mutation.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await request({ forgedFor: adminA }, RULES);
    expect(forged.status).toBe(401);
    expect(forged.data).toBeUndefined();
  });
});
