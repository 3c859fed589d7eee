import type {
  DingTalkRobotMessage,
  DingTalkRobotOtoMessage,
  DingTalkWorkMessage,
  LarkMessage,
  SmtpMessage,
  WeComAppMessage,
  WeComRobotMessage,
} from '@tidings/providers';
import { platformMobile } from '@tidings/providers';
import type { ChannelConfig, ChannelKind } from '@tidings/state';

/**
 * The pure half of a channel test send: which targets each kind of channel accepts, and the test message in
 * each platform's format. No clock, no randomness, no I/O: the caller passes the time and a unique reference.
 */

/** Whom the person clicking "Test" wants the test message to reach. */
export type TestTarget =
  | { kind: 'group' }
  /** E.164, e.g. `+8613800138000`. For a group robot: post to the group mentioning this phone. */
  | { kind: 'phone'; phone: string }
  | { kind: 'email'; email: string }
  /** The platform's own user id: DingTalk userid, Lark/Feishu open_id, WeCom userid. */
  | { kind: 'platformUser'; id: string };

export type TestTargetKind = TestTarget['kind'];

/** A target checked against the channel's kind, normalised (trimmed) and ready to resolve. */
export type CheckedTarget =
  | { kind: 'group' }
  | { kind: 'group-mention'; phone: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'email'; email: string }
  | { kind: 'platformUser'; id: string };

export type TargetCheck = { ok: true; target: CheckedTarget } | { ok: false; summary: string };

/** Which target kinds each channel kind accepts (a phone on a group robot means "mention this phone"). */
export const ACCEPTED_TARGETS: Readonly<Record<ChannelKind, readonly TestTargetKind[]>> = {
  'dingtalk-robot': ['group', 'phone'],
  'wecom-robot': ['group', 'phone'],
  'lark-bot': ['group'],
  webhook: ['group'],
  'dingtalk-app': ['phone', 'platformUser'],
  'lark-app': ['phone', 'email', 'platformUser'],
  'wecom-app': ['phone', 'email', 'platformUser'],
  smtp: ['email'],
};

/** How a person names each kind of channel in a sentence. */
export const CHANNEL_KIND_LABELS: Readonly<Record<ChannelKind, string>> = {
  'dingtalk-robot': 'DingTalk group robot',
  'dingtalk-app': 'DingTalk app',
  'lark-bot': 'Lark/Feishu group bot',
  'lark-app': 'Lark/Feishu app',
  'wecom-app': 'WeCom app',
  'wecom-robot': 'WeCom group robot',
  smtp: 'email (SMTP) channel',
  webhook: 'webhook',
};

const TARGET_WORDS: Readonly<Record<TestTargetKind, string>> = {
  group: 'the group',
  phone: 'a phone number',
  email: 'an email address',
  platformUser: 'a platform user id',
};

const PLATFORM_USER_WORDS: Partial<Record<ChannelKind, string>> = {
  'dingtalk-app': 'DingTalk userid',
  'lark-app': 'Lark/Feishu open_id (ou_…)',
  'wecom-app': 'WeCom userid',
};

/** E.164: `+`, a country code not starting with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

function orList(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function acceptedWords(kind: ChannelKind): string {
  return orList(
    ACCEPTED_TARGETS[kind].map((target) => {
      if (target === 'platformUser') return `a ${PLATFORM_USER_WORDS[kind] ?? 'platform user id'}`;
      if (target === 'phone' && (kind === 'dingtalk-robot' || kind === 'wecom-robot')) {
        return 'a phone number to mention in the group';
      }
      return TARGET_WORDS[target];
    }),
  );
}

/** Why a target kind does not fit a channel kind, in words. */
function whyNot(kind: ChannelKind, target: TestTargetKind): string {
  const label = CHANNEL_KIND_LABELS[kind];
  switch (kind) {
    case 'dingtalk-robot':
    case 'wecom-robot':
    case 'lark-bot':
      return `A ${label} can only post to its own group, not to ${TARGET_WORDS[target]}; test it with ${acceptedWords(kind)}.`;
    case 'webhook':
      return `A webhook posts to its URL, not to ${TARGET_WORDS[target]}; test it without a recipient (target "group").`;
    case 'smtp':
      return `An email channel sends to an email address, not to ${TARGET_WORDS[target]}; give an email address.`;
    case 'dingtalk-app':
      return target === 'email'
        ? `DingTalk cannot look people up by email; test the ${label} with ${acceptedWords(kind)}.`
        : `A ${label} messages one person at a time, not ${TARGET_WORDS[target]}; test it with ${acceptedWords(kind)}.`;
    default:
      return `A ${label} messages one person at a time, not ${TARGET_WORDS[target]}; test it with ${acceptedWords(kind)}.`;
  }
}

