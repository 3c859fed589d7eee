import { InputProblems } from '@tidings/graphql';
import { describe, expect, it } from 'vitest';
import { checkNotificationServiceInput, unknownChannelProblems } from './validation.ts';

describe('checkNotificationServiceInput', () => {
  it('trims, removes repeated ids in first-given order and keeps an empty description as none', () => {
    const problems = new InputProblems();
    const checked = checkNotificationServiceInput(
      { name: ' Ops ', description: '  ', channelIds: ['b', 'a', 'b'], memberUserIds: ['u2', 'u1', 'u2 '] },
      problems,
    );
    expect(problems.list).toEqual([]);
    expect(checked).toEqual({
      name: 'Ops',
      description: null,
      channelIds: ['b', 'a'],
      memberUserIds: ['u2', 'u1'],
    });
  });

  it('leaves out what was not given, so an update keeps it', () => {
    const problems = new InputProblems();
    expect(checkNotificationServiceInput({ name: null, enabled: false }, problems)).toEqual({
      enabled: false,
    });
    expect(problems.any).toBe(false);
  });

  it('reports every problem by field', () => {
    const problems = new InputProblems();
    checkNotificationServiceInput(
      { name: 'n'.repeat(201), description: 'd'.repeat(2001), channelIds: [], memberUserIds: ['ok', ''] },
      problems,
    );
    expect(problems.list.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: ['name'], code: 'TOO_LONG' },
      { field: ['description'], code: 'TOO_LONG' },
      { field: ['channelIds'], code: 'REQUIRED' },
      { field: ['memberUserIds', '1'], code: 'INVALID' },
    ]);
  });

  it('accepts 1000 members and refuses 1001', () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `u${index}`);
    const ok = new InputProblems();
    expect(checkNotificationServiceInput({ memberUserIds: ids(1000) }, ok).memberUserIds).toHaveLength(1000);
    const tooMany = new InputProblems();
    checkNotificationServiceInput({ memberUserIds: ids(1001) }, tooMany);
    expect(tooMany.list).toMatchObject([{ field: ['memberUserIds'], code: 'TOO_MANY' }]);
  });
});

describe('unknownChannelProblems', () => {
  it('names the index of each channel the tenant does not have', () => {
    const problems = new InputProblems();
    unknownChannelProblems(['a', 'x', ' b ', 'y'], new Set(['a', 'b']), problems);
    expect(problems.list.map((problem) => problem.field)).toEqual([
      ['channelIds', '1'],
      ['channelIds', '3'],
    ]);
  });
});
