import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { createTicketEvent, type TicketEventInit } from '@tidings/events';
import type { ChannelState, RuleState } from '@tidings/state';
import { describe, expect, it } from 'vitest';
import { StateStore } from '../state/store.ts';
import { recipientsOf, routeEvent } from './route.ts';

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
  options: { rules?: RuleState[]; channels?: ChannelState[]; links?: string[][] } = {},
): StateStore {
  const state = new StateStore();
  for (const r of options.rules ?? [rule()])
    expect(state.apply('rules', r.id, JSON.stringify(r))).toEqual({ ok: true });
  for (const c of options.channels ?? [channel()]) state.apply('channels', c.id, JSON.stringify(c));
  for (const [tenantId, projectId, channelId] of options.links ?? [['t1', 'p1', 'c1']]) {
    const link = { tenantId, projectId, channelId, connectedAt: now.toISOString() };
    state.apply('projectChannels', `${tenantId}/${projectId}/${channelId}`, JSON.stringify(link));
  }
  return state;
}

describe('recipientsOf', () => {
  it('takes each role from the ticket snapshot, de-duplicated, minus the actor', () => {
    expect(
      recipientsOf(event, rule({ roles: ['creator', 'assignees', 'watchers', 'stepAssignees'] })),
    ).toEqual(['creator', 'second-assignee', 'watcher', 'reviewer']);
  });

  it('keeps the actor when the rule says so, and adds explicit users', () => {
    expect(
      recipientsOf(event, rule({ roles: ['assignees'], userIds: ['boss'], excludeActor: false })),
    ).toEqual(['assignee', 'second-assignee', 'boss']);
  });
});

describe('routeEvent', () => {
  it('makes one job per channel with a stable delivery id', () => {
    const { jobs, skipped } = routeEvent(event, store(), now);
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
    });
    expect(routeEvent(event, store(), new Date()).jobs[0]!.deliveryId).toBe(jobs[0]!.deliveryId);
  });

  it('merges rules that name the same channel into one job', () => {
    const state = store({ rules: [rule(), rule({ id: 'r2', projectIds: null, roles: ['watchers'] })] });
    const { jobs } = routeEvent(event, state, now);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.recipientUserIds).toEqual(['creator', 'second-assignee', 'watcher']);
    expect(jobs[0]!.ruleIds).toEqual(['r1', 'r2']);
  });

  it('ignores rules of other event types, projects, tenants, and disabled rules', () => {
    const state = store({
      rules: [
        rule({ id: 'a', eventTypes: ['statusChanged'] }),
        rule({ id: 'b', projectIds: ['p2'] }),
        rule({ id: 'c', tenantId: 't2' }),
        rule({ id: 'd', enabled: false }),
      ],
    });
    expect(routeEvent(event, state, now)).toEqual({ jobs: [], skipped: [] });
  });

  it('says why a matching rule produced nothing', () => {
    const state = store({
      rules: [
        rule({ channelIds: ['c1', 'c2', 'c3', 'missing', 'c4'] }),
        rule({ id: 'r2', roles: [], userIds: ['assignee'] }),
      ],
      channels: [
        channel(),
        channel({ id: 'c2', enabled: false }),
        channel({ id: 'c3', tenantId: 't2' }),
        channel({ id: 'c4' }),
      ],
      links: [['t1', 'p1', 'c1']],
    });
    const { jobs, skipped } = routeEvent(event, state, now);
    expect(jobs.map((j) => j.channelId)).toEqual(['c1']);
    expect(skipped).toEqual([
      { ruleId: 'r1', channelId: 'c2', reason: 'channel-disabled' },
      { ruleId: 'r1', channelId: 'c3', reason: 'channel-other-tenant' },
      { ruleId: 'r1', channelId: 'missing', reason: 'channel-unknown' },
      { ruleId: 'r1', channelId: 'c4', reason: 'project-not-connected' },
      { ruleId: 'r2', channelId: 'c1', reason: 'no-recipients' },
    ]);
  });

  it('routes per-person kinds as batches of people, one job per batch', () => {
    const app = channel({
      id: 'c1',
      config: {
        kind: 'lark-app',
        host: 'https://open.feishu.cn',
        appId: 'cli_1',
        appSecret: sealSecret(keyring, 's'),
      },
    });
    const many = Array.from({ length: 150 }, (_, i) => `u${i}`);
    const { jobs } = routeEvent(
      event,
      store({ rules: [rule({ roles: [], userIds: many })], channels: [app] }),
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
    expect(state.apply('rules', 'r1', JSON.stringify({ ...rule(), channelIds: [] }))).toEqual({
      ok: false,
      reason: 'rules r1: channelIds: Too small: expected array to have >=1 items',
    });
    expect(state.apply('users', 'u', '{nope')).toEqual({ ok: false, reason: 'users u: value is not JSON' });
  });
});