/** Checks `target` against the channel's kind; the failure is a sentence naming what to give instead. */
export function checkTarget(kind: ChannelKind, target: TestTarget): TargetCheck {
  const accepted = ACCEPTED_TARGETS[kind] as readonly TestTargetKind[] | undefined;
  if (!accepted) return { ok: false, summary: `Tidings cannot test channels of kind "${String(kind)}".` };
  if (!accepted.includes(target.kind)) return { ok: false, summary: whyNot(kind, target.kind) };
  switch (target.kind) {
    case 'group':
      return { ok: true, target: { kind: 'group' } };
    case 'phone': {
      const phone = target.phone.trim().replace(/[\s()-]/g, '');
      if (!E164.test(phone)) {
        return {
          ok: false,
          summary: `"${target.phone}" is not a phone number in E.164 form: write + and the country code, e.g. +8613800138000.`,
        };
      }
      const group = kind === 'dingtalk-robot' || kind === 'wecom-robot';
      return { ok: true, target: group ? { kind: 'group-mention', phone } : { kind: 'phone', phone } };
    }
    case 'email': {
      const email = target.email.trim();
      if (!EMAIL.test(email)) {
        return { ok: false, summary: `"${target.email}" is not an email address, e.g. ops@example.com.` };
      }
      return { ok: true, target: { kind: 'email', email } };
    }
    case 'platformUser': {
      const id = target.id.trim();
      const what = PLATFORM_USER_WORDS[kind] ?? 'platform user id';
      if (id === '' || /[\s,|]/.test(id) || id.length > 128) {
        return {
          ok: false,
          summary: `"${target.id}" is not a ${what}: it must be non-empty, at most 128 characters, without spaces, commas or |.`,
        };
      }
      if (kind === 'lark-app' && !id.startsWith('ou_')) {
        return { ok: false, summary: `"${id}" is not a Lark/Feishu open_id: open_ids start with ou_.` };
      }
      return { ok: true, target: { kind: 'platformUser', id } };
    }
  }
}

/** What makes one test message unique and where it says it comes from. */
export type TestMessageInput = {
  /** The channel's name as its owner wrote it; the kind's label when absent. */
  channelName?: string | undefined;
  kind: ChannelKind;
  /** When the test was sent (in the text: DingTalk drops identical work notifications within a day). */
  sentAt: Date;
  /** A short unique reference, also in the text. */
  reference: string;
  /** The robot's keywords: the first one is put in the text, or the robot rejects the message. */
  keywords?: readonly string[];
};

/** The words of a test message, shared by every format. */
export type TestMessageWords = {
  title: string;
  /** One line: what this message is. */
  lead: string;
  /** One line: what receiving it means. */
  meaning: string;
  /** `Sent 2026-11-22 04:31:07 UTC · ref abc123`. */
  stamp: string;
  /** The robot's first keyword, when it has keywords. */
  keyword?: string;
};

const NAME_MAX_CHARS = 80;

/** A channel name safe to put on one line of any format: no line breaks, no markup brackets, bounded. */
export function displayName(input: Pick<TestMessageInput, 'channelName' | 'kind'>): string {
  const name = (input.channelName ?? '')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[<>]/g, '')
    .trim();
  if (name === '') return CHANNEL_KIND_LABELS[input.kind];
  return name.length > NAME_MAX_CHARS ? `${name.slice(0, NAME_MAX_CHARS - 1)}…` : name;
}

