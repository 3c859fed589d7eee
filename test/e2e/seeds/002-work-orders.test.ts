// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL answers are untyped JSON here, and the tests check them field by field
// Seed 002 (a SQL-audit work-order system, Chinese): an admin configures Lark push for the whole tenant and
// a global URL prefix, fixes a member's Lark phone in user management, and then each work order notifies
// its current reviewer, then its executor, then its creator once it went live — each in Chinese, each
// linking to the work order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLAIN, type Explanation, personallyNotified, type Scenario, startScenario } from '../scenario.ts';

let world: Scenario;
let channelId: string;
const project = 'sqle-project-1';
const workOrder = (step: { id: string; name: string; assignee: string } | null, status: string) => ({
  id: 'wo-42',
  key: '工单 42',
  title: '新增索引 idx_orders_user',
  // Only a path: the tenant's global URL prefix makes it a link (seed 002's 全局URL地址前缀).
  path: '/project/sqle-project-1/order/42',
  status,
  creator: { id: 'dev', displayName: '开发小李' },
  ...(step && {
    currentStep: { id: step.id, name: step.name, assignees: [{ id: step.assignee }] },
  }),
});
const orderUrl = 'https://sqle.example.com/project/sqle-project-1/order/42';

const larkCardsTo = async (openId: string) =>
  (
    await world.inbox<{ messages: Array<{ msgType: string; content: any }> }>(
      `lark/messages?openId=${openId}`,
    )
  ).messages;

beforeAll(async () => {
  world = await startScenario('seed002');
  await world.sandbox('lark/apps/cli_seed002', { appSecret: 'feishu-seed002-secret' });
  await world.sandbox('lark/people', { openId: 'ou_t1', mobile: '+8618991911234' });
  await world.sandbox('lark/people', { openId: 'ou_admin', email: 'admin@sqle.example.com' });
  await world.sandbox('lark/people', { openId: 'ou_dev', mobile: '+8618991910000' });
});

afterAll(async () => {
  await world?.stop();
});

