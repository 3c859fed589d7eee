import {
  type DingTalkRobotOtoMessage,
  type DingTalkWorkMessage,
  type LarkMessage,
  type SmtpMessage,
  uniqueWorkNotificationText,
  type WeComAppMessage,
} from '@tidings/providers';
import { type RenderedMessage, viewTicketLabel } from './message.ts';

/**
 * Messages to one person, from a template rendered in their language and time zone (`${mentions}` stays
 * empty: nobody is mentioned in a message to themselves).
 *
 * DingTalk work notifications silently drop identical content sent to the same person twice in a day, so
 * each ends with the event's time unless the template already shows it.
 */
export function renderDingTalkWorkNotification(
  message: RenderedMessage,
): Extract<DingTalkWorkMessage, { msgtype: 'markdown' }> {
  const text = message.body.includes(message.time)
    ? message.body
    : uniqueWorkNotificationText(message.body, message.time);
  return { msgtype: 'markdown', title: message.title, text };
}

/** A one-to-one robot message: DingTalk keeps no such daily de-duplication, so the template as written. */
export function renderDingTalkRobotOto(message: RenderedMessage): DingTalkRobotOtoMessage {
  return { msgKey: 'sampleMarkdown', title: message.title, text: message.body };
}

export function renderLarkAppCard(message: RenderedMessage, locale: string): LarkMessage {
  return {
    type: 'card',
    title: message.title,
    markdown: message.body,
    ...(message.ticketUrl && { ticketUrl: message.ticketUrl, buttonText: viewTicketLabel(locale) }),
  };
}

/** WeCom app markdown: the markdown template is the whole message (WeCom has no separate title). */
export function renderWeComAppMarkdown(message: RenderedMessage): WeComAppMessage {
  return { msgtype: 'markdown', content: message.body };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The plain-text part of an email from its HTML: blocks and breaks become lines, links keep their target. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gis, (_, href: string, text: string) =>
      text.trim() === href ? href : `${text} (${href})`,
    )
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|blockquote|tr)>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name]!)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The email format's template is HTML; the text part is derived from it so the two never disagree. */
export function renderEmail(message: RenderedMessage, to: string): SmtpMessage {
  return { to, subject: message.title, html: message.body, text: htmlToText(message.body) };
}
