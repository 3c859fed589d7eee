// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL answers are untyped JSON here, and the tests check them field by field
// Seed 003 (a database console with mobile approvals): an administrator switches a notification method on
// for the tenant — configured but not switched on, it sends nothing (the seed's FAQ) — and a rule sends
// data-export tickets in the "Pending approval" state to their approvers plus an additional notification
// user, as one-to-one DingTalk robot messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLAIN, type Explanation, personallyNotified, type Scenario, startScenario } from '../scenario.ts';

let world: Scenario;
let channelId: string;
let ruleId: string;
let sentWhileOff: string;
const dataExport = 'dms-data-export';
const exportTicket = (id: string, status: string) => ({
  id,
  key: id.toUpperCase(),
  title: 'Export orders_2026 to CSV',
  url: `https://dms.example.com/ticket/${id}`,
  status,
  creator: { id: 'analyst', displayName: 'Analyst Chen' },
  currentStep: {
    id: 'approve',
    name: 'Approval',
    assignees: [{ id: 'approver', displayName: 'Owner Zhao' }],
  },
});
const pendingApproval = (ticketId: string) => ({
  eventType: 'STATUS_CHANGED',
  projectId: dataExport,
  actorId: 'analyst',
  fromStatus: 'Draft',
  toStatus: 'Pending approval',
  ticket: {
    id: ticketId,
    title: 'Export orders_2026 to CSV',
    status: 'Pending approval',
    creatorId: 'analyst',
    stepId: 'approve',
    stepName: 'Approval',
    stepAssigneeIds: ['approver'],
  },
});
const robotMessagesTo = async (userid: string) =>
  (await world.inbox<{ messages: Array<{ msgParam?: any }> }>(`dingtalk-app/messages?userid=${userid}`))
    .messages;