describe('seed 002: work orders through a Lark app — reviewer, then executor, then creator', () => {
  it('the admin enables Lark push, sets the global URL prefix and connects every project', async () => {
    const created = await world.admin.mutate(
      `mutation ($input: CreateLarkAppChannelInput!) { createLarkAppChannel(input: $input) { channel { id } errors { field message code } } }`,
      { input: { name: '飞书', host: 'FEISHU', appId: 'cli_seed002', appSecret: 'feishu-seed002-secret' } },
    );
    channelId = created.channel.id;
    await world.admin.mutate(
      `mutation { updateTenantSettings(input: { ticketUrlPrefix: "https://sqle.example.com", defaultLocale: "zh-CN", defaultTimeZone: "Asia/Shanghai" }) {
        errors { field message code } } }`,
    );
    const connected = await world.admin.mutate(
      `mutation ($channelId: ID!) { connectAllProjectsToChannel(input: { channelId: $channelId }) { allProjects errors { field message code } } }`,
      { channelId },
    );
    expect(connected.allProjects).toBe(true);
  });

  it('members are found in Lark by the phone or email on their profile; the admin corrects one', async () => {
    for (const [id, name, contact] of [
      ['dev', '开发小李', { phone: '+8618991910000' }],
      ['t1', '审核员 t1', { phone: '+8618991910001' }],
      ['admin', '管理员', { email: 'admin@sqle.example.com' }],
    ] as const) {
      await world.admin.mutate(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { field message code } } }`,
        { input: { id, name, locale: 'zh-CN', timeZone: 'Asia/Shanghai', ...contact } },
      );
    }
    // 方式一: the admin edits t1's phone in user management to the one t1 uses in Lark.
    await world.admin.mutate(
      `mutation { updateUser(id: "t1", input: { phone: "18991911234", phoneRegion: "CN" }) { user { phone } errors { field message code } } }`,
    );
  });

  it("rules: the current step's assignees on creation and at each step; the creator once it went live", async () => {
    const rule = (input: Record<string, unknown>) =>
      world.admin.mutate(
        `mutation ($input: CreateRuleInput!) { createRule(input: $input) { rule { id } errors { field message code } } }`,
        { input: { channelIds: [channelId], ...input } },
      );
    const steps = await rule({
      name: '待审核 / 待上线',
      eventTypes: ['TICKET_CREATED', 'WORKFLOW_STEP_CHANGED'],
      roles: ['STEP_ASSIGNEES'],
    });
    const done = await rule({
      name: '上线成功',
      eventTypes: ['STATUS_CHANGED'],
      statuses: ['上线成功'],
      roles: ['CREATOR'],
    });
    await world.dispatcherKnows('the rules, the all-projects link and t1', (state) =>
      Boolean(
        state.rule(steps.rule.id) &&
          state.rule(done.rule.id) &&
          state.isConnected(world.tenantId, project, channelId) &&
          state.user(world.tenantId, 't1')?.phone === '+8618991911234' &&
          state.tenantSettings(world.tenantId)?.ticketUrlPrefix,
      ),
    );
  });

  it('a new work order goes to its reviewer t1, in Chinese, linking to the order', async () => {
    const eventId = await world.emit({
      eventId: 'created',
      projectId: project,
      actor: { id: 'dev', displayName: '开发小李' },
      ticket: workOrder({ id: 'review', name: '审核', assignee: 't1' }, '待审核'),
      change: { case: 'created', value: {} },
    });
    const rows = await world.deliveries(eventId, 1);
    expect(rows.map((row) => [row.status, row.recipient_user_ids])).toEqual([['delivered', ['t1']]]);
    const [card] = await larkCardsTo('ou_t1');
    const text = JSON.stringify(card!.content);
    expect(text).toContain('新增索引 idx_orders_user');
    expect(text).toContain(orderUrl);
    expect(text).toMatch(/[\u4e00-\u9fff]/); // written in Chinese
  });

  it('once t1 approved, the executor (admin) hears; nobody else does', async () => {
    const sample = {
      eventType: 'WORKFLOW_STEP_CHANGED',
      projectId: project,
      actorId: 't1',
      fromStep: '审核',
      ticket: {
        id: 'wo-42',
        title: '新增索引 idx_orders_user',
        path: '/project/sqle-project-1/order/42',
        status: '待上线',
        creatorId: 'dev',
        stepId: 'execute',
        stepName: '上线',
        stepAssigneeIds: ['admin'],
      },
    };
    const explanation = (await world.admin.call<{ explainEvent: Explanation }>(EXPLAIN, { event: sample }))
      .explainEvent;
    expect(personallyNotified(explanation)).toEqual(['admin']);
    const byRule = explanation.rules.map((r) => [r.matched, r.reason]).sort();
    expect(byRule).toEqual([
      [false, 'EVENT_TYPE'],
      [true, null],
    ]);

    const eventId = await world.emit({
      eventId: 'approved',
      projectId: project,
      actor: { id: 't1', displayName: '审核员 t1' },
      ticket: workOrder({ id: 'execute', name: '上线', assignee: 'admin' }, '待上线'),
      change: {
        case: 'workflowStepChanged',
        value: { fromStep: { id: 'review', name: '审核' }, toStep: { id: 'execute', name: '上线' } },
      },
    });
    const rows = await world.deliveries(eventId, 1);
    expect(rows.map((row) => row.recipient_user_ids)).toEqual([['admin']]);
    expect(await larkCardsTo('ou_admin')).toHaveLength(1);
  });

  it('once it went live, the creator hears; a rejection would not match the rule', async () => {
    const eventId = await world.emit({
      eventId: 'live',
      projectId: project,
      actor: { id: 'admin', displayName: '管理员' },
      ticket: workOrder(null, '上线成功'),
      change: { case: 'statusChanged', value: { fromStatus: '待上线', toStatus: '上线成功' } },
    });
    const rows = await world.deliveries(eventId, 1);
    expect(rows.map((row) => row.recipient_user_ids)).toEqual([['dev']]);
    const cards = await larkCardsTo('ou_dev');
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0]!.content)).toContain('上线成功');

    const rejected = (
      await world.admin.call<{ explainEvent: Explanation }>(EXPLAIN, {
        event: {
          eventType: 'STATUS_CHANGED',
          projectId: project,
          actorId: 'admin',
          fromStatus: '待上线',
          toStatus: '已驳回',
          ticket: { id: 'wo-42', title: '新增索引 idx_orders_user', status: '已驳回', creatorId: 'dev' },
        },
      })
    ).explainEvent;
    expect(rejected.notifications).toEqual([]);
    expect(rejected.rules.map((r) => r.reason).sort()).toEqual(['EVENT_TYPE', 'STATUS_FILTER']);
  });
});
