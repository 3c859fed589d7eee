// Per-person delivery on its real path to the sandbox's DingTalk app emulator: the identity directory finds
// people (hand-set id first, else their phone), each language is rendered and sent once, outcomes published.
import { toJson } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { createTicketEvent, TicketEventSchema } from '@tidings/events';
import { type RunningSandbox, startSandbox } from '@tidings/sandbox';
import type { ChannelState, IdentityOutcome, UserState } from '@tidings/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryJob } from '../jobs.ts';
import { StateStore } from '../state/store.ts';
import { createChannelHandler } from './handlers.ts';
import { createIdentityDirectory } from './identities.ts';

const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
const tenantId = 't-personal';
let sandbox: RunningSandbox;

const channel: ChannelState = {
  tenantId,
  id: 'ding-app',
  name: 'DingTalk app',
  enabled: true,
  config: {
    kind: 'dingtalk-app',
    clientId: 'ding-personal',
    clientSecret: sealSecret(keyring, 'ding-secret'),
    agentId: 42,
    robotCode: 'ding-robot',
    mode: 'work-notification',
  },
  updatedAt: '',
};

const person = (id: string, phone: string | null, locale: string, timeZone: string): UserState => ({
  tenantId,
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  email: null,
  phone,
  locale,
  timeZone,
  updatedAt: '',
});
const people = [
  person('lan', '+8613800000001', 'vi', 'Asia/Ho_Chi_Minh'),
  person('an', '+8613800000002', 'vi', 'Asia/Ho_Chi_Minh'),
  // Registered in DingTalk under another number: only the id set by hand reaches him.
  person('wei', '+8613800000099', 'zh-CN', 'Asia/Shanghai'),
  person('stranger', '+8613900000009', 'en', 'UTC'),
];

const event = createTicketEvent({
  eventId: 'evt-1',
  tenantId,
  projectId: 'p1',
  occurredAt: timestampFromMs(1_790_000_000_000),
  actor: { id: 'minh', displayName: 'Minh' },
  ticket: { id: 'tk1', key: 'OPS-7', title: 'Disk full', url: 'https://tracker.example/OPS-7' },
  change: { case: 'commentAdded', value: { commentId: 'c1', body: 'Cleaning up' } },
});
const job: DeliveryJob = {
  version: 1,
  deliveryId: 'job-1',
  eventId: 'evt-1',
  tenantId,
  projectId: 'p1',
  ticketId: 'tk1',
  eventType: 'commentAdded',
  channelId: channel.id,
  channelKind: 'dingtalk-app',
  credentialId: channel.id,
  target: 'people',
  recipientUserIds: people.map((p) => p.id),
  ruleIds: ['r1'],
  templateId: null,
  mentionAll: false,
  event: toJson(TicketEventSchema, event),
  routedAt: '2026-11-22T00:00:00Z',
};

/** The sandbox's control API for the DingTalk app emulator. */
async function control(method: 'GET' | 'PUT', path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox/dingtalk-app/${path}`, {
    method,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

type AppMessage = { userid: string; channel: string; taskId?: number; msg?: unknown };

beforeAll(async () => {
  sandbox = await startSandbox();
  await control('PUT', 'apps/ding-personal', {
    clientSecret: 'ding-secret',
    agentId: 42,
    robotCode: 'ding-robot',
  });
  await control('PUT', 'people', { mobile: '+8613800000001', userid: 'dt-lan' });
  await control('PUT', 'people', { mobile: '+8613800000002', userid: 'dt-an' });
  await control('PUT', 'people', { mobile: '+8613800000077', userid: 'dt-wei' });
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('per-person delivery', () => {
  it('finds each person, renders once per language and time zone, and publishes what it learnt', async () => {
    const state = new StateStore();
    state.apply('channels', channel.id, JSON.stringify(channel));
    for (const user of people) state.apply('users', `${tenantId}/${user.id}`, JSON.stringify(user));
    state.apply(
      'identities',
      `${tenantId}/wei/dingtalk`,
      JSON.stringify({
        tenantId,
        userId: 'wei',
        platform: 'dingtalk',
        platformUserId: 'dt-wei',
        source: 'manual',
        updatedAt: '',
      }),
    );
    const published: IdentityOutcome[] = [];
    const endpoints = {
      dingtalk: { baseUrl: `${sandbox.url}/dingtalk/oapi`, apiBaseUrl: `${sandbox.url}/dingtalk/api` },
      lark: { baseUrl: `${sandbox.url}/lark` },
      wecom: { baseUrl: `${sandbox.url}/wecom` },
      timeoutMs: 5_000,
    };
    const identities = createIdentityDirectory({
      state,
      keyring,
      endpoints,
      publish: async (outcome) => {
        published.push(outcome);
      },
    });
    const handler = createChannelHandler({ state, keyring, endpoints, identities });
    try {
      const outcomes = await handler.deliverToPeople(
        job,
        people.map((p) => ({ userId: p.id, deliveryId: `d-${p.id}` })),
      );
      expect(
        Object.fromEntries([...outcomes].map(([id, o]) => [id, o.kind === 'delivered' ? o.kind : o.code])),
      ).toEqual({
        lan: 'delivered',
        an: 'delivered',
        wei: 'delivered',
        stranger: 'identity-not-found',
      });

      const { messages } = (await control('GET', 'messages')) as { messages: AppMessage[] };
      const sent = messages.map((m) => ({ userid: m.userid, task: m.taskId, text: JSON.stringify(m.msg) }));
      const textOf = (userid: string) => sent.find((m) => m.userid === userid)?.text ?? '';
      expect(sent.map((m) => m.userid).sort()).toEqual(['dt-an', 'dt-lan', 'dt-wei']);
      // The two Vietnamese readers share one rendering and one call; the Chinese reader has his own.
      expect(new Set(sent.map((m) => m.task)).size).toBe(2);
      expect(sent.find((m) => m.userid === 'dt-lan')!.task).toBe(
        sent.find((m) => m.userid === 'dt-an')!.task,
      );
      expect(textOf('dt-lan')).toContain('đã bình luận');
      expect(textOf('dt-lan')).toContain('2026-09-21 21:13');
      expect(textOf('dt-wei')).toContain('发表了评论');
      expect(textOf('dt-wei')).toContain('2026-09-21 22:13');
      // Looking people up and sending share the app's token.
      const { tokenFetches } = (await control('GET', 'token-fetches')) as {
        tokenFetches: Record<string, number>;
      };
      expect(tokenFetches['ding-personal']).toBe(1);

      expect(published.map((o) => [o.userId, o.status, o.contact, o.platformUserId]).sort()).toEqual([
        ['an', 'linked', '+8613800000002', 'dt-an'],
        ['lan', 'linked', '+8613800000001', 'dt-lan'],
        ['stranger', 'not-found', '+8613900000009', null],
        ['wei', 'linked', null, 'dt-wei'],
      ]);

      // Again: nothing new learnt, nothing published.
      await handler.deliverToPeople(job, [{ userId: 'stranger', deliveryId: 'd-stranger' }]);
      expect(published).toHaveLength(4);
    } finally {
      await handler.close();
    }
  });
});
