// The store's compact representation (people per tenant, platform ids as strings, shared rule lists) must
// answer as the snapshots say, and forget what tombstones remove.
import type { IdentityState, RuleState, UserState } from '@tidings/state';
import { describe, expect, it } from 'vitest';
import { StateStore } from './store.ts';

const updatedAt = '2026-01-01T00:00:00.000Z';

const user = (tenantId: string, id: string): UserState => ({
  tenantId,
  id,
  name: `Person ${id}`,
  email: null,
  phone: '+8613900000000',
  locale: 'zh-CN',
  timeZone: null,
  updatedAt,
});

const identity = (
  userId: string,
  platform: IdentityState['platform'],
  source: IdentityState['source'],
): IdentityState => ({
  tenantId: 't1',
  userId,
  platform,
  platformUserId: `${platform}-${userId}`,
  source,
  updatedAt,
});

const rule = (id: string): RuleState => ({
  tenantId: 't1',
  id,
  name: id,
  projectIds: ['p1'],
  eventTypes: ['created', 'commentAdded'],
  roles: ['assignees'],
  userIds: [],
  channelIds: ['c1'],
  serviceIds: [],
  statuses: [],
  steps: [],
  templateId: null,
  mentionAll: false,
  excludeActor: true,
  enabled: true,
  updatedAt,
});

describe('StateStore', () => {
  it('finds and forgets people whose tenant and user ids hold slashes', () => {
    const state = new StateStore();
    state.apply('users', 'a/b/c/d', JSON.stringify(user('a/b', 'c/d')));
    state.apply('users', 'a/b/c', JSON.stringify(user('a/b', 'c')));
    expect(state.user('a/b', 'c/d')?.name).toBe('Person c/d');
    state.apply('users', 'a/b/c/d', null);
    expect(state.user('a/b', 'c/d')).toBeUndefined();
    expect(state.user('a/b', 'c')?.name).toBe('Person c');
    expect(state.counts().users).toBe(1);
  });

  it("keeps each platform's id and where it came from, and a tombstone removes only its platform", () => {
    const state = new StateStore();
    state.apply('users', 't1/u1', JSON.stringify(user('t1', 'u1')));
    for (const value of [identity('u1', 'dingtalk', 'import'), identity('u1', 'lark', 'manual')])
      state.apply('identities', `t1/u1/${value.platform}`, JSON.stringify(value));
    expect(state.identity('t1', 'u1', 'dingtalk')).toEqual({
      platformUserId: 'dingtalk-u1',
      source: 'import',
    });
    expect(state.identity('t1', 'u1', 'lark')).toEqual({ platformUserId: 'lark-u1', source: 'manual' });
    expect(state.identity('t1', 'u1', 'wecom')).toBeUndefined();
    state.apply('identities', 't1/u1/lark', null);
    expect(state.identity('t1', 'u1', 'lark')).toBeUndefined();
    expect(state.identity('t1', 'u1', 'dingtalk')?.platformUserId).toBe('dingtalk-u1');
    // Imported again after being set by hand: no longer manual.
    state.apply('identities', 't1/u1/lark', JSON.stringify(identity('u1', 'lark', 'manual')));
    state.apply('identities', 't1/u1/lark', JSON.stringify(identity('u1', 'lark', 'import')));
    expect(state.identity('t1', 'u1', 'lark')?.source).toBe('import');
    expect(state.counts().identities).toBe(2);
  });

  it('shares equal rule lists as frozen arrays', () => {
    const state = new StateStore();
    state.apply('rules', 'r1', JSON.stringify(rule('r1')));
    state.apply('rules', 'r2', JSON.stringify(rule('r2')));
    const [r1, r2] = [state.rule('r1')!, state.rule('r2')!];
    expect(r1.eventTypes).toEqual(['created', 'commentAdded']);
    expect(r1.eventTypes).toBe(r2.eventTypes);
    expect(r1.statuses).toBe(r2.userIds);
    expect(Object.isFrozen(r1.eventTypes)).toBe(true);
    expect(r1.channelIds).toEqual(['c1']);
  });
});
