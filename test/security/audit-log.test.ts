// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL answers are untyped JSON here
// The audit log through the gateway: a configuration change shows who made it, through which mutation, and
// the entity before and after with its secrets only as "set"/"not set"; only the tenant's admins read it.
import { waitFor } from '@tidings/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../services/dispatcher/src/ledger/schema.ts';
import { type Caller, type Scenario, startScenario } from '../e2e/scenario.ts';

let world: Scenario;
let member: Caller;
let otherTenantAdmin: Caller;
let channelId: string;

const ACCESS_TOKEN = 'audit-access-token-0123456789';
const SIGNING_SECRET = 'SECauditsigningsecret0123456789';

const AUDIT_LOG = `query ($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id at actorId actorRoles mutation entityType entityId before after } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The entries of one entity, once `count` of them have travelled through Kafka into the log. */
async function entriesOf(entityType: string, entityId: string, count: number): Promise<any[]> {
  let entries: any[] = [];
  await waitFor(`${count} audit entries of ${entityType} ${entityId}`, async () => {
    const data = await world.admin.call(AUDIT_LOG, { filter: { entityType, entityId } });
    entries = data.auditLog.edges.map((edge: any) => edge.node);
    return entries.length >= count;
  });
  return entries;
}

beforeAll(async () => {
  world = await startScenario('audit');
  member = await world.person('member');
  otherTenantAdmin = await world.person('admin', { tenantId: `${world.tenantId}-other`, admin: true });
  const created = await world.admin.mutate(
    `mutation ($input: CreateDingTalkRobotChannelInput!) {
      createDingTalkRobotChannel(input: $input) { channel { id } errors { field message code } }
    }`,
    {
      input: {
        name: 'ops robot',
        webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${ACCESS_TOKEN}`,
        signingSecret: SIGNING_SECRET,
      },
    },
  );
  channelId = created.channel.id;
  await world.admin.mutate(
    `mutation ($id: ID!) { setChannelEnabled(input: { id: $id, enabled: false }) { errors { field message code } } }`,
    { id: channelId },
  );
});

afterAll(async () => {
  await world?.stop();
});

describe('audit log', () => {
  it('records who changed a channel, through which mutation, before and after, never a secret', async () => {
    const [disabled, created] = await entriesOf('Channel', channelId, 2);
    expect(created).toMatchObject({
      actorId: 'admin',
      actorRoles: ['tenant-admin'],
      mutation: 'createDingTalkRobotChannel',
      entityType: 'Channel',
      entityId: channelId,
      before: null,
      after: {
        id: channelId,
        name: 'ops robot',
        kind: 'dingtalk-robot',
        enabled: true,
        settings: { accessToken: 'set', signingSecret: 'set', keywords: [] },
      },
    });
    expect(created.after.settings.webhookUrlMasked).not.toContain(ACCESS_TOKEN);
    expect(disabled).toMatchObject({
      mutation: 'setChannelEnabled',
      before: { enabled: true },
      after: { enabled: false },
    });
    expect(new Date(disabled.at).getTime()).toBeGreaterThanOrEqual(new Date(created.at).getTime());
    const everything = JSON.stringify([created, disabled]);
    expect(everything).not.toContain(ACCESS_TOKEN);
    expect(everything).not.toContain(SIGNING_SECRET);
    expect(everything).not.toContain('tidings:sealed');
  });

  it('records tenant settings changes with what they replaced', async () => {
    const update = `mutation ($input: UpdateTenantSettingsInput!) {
      updateTenantSettings(input: $input) { settings { defaultLocale } errors { field message code } }
    }`;
    await world.admin.mutate(update, { input: { defaultLocale: 'vi' } });
    await world.admin.mutate(update, { input: { defaultLocale: 'zh' } });
    const [second, first] = await entriesOf('TenantSettings', world.tenantId, 2);
    expect(first).toMatchObject({
      actorId: 'admin',
      mutation: 'updateTenantSettings',
      entityId: world.tenantId,
      before: null,
      after: { defaultLocale: 'vi' },
    });
    expect(second).toMatchObject({ before: { defaultLocale: 'vi' }, after: { defaultLocale: 'zh' } });
  });

  it('filters by actor and pages newest first', async () => {
    await entriesOf('Channel', channelId, 2);
    const first = await world.admin.call(AUDIT_LOG, { filter: { actorId: 'admin' }, first: 1 });
    expect(first.auditLog.edges).toHaveLength(1);
    expect(first.auditLog.pageInfo.hasNextPage).toBe(true);
    const next = await world.admin.call(AUDIT_LOG, {
      filter: { actorId: 'admin' },
      first: 1,
      after: first.auditLog.pageInfo.endCursor,
    });
    expect(next.auditLog.edges[0].node.id).not.toBe(first.auditLog.edges[0].node.id);
    const nobody = await world.admin.call(AUDIT_LOG, { filter: { actorId: 'nobody' } });
    expect(nobody.auditLog.edges).toEqual([]);
  });

  it('is refused to a member and shows another tenant’s admin nothing of this tenant', async () => {
    await entriesOf('Channel', channelId, 2);
    const refused = await member.raw(AUDIT_LOG, {});
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.auditLog ?? null).toBeNull();
    const foreign = await otherTenantAdmin.call(AUDIT_LOG, { filter: { entityId: channelId } });
    expect(foreign.auditLog.edges).toEqual([]);
    const all = await otherTenantAdmin.call(AUDIT_LOG, {});
    expect(JSON.stringify(all)).not.toContain(channelId);
  });

  it('records a dead-letter replay, made by the dispatcher itself, in the same log', async () => {
    const id = `audit-dead-${Date.now()}`;
    await world.mesh.dispatcher
      .database()!
      .db.insert(deliveries)
      .values({
        id,
        tenantId: world.tenantId,
        eventId: `evt-${id}`,
        eventType: 'commentAdded',
        projectId: 'p',
        ticketId: 't',
        channelId,
        channelKind: 'dingtalk-robot',
        credentialId: `cred-${id}`,
        target: 'group',
        recipientUserIds: ['someone'],
        status: 'dead',
        attempts: 1,
        job: {
          version: 1,
          deliveryId: id,
          eventId: `evt-${id}`,
          tenantId: world.tenantId,
          projectId: 'p',
          ticketId: 't',
          eventType: 'commentAdded',
          channelId,
          channelKind: 'dingtalk-robot',
          credentialId: `cred-${id}`,
          target: 'group',
          recipientUserIds: ['someone'],
          ruleIds: [],
          templateId: null,
          mentionAll: false,
          event: {},
          routedAt: new Date().toISOString(),
        },
      });
    await world.admin.mutate(
      `mutation ($id: ID!) { replayDeadLetter(input: { deliveryId: $id }) { delivery { id } errors { field message code } } }`,
      { id },
    );
    const [replayed] = await entriesOf('Delivery', id, 1);
    expect(replayed).toMatchObject({
      actorId: 'admin',
      mutation: 'replayDeadLetter',
      before: { status: 'DEAD' },
      after: { status: 'RETRYING' },
    });
  });

  it('refuses a bad filter with a typed error', async () => {
    const empty = await world.admin.raw(AUDIT_LOG, { filter: { entityType: ' ' } });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const backwards = await world.admin.raw(AUDIT_LOG, {
      filter: { since: '2030-01-02T00:00:00Z', until: '2030-01-01T00:00:00Z' },
    });
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
