import type { TicketEvent } from '@tidings/events';
import type { TemplateFormat, TemplateState, TenantSettingsState, UserState } from '@tidings/state';
import { chooseTemplate, renderTemplate } from '@tidings/templates';

/** What every message of a job is rendered from: the event, and the tenant's wording and settings. */
export interface MessageSource {
  event: TicketEvent;
  /** As rules match it: `commentAdded`, `custom:pipeline.failed`. */
  eventType: string;
  /** The tenant's templates; the rule's one among them when `templateId` is set. */
  templates: readonly TemplateState[];
  templateId: string | null;
  ticketUrlPrefix: string | null;
  /** The ticket's link (its URL, else the tenant's prefix + its path); null when there is neither. */
  ticketUrl: string | null;
  userName(userId: string): string | undefined;
}

/** Whom a message is worded for: the language and the time zone its times are shown in. */
export interface Audience {
  locale: string;
  timeZone: string;
}

export interface RenderedMessage {
  /** Chat-list preview, card header or email subject. */
  title: string;
  /** The whole message in the format asked for. */
  body: string;
  /** When the event happened, as the template engine writes `${event.time}` for this audience. */
  time: string;
  ticketUrl: string | null;
}

/** Renders one job's message for one audience in one format; `mentions` fills `${mentions}`. */
export type Render = (mentions?: string) => RenderedMessage;

/**
 * The one path from an event to words: choose the template (the rule's, else the tenant's for the event
 * type, format and locale, else the shipped default), then fill it in for the audience.
 */
export function renderer(source: MessageSource, format: TemplateFormat, audience: Audience): Render {
  return (mentions) => {
    const chosen = chooseTemplate({
      templates: source.templates,
      templateId: source.templateId,
      eventType: source.eventType,
      format,
      locale: audience.locale,
    });
    // In the language the template is written in, so a fallback template's dates read like its words.
    const context = {
      event: source.event,
      locale: chosen.locale,
      timeZone: audience.timeZone,
      ticketUrlPrefix: source.ticketUrlPrefix,
      userName: source.userName,
      ...(mentions !== undefined && { mentions }),
    };
    const text = renderTemplate({ title: chosen.title, body: chosen.body }, format, context);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-engine variable, not JavaScript.
    const time = renderTemplate({ title: '', body: '${event.time}' }, 'text', context).body;
    return { title: text.title, body: text.body, time, ticketUrl: source.ticketUrl };
  };
}

/** Group messages: the tenant's default language and time zone (en, UTC until the tenant sets them). */
export function groupAudience(settings: TenantSettingsState | undefined): Audience {
  return { locale: settings?.defaultLocale || 'en', timeZone: settings?.defaultTimeZone || 'UTC' };
}

/** A message to one person: their own language and time zone, the tenant's where they have none. */
export function personalAudience(user: UserState, settings: TenantSettingsState | undefined): Audience {
  const group = groupAudience(settings);
  return { locale: user.locale || group.locale, timeZone: user.timeZone || group.timeZone };
}

/** People grouped by audience, so a batch is rendered once per language and time zone, not per person. */
export function byAudience<Person extends { user: UserState }>(
  people: readonly Person[],
  settings: TenantSettingsState | undefined,
): Array<{ audience: Audience; people: Person[] }> {
  const groups = new Map<string, { audience: Audience; people: Person[] }>();
  for (const person of people) {
    const audience = personalAudience(person.user, settings);
    const key = `${audience.locale}\u0000${audience.timeZone}`;
    const group = groups.get(key) ?? { audience, people: [] };
    group.people.push(person);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Platforms render a mention only when its token is in the text (DingTalk's `@13800000001`), and a tenant
 * template may leave `${mentions}` out: append the tokens the text lacks on a line of their own.
 */
export function withMentions(body: string, tokens: readonly string[]): string {
  // Whole tokens only: @1380000000 is not in "@13800000001".
  const missing = tokens.filter((token) => !new RegExp(`${escapeRegExp(token)}(?![\\w])`).test(body));
  return missing.length > 0 ? `${body}\n\n${missing.join(' ')}` : body;
}

/** A robot with keywords drops messages lacking all of them: carry the first one rather than be dropped. */
export function withKeyword(text: string, alsoSearched: string, keywords: readonly string[]): string {
  const has = (s: string) => keywords.some((k) => s.includes(k));
  return keywords.length > 0 && !has(text) && !has(alsoSearched) ? `${text}\n\n${keywords[0]}` : text;
}

const viewTicket: Record<string, string> = {
  en: 'View ticket',
  zh: '查看工单',
  vi: 'Xem phiếu',
  ru: 'Открыть заявку',
};

/** The label of a card's button to the ticket, in the reader's language (English when unknown). */
export function viewTicketLabel(locale: string): string {
  return viewTicket[locale.split('-')[0]!.toLowerCase()] ?? viewTicket.en!;
}
