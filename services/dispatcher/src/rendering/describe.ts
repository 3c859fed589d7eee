import type { TicketEvent } from '@tidings/events';

/** What every format says about an event, before it is shaped for a platform. */
export interface EventDescription {
  /** Chat-list preview / subject: `[OPS-12] Disk full`. */
  title: string;
  /** `OPS-12 Disk full`. */
  ticketName: string;
  ticketUrl: string | null;
  /** What happened, in Markdown (bold actor, quoted comment). */
  headline: string;
  status: string | null;
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
 * The built-in wording for any event type. Templates per event type × format × locale replace it later;
 * this is what they fall back to.
 */
export function describeEvent(event: TicketEvent, actorName: string): EventDescription {
  const ticket = event.ticket;
  return {
    title: `[${ticket?.key || 'Ticket'}] ${ticket?.title ?? ''}`.trim(),
    ticketName: [ticket?.key, ticket?.title].filter(Boolean).join(' ') || (ticket?.id ?? 'ticket'),
    ticketUrl: ticket?.url || null,
    headline: headline(event, actorName),
    status: ticket?.status || null,
  };
}

/** Markdown as plain text, for formats that show it raw (WeCom text). */
export function plainText(markdown: string): string {
  return markdown.replace(/\*\*(.*?)\*\*/g, '$1').replace(/^> /gm, '  ');
}

/** A robot with keywords drops messages lacking all of them: carry the first one rather than be dropped. */
export function withKeyword(text: string, alsoSearched: string, keywords: string[]): string {
  const has = (s: string) => keywords.some((k) => s.includes(k));
  return keywords.length > 0 && !has(text) && !has(alsoSearched) ? `${text}\n\n${keywords[0]}` : text;
}
