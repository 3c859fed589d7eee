import type { DingTalkRobotMarkdownMessage } from '@tidings/providers';
import type { LarkCard } from './lark-bot.ts';
import type { WeComRobotText } from './wecom-robot.ts';

/**
 * Digests: when a robot's rate limit holds messages back, the ones waiting go out together as one message
 * ("5 updates on OPS-12"), each update a section of it, everyone mentioned in any of them mentioned once.
 * Pure: these merge the messages each job would have sent alone.
 */

const separator = '\n\n---\n\n';
const plainSeparator = '\n\n— — —\n\n';

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** How many of `sections`, from the first, fit in `budgetBytes` joined by `separatorText`; at least one. */
export function sectionsThatFit(
  sections: readonly string[],
  budgetBytes: number,
  separatorText: string,
): number {
  let used = 0;
  let count = 0;
  for (const section of sections) {
    const added = utf8Bytes(section) + (count > 0 ? utf8Bytes(separatorText) : 0);
    if (count > 0 && used + added > budgetBytes) break;
    used += added;
    count++;
  }
  return count;
}

type Phrase = (updates: number, keys: readonly string[]) => string;

const ruPlural = new Intl.PluralRules('ru');
const ruUpdates = (n: number) =>
  ({ one: 'обновление', few: 'обновления' })[ruPlural.select(n) as 'one' | 'few'] ?? 'обновлений';

const titles: Record<string, Phrase> = {
  en: (n, keys) =>
    keys.length === 1 ? `${n} updates on ${keys[0]}` : `${n} updates on ${keys.length} tickets`,
  zh: (n, keys) => (keys.length === 1 ? `${keys[0]} 有 ${n} 条更新` : `${keys.length} 个工单有 ${n} 条更新`),
  vi: (n, keys) =>
    keys.length === 1 ? `${n} cập nhật cho ${keys[0]}` : `${n} cập nhật cho ${keys.length} phiếu`,
  ru: (n, keys) =>
    keys.length === 1
      ? `${n} ${ruUpdates(n)} по ${keys[0]}`
      : `${n} ${ruUpdates(n)} по ${keys.length} ${ruPlural.select(keys.length) === 'one' ? 'заявке' : 'заявкам'}`,
};

/** "5 updates on OPS-12", "7 updates on 3 tickets", in the group's language (English when unknown). */
export function digestTitle(updates: number, ticketKeys: readonly string[], locale: string): string {
  const keys = [...new Set(ticketKeys)];
  const phrase = titles[locale.split('-')[0]!.toLowerCase()] ?? titles.en!;
  return phrase(updates, keys);
}

/** The room a digest leaves for its sections, below the platform's limit: title, mentions, markup. */
export const digestBudgetBytes = {
  // 20 000 bytes (DINGTALK_ROBOT_LIMITS), less the title, the mention line and the JSON around the text.
  'dingtalk-robot': 16_000,
  // 20 000 bytes for the whole card request (LARK_LIMITS.botBodyBytes), less the card's JSON.
  'lark-bot': 15_000,
  // Robot text is 2 048 bytes (WECOM_LIMITS.robotTextBytes) with the title line.
  'wecom-robot': 1_900,
} as const;

export type DigestKind = keyof typeof digestBudgetBytes;

export const isDigestKind = (kind: string): kind is DigestKind => kind in digestBudgetBytes;

export interface DigestPart<Message> {
  message: Message;
  /** The ticket's human key (OPS-12), else its title. */
  ticketKey: string;
}

const union = <T>(lists: readonly (readonly T[] | undefined)[]) => [
  ...new Set(lists.flatMap((list) => list ?? [])),
];

// A section is the update's own body: templates open their bodies with the ticket and the change, and the
// digest's title says what the message as a whole is.
export const dingTalkSection = (message: DingTalkRobotMarkdownMessage) => message.text;

/** DingTalk robot markdown: the title as a heading, then the updates; `at` mentions everyone any update mentions. */
export function dingTalkDigest(
  parts: readonly DigestPart<DingTalkRobotMarkdownMessage>[],
  locale: string,
): DingTalkRobotMarkdownMessage {
  const title = digestTitle(
    parts.length,
    parts.map((p) => p.ticketKey),
    locale,
  );
  return {
    msgtype: 'markdown',
    title,
    text: `### ${title}\n\n${parts.map((p) => dingTalkSection(p.message)).join(separator)}`,
    at: {
      atMobiles: union(parts.map((p) => p.message.at?.atMobiles)),
      isAtAll: parts.some((p) => p.message.at?.isAtAll === true),
    },
  };
}

export const larkSection = (message: LarkCard) => message.markdown;

/** A Lark bot card: an update per section; the button to the ticket only when all are about one ticket. */
export function larkDigest(parts: readonly DigestPart<LarkCard>[], locale: string): LarkCard {
  const title = digestTitle(
    parts.length,
    parts.map((p) => p.ticketKey),
    locale,
  );
  const urls = new Set(parts.map((p) => p.message.ticketUrl));
  const [first] = parts;
  return {
    type: 'card',
    title,
    markdown: parts.map((p) => larkSection(p.message)).join(separator),
    ...(urls.size === 1 &&
      first?.message.ticketUrl && {
        ticketUrl: first.message.ticketUrl,
        ...(first.message.buttonText && { buttonText: first.message.buttonText }),
      }),
  };
}

export const weComSection = (message: WeComRobotText) => message.content;

/** WeCom robot text: the title line, then the updates; mentions by mobile, once each. */
export function weComDigest(parts: readonly DigestPart<WeComRobotText>[], locale: string): WeComRobotText {
  const title = digestTitle(
    parts.length,
    parts.map((p) => p.ticketKey),
    locale,
  );
  const mentions = union(parts.map((p) => p.message.mentionedMobileList));
  return {
    msgtype: 'text',
    content: `${title}\n\n${parts.map((p) => weComSection(p.message)).join(plainSeparator)}`,
    mentionedMobileList: mentions,
  };
}

export const digestSeparator: Record<DigestKind, string> = {
  'dingtalk-robot': separator,
  'lark-bot': separator,
  'wecom-robot': plainSeparator,
};
