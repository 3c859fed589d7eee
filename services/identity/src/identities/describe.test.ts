import { describe, expect, it } from 'vitest';
import type { IdentityOutcomeRow, PlatformIdentityRow } from '../db/schema.ts';
import { describeIdentities } from './describe.ts';

const checkedAt = new Date('2026-11-20T08:00:00.000Z');

function outcome(fields: Partial<IdentityOutcomeRow>): IdentityOutcomeRow {
  return {
    tenantId: 't',
    userId: 'u',
    channelId: 'dingtalk-app-1',
    platform: 'dingtalk',
    status: 'not-found',
    contact: '+8613800000009',
    platformUserId: null,
    reason: null,
    checkedAt,
    ...fields,
  };
}

const handSet: PlatformIdentityRow = {
  tenantId: 't',
  userId: 'u',
  platform: 'wecom',
  platformUserId: 'zhangsan',
  source: 'import',
  updatedAt: checkedAt,
};

describe('describeIdentities', () => {
  it('lists hand-set ids as LINKED without a channel, then lookups through their channel', () => {
    const person = { phone: '+8613800000009', email: null };
    const linked = outcome({ status: 'linked', platformUserId: 'dt-1', channelId: 'b' });
    expect(describeIdentities(person, [handSet], [linked])).toEqual([
      {
        platform: 'WECOM',
        channel: null,
        status: 'LINKED',
        source: 'IMPORT',
        platformUserId: 'zhangsan',
        contact: null,
        reason: null,
        checkedAt: '2026-11-20T08:00:00.000Z',
      },
      {
        platform: 'DINGTALK',
        channel: { id: 'b' },
        status: 'LINKED',
        source: 'LOOKUP',
        platformUserId: 'dt-1',
        contact: '+8613800000009',
        reason: null,
        checkedAt: '2026-11-20T08:00:00.000Z',
      },
    ]);
  });

  it("shows the dispatcher's reason, or one a person can act on", () => {
    const person = { phone: '+8613800000009', email: null };
    const [given, fallback] = describeIdentities(
      person,
      [],
      [outcome({ channelId: 'a', reason: 'not in this DingTalk org' }), outcome({ channelId: 'b' })],
    );
    expect(given).toMatchObject({ status: 'NOT_FOUND', reason: 'not in this DingTalk org' });
    expect(fallback?.reason).toBe(
      '+8613800000009 is not registered in DingTalk for this app; ask your project owner.',
    );
  });

  it('marks a lookup of a phone the person no longer has PENDING', () => {
    const [pending] = describeIdentities({ phone: '+8613800138000', email: null }, [], [outcome({})]);
    expect(pending).toMatchObject({ status: 'PENDING', source: 'LOOKUP', contact: '+8613800000009' });
    expect(pending?.reason).toMatch(
      /\+8613800138000 will be looked up in DingTalk again at the next notification/,
    );
  });

  it('lets Lark match by phone or email', () => {
    const byEmail = outcome({ platform: 'lark', status: 'linked', contact: 'ada@example.com' });
    const person = { phone: '+8613800138000', email: 'ada@example.com' };
    expect(describeIdentities(person, [], [byEmail])[0]?.status).toBe('LINKED');
    const dingTalkByEmail = outcome({ status: 'linked', contact: 'ada@example.com' });
    expect(describeIdentities(person, [], [dingTalkByEmail])[0]?.status).toBe('PENDING');
  });

  it('keeps NO_CONTACT_POINT until the person adds one', () => {
    const none = outcome({ status: 'no-contact-point', contact: null });
    expect(describeIdentities({ phone: null, email: null }, [], [none])[0]?.status).toBe('NO_CONTACT_POINT');
    expect(describeIdentities({ phone: '+8613800138000', email: null }, [], [none])[0]?.status).toBe(
      'PENDING',
    );
  });
});
