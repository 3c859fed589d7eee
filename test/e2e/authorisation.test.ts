// Who may see and change what, through the gateway: tenants never see each other's people, channels,
// rules, templates or services; only a project's owners (or a tenant admin) connect it to a channel or
// ask why its events went where they did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, EXPLAIN, type Scenario, startScenario } from './scenario.ts';

let world: Scenario;
let otherTenantAdmin: Caller;
let owner: Caller;
let bystander: Caller;
const ids: Record<string, string> = {};

beforeAll(async () => {
  world = await startScenario('authz');
  otherTenantAdmin = await world.person('admin', { tenantId: `${world.tenantId}-other`, admin: true });
  owner = await world.person('owner', { ownedProjectIds: ['owned'] });
  bystander = await world.person('bystander');

  await world.admin.mutate(
    `mutation { createUser(input: { id: "secret-agent", name: "Agent", phone: "+8613500000001" }) { user { id } errors { field message code } } }`,
  );
  ids.channel = (
    await world.admin.mutate(
      `mutation { createWeComRobotChannel(input: { name: "ops", webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=authz-key" }) { channel { id } errors { field message code } } }`,
    )
  ).channel.id;
  ids.rule = (
    await world.admin.mutate(
      `mutation ($channelId: ID!) { createRule(input: { name: "all comments", eventTypes: [COMMENT_ADDED], roles: [CREATOR], channelIds: [$channelId] }) { rule { id } errors { field message code } } }`,
      { channelId: ids.channel },
    )
  ).rule.id;
  ids.template = (
    await world.admin.mutate(
      `mutation { createTemplate(input: { name: "t", format: TEXT, locale: "en", title: "\${ticket.title}", body: "\${comment.body}" }) { template { id } errors { field message code } } }`,
    )
  ).template.id;
  ids.service = (
    await world.admin.mutate(
      `mutation ($channelId: ID!) { createNotificationService(input: { name: "on-call", channelIds: [$channelId], memberUserIds: ["secret-agent"] }) { notificationService { id } errors { field message code } } }`,
      { channelId: ids.channel },
    )
  ).notificationService.id;
});

afterAll(async () => {
  await world?.stop();
});

describe('tenant isolation', () => {
  it("another tenant's admin sees none of this tenant's configuration", async () => {
    const seen = await otherTenantAdmin.call(
      `query ($user: ID!, $channel: ID!, $rule: ID!, $template: ID!, $service: ID!) {
        user(id: $user) { id }
        users { edges { node { id } } }
        channel(id: $channel) { id }
        channels { edges { node { id } } }
        rule(id: $rule) { id }
        rules { edges { node { id } } }
        template(id: $template) { id }
        templates { edges { node { id } } }
        notificationService(id: $service) { id }
        notificationServices { edges { node { id } } }
      }`,
      {
        user: 'secret-agent',
        channel: ids.channel,
        rule: ids.rule,
        template: ids.template,
        service: ids.service,
      },
    );
    expect(seen).toEqual({
      user: null,
      users: { edges: [] },
      channel: null,
      channels: { edges: [] },
      rule: null,
      rules: { edges: [] },
      template: null,
      templates: { edges: [] },
      notificationService: null,
      notificationServices: { edges: [] },
    });
  });

  it("another tenant's admin cannot change it, and their explain never uses it", async () => {
    const connect = await otherTenantAdmin.raw(
      `mutation ($channelId: ID!) { connectProjectToChannel(input: { projectId: "p", channelId: $channelId }) { errors { field code } } }`,
      { channelId: ids.channel },
    );
    expect(connect.data?.connectProjectToChannel.errors).toEqual([
      { field: ['channelId'], code: expect.any(String) },
    ]);
    const disable = await otherTenantAdmin.raw(
      `mutation ($id: ID!) { setRuleEnabled(input: { id: $id, enabled: false }) { rule { id } errors { field code } } }`,
      { id: ids.rule },
    );
    expect(disable.data?.setRuleEnabled.rule ?? null).toBeNull();
    const explanation = await otherTenantAdmin.call(EXPLAIN, {
      event: {
        eventType: 'COMMENT_ADDED',
        projectId: 'p',
        actorId: 'x',
        commentBody: 'hi',
        ticket: { id: 't', title: 't', creatorId: 'secret-agent' },
      },
    });
    expect(explanation.explainEvent.rules).toEqual([]);
    expect(explanation.explainEvent.notifications).toEqual([]);
    // The rule is still on for its own tenant.
    const own = await world.admin.call(`query ($id: ID!) { rule(id: $id) { enabled } }`, { id: ids.rule });
    expect(own.rule.enabled).toBe(true);
  });
});

describe('project ownership', () => {
  it('a project owner connects their project, not one they do not own', async () => {
    await owner.mutate(
      `mutation ($channelId: ID!) { connectProjectToChannel(input: { projectId: "owned", channelId: $channelId }) { errors { field message code } } }`,
      { channelId: ids.channel },
    );
    const refused = await owner.raw(
      `mutation ($channelId: ID!) { connectProjectToChannel(input: { projectId: "not-mine", channelId: $channelId }) { errors { field } } }`,
      { channelId: ids.channel },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('not-mine');
  });

  it('a person owning no project can neither connect one, nor connect all, nor explain', async () => {
    const connect = await bystander.raw(
      `mutation ($channelId: ID!) { connectProjectToChannel(input: { projectId: "owned", channelId: $channelId }) { errors { field } } }`,
      { channelId: ids.channel },
    );
    expect(connect.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const connectAll = await bystander.raw(
      `mutation ($channelId: ID!) { connectAllProjectsToChannel(input: { channelId: $channelId }) { allProjects errors { field } } }`,
      { channelId: ids.channel },
    );
    expect(connectAll.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const explain = await bystander.raw(EXPLAIN, {
      event: { eventType: 'TICKET_CREATED', projectId: 'owned', ticket: { id: 't', title: 't' } },
    });
    expect(explain.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a person who does not own a project cannot make rules for it', async () => {
    const rules = await bystander.raw(
      `mutation ($channelId: ID!) { createRule(input: { name: "x", projectIds: ["owned"], eventTypes: [COMMENT_ADDED], roles: [CREATOR], channelIds: [$channelId] }) { rule { id } errors { field } } }`,
      { channelId: ids.channel },
    );
    expect(rules.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
