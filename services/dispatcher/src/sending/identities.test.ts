import type { ChannelState, IdentityOutcome, IdentityState, UserState } from '@tidings/state';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../log.ts';
import { StateStore } from '../state/store.ts';
import {
  type Contact,
  createIdentityDirectoryWith,
  type IdentityResolution,
  type PlatformLookup,
  undeliveredFor,
} from './identities.ts';

const sealed = 'tidings:sealed:v1:x';
const dingtalkApp: ChannelState = {
  tenantId: 't1',
  id: 'ch-dt',
  name: 'DingTalk app',
  enabled: true,
  config: {
    kind: 'dingtalk-app',
    clientId: 'ding-client',
    clientSecret: sealed,
    agentId: 1,
    robotCode: 'ding-client',
    mode: 'work-notification',
  },
  updatedAt: '',
};
/** A second channel on the same DingTalk app: what one learnt about a number serves the other. */
const sameApp: ChannelState = { ...dingtalkApp, id: 'ch-dt-2' };
const smtp: ChannelState = {
  ...dingtalkApp,
  id: 'ch-mail',
  config: { kind: 'smtp', host: 'mail', port: 25, security: 'none', user: null, password: null, from: 'x@y' },
};

const lan: UserState = {
  tenantId: 't1',
  id: 'lan',
  name: 'Lan',
  email: 'lan@example.com',
  phone: '+8613800000001',
  locale: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
  updatedAt: '',
};

/** A fake DingTalk directory: numbers it knows, every question it was asked, and an optional outage. */
function fakeDingTalk(known: Record<string, string>) {
  const asked: Contact[] = [];
  let down = false;
  const lookup: PlatformLookup = async (_channel, contact) => {
    asked.push(contact);
    const phone = contact.phone!;
    if (down) {
      const outcome = {
        kind: 'retry',
        retryAfterSeconds: 30,
        code: '90018',
        reason: 'rate limited',
      } as const;
      return { contact: phone, resolution: { status: 'platform-error', reason: outcome.reason, outcome } };
    }
    const userid = known[phone];
    return {
      contact: phone,
      resolution: userid
        ? { status: 'linked', platformUserId: userid, source: 'lookup' }
        : { status: 'not-found', reason: `phone ${phone} is not registered in DingTalk` },
    };
  };
  return { lookup, asked, setDown: (value: boolean) => (down = value) };
}

function directoryWith(known: Record<string, string>, options: { failPublish?: () => boolean } = {}) {
  const state = new StateStore();
  const platform = fakeDingTalk(known);
  const published: IdentityOutcome[] = [];
  const warnings: string[] = [];
  const log: Logger = { info() {}, warn: (msg) => warnings.push(msg), error() {} };
  const directory = createIdentityDirectoryWith({
    state,
    lookup: platform.lookup,
    log,
    now: () => Date.parse('2026-11-22T00:00:00Z'),
    publish: async (outcome) => {
      if (options.failPublish?.()) throw new Error('kafka down');
      published.push(outcome);
    },
  });
  return { state, platform, published, warnings, directory };
}

const handSet = (platformUserId: string, source: IdentityState['source']): IdentityState => ({
  tenantId: 't1',
  userId: 'lan',
  platform: 'dingtalk',
  platformUserId,
  source,
  updatedAt: '',
});

