import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { TicketEvent, UserRef } from '@tidings/events';
import type { TemplateFormat } from '@tidings/state';
import { type LocaleWording, wordingFor } from './defaults/index.ts';
import { attributeNameOf, parseTemplate, type TemplatePart, type TemplateText } from './variables.ts';

export interface RenderContext {
  event: TicketEvent;
  /** BCP 47 locale of the reader (dates, and "—" style words inside variables). */
  locale: string;
  /** IANA zone for `${event.time}`. */
  timeZone: string;
  /** Tenant's global URL prefix; a ticket with only a path links to prefix + path. */
  ticketUrlPrefix: string | null;
  /** Display names of users by id (for assignees etc. when the event carries only ids). */
  userName(userId: string): string | undefined;
  /** Group robots: the mention text the dispatcher computed, e.g. "@13800000001 @13800000002" or "@all". */
  mentions?: string;
}

/** The ticket's link: its url, else prefix + path (joined with exactly one slash), else null. */
export function ticketUrlOf(event: TicketEvent, prefix: string | null): string | null {
  const ticket = event.ticket;
  if (ticket?.url) return ticket.url;
  if (!ticket?.path || !prefix) return null;
  return `${prefix.replace(/\/+$/, '')}/${ticket.path.replace(/^\/+/, '')}`;
}

/**
 * Only http(s) links become links: a producer's `javascript:` url must not end up behind a ticket name.
 * Characters that would end a Markdown link target early are percent-encoded.
 */
