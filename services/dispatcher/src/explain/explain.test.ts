import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { createTicketEvent } from '@tidings/events';
import type { ChannelState, RuleState, StateTopicName, UserState } from '@tidings/state';
import { describe, expect, it } from 'vitest';
import { StateStore } from '../state/store.ts';
import { explainEvent, type IdentityResolution, type IdentityResolver } from './explain.ts';

const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
const now = new Date('2026-01-01T00:00:00Z').toISOString();

const event = createTicketEvent({
  eventId: 'evt-1',
  tenantId: 't1',
  projectId: 'p1',
  occurredAt: timestampFromMs(Date.parse(now)),
  actor: { id: 'actor' },
  ticket: {
    id: 'tk1',
    title: 'Export customer data',
    status: 'pending-approval',
    creator: { id: 'creator' },
    assignees: [{ id: 'actor' }, { id: 'approver' }],
  },
  change: { case: 'statusChanged', value: { fromStatus: 'open', toStatus: 'pending-approval' } },
});

const user = (id: string, phone: string | null, email: string | null = null): UserState => ({
  tenantId: 't1',
  id,
  name: id.toUpperCase(),
  email,
  phone,
  locale: 'en',
  timeZone: 'UTC',
  updatedAt: now,
});
const rule = (overrides: Partial<RuleState>): RuleState => ({
  tenantId: 't1',
  id: 'r1',
  name: 'approvals',
  projectIds: ['p1'],
  eventTypes: ['statusChanged'],
  roles: ['creator', 'assignees'],
  userIds: [],
  channelIds: ['robot'],
  serviceIds: [],
  statuses: [],
  steps: [],
  templateId: null,
  mentionAll: false,
  excludeActor: true,
  enabled: true,
  updatedAt: now,
  ...overrides,
});
const robot: ChannelState = {
  tenantId: 't1',
  id: 'robot',
  name: 'ops group',
  enabled: true,
  config: {
    kind: 'dingtalk-robot',
    keywords: [],
    accessToken: sealSecret(keyring, 'tok'),
    signingSecret: null,
  },
  updatedAt: now,
};
const app: ChannelState = {
  tenantId: 't1',
  id: 'app',
  name: 'DingTalk app',
  enabled: true,
  config: {
    kind: 'dingtalk-app',
    clientId: 'id',
    clientSecret: sealSecret(keyring, 's'),
    agentId: 1,
    robotCode: 'rc',
    mode: 'work-notification',
  },
  updatedAt: now,
};
const mail: ChannelState = {
  tenantId: 't1',
  id: 'mail',
  name: 'mail',
  enabled: true,
  config: { kind: 'smtp', host: 'smtp', port: 25, security: 'none', user: null, password: null, from: 'x@y' },
  updatedAt: now,
};

function store(entries: Array<[StateTopicName, string, unknown]>): StateStore {
  const state = new StateStore();
  for (const [entity, key, value] of entries)
    expect(state.apply(entity, key, JSON.stringify(value))).toEqual({ ok: true });
  return state;
}
const link = (channelId: string): [StateTopicName, string, unknown] => [
  'projectChannels',
  `t1/p1/${channelId}`,
  { tenantId: 't1', projectId: 'p1', channelId, connectedAt: now },
];

/** Answers from a fixed table, recording who was asked about on which channel. */
function directory(answers: Record<string, IdentityResolution>) {
  const asked: string[] = [];
  const resolver: IdentityResolver = {
    async resolve(channel, person) {
      asked.push(`${channel.id}:${person.id}`);
      // As the real directory does: email is the address itself.
      if (channel.config.kind === 'smtp') {
        return person.email
          ? { status: 'linked', platformUserId: person.email, source: 'manual' }
          : {
              status: 'no-contact-point',
              reason: `${person.name} has no email address on their Tidings profile`,
            };
      }
      return answers[person.id] ?? { status: 'not-found', reason: `${person.phone} is not registered` };
    },
  };
  return { resolver, asked };
}

