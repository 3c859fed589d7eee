import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { createTicketEvent, type TicketEventInit } from '@tidings/events';
import type {
  ChannelState,
  NotificationServiceState,
  PreferencesState,
  RuleState,
  StateTopicName,
  WatchState,
} from '@tidings/state';
import { describe, expect, it } from 'vitest';
import { StateStore } from '../state/store.ts';
import { namedPeople, routeEvent, traceEvent } from './route.ts';

const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
const now = new Date('2026-01-01T00:00:00Z');

const eventInit: TicketEventInit = {
  eventId: 'evt-1',
  tenantId: 't1',
  projectId: 'p1',
  occurredAt: timestampFromMs(now.getTime()),
  actor: { id: 'assignee' },
  ticket: {
    id: 'tk1',
    key: 'OPS-1',
    title: 'Disk full',
    creator: { id: 'creator' },
    assignees: [{ id: 'assignee' }, { id: 'second-assignee' }],
    watchers: [{ id: 'watcher' }, { id: 'creator' }],
    currentStep: { id: 's1', name: 'Review', assignees: [{ id: 'reviewer' }] },
  },
  change: { case: 'commentAdded', value: { commentId: 'c1', body: 'looking' } },
};
const event = createTicketEvent(eventInit);

function rule(overrides: Partial<RuleState> = {}): RuleState {
  return {
    tenantId: 't1',
    id: 'r1',
    name: 'comments',
    projectIds: ['p1'],
    eventTypes: ['commentAdded'],
    roles: ['creator', 'assignees'],
    userIds: [],
    channelIds: ['c1'],
    serviceIds: [],
    statuses: [],
    steps: [],
    templateId: null,
    mentionAll: false,
    excludeActor: true,
    enabled: true,
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

function channel(overrides: Partial<ChannelState> = {}): ChannelState {
  return {
    tenantId: 't1',
    id: 'c1',
    name: 'ops group',
    enabled: true,
    config: {
      kind: 'dingtalk-robot',
      keywords: [],
      accessToken: sealSecret(keyring, 'tok'),
      signingSecret: null,
    },
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

function store(
  options: {
    rules?: RuleState[];
    channels?: ChannelState[];
    links?: string[][];
    extra?: Array<[StateTopicName, string, unknown]>;
  } = {},
): StateStore {
  const state = new StateStore();
  for (const r of options.rules ?? [rule()])
    expect(state.apply('rules', r.id, JSON.stringify(r))).toEqual({ ok: true });
  for (const c of options.channels ?? [channel()]) state.apply('channels', c.id, JSON.stringify(c));
  for (const [tenantId, projectId, channelId] of options.links ?? [['t1', 'p1', 'c1']]) {
    const link = { tenantId, projectId, channelId, connectedAt: now.toISOString() };
    state.apply('projectChannels', `${tenantId}/${projectId}/${channelId}`, JSON.stringify(link));
  }
  for (const [entity, key, value] of options.extra ?? [])
    expect(state.apply(entity, key, JSON.stringify(value))).toEqual({ ok: true });
  return state;
}

const larkApp = (id: string) =>
  channel({
    id,
    config: {
      kind: 'lark-app',
      host: 'https://open.feishu.cn',
      appId: 'cli_1',
      appSecret: sealSecret(keyring, 's'),
    },
  });
const watch = (
  userId: string,
  targetKind: 'ticket' | 'project',
  following: boolean,
): [StateTopicName, string, WatchState] => {
  const targetId = targetKind === 'ticket' ? 'tk1' : 'p1';
  return [
    'watches',
    `t1/${userId}/${targetKind}/${targetId}`,
    { tenantId: 't1', userId, targetKind, targetId, following, updatedAt: now.toISOString() },
  ];
};
const mutes = (
  userId: string,
  muted: Partial<PreferencesState>,
): [StateTopicName, string, PreferencesState] => [
  'preferences',
  `t1/${userId}`,
  {
    tenantId: 't1',
    userId,
    mutedProjectIds: [],
    mutedEventTypes: [],
    mutedChannelIds: [],
    updatedAt: now.toISOString(),
    ...muted,
  },
];
const service = (
  overrides: Partial<NotificationServiceState> = {},
): [StateTopicName, string, NotificationServiceState] => {
  const value: NotificationServiceState = {
    tenantId: 't1',
    id: 's1',
    name: 'on-call',
    description: '',
    channelIds: [],
    memberUserIds: [],
    enabled: true,
    updatedAt: now.toISOString(),
    ...overrides,
  };
  return ['notificationServices', value.id, value];
};
const withChange = (change: TicketEventInit['change']) => createTicketEvent({ ...eventInit, change });

describe('namedPeople', () => {
  it('takes each role from the ticket snapshot, de-duplicated, in a stable order', () => {
    expect(
      namedPeople(event, rule({ roles: ['creator', 'assignees', 'watchers', 'stepAssignees'] }), store()),
    ).toEqual(['creator', 'assignee', 'second-assignee', 'watcher', 'reviewer']);
  });

  it('adds explicit users and the members of enabled services only', () => {
    const state = store({
      extra: [
        service({ memberUserIds: ['oncall'] }),
        service({ id: 's2', memberUserIds: ['off'], enabled: false }),
      ],
    });
    expect(
      namedPeople(event, rule({ roles: [], userIds: ['boss'], serviceIds: ['s1', 's2'] }), state),
    ).toEqual(['boss', 'oncall']);
  });
});

describe('routeEvent', () => {
  it('makes one job per channel with a stable delivery id, without the actor', () => {
    const { jobs, skipped, trace } = routeEvent(event, store(), now);
    expect(skipped).toEqual([]);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      eventId: 'evt-1',
      channelId: 'c1',
      channelKind: 'dingtalk-robot',
      credentialId: 'c1',
      target: 'group',
      eventType: 'commentAdded',
      recipientUserIds: ['creator', 'second-assignee'],
      ruleIds: ['r1'],
      templateId: null,
      mentionAll: false,
    });
    expect(trace.removedPeople).toEqual([
      { userId: 'assignee', ruleId: 'r1', channelId: null, reason: 'is-actor' },
    ]);
    expect(routeEvent(event, store(), new Date()).jobs[0]!.deliveryId).toBe(jobs[0]!.deliveryId);
  });

  it('keeps the actor when the rule says so', () => {
    const { jobs } = routeEvent(
      event,
      store({ rules: [rule({ roles: ['assignees'], excludeActor: false })] }),
      now,
    );
    expect(jobs[0]!.recipientUserIds).toEqual(['assignee', 'second-assignee']);
  });

  it('merges rules that name the same channel into one job, with the first template and any @all', () => {
    const state = store({
      rules: [
        rule({ mentionAll: false }),
        rule({ id: 'r2', projectIds: null, roles: ['watchers'], templateId: 'tpl-2', mentionAll: true }),
        rule({ id: 'r3', roles: [], userIds: ['boss'], templateId: 'tpl-3' }),
      ],
    });
    const { jobs } = routeEvent(event, state, now);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      recipientUserIds: ['creator', 'second-assignee', 'watcher', 'boss'],
      ruleIds: ['r1', 'r2', 'r3'],
      templateId: 'tpl-2',
      mentionAll: true,
    });
  });

  it('says why each rule of the project did not match; other projects and tenants are not considered', () => {
    const state = store({
      rules: [
        rule({ id: 'a', eventTypes: ['statusChanged'] }),
        rule({ id: 'b', projectIds: ['p2'] }),
        rule({ id: 'c', tenantId: 't2' }),
        rule({ id: 'd', enabled: false }),
        rule({ id: 'e', statuses: ['done'] }),
        rule({ id: 'f', steps: ['Approve'] }),
      ],
    });
    const { jobs, trace } = routeEvent(event, state, now);
    expect(jobs).toEqual([]);
    expect(trace.rules.map((r) => [r.rule.id, r.matched, r.mismatch])).toEqual([
      ['a', false, 'event-type'],
      ['d', false, 'disabled'],
      ['e', false, 'status-filter'],
      ['f', false, 'step-filter'],
    ]);
    expect(trace.rules[2]!.detail).toBe(`the ticket's status is unknown; the rule wants "done"`);
  });

  it('filters on the status after the change and on the step id or name', () => {
    const state = store({
      rules: [
        rule({ id: 'by-status', eventTypes: ['statusChanged'], statuses: ['pending-approval'] }),
        rule({ id: 'by-step-name', eventTypes: ['statusChanged'], steps: ['Review'] }),
        rule({ id: 'by-step-id', eventTypes: ['statusChanged'], steps: ['s1'] }),
        rule({ id: 'other-step', eventTypes: ['statusChanged'], steps: ['s9'] }),
      ],
    });
    const pending = withChange({
      case: 'statusChanged',
      value: { fromStatus: 'open', toStatus: 'pending-approval' },
    });
    expect(traceEvent(pending, state).rules.map((r) => [r.rule.id, r.matched])).toEqual([
      ['by-status', true],
      ['by-step-id', true],
      ['by-step-name', true],
      ['other-step', false],
    ]);
    const closed = withChange({ case: 'statusChanged', value: { fromStatus: 'open', toStatus: 'closed' } });
    expect(traceEvent(closed, state).rules.find((r) => r.rule.id === 'by-status')?.mismatch).toBe(
      'status-filter',
    );
  });

  it('says why a matching rule produced nothing on a channel', () => {
    const state = store({
      rules: [
        rule({ channelIds: ['c1', 'c2', 'c3', 'missing', 'c4', 'c5'] }),
        rule({ id: 'r2', roles: [], userIds: ['assignee'], channelIds: ['app'] }),
      ],
      channels: [
        channel(),
        channel({ id: 'c2', enabled: false }),
        channel({ id: 'c3', tenantId: 't2' }),
        channel({ id: 'c4' }),
        larkApp('c5'),
        larkApp('app'),
      ],
      links: [
        ['t1', 'p1', 'c1'],
        ['t1', 'p1', 'c5'],
        ['t1', 'p1', 'app'],
      ],
      extra: [
        [
          'channelKinds',
          't1/lark-app',
          { tenantId: 't1', kind: 'lark-app', enabled: false, updatedAt: now.toISOString() },
        ],
      ],
    });
    const { jobs, skipped } = routeEvent(event, state, now);
    expect(jobs.map((j) => j.channelId)).toEqual(['c1']);
    expect(skipped).toEqual([
      { ruleId: 'r1', channelId: 'c2', reason: 'channel-disabled' },
      { ruleId: 'r1', channelId: 'c3', reason: 'channel-other-tenant' },
      { ruleId: 'r1', channelId: 'missing', reason: 'channel-unknown' },
      { ruleId: 'r1', channelId: 'c4', reason: 'project-not-connected' },
      { ruleId: 'r1', channelId: 'c5', reason: 'kind-disabled' },
      { ruleId: 'r2', channelId: 'app', reason: 'kind-disabled' },
    ]);
  });

  it('skips a per-person channel with nobody to tell, but posts to a group with nobody to mention', () => {
    const state = store({
      rules: [rule({ roles: [], userIds: ['assignee'], channelIds: ['c1', 'app'] })],
      channels: [channel(), larkApp('app')],
      links: [
        ['t1', 'p1', 'c1'],
        ['t1', 'p1', 'app'],
      ],
    });
    const { jobs, skipped } = routeEvent(event, state, now);
    expect(jobs.map((j) => [j.channelId, j.recipientUserIds])).toEqual([['c1', []]]);
    expect(skipped).toEqual([{ ruleId: 'r1', channelId: 'app', reason: 'no-recipients' }]);
  });

  it('counts a channel connected to all projects as connected to this one', () => {
    const state = store({ links: [['t1', '*', 'c1']] });
    expect(routeEvent(event, state, now).jobs.map((j) => j.channelId)).toEqual(['c1']);
    expect(routeEvent(event, store({ links: [['t2', '*', 'c1']] }), now).skipped).toEqual([
      { ruleId: 'r1', channelId: 'c1', reason: 'project-not-connected' },
    ]);
  });

  it("notifies through a service's channels and members; a disabled service's channels are skipped", () => {
    const state = store({
      rules: [rule({ roles: [], channelIds: [], serviceIds: ['s1', 's2'] })],
      channels: [channel(), larkApp('app'), channel({ id: 'c9' })],
      links: [
        ['t1', 'p1', 'c1'],
        ['t1', 'p1', 'app'],
        ['t1', 'p1', 'c9'],
      ],
      extra: [
        service({ channelIds: ['c1', 'app'], memberUserIds: ['oncall'] }),
        service({ id: 's2', channelIds: ['c9'], memberUserIds: ['off'], enabled: false }),
      ],
    });
    const { jobs, skipped } = routeEvent(event, state, now);
    expect(jobs.map((j) => [j.channelId, j.recipientUserIds])).toEqual([
      ['c1', ['oncall']],
      ['app', ['oncall']],
    ]);
    expect(skipped).toEqual([{ ruleId: 'r1', channelId: 'c9', reason: 'service-disabled', serviceId: 's2' }]);
  });

  it('counts followers of the ticket or project as watchers, minus those who unfollowed; the ticket level wins', () => {
    const state = store({
      rules: [rule({ roles: ['watchers'] })],
      extra: [
        watch('ticket-fan', 'ticket', true),
        watch('project-fan', 'project', true),
        watch('watcher', 'ticket', false),
        // Follows the project but not this ticket: not told.
        watch('picky', 'project', true),
        watch('picky', 'ticket', false),
        // Unfollowed the project but follows this ticket: told.
        watch('creator', 'project', false),
        watch('creator', 'ticket', true),
      ],
    });
    const { jobs, trace } = routeEvent(event, state, now);
    expect(jobs[0]!.recipientUserIds.sort()).toEqual(['creator', 'project-fan', 'ticket-fan']);
    expect(trace.removedPeople).toEqual([
      { userId: 'watcher', ruleId: 'r1', channelId: null, reason: 'unfollowed' },
    ]);
  });

  it('leaves out people who muted the project or event type everywhere, and the channel only there', () => {
    const state = store({
      rules: [rule({ roles: [], userIds: ['a', 'b', 'c', 'd'], channelIds: ['c1', 'c2'] })],
      channels: [channel(), channel({ id: 'c2' })],
      links: [
        ['t1', 'p1', 'c1'],
        ['t1', 'p1', 'c2'],
      ],
      extra: [
        mutes('a', { mutedProjectIds: ['p1'] }),
        mutes('b', { mutedEventTypes: ['commentAdded'] }),
        mutes('c', { mutedChannelIds: ['c2'], mutedProjectIds: ['p2'] }),
      ],
    });
    const { jobs, trace } = routeEvent(event, state, now);
    expect(jobs.map((j) => [j.channelId, j.recipientUserIds])).toEqual([
      ['c1', ['c', 'd']],
      ['c2', ['d']],
    ]);
    expect(trace.removedPeople).toEqual([
      { userId: 'a', ruleId: 'r1', channelId: null, reason: 'muted-project' },
      { userId: 'b', ruleId: 'r1', channelId: null, reason: 'muted-event-type' },
      { userId: 'c', ruleId: 'r1', channelId: 'c2', reason: 'muted-channel' },
    ]);
  });

  it('routes per-person kinds as batches of people, one job per batch', () => {
    const many = Array.from({ length: 150 }, (_, i) => `u${i}`);
    const { jobs } = routeEvent(
      event,
      store({ rules: [rule({ roles: [], userIds: many })], channels: [larkApp('c1')] }),
      now,
    );
    expect(jobs.map((j) => [j.target, j.recipientUserIds.length])).toEqual([
      ['people:0', 100],
      ['people:1', 50],
    ]);
    expect(new Set(jobs.map((j) => j.deliveryId)).size).toBe(2);
  });

  it('forgets a deleted rule', () => {
    const state = store();
    state.apply('rules', 'r1', null);
    expect(routeEvent(event, state, now).jobs).toEqual([]);
  });
});