/** `2026-11-22 04:31:07 UTC`. */
export function formatSentAt(sentAt: Date): string {
  return `${sentAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function testMessageWords(input: TestMessageInput): TestMessageWords {
  const name = displayName(input);
  const keyword = input.keywords?.find((k) => k.trim() !== '');
  return {
    title: `Tidings test: ${name}`,
    lead: `This is a test message from Tidings for the channel “${name}” (${CHANNEL_KIND_LABELS[input.kind]}).`,
    meaning: 'If you can read this, the channel works. No action is needed.',
    stamp: `Sent ${formatSentAt(input.sentAt)} · ref ${input.reference}`,
    ...(keyword !== undefined && { keyword }),
  };
}

/** Plain text, one paragraph per line; the keyword (when any) on its own line so the robot finds it. */
export function testMessageText(words: TestMessageWords): string {
  return [
    words.title,
    words.lead,
    words.meaning,
    words.stamp,
    ...(words.keyword ? [words.keyword] : []),
  ].join('\n');
}

/** Markdown (DingTalk, Lark `lark_md`, WeCom): bold title line, then the paragraphs. */
export function testMessageMarkdown(words: TestMessageWords, options: { heading?: boolean } = {}): string {
  const lines = [
    ...(options.heading === false ? [] : [`**${words.title}**`]),
    words.lead,
    words.meaning,
    words.stamp,
    ...(words.keyword ? [`Keyword: ${words.keyword}`] : []),
  ];
  return lines.join('\n\n');
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function dingTalkRobotTestMessage(
  words: TestMessageWords,
  mentionPhone?: string,
): DingTalkRobotMessage {
  const mobile = mentionPhone === undefined ? undefined : platformMobile(mentionPhone);
  // DingTalk highlights a mention only when `@<mobile>` also appears in the text.
  const text = `${testMessageMarkdown(words)}${mobile ? `\n\n@${mobile}` : ''}`;
  return {
    msgtype: 'markdown',
    title: words.keyword ? `${words.title} · ${words.keyword}` : words.title,
    text,
    ...(mobile && { at: { atMobiles: [mobile] } }),
  };
}

export function dingTalkWorkTestMessage(words: TestMessageWords): DingTalkWorkMessage {
  return { msgtype: 'markdown', title: words.title, text: testMessageMarkdown(words) };
}

export function dingTalkOtoTestMessage(words: TestMessageWords): DingTalkRobotOtoMessage {
  return { msgKey: 'sampleMarkdown', title: words.title, text: testMessageMarkdown(words) };
}

/** A card for Lark/Feishu bots and apps, so the markdown renders; the title is the card header. */
export function larkTestMessage(words: TestMessageWords): LarkMessage {
  return {
    type: 'card',
    title: words.title,
    markdown: testMessageMarkdown(words, { heading: false }),
    template: 'green',
  };
}

export function weComAppTestMessage(words: TestMessageWords): WeComAppMessage {
  return { msgtype: 'markdown', content: testMessageMarkdown(words) };
}

/** Markdown to the group; a mention by phone needs a text message (markdown cannot mention by mobile). */
export function weComRobotTestMessage(words: TestMessageWords, mentionPhone?: string): WeComRobotMessage {
  if (mentionPhone === undefined) return { msgtype: 'markdown', content: testMessageMarkdown(words) };
  return {
    msgtype: 'text',
    content: testMessageText(words),
    mentionedMobileList: [platformMobile(mentionPhone)],
  };
}

export function emailTestMessage(words: TestMessageWords, to: string): SmtpMessage {
  const paragraphs = [words.lead, words.meaning].map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return {
    to,
    subject: words.title,
    text: testMessageText(words),
    html: [
      '<!doctype html>',
      '<html><body style="font-family: sans-serif">',
      `<h2>${escapeHtml(words.title)}</h2>`,
      paragraphs,
      `<p style="color: #666; font-size: 12px">${escapeHtml(words.stamp)}</p>`,
      '</body></html>',
    ].join('\n'),
  };
}

/** The JSON a webhook receives for a test: `type: "tidings.test"`, so receivers can tell it from real events. */
export type WebhookTestEvent = {
  type: 'tidings.test';
  deliveryId: string;
  occurredAt: string;
  channel: { id: string | null; name: string; kind: 'webhook' };
  title: string;
  text: string;
};

export function webhookTestEvent(
  words: TestMessageWords,
  input: { deliveryId: string; sentAt: Date; channelId?: string | undefined; channelName: string },
): WebhookTestEvent {
  return {
    type: 'tidings.test',
    deliveryId: input.deliveryId,
    occurredAt: input.sentAt.toISOString(),
    channel: { id: input.channelId ?? null, name: input.channelName, kind: 'webhook' },
    title: words.title,
    text: testMessageText(words),
  };
}

/** The robot's keywords, for the kinds that have them. */
export function keywordsOf(config: ChannelConfig): readonly string[] {
  return config.kind === 'dingtalk-robot' || config.kind === 'lark-bot' ? config.keywords : [];
}