describe('explainEvent', () => {
  it('lists the group post with the people it mentions, and the actor as skipped everywhere', async () => {
    const state = store([
      ['rules', 'r1', rule({ mentionAll: true })],
      ['channels', 'robot', robot],
      link('robot'),
      ['users', 't1/creator', user('creator', '+8613800000001')],
      ['users', 't1/approver', user('approver', null)],
      ['users', 't1/actor', user('actor', '+8613800000003')],
    ]);
    const { resolver, asked } = directory({});
    const explanation = await explainEvent(event, state, resolver);
    expect(asked).toEqual([]);
    expect(explanation.eventType).toBe('statusChanged');
    expect(explanation.rules).toEqual([{ ruleId: 'r1', matched: true, reason: null, detail: null }]);
    expect(explanation.notifications).toEqual([
      {
        channelId: 'robot',
        audience: 'GROUP',
        userId: null,
        platformUserId: null,
        mentionedUserIds: ['creator'],
        mentionAll: true,
        ruleIds: ['r1'],
      },
    ]);
    expect(explanation.skippedPeople.map((p) => [p.userId, p.channelId, p.reason])).toEqual([
      ['approver', 'robot', 'NO_CONTACT_POINT'],
      ['actor', null, 'IS_ACTOR'],
    ]);
    expect(explanation.skippedPeople[0]!.detail).toMatch(
      /notified in the post to "ops group" but cannot be @-mentioned/,
    );
  });

  it('asks the identity directory about each person on a per-person channel and says why someone is unreachable', async () => {
    const state = store([
      ['rules', 'r1', rule({ channelIds: ['app', 'mail'], userIds: ['ghost'] })],
      ['channels', 'app', app],
      ['channels', 'mail', mail],
      link('app'),
      link('mail'),
      ['users', 't1/creator', user('creator', '+8613800000001', 'c@example.com')],
      ['users', 't1/approver', user('approver', '+84901234567')],
    ]);
    const { resolver, asked } = directory({
      creator: { status: 'linked', platformUserId: 'ding-creator', source: 'lookup' },
      approver: {
        status: 'not-found',
        reason: '+84901234567 is not registered in DingTalk for this app; contact your project owner.',
      },
    });
    const explanation = await explainEvent(event, state, resolver);
    expect(asked.sort()).toEqual(['app:approver', 'app:creator', 'mail:approver', 'mail:creator']);
    expect(
      explanation.notifications.map((n) => [n.channelId, n.audience, n.userId, n.platformUserId]),
    ).toEqual([
      ['app', 'PERSON', 'creator', 'ding-creator'],
      ['mail', 'PERSON', 'creator', 'c@example.com'],
    ]);
    expect(
      explanation.skippedPeople.map((p) => [p.userId, p.known, p.channelId, p.reason, p.detail]),
    ).toEqual([
      [
        'approver',
        true,
        'app',
        'NOT_ON_PLATFORM',
        '+84901234567 is not registered in DingTalk for this app; contact your project owner.',
      ],
      [
        'ghost',
        false,
        'app',
        'UNKNOWN_USER',
        'ghost has no Tidings profile, so cannot be reached or mentioned',
      ],
      [
        'approver',
        true,
        'mail',
        'NO_CONTACT_POINT',
        'APPROVER has no email address on their Tidings profile',
      ],
      [
        'ghost',
        false,
        'mail',
        'UNKNOWN_USER',
        'ghost has no Tidings profile, so cannot be reached or mentioned',
      ],
      ['actor', false, null, 'IS_ACTOR', expect.stringContaining('actor caused the event')],
    ]);
  });

  it('says who the ticket or a rule names without a Tidings profile, once', async () => {
    const state = store([
      ['rules', 'r1', rule({ roles: ['creator'], userIds: ['ghost'] })],
      ['rules', 'r2', rule({ id: 'r2', eventTypes: ['created'], userIds: ['phantom'] })],
      ['channels', 'robot', robot],
      link('robot'),
    ]);
    const explanation = await explainEvent(event, state, directory({}).resolver);
    expect(explanation.skippedPeople.map((p) => [p.userId, p.channelId, p.reason])).toEqual([
      ['creator', 'robot', 'UNKNOWN_USER'],
      ['ghost', 'robot', 'UNKNOWN_USER'],
      ['actor', null, 'UNKNOWN_USER'],
      ['approver', null, 'UNKNOWN_USER'],
      ['phantom', null, 'UNKNOWN_USER'],
    ]);
  });

  it('explains rules that do not match and channels that send nothing, hiding channels of other tenants', async () => {
    const state = store([
      ['rules', 'r1', rule({ statuses: ['done'] })],
      ['rules', 'r2', rule({ id: 'r2', channelIds: ['robot', 'foreign', 'app'] })],
      ['rules', 'r3', rule({ id: 'r3', enabled: false })],
      ['channels', 'robot', { ...robot, enabled: false }],
      ['channels', 'foreign', { ...robot, id: 'foreign', tenantId: 't2' }],
      ['channels', 'app', app],
    ]);
    const explanation = await explainEvent(event, state, directory({}).resolver);
    expect(explanation.rules.map((r) => [r.ruleId, r.matched, r.reason])).toEqual([
      ['r1', false, 'STATUS_FILTER'],
      ['r2', true, null],
      ['r3', false, 'DISABLED'],
    ]);
    expect(explanation.notifications).toEqual([]);
    expect(explanation.skippedChannels.map((c) => [c.channelId, c.known, c.reason])).toEqual([
      ['robot', true, 'CHANNEL_DISABLED'],
      ['foreign', false, 'UNKNOWN_CHANNEL'],
      ['app', true, 'PROJECT_NOT_CONNECTED'],
    ]);
    expect(explanation.skippedChannels[0]!.detail).toBe('"ops group" is configured but not enabled');
  });

  it('names the muted channel per channel, and keeps people told elsewhere out of the "skipped everywhere" list', async () => {
    const state = store([
      ['rules', 'r1', rule({ channelIds: ['robot', 'app'], roles: ['creator'] })],
      ['rules', 'r2', rule({ id: 'r2', channelIds: ['robot'], roles: ['assignees'], excludeActor: false })],
      ['channels', 'robot', robot],
      ['channels', 'app', app],
      link('robot'),
      link('app'),
      ['users', 't1/creator', user('creator', '+8613800000001')],
      ['users', 't1/actor', user('actor', '+8613800000003')],
      ['users', 't1/approver', user('approver', '+8613800000004')],
      [
        'preferences',
        't1/creator',
        {
          tenantId: 't1',
          userId: 'creator',
          mutedProjectIds: [],
          mutedEventTypes: [],
          mutedChannelIds: ['app'],
          updatedAt: now,
        },
      ],
    ]);
    const explanation = await explainEvent(event, state, directory({}).resolver);
    expect(explanation.notifications.map((n) => [n.channelId, n.mentionedUserIds])).toEqual([
      ['robot', ['creator', 'actor', 'approver']],
    ]);
    expect(explanation.skippedChannels.map((c) => [c.channelId, c.reason])).toEqual([
      ['app', 'NO_RECIPIENTS'],
    ]);
    expect(explanation.skippedPeople.map((p) => [p.userId, p.channelId, p.reason])).toEqual([
      ['creator', 'app', 'MUTED_CHANNEL'],
    ]);
  });
});
