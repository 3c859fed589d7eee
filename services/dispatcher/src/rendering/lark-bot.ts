import type { LarkMessage } from '@tidings/providers';
import type { UserState } from '@tidings/state';
import { type EventDescription, withKeyword } from './describe.ts';

/**
 * A Lark/Feishu custom bot message: an interactive card, because markdown in a text message shows raw.
 * Custom bots can @mention only by open_id, which only an app can look up; until a channel links a bot to
 * an app, recipients are named rather than mentioned.
 */
export function renderLarkBotCard(
  description: EventDescription,
  recipients: UserState[],
  keywords: string[],
): LarkMessage {
  const lines = [description.headline];
  if (description.status) lines.push(`Status: ${description.status}`);
  if (recipients.length > 0) lines.push(`For: ${recipients.map((user) => user.name).join(', ')}`);
  return {
    type: 'card',
    title: description.title,
    markdown: withKeyword(lines.join('\n\n'), description.title, keywords),
    ...(description.ticketUrl && { ticketUrl: description.ticketUrl, buttonText: 'View ticket' }),
  };
}
