import { type DingTalkRobotMarkdownMessage, platformMobile } from '@tidings/providers';
import type { UserState } from '@tidings/state';
import { type EventDescription, withKeyword } from './describe.ts';

/** A DingTalk group robot's markdown message, mentioning recipients by mobile. */
export function renderDingTalkRobotMarkdown(
  description: EventDescription,
  recipients: UserState[],
  keywords: string[],
): DingTalkRobotMarkdownMessage {
  const mobiles = recipients.flatMap((user) => (user.phone ? [platformMobile(user.phone)] : []));
  const heading = description.ticketUrl
    ? `[${description.ticketName}](${description.ticketUrl})`
    : description.ticketName;
  const lines = [`#### ${heading}`, '', description.headline];
  if (description.status) lines.push('', `Status: ${description.status}`);
  // DingTalk only renders a mention whose @mobile also appears in the text.
  if (mobiles.length > 0) lines.push('', mobiles.map((m) => `@${m}`).join(' '));
  return {
    msgtype: 'markdown',
    title: description.title,
    text: withKeyword(lines.join('\n'), description.title, keywords),
    at: { atMobiles: mobiles, isAtAll: false },
  };
}
