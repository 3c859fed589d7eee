import type { LarkMessage } from '@tidings/providers';
import type { UserState } from '@tidings/state';
import { type Render, viewTicketLabel, withKeyword, withMentions } from './message.ts';

/** The card a custom bot posts. */
export type LarkCard = Extract<LarkMessage, { type: 'card' }>;

/** A person a group message is for, with their Lark open_id when Tidings knows it (set by hand or imported). */
export interface LarkRecipient {
  user: UserState;
  openId: string | null;
}

/** `${mentions}` is inserted as markup: names and ids must not open tags, links or emphasis in lark_md. */
const safeId = (openId: string) => openId.replace(/[^\w-]/g, '');
const safeName = (name: string) => name.replace(/[<>[\]()*_~`]/g, '');

/**
 * A Lark/Feishu custom bot message: an interactive card, because markdown in a text message shows raw.
 * A custom bot mentions only by open_id and cannot look one up: people whose open_id Tidings knows are
 * `<at>`-mentioned, the others named; @all when a rule asks for it.
 */
export function renderLarkBotCard(
  render: Render,
  recipients: readonly LarkRecipient[],
  options: { mentionAll: boolean; keywords: readonly string[]; locale: string },
): LarkCard {
  const tokens = [
    ...recipients.map(({ user, openId }) =>
      openId ? `<at id=${safeId(openId)}></at>` : `@${safeName(user.name)}`,
    ),
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
