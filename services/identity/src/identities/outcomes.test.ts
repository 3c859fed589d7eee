import { describe, expect, it } from 'vitest';
import { readOutcomeMessage } from './outcomes.ts';

const outcome = {
  tenantId: 't',
  userId: 'u',
  channelId: 'c',
  platform: 'dingtalk',
  status: 'not-found',
  contact: '+8613800000009',
  platformUserId: null,
  reason: 'not registered',
  checkedAt: '2026-11-20T08:00:00.000Z',
};

describe('readOutcomeMessage', () => {
  it('reads a valid outcome', () => {
    expect(readOutcomeMessage('t/u/c', JSON.stringify(outcome))).toEqual({ kind: 'record', outcome });
  });

  it('reads a tombstone by its key', () => {
    expect(readOutcomeMessage('t/u/c', null)).toEqual({
      kind: 'forget',
      tenantId: 't',
      userId: 'u',
      channelId: 'c',
    });
    expect(readOutcomeMessage('t/u', null).kind).toBe('invalid');
  });

  it('says what is wrong with anything else', () => {
    expect(readOutcomeMessage('k', 'not json')).toEqual({
      kind: 'invalid',
      problem: 'the value is not JSON',
    });
    expect(readOutcomeMessage('k', JSON.stringify({ ...outcome, status: 'maybe' }))).toMatchObject({
      kind: 'invalid',
      problem: expect.stringMatching(/^status:/),
    });
    expect(readOutcomeMessage('k', JSON.stringify({ ...outcome, checkedAt: 'yesterday' })).kind).toBe(
      'invalid',
    );
  });
});
