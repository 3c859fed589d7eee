// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are templates, `${…}` is their variable syntax

import { type BuiltInEventType, builtInEventTypes, type TemplateFormat } from '@tidings/state';
import type { TemplateText } from '../variables.ts';
import { en } from './en.ts';
import { ru } from './ru.ts';
import { vi } from './vi.ts';
import type { LocaleWording } from './wording.ts';
import { zhCN } from './zh-CN.ts';

export type { LocaleWording } from './wording.ts';

export const supportedLocales = ['en', 'zh-CN', 'vi', 'ru'] as const;
export type SupportedLocale = (typeof supportedLocales)[number];

const wordings: Record<SupportedLocale, LocaleWording> = { en, 'zh-CN': zhCN, vi, ru };

/**
 * The supported locale serving a BCP 47 tag: the exact tag (any case), else its language (zh-TW → zh-CN,
 * vi-VN → vi), else en.
 */
export function resolveLocale(locale: string): SupportedLocale {
  const wanted = locale.trim().replace(/_/g, '-').toLowerCase();
  const exact = supportedLocales.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  return supportedLocales.find((l) => l.split('-')[0]?.toLowerCase() === language) ?? 'en';
}

export function wordingFor(locale: string): LocaleWording {
  return wordings[resolveLocale(locale)];
}

/** A shipped template's key: a built-in event type, or `custom` for every custom type. */
type DefaultKey = BuiltInEventType | 'custom';

/** How each format marks up a sentence's slots and lays out a message. */
interface Layout {
  strong(variable: string): string;
  /** Link to the ticket, first. */
  lead: string;
  paragraph(text: string): string;
  quote(variable: string): string;
  list(items: string[]): string;
  time: string;
  /** Group mentions last, on their own line (an empty line disappears in messages to one person). */
  mentions: string | null;
  join: string;
}

const layouts: Record<TemplateFormat, Layout> = {
  markdown: {
    strong: (v) => `**${v}**`,
    lead: '#### ${ticket.link}',
    paragraph: (t) => t,
    quote: (v) => `> ${v}`,
    list: (items) => items.map((i) => `- ${i}`).join('\n'),
    // Plain: WeCom markdown has no italics, and DingTalk could read Ho_Chi_Minh's underscores as emphasis.
    time: '${event.time}',
    mentions: '${mentions}',
    // DingTalk markdown needs a blank line to break a line.
    join: '\n\n',
  },
  // lark_md has bold and links but no headings: one line per thing. A comment is set off with "> " as
  // in plain-text mail, whether or not the client draws it as a quote.
  'lark-card': {
    strong: (v) => `**${v}**`,
    lead: '${ticket.link}',
    paragraph: (t) => t,
    quote: (v) => `> ${v}`,
    list: (items) => items.join('\n'),
    time: '${event.time}',
    mentions: '${mentions}',
    join: '\n',
  },
  email: {
    strong: (v) => `<strong>${v}</strong>`,
    lead: '<p>${ticket.link}</p>',
    paragraph: (t) => `<p>${t}</p>`,
    quote: (v) => `<blockquote>${v}</blockquote>`,
    list: (items) => `<ul>\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</ul>`,
    time: '<p><small>${event.time}</small></p>',
    mentions: null,
    join: '\n',
  },
  text: {
    strong: (v) => v,
    lead: '${ticket.link}',
    paragraph: (t) => t,
    quote: (v) => `> ${v}`,
    list: (items) => items.join('\n'),
    time: '${event.time}',
    mentions: null,
    join: '\n',
  },
};

function fill(sentence: string, slots: Record<string, string>): string {
  return sentence.replace(/\{(\w+)\}/g, (whole, slot: string) => slots[slot] ?? whole);
}

function buildDefault(key: DefaultKey, format: TemplateFormat, w: LocaleWording): TemplateText {
  const l = layouts[format];
  const actor = l.strong('${actor.name}');
  const status = l.paragraph(`${w.status}\${ticket.status}`);
  const blocks: string[] = [l.lead];
  switch (key) {
    case 'created':
      blocks.push(
        l.paragraph(fill(w.created, { actor })),
        l.paragraph(`${w.status}\${ticket.status} · ${w.priority}\${ticket.priority}`),
      );
      break;
    case 'commentAdded':
      blocks.push(l.paragraph(fill(w.commented, { actor })), l.quote('${comment.body}'), status);
      break;
    case 'assigneesChanged':
      blocks.push(
        l.paragraph(fill(w.assigneesChanged, { actor })),
        l.list([
          `${w.added}\${assignees.added}`,
          `${w.removed}\${assignees.removed}`,
          `${w.assignees}\${assignees}`,
        ]),
      );
      break;
    case 'statusChanged':
      blocks.push(
        l.paragraph(fill(w.statusChanged, { actor, from: '${status.from}', to: l.strong('${status.to}') })),
      );
      break;
    case 'workflowStepChanged':
      blocks.push(
        l.paragraph(fill(w.stepChanged, { actor, from: '${step.from}', to: l.strong('${step.to}') })),
        status,
      );
      break;
    case 'custom':
      blocks.push(l.paragraph(fill(w.custom, { type: l.strong('${custom.type}') })), '${attributes}', status);
      break;
  }
  blocks.push(l.time);
  if (l.mentions) blocks.push(l.mentions);
  const title =
    key === 'custom' ? '[${ticket.key}] ${custom.type} · ${ticket.title}' : '[${ticket.key}] ${ticket.title}';
  return { title, body: blocks.join(l.join) };
}

/**
 * Shipped wording for an event type (`commentAdded`; `custom:pipeline.failed` → the generic custom
 * default) in a format and a locale; the locale falls back exact tag → language → en.
 */
export function defaultTemplate(
  eventType: string,
  format: TemplateFormat,
  locale: string,
): TemplateText & { locale: string } {
  const resolved = resolveLocale(locale);
  const key: DefaultKey = (builtInEventTypes as readonly string[]).includes(eventType)
    ? (eventType as BuiltInEventType)
    : 'custom';
  return { ...buildDefault(key, format, wordings[resolved]), locale: resolved };
}
