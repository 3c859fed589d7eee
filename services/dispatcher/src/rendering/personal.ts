import type { DingTalkWorkMessage, LarkMessage, SmtpMessage, WeComAppMessage } from '@tidings/providers';
import { type EventDescription, plainText } from './describe.ts';

/**
 * Messages to one person. DingTalk work notifications silently drop identical content sent to the same
 * person twice in a day, so each carries the event's time.
 */
function body(description: EventDescription, occurredAt: string): string {
  const lines = [description.headline];
  if (description.status) lines.push(`Status: ${description.status}`);
  lines.push(`_${occurredAt}_`);
  return lines.join('\n\n');
}

export function renderDingTalkWorkNotification(
  description: EventDescription,
  occurredAt: string,
): DingTalkWorkMessage {
  const heading = description.ticketUrl
    ? `[${description.ticketName}](${description.ticketUrl})`
    : description.ticketName;
  return {
    msgtype: 'markdown',
    title: description.title,
    text: `#### ${heading}\n\n${body(description, occurredAt)}`,
  };
}

export function renderLarkAppCard(description: EventDescription, occurredAt: string): LarkMessage {
  return {
    type: 'card',
    title: description.title,
    markdown: body(description, occurredAt),
    ...(description.ticketUrl && { ticketUrl: description.ticketUrl, buttonText: 'View ticket' }),
  };
}

export function renderWeComAppMarkdown(description: EventDescription, occurredAt: string): WeComAppMessage {
  const heading = description.ticketUrl
    ? `[${description.ticketName}](${description.ticketUrl})`
    : description.ticketName;
  return { msgtype: 'markdown', content: `**${heading}**\n${body(description, occurredAt)}` };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Markdown headline → HTML: escaped first, so nothing in a comment can inject markup. */
function headlineHtml(markdown: string): string {
  const html: string[] = [];
  let quote: string[] = [];
  const flush = () => {
    if (quote.length > 0) html.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of escapeHtml(markdown).split('\n')) {
    if (line.startsWith('&gt; ')) quote.push(line.slice(5));
    else {
      flush();
      if (line.trim()) html.push(`<p>${line.replace(/\*\*(.*?)\*\*/g, '<strong>$1</strong>')}</p>`);
    }
  }
  flush();
  return html.join('\n');
}

export function renderEmail(description: EventDescription, occurredAt: string, to: string): SmtpMessage {
  const link = description.ticketUrl;
  const html = [
    `<h3>${link ? `<a href="${escapeHtml(link)}">${escapeHtml(description.ticketName)}</a>` : escapeHtml(description.ticketName)}</h3>`,
    headlineHtml(description.headline),
    description.status ? `<p>Status: ${escapeHtml(description.status)}</p>` : '',
    `<p><small>${escapeHtml(occurredAt)}</small></p>`,
  ]
    .filter(Boolean)
    .join('\n');
  const text = [
    description.ticketName,
    plainText(description.headline),
    description.status ? `Status: ${description.status}` : '',
    link ?? '',
    occurredAt,
  ]
    .filter(Boolean)
    .join('\n\n');
  return { to, subject: description.title, html, text };
}
