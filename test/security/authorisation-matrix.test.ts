// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL answers are untyped JSON here
// The authorisation matrix, through the gateway: every Query and Mutation field of the composed supergraph
// × five callers (anonymous, another tenant's admin, a member, a project owner, a tenant admin), each
// cell's outcome asserted. A field of the supergraph without a row fails the run, so a new field cannot
// skip it.
//
// Outcomes: ALLOWED (answered, with data of this tenant or a change made); UNAUTHENTICATED; FORBIDDEN;
// NOT_FOUND (the entity is not the caller's tenant's: null, or an InputError with code NOT_FOUND); EMPTY (a
// list or bulk action that finds nothing the caller may see). Another tenant's admin acting in their own
// tenant (creating a channel there, say) is ALLOWED: what matters is that it never reaches this tenant,
// which the NOT_FOUND/EMPTY cells on this tenant's entities show.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { waitFor } from '@tidings/testkit';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryJob } from '../../services/dispatcher/src/jobs.ts';
import { deliveries } from '../../services/dispatcher/src/ledger/schema.ts';
import { type Caller, type Scenario, startScenario } from '../e2e/scenario.ts';

type Outcome = 'ALLOWED' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'EMPTY';
const callerNames = ['anonymous', 'otherTenantAdmin', 'member', 'owner', 'admin'] as const;
type CallerName = (typeof callerNames)[number];
type Expected = Record<CallerName, Outcome>;

interface Row {
  /** `Query.channel`, `Mutation.createUser`, … */
  field: string;
  document: string;
  /** The call's variables; may create a fresh entity (as this tenant's admin) for the caller to act on. */
  variables?: (caller: CallerName) => Record<string, unknown> | Promise<Record<string, unknown>>;
  expected: Expected;
}

const OWNED_PROJECT = 'p-owned';
const MATRIX_TICKET = 'tk-matrix';

// The usual shapes of a row's expectations.
/** Any signed-in person of the tenant reads it; another tenant's admin finds nothing. */
const memberReads: Expected = {
  anonymous: 'UNAUTHENTICATED',
  otherTenantAdmin: 'NOT_FOUND',
  member: 'ALLOWED',
  owner: 'ALLOWED',
  admin: 'ALLOWED',
};
const memberLists: Expected = { ...memberReads, otherTenantAdmin: 'EMPTY' };
/** Every signed-in caller, each of their own tenant (defaults, or nothing tenant-specific). */
const anySignedIn: Expected = { ...memberReads, otherTenantAdmin: 'ALLOWED' };
/** Tenant admins, in their own tenant. */
const adminCreates: Expected = {
  anonymous: 'UNAUTHENTICATED',
  otherTenantAdmin: 'ALLOWED',
  member: 'FORBIDDEN',
  owner: 'FORBIDDEN',
  admin: 'ALLOWED',
};
/** Tenant admins, on an entity of this tenant. */
const adminChanges: Expected = { ...adminCreates, otherTenantAdmin: 'NOT_FOUND' };
/** Tenant admins and the owner of the project concerned, on an entity of this tenant. */
const ownerChanges: Expected = { ...adminChanges, owner: 'ALLOWED' };
/** The person themself or a tenant admin, acting on someone else (neither the member nor the owner). */
const othersProfile: Expected = adminChanges;

let world: Scenario;
const callers = {} as Record<CallerName, Caller | null>;
const ids: Record<string, string> = {};
let sequence = 0;
const unique = (prefix: string) => `${prefix}-${++sequence}`;

const ERRORS = 'errors { field message code }';

/** What a caller got: one of the outcomes, or a description of anything else (which fails its cell). */
function outcomeOf(response: any, field: string): string {
  const error = response.errors?.[0];
  if (error) {
    const code = error.extensions?.code;
    return code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? code : `ERROR ${code}: ${error.message}`;
  }
  const value = response.data?.[field];
  if (value === null || value === undefined) return 'NOT_FOUND';
  if (Array.isArray(value)) return value.length > 0 ? 'ALLOWED' : 'EMPTY';
  if (typeof value !== 'object') return 'ALLOWED';
  if (Array.isArray(value.errors) && value.errors.length > 0) {
    if (value.errors.some((problem: any) => problem.code === 'NOT_FOUND')) return 'NOT_FOUND';
    return `INPUT_ERROR ${JSON.stringify(value.errors)}`;
  }
  if (Array.isArray(value.edges)) return value.edges.length > 0 ? 'ALLOWED' : 'EMPTY';
  if (typeof value.replayed === 'number') return value.replayed > 0 ? 'ALLOWED' : 'EMPTY';
  return 'ALLOWED';
}

