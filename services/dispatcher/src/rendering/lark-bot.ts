import type { LarkMessage } from '@tidings/providers';
import type { UserState } from '@tidings/state';
import { type Render, viewTicketLabel, withKeyword, withMentions } from './message.ts';

/** A person a group message is for, with their Lark open_id when Tidings knows it (set by hand or imported). */
export interface LarkRecipient {
  user: UserState;
  openId: string | null;
}

/**
 * A Lark/Feishu custom bot message: an interactive card, because markdown in a text message shows raw.
 * A custom bot mentions only by open_id and cannot look one up: people whose open_id Tidings knows are
 * `<at>`-mentioned, the others named; @all when a rule asks for it.
 */
export function renderLarkBotCard(
  render: Render,
  recipients: readonly LarkRecipient[],
  options: { mentionAll: boolean; keywords: readonly string[]; locale: string },
): LarkMessage {
  const tokens = [
    ...recipients.map(({ user, openId }) => (openId ? `<at id=${openId}></at>` : `@${user.name}`)),
    ...(options.mentionAll ? ['<at id=all></at>'] : []),
  ];
  const message = render(tokens.join(' '));
  return {
    type: 'card',
    title: message.title,
    markdown: withKeyword(withMentions(message.body, tokens), message.title, options.keywords),
    ...(message.ticketUrl && { ticketUrl: message.ticketUrl, buttonText: viewTicketLabel(options.locale) }),
  };
}
