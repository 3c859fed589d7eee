import type { Claims } from '@tidings/auth';
import { readStateMessages } from '@tidings/graphql/testing';
import { ruleStateSchema, stateTopics, watchStateKey, watchStateSchema } from '@tidings/state';
import { uniqueName } from '@tidings/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokers, dataOf, type Harness, startSubscriptions } from './harness.ts';

const tenantA = uniqueName('tenant-a');
const tenantB = uniqueName('tenant-b');
const adminA: Claims = { userId: 'admin', tenantId: tenantA, roles: ['tenant-admin'], ownedProjectIds: [] };
const ownerA: Claims = { userId: 'owner', tenantId: tenantA, roles: [], ownedProjectIds: ['p1'] };
const memberA: Claims = { userId: 'lan', tenantId: tenantA, roles: [], ownedProjectIds: [] };
const adminB: Claims = { userId: 'admin', tenantId: tenantB, roles: ['tenant-admin'], ownedProjectIds: [] };

const CHANNEL = '5a0c9a3e-2b0c-4f57-9d5e-0d7f1c8b9e11';
const SERVICE = '9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const MISSING = '00000000-0000-4000-8000-000000000000';

const RULE_FIELDS = `id name projectIds eventTypes customEventTypes statuses steps roles channelIds serviceIds
  services { id } templateId template { id name } mentionAll excludeActor enabled createdAt updatedAt`;
const CREATE_RULE = `mutation($input: CreateRuleInput!) {
  createRule(input: $input) { rule { ${RULE_FIELDS} } errors { field message code } }
}`;
const UPDATE_RULE = `mutation($input: UpdateRuleInput!) {
  updateRule(input: $input) { rule { ${RULE_FIELDS} } errors { field message code } }
}`;
const CREATE_TEMPLATE = `mutation($input: CreateTemplateInput!) {
  createTemplate(input: $input) { template { id name } errors { field message code } }
}`;
const WATCH_FIELDS = 'watch { user { id } target targetId following updatedAt } errors { field code }';
const FOLLOW_TICKET = `mutation($input: WatchInput!) { followTicket(input: $input) { ${WATCH_FIELDS} } }`;
const UNFOLLOW_TICKET = `mutation($input: WatchInput!) { unfollowTicket(input: $input) { ${WATCH_FIELDS} } }`;
const FOLLOW_PROJECT = `mutation($input: WatchInput!) { followProject(input: $input) { ${WATCH_FIELDS} } }`;
const CLEAR = `mutation($input: ClearWatchInput!) { clearWatch(input: $input) { ${WATCH_FIELDS} } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Ticket { id followers { id } watches { user { id } following target } }
  ... on Project { id followers { id } rules { edges { node { id } } } }
  ... on User { id watches { target targetId following } }
  ... on Rule { id name }
} }`;

let harness: Harness;
let templateId: string;

beforeAll(async () => {
  harness = await startSubscriptions();
  const created = await harness.request<{ createTemplate: { template: { id: string } } }>(
    adminA,
    CREATE_TEMPLATE,
    {
      input: {
        name: 'Pipeline',
        format: 'MARKDOWN',
        locale: 'en',
        title: 'Pipeline',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Tidings template variable
        body: 'Pipeline ${attributes.PIPELINE_NAME}',
      },
    },
  );
  templateId = dataOf(created).createTemplate.template.id;
});

afterAll(async () => {
  await harness?.stop();
});

type RulePayload = {
  rule: Record<string, unknown> & { id: string };
  errors: Array<{ field: string[]; code: string; message: string }>;
};

