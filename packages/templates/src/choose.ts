import type { ChannelKind, TemplateFormat, TemplateState } from '@tidings/state';
import { defaultTemplate, resolveLocale } from './defaults/index.ts';
import type { TemplateText } from './variables.ts';

export type ChosenTemplate = TemplateText & {
  locale: string;
  source: 'rule' | 'tenant' | 'default';
  templateId: string | null;
};

const language = (locale: string) => locale.trim().replace(/_/g, '-').split('-')[0]?.toLowerCase() ?? '';
const newestFirst = (a: TemplateState, b: TemplateState) => b.updatedAt.localeCompare(a.updatedAt);

/**
 * Which template a message uses: the rule's named template when its format matches (a template written
 * for email cannot be posted to a DingTalk group); else the tenant's template for the event type and
 * format whose locale is the reader's exact tag, else their language, else en; else the shipped default.
 * Among equals the most recently updated wins.
 */
export function chooseTemplate(options: {
  templates: readonly TemplateState[];
  templateId: string | null;
  eventType: string;
  format: TemplateFormat;
  locale: string;
}): ChosenTemplate {
  const { templates, templateId, eventType, format, locale } = options;
  const named = templateId ? templates.find((t) => t.id === templateId && t.format === format) : undefined;
  if (named)
    return {
      title: named.title,
      body: named.body,
      locale: named.locale,
      source: 'rule',
      templateId: named.id,
    };
  const candidates = templates
    .filter((t) => t.eventType === eventType && t.format === format)
    .sort(newestFirst);
  const wanted = locale.trim().replace(/_/g, '-').toLowerCase();
  const tenant =
    candidates.find((t) => t.locale.toLowerCase() === wanted) ??
    candidates.find((t) => language(t.locale) === language(locale)) ??
    candidates.find((t) => language(t.locale) === 'en');
  if (tenant) {
    return {
      title: tenant.title,
      body: tenant.body,
      locale: tenant.locale,
      source: 'tenant',
      templateId: tenant.id,
    };
  }
  const shipped = defaultTemplate(eventType, format, resolveLocale(locale));
  return { ...shipped, source: 'default', templateId: null };
}

/** The format a channel kind's messages are written in. */
export function formatOfChannelKind(kind: ChannelKind): TemplateFormat {
  switch (kind) {
    case 'dingtalk-robot':
    case 'dingtalk-app':
    case 'wecom-app':
      return 'markdown';
    case 'lark-bot':
    case 'lark-app':
      return 'lark-card';
    case 'smtp':
      return 'email';
    case 'wecom-robot':
    case 'webhook':
      return 'text';
  }
}