describe('identity directory', () => {
  it('takes a hand-set id over any lookup, and says where it came from', async () => {
    const { state, platform, published, directory } = directoryWith({ '+8613800000001': 'dt-looked-up' });
    state.apply('identities', 't1/lan/dingtalk', JSON.stringify(handSet('dt-by-hand', 'manual')));

    expect(await directory.resolve(dingtalkApp, lan)).toEqual({
      status: 'linked',
      platformUserId: 'dt-by-hand',
      source: 'manual',
    });
    expect(platform.asked).toEqual([]);
    expect(published).toEqual([
      {
        tenantId: 't1',
        userId: 'lan',
        channelId: 'ch-dt',
        platform: 'dingtalk',
        status: 'linked',
        contact: null,
        platformUserId: 'dt-by-hand',
        reason: null,
        checkedAt: '2026-11-22T00:00:00.000Z',
      },
    ]);
  });

  it('looks a number up once per app, and again when the person changes their phone', async () => {
    const { platform, published, directory } = directoryWith({
      '+8613800000001': 'dt-old',
      '+8613800000009': 'dt-new',
    });
    expect(await directory.resolve(dingtalkApp, lan)).toMatchObject({
      platformUserId: 'dt-old',
      source: 'lookup',
    });
    expect(await directory.resolve(dingtalkApp, lan)).toMatchObject({ platformUserId: 'dt-old' });
    expect(await directory.resolve(sameApp, lan)).toMatchObject({ platformUserId: 'dt-old' });
    expect(platform.asked).toEqual([{ phone: '+8613800000001', email: null }]);

    const moved = { ...lan, phone: '+8613800000009' };
    expect(await directory.resolve(dingtalkApp, moved)).toMatchObject({ platformUserId: 'dt-new' });
    expect(platform.asked).toHaveLength(2);
    // One outcome per channel and change: the repeats published nothing.
    expect(published.map((o) => [o.channelId, o.status, o.contact, o.platformUserId])).toEqual([
      ['ch-dt', 'linked', '+8613800000001', 'dt-old'],
      ['ch-dt-2', 'linked', '+8613800000001', 'dt-old'],
      ['ch-dt', 'linked', '+8613800000009', 'dt-new'],
    ]);
  });

  it('publishes "not registered" before anyone misses a message, then the fix once it is found', async () => {
    const known: Record<string, string> = {};
    const { state, published, directory } = directoryWith(known);
    const missing = await directory.resolve(dingtalkApp, lan);
    expect(missing).toMatchObject({ status: 'not-found' });
    await directory.resolve(dingtalkApp, lan);
    expect(published).toMatchObject([
      { status: 'not-found', contact: '+8613800000001', reason: expect.stringContaining('not registered') },
    ]);

    state.apply('identities', 't1/lan/dingtalk', JSON.stringify(handSet('dt-imported', 'import')));
    expect(await directory.resolve(dingtalkApp, lan)).toMatchObject({ source: 'import' });
    expect(published.map((o) => o.status)).toEqual(['not-found', 'linked']);
  });

  it('asks again after a platform error, and a throttled lookup is retried, not given up', async () => {
    const { platform, published, directory } = directoryWith({ '+8613800000001': 'dt-1' });
    platform.setDown(true);
    const failed = await directory.resolve(dingtalkApp, lan);
    expect(failed.status).toBe('platform-error');
    expect(undeliveredFor(failed as Exclude<IdentityResolution, { status: 'linked' }>)).toMatchObject({
      kind: 'retry',
      retryAfterSeconds: 30,
    });
    platform.setDown(false);
    expect(await directory.resolve(dingtalkApp, lan)).toMatchObject({ status: 'linked' });
    expect(platform.asked).toHaveLength(2);
    expect(published.map((o) => o.status)).toEqual(['platform-error', 'linked']);
  });

  it('reports people with nothing to look up, without asking the platform', async () => {
    const { platform, published, directory } = directoryWith({});
    const resolution = await directory.resolve(dingtalkApp, { ...lan, phone: null });
    expect(resolution).toMatchObject({
      status: 'no-contact-point',
      reason: expect.stringContaining('no phone'),
    });
    expect(undeliveredFor(resolution as Exclude<IdentityResolution, { status: 'linked' }>)).toMatchObject({
      kind: 'permanent',
      code: 'no-contact-point',
    });
    expect(platform.asked).toEqual([]);
    expect(published).toMatchObject([{ status: 'no-contact-point', contact: null }]);
  });

  it('never fails a delivery because publishing failed, and publishes on the next try', async () => {
    let kafkaDown = true;
    const { published, warnings, directory } = directoryWith(
      { '+8613800000001': 'dt-1' },
      { failPublish: () => kafkaDown },
    );
    expect(await directory.resolve(dingtalkApp, lan)).toMatchObject({ status: 'linked' });
    expect(warnings).toEqual(['identity outcome not published']);
    kafkaDown = false;
    await directory.resolve(dingtalkApp, lan);
    expect(published).toHaveLength(1);
  });

  it('uses the address itself for email, publishing nothing', async () => {
    const { platform, published, directory } = directoryWith({});
    expect(await directory.resolve(smtp, lan)).toEqual({
      status: 'linked',
      platformUserId: 'lan@example.com',
      source: 'manual',
    });
    expect(await directory.resolve(smtp, { ...lan, email: null })).toMatchObject({
      status: 'no-contact-point',
    });
    expect(platform.asked).toEqual([]);
    expect(published).toEqual([]);
  });
});