describe('StateStore', () => {
  it('rejects a snapshot that breaks the contract, naming the field', () => {
    const state = new StateStore();
    expect(state.apply('rules', 'r1', JSON.stringify({ ...rule(), eventTypes: [] }))).toEqual({
      ok: false,
      reason: 'rules r1: eventTypes: Too small: expected array to have >=1 items',
    });
    expect(state.apply('users', 'u', '{nope')).toEqual({ ok: false, reason: 'users u: value is not JSON' });
  });

  it('re-indexes a rule that moved projects, and forgets tombstoned watches and templates', () => {
    const state = store({ extra: [watch('fan', 'ticket', true)] });
    state.apply('rules', 'r1', JSON.stringify(rule({ projectIds: ['p2'] })));
    expect(state.rulesForProject('t1', 'p1')).toEqual([]);
    expect(state.rulesForProject('t1', 'p2').map((r) => r.id)).toEqual(['r1']);
    expect(state.watchesFor('t1', 'tk1', 'p1').map((w) => w.userId)).toEqual(['fan']);
    expect(state.watchesFor('t2', 'tk1', 'p1')).toEqual([]);
    state.apply('watches', 't1/fan/ticket/tk1', null);
    expect(state.watchesFor('t1', 'tk1', 'p1')).toEqual([]);
    const template = {
      tenantId: 't1',
      id: 'tpl',
      name: 'pipeline',
      eventType: null,
      format: 'markdown',
      locale: 'en',
      title: 't',
      body: 'b',
      updatedAt: now.toISOString(),
    };
    state.apply('templates', 'tpl', JSON.stringify(template));
    expect(state.tenantTemplates('t1').map((t) => t.id)).toEqual(['tpl']);
    expect(state.tenantTemplates('t2')).toEqual([]);
    state.apply('templates', 'tpl', null);
    expect(state.tenantTemplates('t1')).toEqual([]);
    expect(state.template('tpl')).toBeUndefined();
  });

  it('treats a channel kind without a switch as enabled', () => {
    const state = new StateStore();
    expect(state.channelKindEnabled('t1', 'smtp')).toBe(true);
    state.apply(
      'channelKinds',
      't1/smtp',
      JSON.stringify({ tenantId: 't1', kind: 'smtp', enabled: false, updatedAt: now.toISOString() }),
    );
    expect(state.channelKindEnabled('t1', 'smtp')).toBe(false);
    expect(state.channelKindEnabled('t2', 'smtp')).toBe(true);
  });
});