// Fresh entities for mutations that use them up (a deleted channel cannot be deleted by the next caller).
async function freshChannel(): Promise<string> {
  const created = await world.admin.mutate(
    `mutation ($input: CreateWeComRobotChannelInput!) { createWeComRobotChannel(input: $input) { channel { id } ${ERRORS} } }`,
    {
      input: {
        name: unique('robot'),
        webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${unique('matrix-key')}`,
      },
    },
  );
  return created.channel.id;
}

async function freshService(): Promise<string> {
  const created = await world.admin.mutate(
    `mutation ($input: CreateNotificationServiceInput!) { createNotificationService(input: $input) { notificationService { id } ${ERRORS} } }`,
    { input: { name: unique('service'), channelIds: [ids.channel] } },
  );
  return created.notificationService.id;
}

async function freshRule(): Promise<string> {
  const created = await world.admin.mutate(
    `mutation ($input: CreateRuleInput!) { createRule(input: $input) { rule { id } ${ERRORS} } }`,
    {
      input: {
        name: unique('rule'),
        projectIds: [OWNED_PROJECT],
        eventTypes: ['COMMENT_ADDED'],
        roles: ['CREATOR'],
        channelIds: [ids.channel],
      },
    },
  );
  return created.rule.id;
}

async function freshTemplate(): Promise<string> {
  const created = await world.admin.mutate(
    `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { template { id } ${ERRORS} } }`,
    { input: { name: unique('template'), format: 'TEXT', locale: 'en', title: 't', body: 'b' } },
  );
  return created.template.id;
}

/** A dead delivery in the ledger of this tenant, keeping its job (so it can be replayed). */
async function deadLetter(options: { projectId: string; ticketId: string; recipients: string[] }) {
  const id = unique('dead');
  const job: DeliveryJob = {
    version: 1,
    deliveryId: id,
    eventId: `evt-${id}`,
    tenantId: world.tenantId,
    projectId: options.projectId,
    ticketId: options.ticketId,
    eventType: 'commentAdded',
    channelId: ids.channel!,
    channelKind: 'wecom-robot',
    credentialId: `cred-${id}`,
    target: 'group',
    recipientUserIds: options.recipients,
    ruleIds: [],
    templateId: null,
    mentionAll: false,
    event: {},
    routedAt: new Date().toISOString(),
  };
  await world.mesh.dispatcher.database()!.db.insert(deliveries).values({
    id,
    tenantId: world.tenantId,
    eventId: job.eventId,
    eventType: job.eventType,
    projectId: options.projectId,
    ticketId: options.ticketId,
    channelId: ids.channel!,
    channelKind: 'wecom-robot',
    credentialId: job.credentialId,
    target: 'group',
    recipientUserIds: options.recipients,
    status: 'dead',
    attempts: 1,
    lastCode: '93000',
    lastReason: 'invalid webhook url',
    job,
  });
  return id;
}

const rows: Row[] = [
  // ── channels ──
  {
    field: 'Query.channel',
    document: `query ($id: ID!) { channel(id: $id) { id } }`,
    variables: () => ({ id: ids.channel }),
    expected: memberReads,
  },
  {
    field: 'Query.channels',
    document: `query { channels { edges { node { id } } } }`,
    expected: memberLists,
  },
  {
    field: 'Query.channelKinds',
    document: `query { channelKinds { kind } }`,
    expected: {
      anonymous: 'ALLOWED',
      otherTenantAdmin: 'ALLOWED',
      member: 'ALLOWED',
      owner: 'ALLOWED',
      admin: 'ALLOWED',
    },
  },
  {
    field: 'Query.channelKindSettings',
    document: `query { channelKindSettings { kind enabled } }`,
    expected: anySignedIn,
  },
  {
    field: 'Query.notificationService',
    document: `query ($id: ID!) { notificationService(id: $id) { id } }`,
    variables: () => ({ id: ids.service }),
    expected: memberReads,
  },
  {
    field: 'Query.notificationServices',
    document: `query { notificationServices { edges { node { id } } } }`,
    expected: memberLists,
  },
  {
    field: 'Mutation.testChannel',
    document: `mutation ($input: TestChannelInput!) { testChannel(input: $input) { result { outcome } ${ERRORS} } }`,
    variables: () => ({ input: { channelId: ids.channel, target: { group: true } } }),
    expected: adminChanges,
  },
  ...(
    [
      [
        'createDingTalkRobotChannel',
        'CreateDingTalkRobotChannelInput',
        () => ({ webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${unique('tok')}` }),
      ],
      [
        'createDingTalkAppChannel',
        'CreateDingTalkAppChannelInput',
        () => ({
          clientId: 'ding-client',
          clientSecret: 'ding-secret',
          agentId: 1,
          mode: 'WORK_NOTIFICATION',
        }),
      ],
      [
        'createLarkBotChannel',
        'CreateLarkBotChannelInput',
        () => ({ webhookUrl: `https://open.feishu.cn/open-apis/bot/v2/hook/${randomUUID()}` }),
      ],
      [
        'createLarkAppChannel',
        'CreateLarkAppChannelInput',
        () => ({ host: 'FEISHU', appId: 'cli_matrix', appSecret: 'lark-secret' }),
      ],
      [
        'createWeComAppChannel',
        'CreateWeComAppChannelInput',
        () => ({ corpId: 'ww-matrix', corpSecret: 'wecom-secret', agentId: 1000002 }),
      ],
      [
        'createWeComRobotChannel',
        'CreateWeComRobotChannelInput',
        () => ({ webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${unique('key')}` }),
      ],
      [
        'createSmtpChannel',
        'CreateSmtpChannelInput',
        () => ({ host: 'smtp.example.com', port: 587, security: 'STARTTLS', from: 'tidings@example.com' }),
      ],
      [
        'createWebhookChannel',
        'CreateWebhookChannelInput',
        () => ({ url: 'https://hooks.example.com/tidings', secret: 'webhook-signing-secret' }),
      ],
    ] as const
  ).map(
    ([mutation, inputType, settings]): Row => ({
      field: `Mutation.${mutation}`,
      document: `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { channel { id } ${ERRORS} } }`,
      variables: () => ({ input: { name: unique('channel'), ...settings() } }),
      expected: adminCreates,
    }),
  ),
  ...['connectProjectToChannel', 'disconnectProjectFromChannel'].map(
    (mutation): Row => ({
      field: `Mutation.${mutation}`,
      document: `mutation ($input: ProjectChannelInput!) { ${mutation}(input: $input) { ${ERRORS} } }`,
      variables: () => ({ input: { projectId: OWNED_PROJECT, channelId: ids.channel } }),
      expected: ownerChanges,
    }),
  ),
  ...['connectAllProjectsToChannel', 'disconnectAllProjectsFromChannel'].map(
    (mutation): Row => ({
      field: `Mutation.${mutation}`,
      document: `mutation ($input: ConnectAllProjectsInput!) { ${mutation}(input: $input) { allProjects ${ERRORS} } }`,
      variables: () => ({ input: { channelId: ids.channel } }),
      expected: ownerChanges,
    }),
  ),
  {
    field: 'Mutation.setChannelKindEnabled',
    document: `mutation { setChannelKindEnabled(input: { kind: SMTP, enabled: true }) { setting { kind } ${ERRORS} } }`,
    expected: adminCreates,
  },
  {
    field: 'Mutation.setChannelEnabled',
    document: `mutation ($id: ID!) { setChannelEnabled(input: { id: $id, enabled: true }) { channel { id } ${ERRORS} } }`,
    variables: () => ({ id: ids.channel }),
    expected: adminChanges,
  },
  {
    field: 'Mutation.deleteChannel',
    document: `mutation ($id: ID!) { deleteChannel(input: { id: $id }) { deletedChannelId ${ERRORS} } }`,
    variables: async () => ({ id: await freshChannel() }),
    expected: adminChanges,
  },
  {
    field: 'Mutation.createNotificationService',
    document: `mutation ($input: CreateNotificationServiceInput!) { createNotificationService(input: $input) { notificationService { id } ${ERRORS} } }`,
    variables: () => ({ input: { name: unique('service'), channelIds: [ids.channel] } }),
    // Another tenant's admin names this tenant's channel: unknown in theirs.
    expected: adminChanges,
  },
  {
    field: 'Mutation.updateNotificationService',
    document: `mutation ($id: ID!) { updateNotificationService(input: { id: $id, description: "changed" }) { notificationService { id } ${ERRORS} } }`,
    variables: () => ({ id: ids.service }),
    expected: adminChanges,
  },
  {
    field: 'Mutation.deleteNotificationService',
    document: `mutation ($id: ID!) { deleteNotificationService(input: { id: $id }) { deletedNotificationServiceId ${ERRORS} } }`,
    variables: async () => ({ id: await freshService() }),
    expected: adminChanges,
  },

  // ── deliveries ──
  {
    field: 'Query.explainEvent',
    document: `query ($event: SampleEventInput!) { explainEvent(event: $event) { eventType } }`,
    variables: () => ({
      event: { eventType: 'TICKET_CREATED', projectId: OWNED_PROJECT, ticket: { id: 't', title: 't' } },
    }),
    // Another tenant's admin explains in their own tenant (and sees none of this one's rules: authorisation.test.ts).
    expected: { ...ownerChanges, otherTenantAdmin: 'ALLOWED' },
  },
  {
    field: 'Query.delivery',
    document: `query ($id: ID!) { delivery(id: $id) { id } }`,
    variables: () => ({ id: ids.ownedDelivery }),
    // Addressed to someone else in the owner's project: the member cannot see it.
    expected: { ...memberReads, member: 'NOT_FOUND' },
  },
  {
    field: 'Query.ticketDeliveries',
    document: `query ($ticketId: ID!) { ticketDeliveries(ticketId: $ticketId) { edges { node { id } } } }`,
    variables: () => ({ ticketId: MATRIX_TICKET }),
    // The member sees the one addressed to them, the owner the one of their project.
    expected: memberLists,
  },
  {
    field: 'Query.userDeliveries',
    document: `query { userDeliveries(userId: "member") { edges { node { id } } } }`,
    // The member's own; the owner sees what went to the member about the owner's projects: nothing here.
    expected: { ...memberLists, owner: 'EMPTY' },
  },
  {
    field: 'Query.channelDeliveries',
    document: `query ($channelId: ID!) { channelDeliveries(channelId: $channelId) { edges { node { id } } } }`,
    variables: () => ({ channelId: ids.channel }),
    expected: memberLists,
  },
  {
    field: 'Query.deadLetters',
    document: `query ($ticketId: ID!) { deadLetters(filter: { ticketId: $ticketId }) { edges { node { id } } } }`,
    variables: () => ({ ticketId: MATRIX_TICKET }),
    expected: memberLists,
  },
  {
    field: 'Query.auditLog',
    document: `query ($id: ID!) { auditLog(filter: { entityId: $id }) { edges { node { id } } } }`,
    variables: () => ({ id: ids.channel }),
    expected: { ...adminChanges, otherTenantAdmin: 'EMPTY' },
  },
  {
    field: 'Mutation.replayDeadLetter',
    document: `mutation ($id: ID!) { replayDeadLetter(input: { deliveryId: $id }) { delivery { id } ${ERRORS} } }`,
    variables: async () => ({
      id: await deadLetter({ projectId: OWNED_PROJECT, ticketId: unique('tk'), recipients: ['someone'] }),
    }),
    expected: ownerChanges,
  },
  {
    field: 'Mutation.replayDeadLetters',
    document: `mutation ($ticketId: ID!) { replayDeadLetters(input: { filter: { ticketId: $ticketId } }) { replayed ${ERRORS} } }`,
    variables: async () => {
      const ticketId = unique('tk');
      await deadLetter({ projectId: OWNED_PROJECT, ticketId, recipients: ['someone'] });
      return { ticketId };
    },
    expected: { ...ownerChanges, otherTenantAdmin: 'EMPTY' },
  },

  // ── identity ──
  { field: 'Query.user', document: `query { user(id: "member") { id } }`, expected: memberReads },
  // Another tenant's admin has no profile in their tenant.
  { field: 'Query.me', document: `query { me { id } }`, expected: memberReads },
  { field: 'Query.users', document: `query { users { edges { node { id } } } }`, expected: memberLists },
  {
    field: 'Mutation.createUser',
    document: `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } ${ERRORS} } }`,
    // Someone else's profile: a tenant admin's to create (people create their own: see below).
    variables: () => ({ input: { id: unique('new-person'), name: 'New Person' } }),
    expected: adminCreates,
  },
  {
    field: 'Mutation.updateUser',
    document: `mutation { updateUser(id: "target", input: { name: "Target Person" }) { user { id } ${ERRORS} } }`,
    expected: othersProfile,
  },
  {
    field: 'Mutation.setPlatformIdentity',
    document: `mutation { setPlatformIdentity(input: { userId: "target", platform: DINGTALK, platformUserId: "dt-target" }) { user { id } ${ERRORS} } }`,
    expected: othersProfile,
  },
  {
    field: 'Mutation.clearPlatformIdentity',
    document: `mutation { clearPlatformIdentity(input: { userId: "target", platform: DINGTALK }) { user { id } ${ERRORS} } }`,
    expected: othersProfile,
  },
  {
    field: 'Mutation.importPlatformIdentities',
    document: `mutation { importPlatformIdentities(input: { platform: WECOM, members: [{ platformUserId: "wc-target", userId: "target" }] }) { imported ${ERRORS} } }`,
    expected: adminChanges,
  },
  ...['muteNotifications', 'unmuteNotifications'].map(
    (mutation): Row => ({
      field: `Mutation.${mutation}`,
      document: `mutation { ${mutation}(input: { userId: "target", projectId: "p-noisy" }) { preferences { updatedAt } ${ERRORS} } }`,
      expected: othersProfile,
    }),
  ),

  // ── subscriptions ──
  {
    field: 'Query.rule',
    document: `query ($id: ID!) { rule(id: $id) { id } }`,
    variables: () => ({ id: ids.rule }),
    expected: memberReads,
  },
  { field: 'Query.rules', document: `query { rules { edges { node { id } } } }`, expected: memberLists },
  {
    field: 'Query.template',
    document: `query ($id: ID!) { template(id: $id) { id } }`,
    variables: () => ({ id: ids.template }),
    expected: memberReads,
  },
  {
    field: 'Query.templates',
    document: `query { templates { edges { node { id } } } }`,
    expected: memberLists,
  },
  {
    field: 'Query.defaultTemplate',
    document: `query { defaultTemplate(eventType: COMMENT_ADDED, format: TEXT, locale: "en") { title } }`,
    expected: anySignedIn,
  },
  {
    field: 'Query.templateVariables',
    document: `query { templateVariables { name } }`,
    expected: anySignedIn,
  },
  {
    field: 'Query.previewTemplate',
    document: `query ($input: PreviewTemplateInput!) { previewTemplate(input: $input) { preview { title } ${ERRORS} } }`,
    variables: () => ({
      input: {
        format: 'TEXT',
        title: 'x',
        body: 'y',
        event: { eventType: 'TICKET_CREATED', projectId: 'p', ticket: { id: 't', title: 't' } },
      },
    }),
    expected: anySignedIn,
  },
  {
    field: 'Query.tenantSettings',
    document: `query { tenantSettings { defaultLocale } }`,
    expected: anySignedIn,
  },
  {
    field: 'Mutation.createRule',
    document: `mutation ($input: CreateRuleInput!) { createRule(input: $input) { rule { id } ${ERRORS} } }`,
    variables: () => ({
      input: {
        name: unique('rule'),
        projectIds: [OWNED_PROJECT],
        eventTypes: ['COMMENT_ADDED'],
        roles: ['CREATOR'],
        channelIds: [ids.channel],
      },
    }),
    // Another tenant's admin makes a rule in their own tenant; channel ids are not checked across subgraphs,
    // and the dispatcher resolves them within the rule's tenant only.
    expected: { ...ownerChanges, otherTenantAdmin: 'ALLOWED' },
  },
  {
    field: 'Mutation.updateRule',
    document: `mutation ($id: ID!) { updateRule(input: { id: $id, name: "renamed" }) { rule { id } ${ERRORS} } }`,
    variables: () => ({ id: ids.rule }),
    expected: ownerChanges,
  },
  {
    field: 'Mutation.setRuleEnabled',
    document: `mutation ($id: ID!) { setRuleEnabled(input: { id: $id, enabled: true }) { rule { id } ${ERRORS} } }`,
    variables: () => ({ id: ids.rule }),
    expected: ownerChanges,
  },
  {
    field: 'Mutation.deleteRule',
    document: `mutation ($id: ID!) { deleteRule(input: { id: $id }) { deletedRuleId ${ERRORS} } }`,
    variables: async () => ({ id: await freshRule() }),
    expected: ownerChanges,
  },
  ...(
    [
      ['followTicket', 'tk-watched'],
      ['unfollowTicket', 'tk-watched'],
      ['followProject', OWNED_PROJECT],
      ['unfollowProject', OWNED_PROJECT],
    ] as const
  ).map(
    ([mutation, targetId]): Row => ({
      field: `Mutation.${mutation}`,
      document: `mutation { ${mutation}(input: { targetId: "${targetId}", userId: "target" }) { watch { following } ${ERRORS} } }`,
      // Another tenant's admin changes the follows of their own tenant's "target".
      expected: { ...othersProfile, otherTenantAdmin: 'ALLOWED' },
    }),
  ),
  {
    field: 'Mutation.clearWatch',
    document: `mutation { clearWatch(input: { target: TICKET, targetId: "tk-watched", userId: "target" }) { ${ERRORS} } }`,
    expected: { ...othersProfile, otherTenantAdmin: 'ALLOWED' },
  },
  {
    field: 'Mutation.createTemplate',
    document: `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { template { id } ${ERRORS} } }`,
    variables: () => ({
      input: { name: unique('template'), format: 'TEXT', locale: 'en', title: 't', body: 'b' },
    }),
    expected: adminCreates,
  },
  {
    field: 'Mutation.updateTemplate',
    document: `mutation ($id: ID!) { updateTemplate(input: { id: $id, title: "changed" }) { template { id } ${ERRORS} } }`,
    variables: () => ({ id: ids.template }),
    expected: adminChanges,
  },
  {
    field: 'Mutation.deleteTemplate',
    document: `mutation ($id: ID!) { deleteTemplate(input: { id: $id }) { deletedTemplateId ${ERRORS} } }`,
    variables: async () => ({ id: await freshTemplate() }),
    expected: adminChanges,
  },
  {
    field: 'Mutation.updateTenantSettings',
    document: `mutation { updateTenantSettings(input: { defaultLocale: "en" }) { settings { defaultLocale } ${ERRORS} } }`,
    expected: adminCreates,
  },
];

/** Every field of the composed schema's Query and Mutation types, as `Query.x` / `Mutation.y`. */
function supergraphFields(): string[] {
  const sdl = readFileSync(new URL('../../graphql/supergraph.graphql', import.meta.url), 'utf8');
  const fields: string[] = [];
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const type = definition.name.value;
    if (type !== 'Query' && type !== 'Mutation') continue;
    for (const field of definition.fields ?? []) fields.push(`${type}.${field.name.value}`);
  }
  return fields.sort();
}

beforeAll(async () => {
  world = await startScenario('matrix');
  callers.anonymous = null;
  callers.admin = world.admin;
  callers.member = await world.person('member');
  callers.owner = await world.person('owner', { ownedProjectIds: [OWNED_PROJECT] });
  callers.otherTenantAdmin = await world.person('other-admin', {
    tenantId: `${world.tenantId}-other`,
    admin: true,
  });
  for (const id of ['admin', 'member', 'owner', 'target'])
    await world.admin.mutate(
      `mutation ($id: ID!, $name: String!) { createUser(input: { id: $id, name: $name }) { user { id } ${ERRORS} } }`,
      { id, name: id },
    );
  ids.channel = await freshChannel();
  ids.service = await freshService();
  ids.rule = await freshRule();
  ids.template = await freshTemplate();
  // One dead letter of the owner's project addressed to someone else, one of another project to the member.
  ids.ownedDelivery = await deadLetter({
    projectId: OWNED_PROJECT,
    ticketId: MATRIX_TICKET,
    recipients: ['someone'],
  });
  ids.memberDelivery = await deadLetter({
    projectId: 'p-other',
    ticketId: MATRIX_TICKET,
    recipients: ['member'],
  });
  // The channel's creation has travelled through Kafka into the audit log.
  await waitFor('the channel in the audit log', async () => {
    const data = await world.admin.call(
      `query ($id: ID!) { auditLog(filter: { entityId: $id }) { edges { node { id } } } }`,
      {
        id: ids.channel,
      },
    );
    return data.auditLog.edges.length > 0;
  });
});

afterAll(async () => {
  await world?.stop();
});

describe('authorisation matrix', () => {
  it('has one row for every Query and Mutation field of the supergraph, and no row for a field it lacks', () => {
    const covered = rows.map((row) => row.field).sort();
    expect(new Set(covered).size, 'a field has two rows').toBe(covered.length);
    expect(covered).toEqual(supergraphFields());
  });

  for (const row of rows) {
    it(`${row.field}: ${callerNames.map((name) => `${name} ${row.expected[name]}`).join(', ')}`, async () => {
      const field = row.field.split('.')[1]!;
      const actual = {} as Record<CallerName, string>;
      for (const name of callerNames) {
        const variables = (await row.variables?.(name)) ?? {};
        const caller = callers[name];
        const response = caller
          ? await caller.raw(row.document, variables)
          : await world.mesh.graphql(null, row.document, variables);
        actual[name] = outcomeOf(response, field);
      }
      expect(actual).toEqual(row.expected);
    });
  }

  it('people create and change their own profile, platform ids, mutes and follows', async () => {
    const member = callers.member!;
    const self = await world.person('newcomer');
    await self.mutate(
      `mutation { createUser(input: { id: "newcomer", name: "Newcomer" }) { user { id } ${ERRORS} } }`,
    );
    await member.mutate(
      `mutation { updateUser(id: "member", input: { name: "Member" }) { user { id } ${ERRORS} } }`,
    );
    await member.mutate(
      `mutation { setPlatformIdentity(input: { userId: "member", platform: DINGTALK, platformUserId: "dt-member" }) { user { id } ${ERRORS} } }`,
    );
    await member.mutate(
      `mutation { clearPlatformIdentity(input: { userId: "member", platform: DINGTALK }) { user { id } ${ERRORS} } }`,
    );
    await member.mutate(
      `mutation { muteNotifications(input: { projectId: "p-noisy" }) { preferences { updatedAt } ${ERRORS} } }`,
    );
    await member.mutate(
      `mutation { unmuteNotifications(input: { projectId: "p-noisy" }) { preferences { updatedAt } ${ERRORS} } }`,
    );
    await member.mutate(
      `mutation { followTicket(input: { targetId: "tk-mine" }) { watch { following } ${ERRORS} } }`,
    );
    await member.mutate(
      `mutation { clearWatch(input: { target: TICKET, targetId: "tk-mine" }) { ${ERRORS} } }`,
    );
    const own = await member.call(`query { userDeliveries { edges { node { id } } } }`);
    expect(own.userDeliveries.edges.map((edge: any) => edge.node.id)).toEqual([ids.memberDelivery]);
    // Someone else's deliveries: not for a person who owns no project.
    const others = await member.raw(`query { userDeliveries(userId: "owner") { edges { node { id } } } }`);
    expect(others.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('each caller sees exactly the deliveries they may: the owner their project’s, the member theirs', async () => {
    const seen = async (caller: Caller) =>
      (
        await caller.call(`query ($t: ID!) { ticketDeliveries(ticketId: $t) { edges { node { id } } } }`, {
          t: MATRIX_TICKET,
        })
      ).ticketDeliveries.edges
        .map((edge: any) => edge.node.id)
        .sort();
    expect(await seen(callers.admin!)).toEqual([ids.ownedDelivery, ids.memberDelivery].sort());
    expect(await seen(callers.owner!)).toEqual([ids.ownedDelivery]);
    expect(await seen(callers.member!)).toEqual([ids.memberDelivery]);
  });
});
