// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL answers are untyped JSON here, and the tests check them field by field
// Seed 000 (a Vietnamese ticket tracker): people enter the phone they use in DingTalk, a project owner
// connects the project to DingTalk, and then the ticket's creator, assignees and followers hear about new
// comments, assignee changes and status changes — never the person who made the change. When someone
// does not, the explain query says why: the project is not connected, or their phone is not registered
// in DingTalk.
import { waitFor } from '@tidings/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Caller,
  EXPLAIN,
  type Explanation,
  personallyNotified,
  type Scenario,
  skipped,
  startScenario,
} from '../scenario.ts';

let world: Scenario;
let owner: Caller;
let channelId: string;
const project = 'du-an-a';
const unconnectedProject = 'du-an-b';
const ticket = {
  id: 'T-1',
  key: 'DA-1',
  title: 'Lỗi đăng nhập',
  url: 'https://tracker.example/du-an-a/DA-1',
  status: 'Đang xử lý',
  creator: { id: 'lan', displayName: 'Lan' },
  assignees: [{ id: 'minh', displayName: 'Minh' }],
};

const dingTalkMessagesTo = async (userid: string) =>
  (await world.inbox<{ messages: Array<{ msg: any }> }>(`dingtalk-app/messages?userid=${userid}`)).messages;

beforeAll(async () => {
  world = await startScenario('seed000');
  owner = await world.person('chu-du-an', { ownedProjectIds: [project, unconnectedProject] });

  // The tenant's DingTalk app, and who DingTalk knows. Tuấn's phone is not registered in DingTalk.
  await world.sandbox('dingtalk-app/apps/seed000-app', {
    clientSecret: 'seed000-secret',
    agentId: 7,
    robotCode: 'seed000-app',
  });
  for (const [mobile, userid] of [
    ['+8613900000001', 'dt-lan'],
    ['+8613900000002', 'dt-minh'],
    ['+8613900000003', 'dt-hoa'],
  ]) {
    await world.sandbox('dingtalk-app/people', { mobile, userid });
  }
  const created = await world.admin.mutate(
    `mutation ($input: CreateDingTalkAppChannelInput!) {
      createDingTalkAppChannel(input: $input) { channel { id } errors { field message code } }
    }`,
    {
      input: {
        name: 'DingTalk',
        clientId: 'seed000-app',
        clientSecret: 'seed000-secret',
        agentId: 7,
        robotCode: 'seed000-app',
        mode: 'WORK_NOTIFICATION',
      },
    },
  );
  channelId = created.channel.id;
});

afterAll(async () => {
  await world?.stop();
});

