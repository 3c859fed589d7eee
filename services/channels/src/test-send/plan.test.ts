import { platformMobile } from '@tidings/providers';
import type { ChannelKind } from '@tidings/state';
import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_TARGETS,
  checkTarget,
  dingTalkRobotTestMessage,
  displayName,
  emailTestMessage,
  formatSentAt,
  keywordsOf,
  larkTestMessage,
  type TestTarget,
  testMessageWords,
  webhookTestEvent,
  weComRobotTestMessage,
} from './plan.ts';

const sentAt = new Date('2026-11-22T04:31:07.123Z');
const words = (extra: { keywords?: string[]; channelName?: string } = {}) =>
  testMessageWords({
    kind: 'dingtalk-robot',
    sentAt,
    reference: 'abcd1234',
    channelName: 'Ops room',
    ...extra,
  });

const targets: Record<TestTarget['kind'], TestTarget> = {
  group: { kind: 'group' },
  phone: { kind: 'phone', phone: '+8613800138000' },
  email: { kind: 'email', email: 'ops@example.com' },
  platformUser: { kind: 'platformUser', id: 'ou_abc' },
};

describe('checkTarget', () => {
  it('accepts exactly the documented targets per kind', () => {
    const accepted = Object.fromEntries(
      (Object.keys(ACCEPTED_TARGETS) as ChannelKind[]).map((kind) => [
        kind,
        Object.values(targets)
          .filter((target) => checkTarget(kind, target).ok)
          .map((target) => target.kind),
      ]),
    );
    expect(accepted).toEqual({
      'dingtalk-robot': ['group', 'phone'],
      'wecom-robot': ['group', 'phone'],
      'lark-bot': ['group'],
      webhook: ['group'],
      'dingtalk-app': ['phone', 'platformUser'],
      'lark-app': ['phone', 'email', 'platformUser'],
      'wecom-app': ['phone', 'email', 'platformUser'],
      smtp: ['email'],
    });
  });

  it('turns a phone on a group robot into a mention, and on an app into a lookup', () => {
    expect(checkTarget('dingtalk-robot', targets.phone)).toEqual({
      ok: true,
      target: { kind: 'group-mention', phone: '+8613800138000' },
    });
    expect(checkTarget('wecom-app', { kind: 'phone', phone: ' +86 138-0013-8000 ' })).toEqual({
      ok: true,
      target: { kind: 'phone', phone: '+8613800138000' },
    });
  });

  it('says why a target does not fit and what to give instead', () => {
    expect(checkTarget('lark-bot', targets.phone)).toEqual({
      ok: false,
      summary:
        'A Lark/Feishu group bot can only post to its own group, not to a phone number; test it with the group.',
    });
    expect(checkTarget('dingtalk-app', targets.email)).toEqual({
      ok: false,
      summary:
        'DingTalk cannot look people up by email; test the DingTalk app with a phone number or a DingTalk userid.',
    });
    expect(checkTarget('smtp', targets.group)).toMatchObject({
      ok: false,
      summary: expect.stringContaining('email address'),
    });
    expect(checkTarget('webhook', targets.email)).toMatchObject({
      ok: false,
      summary: expect.stringContaining('URL'),
    });
    expect(checkTarget('dingtalk-robot', targets.email)).toMatchObject({
      ok: false,
      summary: expect.stringContaining('a phone number to mention in the group'),
    });
  });

  it('rejects malformed phones, emails and ids', () => {
    expect(checkTarget('dingtalk-app', { kind: 'phone', phone: '13800138000' })).toMatchObject({
      ok: false,
      summary: expect.stringContaining('E.164'),
    });
    expect(checkTarget('smtp', { kind: 'email', email: 'not-an-address' })).toMatchObject({ ok: false });
    expect(checkTarget('wecom-app', { kind: 'platformUser', id: 'a|b' })).toMatchObject({ ok: false });
    expect(checkTarget('dingtalk-app', { kind: 'platformUser', id: ' ' })).toMatchObject({ ok: false });
    expect(checkTarget('lark-app', { kind: 'platformUser', id: 'zhangsan' })).toMatchObject({
      ok: false,
      summary: expect.stringContaining('ou_'),
    });
  });

  it('does not throw on a kind it does not know', () => {
    expect(checkTarget('pager' as ChannelKind, targets.group)).toMatchObject({ ok: false });
  });
});

describe('test message', () => {
  it('is unique per send, names Tidings and the channel, and carries the time', () => {
    const a = words();
    const b = testMessageWords({
      kind: 'dingtalk-robot',
      sentAt,
      reference: 'ffff0000',
      channelName: 'Ops room',
    });
    expect(a.title).toBe('Tidings test: Ops room');
    expect(a.lead).toContain('from Tidings for the channel “Ops room” (DingTalk group robot)');
    expect(a.stamp).toBe('Sent 2026-11-22 04:31:07 UTC · ref abcd1234');
    expect(a.stamp).not.toBe(b.stamp);
    expect(formatSentAt(sentAt)).toBe('2026-11-22 04:31:07 UTC');
  });

  it('uses the kind when the channel has no name, and keeps names on one bounded line', () => {
    expect(displayName({ kind: 'wecom-app' })).toBe('WeCom app');
    expect(displayName({ kind: 'smtp', channelName: 'a\nb<script>' })).toBe('a bscript');
    expect(displayName({ kind: 'smtp', channelName: 'x'.repeat(200) })).toHaveLength(80);
  });

  it("puts the robot's first keyword in the text", () => {
    const message = dingTalkRobotTestMessage(words({ keywords: ['', 'alert', 'ops'] }));
    expect(message.msgtype).toBe('markdown');
    expect(message.msgtype === 'markdown' && message.text).toContain('Keyword: alert');
    expect(
      keywordsOf({ kind: 'lark-bot', host: 'h', hookId: 'x', signingSecret: null, keywords: ['k'] }),
    ).toEqual(['k']);
    expect(keywordsOf({ kind: 'wecom-robot', key: 'x' })).toEqual([]);
  });

  it('mentions a phone the way each robot needs it', () => {
    expect(dingTalkRobotTestMessage(words(), '+8613800138000')).toMatchObject({
      at: { atMobiles: ['13800138000'] },
      text: expect.stringContaining('@13800138000'),
    });
    expect(weComRobotTestMessage(words())).toMatchObject({ msgtype: 'markdown' });
    expect(weComRobotTestMessage(words(), '+85291234567')).toMatchObject({
      msgtype: 'text',
      mentionedMobileList: ['+85291234567'],
    });
    expect(platformMobile('+8613800138000')).toBe('13800138000');
    expect(platformMobile('+14155550100')).toBe('+14155550100');
  });

  it('is a card for Lark, HTML plus text for email, and tidings.test JSON for webhooks', () => {
    expect(larkTestMessage(words())).toMatchObject({ type: 'card', title: 'Tidings test: Ops room' });
    const mail = emailTestMessage(words({ channelName: 'R&D <ops>' }), 'ops@example.com');
    expect(mail.subject).toBe('Tidings test: R&D ops');
    expect(mail.html).toContain('<h2>Tidings test: R&amp;D ops</h2>');
    expect(mail.text).toContain('Sent 2026-11-22 04:31:07 UTC');
    expect(webhookTestEvent(words(), { deliveryId: 'd1', sentAt, channelName: 'Ops room' })).toMatchObject({
      type: 'tidings.test',
      deliveryId: 'd1',
      occurredAt: '2026-11-22T04:31:07.123Z',
      channel: { id: null, name: 'Ops room', kind: 'webhook' },
    });
  });
});