describe('rule filters, services, template and @all', () => {
  let ruleId: string;

  it('round-trips the new fields to the rules state topic', async () => {
    const result = await harness.request<{ createRule: RulePayload }>(adminA, CREATE_RULE, {
      input: {
        name: 'Data exports pending approval',
        projectIds: ['p1'],
        eventTypes: ['STATUS_CHANGED'],
        customEventTypes: ['pipeline.failed'],
        statuses: ['pending approval'],
        steps: ['dba-review'],
        roles: ['STEP_ASSIGNEES'],
        serviceIds: [SERVICE],
        templateId,
        mentionAll: true,
      },
    });
    const { rule, errors } = dataOf(result).createRule;
    expect(errors).toEqual([]);
    expect(rule).toMatchObject({
      statuses: ['pending approval'],
      steps: ['dba-review'],
      channelIds: [],
      serviceIds: [SERVICE],
      services: [{ id: SERVICE }],
      templateId,
      template: { id: templateId, name: 'Pipeline' },
      mentionAll: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    ruleId = rule.id;

    const [message] = await readStateMessages({
      brokers,
      topic: stateTopics.rules,
      key: ruleId,
      done: (found) => found.length >= 1,
    });
    expect(ruleStateSchema.parse(message?.value)).toMatchObject({
      tenantId: tenantA,
      eventTypes: ['statusChanged', 'custom:pipeline.failed'],
      statuses: ['pending approval'],
      steps: ['dba-review'],
      roles: ['stepAssignees'],
      channelIds: [],
      serviceIds: [SERVICE],
      templateId,
      mentionAll: true,
    });
  });

  it('refuses a template that is not the tenant’s, and a rule with neither channels nor services', async () => {
    const result = await harness.request<{ createRule: RulePayload }>(adminA, CREATE_RULE, {
      input: { name: 'x', eventTypes: ['TICKET_CREATED'], roles: ['CREATOR'], templateId: MISSING },
    });
    expect(dataOf(result).createRule.errors.map((e) => [e.field, e.code])).toEqual([
      [['channelIds'], 'REQUIRED'],
    ]);
    const unknownTemplate = await harness.request<{ createRule: RulePayload }>(adminA, CREATE_RULE, {
      input: {
        name: 'x',
        eventTypes: ['TICKET_CREATED'],
        roles: ['CREATOR'],
        channelIds: [CHANNEL],
        templateId: MISSING,
      },
    });
    expect(dataOf(unknownTemplate).createRule).toMatchObject({
      rule: null,
      errors: [{ field: ['templateId'], code: 'NOT_FOUND' }],
    });
    // Another tenant's template is as unknown as a missing one.
    const otherTenant = await harness.request<{ createRule: RulePayload }>(adminB, CREATE_RULE, {
      input: {
        name: 'x',
        eventTypes: ['TICKET_CREATED'],
        roles: ['CREATOR'],
        channelIds: [CHANNEL],
        templateId,
      },
    });
    expect(dataOf(otherTenant).createRule.errors).toMatchObject([
      { field: ['templateId'], code: 'NOT_FOUND' },
    ]);
  });

  it('updates only the fields given, and publishes the result', async () => {
    const result = await harness.request<{ createRule: RulePayload; updateRule: RulePayload }>(
      ownerA,
      UPDATE_RULE,
      { input: { id: ruleId, statuses: [], channelIds: [CHANNEL], templateId: null, mentionAll: false } },
    );
    const { rule, errors } = dataOf(result).updateRule;
    expect(errors).toEqual([]);
    expect(rule).toMatchObject({
      name: 'Data exports pending approval',
      statuses: [],
      steps: ['dba-review'],
      channelIds: [CHANNEL],
      serviceIds: [SERVICE],
      templateId: null,
      template: null,
      mentionAll: false,
      customEventTypes: ['pipeline.failed'],
    });
    expect(Date.parse(rule.updatedAt as string)).toBeGreaterThan(Date.parse(rule.createdAt as string));

    const messages = await readStateMessages({
      brokers,
      topic: stateTopics.rules,
      key: ruleId,
      done: (found) => found.some((m) => (m.value as { templateId?: unknown })?.templateId === null),
    });
    expect(messages.at(-1)?.value).toMatchObject({ statuses: [], channelIds: [CHANNEL], mentionAll: false });

    const bad = await harness.request<{ updateRule: RulePayload }>(adminA, UPDATE_RULE, {
      input: { id: ruleId, name: ' ', channelIds: [], serviceIds: [] },
    });
    expect(dataOf(bad).updateRule.errors.map((e) => e.field)).toEqual([['name'], ['channelIds']]);
    const missing = await harness.request<{ updateRule: RulePayload }>(adminA, UPDATE_RULE, {
      input: { id: MISSING, name: 'y' },
    });
    expect(dataOf(missing).updateRule.errors).toMatchObject([{ field: ['id'], code: 'NOT_FOUND' }]);
  });

  it('keeps project owners to their own projects', async () => {
    const widen = await harness.request(ownerA, UPDATE_RULE, {
      input: { id: ruleId, projectIds: ['p1', 'p2'] },
    });
    expect(widen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const everywhere = await harness.request(ownerA, UPDATE_RULE, {
      input: { id: ruleId, projectIds: null },
    });
    expect(everywhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const foreign = await harness.request(ownerA, CREATE_RULE, {
      input: {
        name: 'x',
        projectIds: ['p2'],
        eventTypes: ['TICKET_CREATED'],
        roles: ['CREATOR'],
        channelIds: [CHANNEL],
      },
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const member = await harness.request(memberA, UPDATE_RULE, { input: { id: ruleId, name: 'mine' } });
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists a project’s rules on the Project entity, for its tenant only', async () => {
    const own = await harness.request<{
      _entities: Array<{ rules: { edges: Array<{ node: { id: string } }> } }>;
    }>(memberA, ENTITIES, { r: [{ __typename: 'Project', id: 'p1' }] });
    expect(dataOf(own)._entities[0]?.rules.edges.map((e) => e.node.id)).toEqual([ruleId]);
    const other = await harness.request<{ _entities: Array<{ rules: { edges: unknown[] } }> }>(
      adminB,
      ENTITIES,
      {
        r: [{ __typename: 'Project', id: 'p1' }],
      },
    );
    expect(dataOf(other)._entities[0]?.rules.edges).toEqual([]);
  });
});

describe('watches', () => {
  const ticket = uniqueName('ticket');

  it('follows and unfollows a ticket, publishing each state; others need a tenant admin', async () => {
    const follow = await harness.request<{ followTicket: { watch: Record<string, unknown> } }>(
      memberA,
      FOLLOW_TICKET,
      { input: { targetId: ticket } },
    );
    expect(dataOf(follow).followTicket).toEqual({
      watch: {
        user: { id: 'lan' },
        target: 'TICKET',
        targetId: ticket,
        following: true,
        updatedAt: expect.any(String),
      },
      errors: [],
    });
    const forSomeoneElse = await harness.request(memberA, FOLLOW_TICKET, {
      input: { targetId: ticket, userId: 'minh' },
    });
    expect(forSomeoneElse.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await harness.request<{ unfollowTicket: { watch: { following: boolean } } }>(
      adminA,
      UNFOLLOW_TICKET,
      { input: { targetId: ticket, userId: 'minh' } },
    );
    expect(dataOf(byAdmin).unfollowTicket.watch.following).toBe(false);
    const empty = await harness.request<{ followTicket: { errors: Array<{ field: string[] }> } }>(
      memberA,
      FOLLOW_TICKET,
      { input: { targetId: ' ' } },
    );
    expect(dataOf(empty).followTicket.errors.map((e) => e.field)).toEqual([['targetId']]);

    const key = watchStateKey({ tenantId: tenantA, userId: 'minh', targetKind: 'ticket', targetId: ticket });
    const [message] = await readStateMessages({
      brokers,
      topic: stateTopics.watches,
      key,
      done: (found) => found.length >= 1,
    });
    expect(watchStateSchema.parse(message?.value)).toMatchObject({
      tenantId: tenantA,
      userId: 'minh',
      targetKind: 'ticket',
      targetId: ticket,
      following: false,
    });
  });

  it('shows followers and watches on the Ticket and User entities', async () => {
    const result = await harness.request<{ _entities: Array<Record<string, unknown>> }>(memberA, ENTITIES, {
      r: [
        { __typename: 'Ticket', id: ticket },
        { __typename: 'User', id: 'minh' },
      ],
    });
    expect(dataOf(result)._entities).toEqual([
      {
        id: ticket,
        followers: [{ id: 'lan' }],
        watches: [
          { user: { id: 'lan' }, following: true, target: 'TICKET' },
          { user: { id: 'minh' }, following: false, target: 'TICKET' },
        ],
      },
      { id: 'minh', watches: [{ target: 'TICKET', targetId: ticket, following: false }] },
    ]);
  });

  it('follows a project', async () => {
    const follow = await harness.request(memberA, FOLLOW_PROJECT, { input: { targetId: 'p1' } });
    expect(dataOf(follow)).toMatchObject({
      followProject: { watch: { target: 'PROJECT', following: true } },
    });
    const project = await harness.request<{ _entities: Array<{ followers: unknown }> }>(memberA, ENTITIES, {
      r: [{ __typename: 'Project', id: 'p1' }],
    });
    expect(dataOf(project)._entities[0]?.followers).toEqual([{ id: 'lan' }]);
  });

  it('clears a watch with a tombstone', async () => {
    const cleared = await harness.request(memberA, CLEAR, { input: { target: 'TICKET', targetId: ticket } });
    expect(dataOf(cleared)).toEqual({ clearWatch: { watch: null, errors: [] } });
    const key = watchStateKey({ tenantId: tenantA, userId: 'lan', targetKind: 'ticket', targetId: ticket });
    const messages = await readStateMessages({
      brokers,
      topic: stateTopics.watches,
      key,
      done: (found) => found.at(-1)?.value === null,
    });
    expect(messages.map((m) => (m.value as { following?: boolean } | null)?.following ?? null)).toEqual([
      true,
      null,
    ]);
    const ticketNow = await harness.request<{ _entities: Array<{ followers: unknown }> }>(memberA, ENTITIES, {
      r: [{ __typename: 'Ticket', id: ticket }],
    });
    expect(dataOf(ticketNow)._entities[0]?.followers).toEqual([]);
  });

  it('keeps watches within the tenant', async () => {
    const result = await harness.request<{ _entities: Array<Record<string, unknown>> }>(adminB, ENTITIES, {
      r: [
        { __typename: 'Ticket', id: ticket },
        { __typename: 'User', id: 'minh' },
        { __typename: 'Project', id: 'p1' },
      ],
    });
    expect(dataOf(result)._entities).toEqual([
      { id: ticket, followers: [], watches: [] },
      { id: 'minh', watches: [] },
      { id: 'p1', followers: [], rules: { edges: [] } },
    ]);
    const anonymous = await harness.request('anonymous', ENTITIES, {
      r: [{ __typename: 'Ticket', id: ticket }],
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