describe('seed 000: ticket notifications through DingTalk', () => {
  it('step 1: each person enters the phone they use in DingTalk, in their own settings', async () => {
    // The tracker is Vietnamese: people who choose no language read Vietnamese, in Vietnam's time.
    await world.admin.mutate(
      `mutation ($input: UpdateTenantSettingsInput!) {
        updateTenantSettings(input: $input) { settings { defaultLocale } errors { field message code } }
      }`,
      { input: { defaultLocale: 'vi', defaultTimeZone: 'Asia/Ho_Chi_Minh' } },
    );
    for (const [id, name, phone] of [
      ['lan', 'Lan', '+86 139 0000 0001'],
      ['minh', 'Minh', '+86 139 0000 0002'],
      ['hoa', 'Hoa', '+86 139 0000 0003'],
      ['tuan', 'Tuấn', '+86 139 0000 0009'],
    ] as const) {
      const person = await world.person(id);
      // Anyone may create their own profile, then edit their own contact points.
      await person.mutate(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { field message code } } }`,
        { input: { id, name } },
      );
      const updated = await person.mutate(
        `mutation ($id: ID!, $input: UpdateUserInput!) {
          updateUser(id: $id, input: $input) { user { id phone timeZone } errors { field message code } }
        }`,
        { id, input: { phone } },
      );
      expect(updated.user.phone).toBe(phone.replaceAll(' ', ''));
    }
    // …but not anyone else's.
    const minh = await world.person('minh');
    const refused = await minh.raw(
      `mutation { updateUser(id: "lan", input: { phone: "+8613900000002" }) { user { id } errors { field } } }`,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('step 2: the project owner connects the project to DingTalk, and a rule names who hears what', async () => {
    await owner.mutate(
      `mutation ($input: ProjectChannelInput!) { connectProjectToChannel(input: $input) { errors { field message code } } }`,
      { input: { projectId: project, channelId } },
    );
    const rule = await owner.mutate(
      `mutation ($input: CreateRuleInput!) { createRule(input: $input) { rule { id } errors { field message code } } }`,
      {
        input: {
          name: 'Ticket updates',
          projectIds: [project, unconnectedProject],
          eventTypes: ['COMMENT_ADDED', 'ASSIGNEES_CHANGED', 'STATUS_CHANGED'],
          roles: ['CREATOR', 'ASSIGNEES', 'WATCHERS'],
          channelIds: [channelId],
        },
      },
    );
    // Hoa presses "follow" on the ticket.
    const hoa = await world.person('hoa');
    await hoa.mutate(
      `mutation ($input: WatchInput!) { followTicket(input: $input) { watch { following } errors { field message code } } }`,
      { input: { targetId: ticket.id } },
    );
    await world.dispatcherKnows('the rule, the connection, the follow and the people', (state) =>
      Boolean(
        state.rule(rule.rule.id) &&
          state.isConnected(world.tenantId, project, channelId) &&
          state.watchesFor(world.tenantId, ticket.id, project).length === 1 &&
          state.user(world.tenantId, 'tuan')?.phone &&
          state.tenantSettings(world.tenantId)?.defaultLocale === 'vi',
      ),
    );
  });

  it('a new comment reaches the creator and the follower, not the assignee who wrote it', async () => {
    const eventId = await world.emit({
      eventId: 'comment',
      projectId: project,
      actor: { id: 'minh', displayName: 'Minh' },
      ticket,
      change: { case: 'commentAdded', value: { commentId: 'c1', body: 'Đã sửa, nhờ kiểm tra lại.' } },
    });
    const rows = await world.deliveries(eventId, 2);
    expect(rows.every((row) => row.status === 'delivered')).toBe(true);
    expect(rows.flatMap((row) => row.recipient_user_ids).sort()).toEqual(['hoa', 'lan']);
    const [toLan] = await dingTalkMessagesTo('dt-lan');
    expect(JSON.stringify(toLan!.msg)).toContain('Đã sửa, nhờ kiểm tra lại.');
    // Lan chose no language: the tenant's Vietnamese default template speaks for her.
    expect(JSON.stringify(toLan!.msg)).toContain('**Minh** đã bình luận');
    expect(JSON.stringify(toLan!.msg)).toContain('(Asia/Ho_Chi_Minh)');
    expect(JSON.stringify(toLan!.msg)).toContain(ticket.url);
    expect(await dingTalkMessagesTo('dt-hoa')).toHaveLength(1);
    expect(await dingTalkMessagesTo('dt-minh')).toHaveLength(0);
  });

  it('a new assignee with an unregistered phone is explained, not silently dropped', async () => {
    const explanation = (
      await owner.call<{ explainEvent: Explanation }>(EXPLAIN, {
        event: {
          eventType: 'ASSIGNEES_CHANGED',
          projectId: project,
          actorId: 'lan',
          addedAssigneeIds: ['tuan'],
          ticket: {
            id: ticket.id,
            title: ticket.title,
            creatorId: 'lan',
            assigneeIds: ['minh', 'tuan'],
          },
        },
      })
    ).explainEvent;
    expect(explanation.eventType).toBe('assigneesChanged');
    expect(personallyNotified(explanation)).toEqual(['hoa', 'minh']);
    expect(skipped(explanation)).toEqual({ lan: ['IS_ACTOR'], tuan: ['NOT_ON_PLATFORM'] });
    const tuan = explanation.skippedPeople.find((person) => person.userId === 'tuan')!;
    expect(tuan.channel?.id).toBe(channelId);
    expect(tuan.detail).toMatch(/not registered in DingTalk/);

    // The same answer is on Tuấn's profile, before any message was missed (the dispatcher publishes what
    // it learnt; the identity subgraph shows it).
    const identitiesOfTuan = async () =>
      (
        await world.admin.call(
          `query { user(id: "tuan") { identities { platform status source contact reason channel { id } } } }`,
        )
      ).user.identities as Array<Record<string, any>>;
    await waitFor(
      'the lookup outcome reaches the identity subgraph',
      async () => (await identitiesOfTuan()).length > 0,
    );
    const profile = { user: { identities: await identitiesOfTuan() } };
    expect(profile.user.identities).toEqual([
      expect.objectContaining({
        platform: 'DINGTALK',
        status: 'NOT_FOUND',
        source: 'LOOKUP',
        contact: '+8613900000009',
        channel: { id: channelId },
      }),
    ]);
    expect(profile.user.identities[0]?.reason).toMatch(/not registered in DingTalk/);
  });

  it('a status change reaches the assignee and the follower, not the creator who made it; a muted person is skipped', async () => {
    const hoa = await world.person('hoa');
    await hoa.mutate(
      `mutation { muteNotifications(input: { eventType: STATUS_CHANGED }) { preferences { mutedEventTypes } errors { field message code } } }`,
    );
    await world.dispatcherKnows("Hoa's mute", (state) =>
      Boolean(state.preferences(world.tenantId, 'hoa')?.mutedEventTypes.includes('statusChanged')),
    );
    const sample = {
      eventType: 'STATUS_CHANGED',
      projectId: project,
      actorId: 'lan',
      fromStatus: 'Đang xử lý',
      toStatus: 'Đã xong',
      ticket: {
        id: ticket.id,
        title: ticket.title,
        status: 'Đã xong',
        creatorId: 'lan',
        assigneeIds: ['minh'],
      },
    };
    const explanation = (await owner.call<{ explainEvent: Explanation }>(EXPLAIN, { event: sample }))
      .explainEvent;
    expect(personallyNotified(explanation)).toEqual(['minh']);
    expect(skipped(explanation)).toEqual({ hoa: ['MUTED_EVENT_TYPE'], lan: ['IS_ACTOR'] });

    const eventId = await world.emit({
      eventId: 'status',
      projectId: project,
      actor: { id: 'lan', displayName: 'Lan' },
      ticket: { ...ticket, status: 'Đã xong' },
      change: { case: 'statusChanged', value: { fromStatus: 'Đang xử lý', toStatus: 'Đã xong' } },
    });
    const rows = await world.deliveries(eventId, 1);
    expect(rows.flatMap((row) => row.recipient_user_ids)).toEqual(['minh']);
    expect(await dingTalkMessagesTo('dt-minh')).toHaveLength(1);
    expect(await dingTalkMessagesTo('dt-hoa')).toHaveLength(1);
  });

  it('a project not connected to DingTalk is the answer to "why did nobody get it?"', async () => {
    const explanation = (
      await owner.call<{ explainEvent: Explanation }>(EXPLAIN, {
        event: {
          eventType: 'COMMENT_ADDED',
          projectId: unconnectedProject,
          actorId: 'minh',
          commentBody: 'xin chào',
          ticket: { id: 'T-2', title: 'Khác', creatorId: 'lan', assigneeIds: ['minh'] },
        },
      })
    ).explainEvent;
    expect(explanation.notifications).toEqual([]);
    expect(explanation.skippedChannels).toEqual([
      expect.objectContaining({ channelId, reason: 'PROJECT_NOT_CONNECTED' }),
    ]);
  });
});
