// Deliveries and the dead-letter queue through the gateway: a robot whose signing secret is wrong fails every
// post (DingTalk 310000, permanent), the failures show up with why and with the channel and people resolved
// by their own subgraphs, and once the secret is right a replay delivers them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Scenario, startScenario } from './scenario.ts';

let world: Scenario;
let channelId: string;
const project = 'ops';
const robotToken = 'dlq-robot';

const DEAD_LETTERS = `query ($filter: DeadLetterFilter) { deadLetters(filter: $filter) {
  edges { node { id status lastCode lastReason replayable channel { id name } recipients { id name }
    attemptHistory { number outcome code } } }
} }`;

beforeAll(async () => {
  world = await startScenario('dlq');
  // The platform knows another secret than the channel: every signed post is refused.
  world.mesh.sandbox.sandbox.putRobot(robotToken, { secret: 'SECplatform', keywords: [] });
  await world.admin.mutate(
    `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { field message code } } }`,
    { input: { id: 'mai', name: 'Mai', phone: '+8613700000001' } },
  );
  const robot = await world.admin.mutate(
    `mutation ($input: CreateDingTalkRobotChannelInput!) { createDingTalkRobotChannel(input: $input) { channel { id } errors { field message code } } }`,
    {
      input: {
        name: 'Ops group',
        webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${robotToken}`,
        signingSecret: 'SECchannel',
      },
    },
  );
  channelId = robot.channel.id;
  await world.admin.mutate(
    `mutation ($input: ProjectChannelInput!) { connectProjectToChannel(input: $input) { errors { field message code } } }`,
    { input: { projectId: project, channelId } },
  );
  const rule = await world.admin.mutate(
    `mutation ($input: CreateRuleInput!) { createRule(input: $input) { rule { id } errors { field message code } } }`,
    {
      input: {
        name: 'Comments',
        projectIds: [project],
        eventTypes: ['COMMENT_ADDED'],
        roles: ['CREATOR'],
        channelIds: [channelId],
      },
    },
  );
  await world.dispatcherKnows('the rule and the connection', (state) =>
    Boolean(state.rule(rule.rule.id) && state.isConnected(world.tenantId, project, channelId)),
  );
});

afterAll(async () => {
  await world?.stop();
});

describe('dead letters through the gateway', () => {
  it('shows a failed delivery with why, and replays it once the channel is fixed', async () => {
    const eventId = await world.emit({
      eventId: 'comment',
      projectId: project,
      actor: { id: 'someone' },
      ticket: { id: 'OPS-7', key: 'OPS-7', title: 'Backup failed', creator: { id: 'mai' } },
      change: { case: 'commentAdded', value: { commentId: 'c1', body: 'Retrying tonight' } },
    });
    const [row] = await world.deliveries(eventId, 1);
    expect(row).toMatchObject({ status: 'failed', last_code: '310000' });

    const { deadLetters } = await world.admin.call(DEAD_LETTERS, { filter: { channelId } });
    expect(deadLetters.edges).toHaveLength(1);
    const letter = deadLetters.edges[0].node;
    expect(letter).toMatchObject({
      status: 'FAILED',
      lastCode: '310000',
      replayable: true,
      channel: { id: channelId, name: 'Ops group' },
      recipients: [{ id: 'mai', name: 'Mai' }],
      attemptHistory: [{ number: 1, outcome: 'PERMANENT', code: '310000' }],
    });
    expect(letter.lastReason).toMatch(/sign/i);

    // Mai sees what was sent to her; someone else in the tenant does not, and may not replay.
    const mai = await world.person('mai');
    const own = await mai.call(`{ userDeliveries { edges { node { id status ticketId } } } }`);
    expect(own.userDeliveries.edges).toEqual([
      { node: { id: letter.id, status: 'FAILED', ticketId: 'OPS-7' } },
    ]);
    const other = await world.person('other');
    expect((await other.call(DEAD_LETTERS, {})).deadLetters.edges).toEqual([]);
    const refused = await other.raw(
      `mutation ($input: ReplayDeadLetterInput!) { replayDeadLetter(input: $input) { errors { code } } }`,
      { input: { deliveryId: letter.id } },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The platform now has the channel's secret: the owner of the project replays what failed.
    world.mesh.sandbox.sandbox.putRobot(robotToken, { secret: 'SECchannel', keywords: [] });
    const owner = await world.person('lead', { ownedProjectIds: [project] });
    const replay = await owner.mutate(
      `mutation ($input: ReplayDeadLettersInput!) { replayDeadLetters(input: $input) { replayed moreMatch errors { field code message } } }`,
      { input: { filter: { channelId, code: '310000' } } },
    );
    expect(replay).toMatchObject({ replayed: 1, moreMatch: false });
    const [after] = await world.deliveries(eventId, 1);
    expect(after).toMatchObject({ status: 'delivered' });
    const received = world.mesh.sandbox.sandbox.dingtalk.messages.filter((m) => m.accessToken === robotToken);
    expect(received).toHaveLength(1);
    const { delivery } = await world.admin.call(
      `query ($id: ID!) { delivery(id: $id) { status attempts attemptHistory { number outcome } } }`,
      { id: letter.id },
    );
    expect(delivery).toEqual({
      status: 'DELIVERED',
      attempts: 2,
      attemptHistory: [
        { number: 1, outcome: 'PERMANENT' },
        { number: 2, outcome: 'DELIVERED' },
      ],
    });
  });
});
