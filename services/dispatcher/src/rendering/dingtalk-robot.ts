import type { TicketEvent } from '@tidings/events';
import type { DingTalkRobotMarkdownMessage } from '@tidings/providers';
import type { UserState } from '@tidings/state';

export interface RenderInput {
  event: TicketEvent;
  /** The people the message is for, as Tidings knows them (unknown ones are left out). */
  recipients: UserState[];
  actorName: string;
  /** The robot's keywords: DingTalk rejects a message that contains none of them. */
  keywords: string[];
}

/**
 * DingTalk's `at.atMobiles` takes the number as registered in DingTalk: mainland China numbers without the
 * +86 prefix. Other countries are passed as E.164 (UNVERIFIED: the reference does not say how DingTalk
 * writes non-mainland numbers).
 */
export function dingTalkMobile(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164;
}

/** Quotes untrusted text as a Markdown block quote so it cannot inject headings or links. */
function quote(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function headline(event: TicketEvent, actor: string): string {
  const change = event.change;
  switch (change.case) {
    case 'created':
      return `**${actor}** created the ticket`;
    case 'commentAdded':
      return `**${actor}** commented:\n\n${quote(change.value.body)}`;
    case 'assigneesChanged': {
      const names = (list: Array<{ id: string; displayName: string }>) =>
        list.map((u) => u.displayName || u.id).join(', ');
      const parts = [
        change.value.added.length > 0 ? `added ${names(change.value.added)}` : '',
        change.value.removed.length > 0 ? `removed ${names(change.value.removed)}` : '',
      ].filter(Boolean);
      return `**${actor}** changed the assignees: ${parts.join('; ') || 'no change'}`;
    }
    case 'statusChanged':
      return `**${actor}** changed the status: ${change.value.fromStatus || '—'} → ${change.value.toStatus}`;
    case 'workflowStepChanged':
      return `**${actor}** moved the ticket to step **${change.value.toStep?.name ?? '—'}**`;
    case 'custom':
      return `**${change.value.type}** by ${actor}`;
    default:
      return `**${actor}** updated the ticket`;
  }
}

/**
 * The built-in DingTalk group message for any event type. Templates per event type × format × locale
 * replace this later; this is the default they fall back to.
 */
export function renderDingTalkRobotMarkdown(input: RenderInput): DingTalkRobotMarkdownMessage {
  const { event } = input;
  const ticket = event.ticket;
  const name = [ticket?.key, ticket?.title].filter(Boolean).join(' ') || (ticket?.id ?? 'ticket');
  const heading = ticket?.url ? `[${name}](${ticket.url})` : name;
  const mobiles = input.recipients.flatMap((user) => (user.phone ? [dingTalkMobile(user.phone)] : []));
  const lines = [`#### ${heading}`, '', headline(event, input.actorName)];
  if (ticket?.status) lines.push('', `Status: ${ticket.status}`);
  // DingTalk only renders a mention whose @mobile also appears in the text.
  if (mobiles.length > 0) lines.push('', mobiles.map((m) => `@${m}`).join(' '));
  let text = lines.join('\n');
  const title = `[${ticket?.key || 'Ticket'}] ${ticket?.title ?? ''}`.trim();
  const hasKeyword = (s: string) => input.keywords.some((k) => s.includes(k));
  // A robot with keywords drops messages lacking all of them; carry the first one rather than be dropped.
  if (input.keywords.length > 0 && !hasKeyword(text) && !hasKeyword(title))
    text += `\n\n${input.keywords[0]}`;
  return { msgtype: 'markdown', title, text, at: { atMobiles: mobiles, isAtAll: false } };
}