beforeAll(async () => {
  world = await startScenario('seed003');
  await world.sandbox('dingtalk-app/apps/dms-app', {
    clientSecret: 'dms-secret',
    agentId: 9,
    robotCode: 'dms-robot',
  });
  await world.sandbox('dingtalk-app/people', { mobile: '+8613700000001', userid: 'dt-approver' });
  await world.sandbox('dingtalk-app/people', { mobile: '+8613700000002', userid: 'dt-dba' });
  await world.sandbox('dingtalk-app/people', { mobile: '+8613700000003', userid: 'dt-analyst' });
  for (const [id, name, phone] of [
    ['approver', 'Owner Zhao', '+8613700000001'],
    ['dba-wang', 'DBA Wang', '+8613700000002'],
    ['analyst', 'Analyst Chen', '+8613700000003'],
  ] as const) {
    await world.admin.mutate(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { field message code } } }`,
      { input: { id, name, phone, locale: 'en' } },
    );
  }
});

afterAll(async () => {
  await world?.stop();
});

describe('seed 003: pending-approval data exports, with an additional notification user', () => {
  it('step 1: the DingTalk app is configured, but the method is not switched on yet', async () => {
    const created = await world.admin.mutate(
      `mutation ($input: CreateDingTalkAppChannelInput!) { createDingTalkAppChannel(input: $input) { channel { id } errors { field message code } } }`,
      {
        input: {
          name: 'DingTalk (DMS)',
          clientId: 'dms-app',
          clientSecret: 'dms-secret',
          agentId: 9,
          robotCode: 'dms-robot',
          mode: 'ROBOT_OTO',
        },
      },
    );
    channelId = created.channel.id;
    await world.admin.mutate(
      `mutation { setChannelKindEnabled(input: { kind: DINGTALK_APP, enabled: false }) { setting { kind enabled } errors { field message code } } }`,
    );
    const settings = await world.admin.call(`query { channelKindSettings { kind enabled } }`);
    expect(settings.channelKindSettings).toContainEqual({ kind: 'DINGTALK_APP', enabled: false });
    expect(settings.channelKindSettings).toContainEqual({ kind: 'LARK_APP', enabled: true });
    await world.admin.mutate(
      `mutation ($input: ProjectChannelInput!) { connectProjectToChannel(input: $input) { errors { field message code } } }`,
      { input: { projectId: dataExport, channelId } },
    );
  });

  it('step 2: data-export tickets pending approval go to the approvers and DBA Wang', async () => {
    const rule = await world.admin.mutate(
      `mutation ($input: CreateRuleInput!) { createRule(input: $input) { rule { id statuses userIds } errors { field message code } } }`,
      {
        input: {
          name: 'Data export, pending approval',
          projectIds: [dataExport],
          eventTypes: ['TICKET_CREATED', 'STATUS_CHANGED'],
          statuses: ['Pending approval'],
          roles: ['STEP_ASSIGNEES'],
          userIds: ['dba-wang'],
          channelIds: [channelId],
        },
      },
    );
    ruleId = rule.rule.id;
    expect(rule.rule.statuses).toEqual(['Pending approval']);
    await world.dispatcherKnows('the rule, the switched-off kind and the people', (state) =>
      Boolean(
        state.rule(ruleId) &&
          !state.channelKindEnabled(world.tenantId, 'dingtalk-app') &&
          state.user(world.tenantId, 'dba-wang'),
      ),
    );
  });

  it('FAQ "why no notification?": the method is configured but not switched on', async () => {
    const explanation = (
      await world.admin.call<{ explainEvent: Explanation }>(EXPLAIN, { event: pendingApproval('exp-1') })
    ).explainEvent;
    expect(explanation.notifications).toEqual([]);
    expect(explanation.skippedChannels).toEqual([
      expect.objectContaining({ channelId, reason: 'KIND_DISABLED' }),
    ]);
    // An event while it is off is not delivered (checked after the next one, which the same partition
    // routes after it).
    sentWhileOff = await world.emit({
      eventId: 'while-off',
      projectId: dataExport,
      actor: { id: 'analyst' },
      ticket: exportTicket('exp-1', 'Pending approval'),
      change: { case: 'statusChanged', value: { fromStatus: 'Draft', toStatus: 'Pending approval' } },
    });
  });

  it('switched on, the next pending export reaches the approver and the additional user, not the requester', async () => {
    await world.admin.mutate(
      `mutation { setChannelKindEnabled(input: { kind: DINGTALK_APP, enabled: true }) { errors { field message code } } }`,
    );
    await world.dispatcherKnows('the kind switched on', (state) =>
      state.channelKindEnabled(world.tenantId, 'dingtalk-app'),
    );
    const explanation = (
      await world.admin.call<{ explainEvent: Explanation }>(EXPLAIN, { event: pendingApproval('exp-2') })
    ).explainEvent;
    expect(personallyNotified(explanation)).toEqual(['approver', 'dba-wang']);
    expect(explanation.notifications.map((n) => n.platformUserId).sort()).toEqual(['dt-approver', 'dt-dba']);

    const eventId = await world.emit({
      eventId: 'pending',
      projectId: dataExport,
      actor: { id: 'analyst' },
      ticket: exportTicket('exp-2', 'Pending approval'),
      change: { case: 'statusChanged', value: { fromStatus: 'Draft', toStatus: 'Pending approval' } },
    });
    const rows = await world.deliveries(eventId, 2);
    expect(rows.flatMap((row) => row.recipient_user_ids).sort()).toEqual(['approver', 'dba-wang']);
    expect(rows.every((row) => row.status === 'delivered')).toBe(true);
    expect(await robotMessagesTo('dt-approver')).toHaveLength(1);
    expect(await robotMessagesTo('dt-dba')).toHaveLength(1);
    expect(await robotMessagesTo('dt-analyst')).toHaveLength(0);
    // Nothing was routed for the event sent while the method was off: it is keyed by the same project, so
    // the router handled it before this one.
    expect(await world.deliveries(sentWhileOff, 0)).toEqual([]);
  });

  it('an approved export does not match the pending-approval rule', async () => {
    const explanation = (
      await world.admin.call<{ explainEvent: Explanation }>(EXPLAIN, {
        event: {
          ...pendingApproval('exp-3'),
          toStatus: 'Approved',
          ticket: { ...pendingApproval('exp-3').ticket, status: 'Approved' },
        },
      })
    ).explainEvent;
    expect(explanation.rules).toEqual([
      expect.objectContaining({ rule: { id: ruleId }, matched: false, reason: 'STATUS_FILTER' }),
    ]);
    expect(explanation.notifications).toEqual([]);
  });
});