function linkableUrl(url: string | null): string | null {
  if (!url || !/^https?:\/\/[^\s]/i.test(url.trim())) return null;
  return url
    .trim()
    .replace(/[\s()<>[\]"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

const zeroWidthSpace = '\u200B';

/**
 * Untrusted text (titles, comments, names, attributes) inside Markdown or a Lark card: it must read the
 * same but cannot open a link or image (`](`), a tag or WeCom/Lark mention (`<@x>`, `<at id=all>`), a text
 * mention (`@all`), or a heading, quote, list, fence or rule at the start of a line. An invisible
 * zero-width space breaks each of these, where backslash escapes are not honoured by every platform.
 */
function neutraliseMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/]/g, `]${zeroWidthSpace}`)
    .replace(/</g, `<${zeroWidthSpace}`)
    .replace(/@/g, `@${zeroWidthSpace}`)
    .split('\n')
    .map((line) => (/^\s*(#|>|[-+*_=|~`]|\d+[.)])/.test(line) ? `${zeroWidthSpace}${line}` : line))
    .join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A variable's value: plain text still to be escaped for the format, or markup already made for it. */
type Value = { text: string } | { markup: string };

/**
 * `2026-11-22 16:30 (Asia/Ho_Chi_Minh)`: one unambiguous shape in every language (a Vietnamese 22/11 and
 * an American 11/22 cannot be confused), with the zone named since group members may live elsewhere.
 */
function formatEventTime(date: Date, timeZone: string): string {
  // As the person set it: ICU would rename Asia/Ho_Chi_Minh to the legacy Asia/Saigon.
  const format = eventTimeFormat(timeZone || 'UTC');
  // An unknown zone in a person's settings must not cost them the message.
  if (!format) return formatEventTime(date, 'UTC');
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${timeZone || 'UTC'})`;
}

/** Formats by zone: making one costs far more than using it, and there are only a few hundred zones. */
const eventTimeFormats = new Map<string, Intl.DateTimeFormat | null>();

function eventTimeFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = eventTimeFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      format = null;
    }
    // Unknown zones are remembered too, but only so many: a zone name comes from people's settings.
    if (format || eventTimeFormats.size < 1_000) eventTimeFormats.set(timeZone, format);
  }
  return format;
}

function nameOf(user: UserRef | undefined, context: RenderContext): string {
  if (!user || (!user.id && !user.displayName)) return '';
  return user.displayName || context.userName(user.id) || user.id;
}

function namesOf(users: readonly UserRef[], context: RenderContext, words: LocaleWording): string {
  return users
    .map((u) => nameOf(u, context))
    .filter(Boolean)
    .join(words.listSeparator);
}

/** Event attributes with the custom change's on top (the change is the more specific source). */
function attributesOf(event: TicketEvent): Record<string, string> {
  const custom = event.change.case === 'custom' ? event.change.value.attributes : {};
  return { ...event.attributes, ...custom };
}

function ticketName(event: TicketEvent): string {
  const ticket = event.ticket;
  return [ticket?.key, ticket?.title].filter(Boolean).join(' ') || (ticket?.id ?? '');
}

function ticketLink(event: TicketEvent, context: RenderContext, format: TemplateFormat): Value {
  const name = ticketName(event);
  const url = linkableUrl(ticketUrlOf(event, context.ticketUrlPrefix));
  if (!url) return { text: name };
  switch (format) {
    case 'markdown':
    case 'lark-card':
      return { markup: `[${neutraliseMarkdown(name).replace(/\n/g, ' ')}](${url})` };
    case 'email':
      return { markup: `<a href="${escapeHtml(url)}">${escapeHtml(name)}</a>` };
    case 'text':
      return { text: `${name} ${url}` };
  }
}

function attributeList(event: TicketEvent, format: TemplateFormat): Value {
  const entries = Object.entries(attributesOf(event));
  if (entries.length === 0) return { text: '' };
  switch (format) {
    case 'markdown':
    case 'lark-card':
      return {
        markup: entries
          .map(([k, v]) => `- **${neutraliseMarkdown(k)}**: ${neutraliseMarkdown(v).replace(/\n/g, ' ')}`)
          .join('\n'),
      };
    case 'email':
      return {
        markup: `<ul>${entries.map(([k, v]) => `<li><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</li>`).join('')}</ul>`,
      };
    case 'text':
      return { text: entries.map(([k, v]) => `${k}: ${v}`).join('\n') };
  }
}

/** The value of one variable for this event; unknown variables are empty (checkTemplate refuses them). */
function variableValue(
  name: string,
  format: TemplateFormat,
  context: RenderContext,
  words: LocaleWording,
): Value {
  const { event } = context;
  const ticket = event.ticket;
  const change = event.change;
  const orDash = (text: string | undefined) => ({ text: text || '—' });
  const attribute = attributeNameOf(name);
  if (attribute !== null) return { text: attributesOf(event)[attribute] ?? '' };
  switch (name) {
    case 'ticket.id':
      return { text: ticket?.id ?? '' };
    case 'ticket.key':
      return { text: ticket?.key || ticket?.id || '' };
    case 'ticket.title':
      return { text: ticket?.title ?? '' };
    case 'ticket.name':
      return { text: ticketName(event) };
    case 'ticket.url': {
      const url = ticketUrlOf(event, context.ticketUrlPrefix);
      return format === 'markdown' || format === 'lark-card'
        ? { markup: linkableUrl(url) ?? '' }
        : { text: url ?? '' };
    }
    case 'ticket.link':
      return ticketLink(event, context, format);
    case 'ticket.status':
      return orDash(ticket?.status);
    case 'ticket.priority':
      return orDash(ticket?.priority);
    case 'ticket.type':
      return { text: ticket?.type ?? '' };
    case 'ticket.step':
      return orDash(ticket?.currentStep?.name);
    case 'actor.id':
      return { text: event.actor?.id ?? '' };
    case 'actor.name':
      return { text: nameOf(event.actor, context) || words.someone };
    case 'project.id':
      return { text: event.projectId };
    case 'event.type':
      return {
        text: change.case === 'custom' ? change.value.type : change.case ? words.eventTypes[change.case] : '',
      };
    case 'event.time':
      return {
        text: event.occurredAt ? formatEventTime(timestampDate(event.occurredAt), context.timeZone) : '',
      };
    case 'comment.body':
      return { text: change.case === 'commentAdded' ? change.value.body.trim() : '' };
    case 'status.from':
      return orDash(change.case === 'statusChanged' ? change.value.fromStatus : '');
    case 'status.to':
      return orDash(change.case === 'statusChanged' ? change.value.toStatus : '');
    case 'step.from':
      return orDash(change.case === 'workflowStepChanged' ? change.value.fromStep?.name : '');
    case 'step.to':
      return orDash(change.case === 'workflowStepChanged' ? change.value.toStep?.name : '');
    case 'assignees':
      return { text: namesOf(ticket?.assignees ?? [], context, words) || words.nobody };
    case 'assignees.added':
      return orDash(change.case === 'assigneesChanged' ? namesOf(change.value.added, context, words) : '');
    case 'assignees.removed':
      return orDash(change.case === 'assigneesChanged' ? namesOf(change.value.removed, context, words) : '');
    case 'custom.type':
      return { text: change.case === 'custom' ? change.value.type : '' };
    case 'attributes':
      return attributeList(event, format);
    case 'mentions':
      // Computed by the dispatcher for this very platform, so it is markup, not untrusted text.
      return format === 'email' ? { text: context.mentions ?? '' } : { markup: context.mentions ?? '' };
    default:
      return { text: '' };
  }
}

/** The block-quote marker (`> `) a template line starts with, carried onto every line of a value in it. */
function quotePrefix(parts: TemplatePart[]): string {
  const first = parts[0];
  return first?.kind === 'text' ? (/^(?:[ \t]*>[ \t]?)+/.exec(first.text)?.[0] ?? '') : '';
}

function renderBodyLine(
  line: string,
  format: TemplateFormat,
  context: RenderContext,
  words: LocaleWording,
): string | null {
  const parsed = parseTemplate(line);
  // Unclosed variables are refused when saving; an old template with one still renders, as written.
  if (!parsed.ok) return line;
  const prefix = quotePrefix(parsed.parts);
  let out = '';
  let hasVariable = false;
  let allEmpty = true;
  let onlyVariables = true;
  for (const part of parsed.parts) {
    if (part.kind === 'text') {
      out += part.text;
      if (part.text.trim()) onlyVariables = false;
      continue;
    }
    hasVariable = true;
    const value = variableValue(part.name, format, context, words);
    const raw = 'markup' in value ? value.markup : value.text;
    if (raw) allEmpty = false;
    let rendered: string;
    if ('markup' in value) rendered = value.markup;
    else if (format === 'email') rendered = escapeHtml(value.text).replace(/\r?\n/g, '<br>\n');
    else if (format === 'text') rendered = value.text;
    else rendered = neutraliseMarkdown(value.text);
    // Every line of a quoted value stays quoted, so a comment cannot end the quote and pose as our text.
    if (format !== 'email') rendered = rendered.replace(/\n/g, `\n${prefix}`);
    out += rendered;
  }
  // A line of nothing but empty variables (`${mentions}` in a message to one person, `${ticket.url}`
  // of a ticket without one) disappears rather than leaving a hole.
  if (hasVariable && allEmpty && onlyVariables) return null;
  return out;
}

function renderTitle(source: string, context: RenderContext, words: LocaleWording): string {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return source;
  // Titles are plain text everywhere (chat-list previews, card headers, email subjects): nothing to
  // escape, but one line.
  return parsed.parts
    .map((part) => {
      if (part.kind === 'text') return part.text;
      // A subject or preview names the ticket; its link belongs in the body.
      const name = part.name === 'ticket.link' ? 'ticket.name' : part.name;
      const value = variableValue(name, 'text', context, words);
      return 'markup' in value ? value.markup : value.text;
    })
    .join('')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/**
 * Fills `${…}` variables, escaping each value for the format: HTML for `email` bodies; for `markdown`
 * and `lark-card` untrusted text is neutralised so it cannot inject links, headings or mentions, and a
 * multi-line value in a `> ` line stays inside the quote; `text` as is. Titles are plain text.
 */
export function renderTemplate(
  text: TemplateText,
  format: TemplateFormat,
  context: RenderContext,
): TemplateText {
  const words = wordingFor(context.locale);
  const lines = text.body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => renderBodyLine(line, format, context, words))
    .filter((line): line is string => line !== null);
  const body = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { title: renderTitle(text.title, context, words), body };
}
