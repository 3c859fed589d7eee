import { type DingTalkRobotMarkdownMessage, platformMobile } from '@tidings/providers';
import type { UserState } from '@tidings/state';
import { type Render, withKeyword, withMentions } from './message.ts';

/**
 * A DingTalk group robot's markdown message. Mentions go in `at` (mobiles, @all) and, because DingTalk only
 * renders a mention whose @mobile is also in the text, in the text: through `${mentions}`, or on a line of
 * their own when the template leaves it out (seed 004: "@mobile … or all").
 */
export function renderDingTalkRobotMarkdown(
  render: Render,
  recipients: readonly UserState[],
  options: { mentionAll: boolean; keywords: readonly string[] },
): DingTalkRobotMarkdownMessage {
  const mobiles = recipients.flatMap((user) => (user.phone ? [platformMobile(user.phone)] : []));
  const tokens = [...mobiles.map((mobile) => `@${mobile}`), ...(options.mentionAll ? ['@all'] : [])];
  const message = render(tokens.join(' '));
  return {
    msgtype: 'markdown',
    title: message.title,
    text: withKeyword(withMentions(message.body, tokens), message.title, options.keywords),
    at: { atMobiles: mobiles, isAtAll: options.mentionAll },
  };
}
