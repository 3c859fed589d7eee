// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are templates, `${…}` is their variable syntax
import { builtInEventTypes, templateFormats } from '@tidings/state';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../render.ts';
import { renderContext, ticketEvent } from '../test-events.ts';
import { checkTemplate } from '../variables.ts';
import { defaultTemplate, supportedLocales } from './index.ts';

const eventTypes = [...builtInEventTypes, 'custom:pipeline.failed'];

/** One event of each type, with everything a default might show. */
const events = {
  created: ticketEvent(),
  commentAdded: ticketEvent({ change: { case: 'commentAdded', value: { commentId: 'c', body: 'ok' } } }),
  assigneesChanged: ticketEvent({
    change: { case: 'assigneesChanged', value: { added: [{ id: 'u-an' }], removed: [] } },
  }),
  statusChanged: ticketEvent({
    change: { case: 'statusChanged', value: { fromStatus: 'Open', toStatus: 'Done' } },
  }),
  workflowStepChanged: ticketEvent({
    change: { case: 'workflowStepChanged', value: { fromStep: { name: 'A' }, toStep: { name: 'B' } } },
  }),
  'custom:pipeline.failed': ticketEvent({
    change: { case: 'custom', value: { type: 'pipeline.failed', attributes: { PIPELINE_NAME: 'nightly' } } },
  }),
} as const;

describe('defaultTemplate', () => {
  it('ships every event type × format × locale, each passing checkTemplate and rendering without leftovers', () => {
    let count = 0;
    for (const eventType of eventTypes) {
      for (const format of templateFormats) {
        for (const locale of supportedLocales) {
          const shipped = defaultTemplate(eventType, format, locale);
          expect(shipped.locale).toBe(locale);
          expect(checkTemplate(shipped, format), `${eventType} ${format} ${locale}`).toEqual([]);
          expect(shipped.body).toContain('${ticket.link}');
          const event = events[eventType as keyof typeof events];
          const rendered = renderTemplate(shipped, format, renderContext(event, { locale }));
          expect(rendered.body).not.toContain('${');
          expect(rendered.body).toContain('2026-11-22 16:30');
          count += 1;
        }
      }
    }
    expect(count).toBe(6 * 4 * 4);
  });

  it('speaks each language rather than falling back to English', () => {
    for (const eventType of eventTypes) {
      for (const format of templateFormats) {
        const bodies = supportedLocales.map((locale) => defaultTemplate(eventType, format, locale).body);
        expect(new Set(bodies).size, `${eventType} ${format}`).toBe(supportedLocales.length);
      }
    }
  });

  it('ends Markdown bodies with the mentions on their own line; emails and text have none', () => {
    for (const eventType of eventTypes) {
      for (const locale of supportedLocales) {
        for (const format of ['markdown', 'lark-card'] as const) {
          expect(defaultTemplate(eventType, format, locale).body).toMatch(/\n\$\{mentions\}$/);
        }
        for (const format of ['email', 'text'] as const) {
          expect(defaultTemplate(eventType, format, locale).body).not.toContain('${mentions}');
        }
      }
    }
  });

  it('falls back from a locale to its language, then to English', () => {
    const localeOf = (locale: string) => defaultTemplate('created', 'text', locale).locale;
    expect(localeOf('zh-TW')).toBe('zh-CN');
    expect(localeOf('zh')).toBe('zh-CN');
    expect(localeOf('ZH_cn')).toBe('zh-CN');
    expect(localeOf('vi-VN')).toBe('vi');
    expect(localeOf('ru-RU')).toBe('ru');
    expect(localeOf('de-DE')).toBe('en');
    expect(localeOf('')).toBe('en');
    expect(defaultTemplate('created', 'text', 'vi-VN').body).toBe(
      defaultTemplate('created', 'text', 'vi').body,
    );
  });

  it('serves every custom type with the generic custom default', () => {
    const custom = defaultTemplate('custom:alarm.fired', 'markdown', 'en');
    expect(custom).toEqual(defaultTemplate('custom:pipeline.failed', 'markdown', 'en'));
    expect(custom.title).toBe('[${ticket.key}] ${custom.type} · ${ticket.title}');
    expect(custom.body).toContain('${attributes}');
  });

  it('is a small HTML fragment for email, quoting the comment', () => {
    expect(defaultTemplate('commentAdded', 'email', 'en')).toEqual({
      locale: 'en',
      title: '[${ticket.key}] ${ticket.title}',
      body: [
        '<p>${ticket.link}</p>',
        '<p><strong>${actor.name}</strong> commented:</p>',
        '<blockquote>${comment.body}</blockquote>',
        '<p>Status: ${ticket.status}</p>',
        '<p><small>${event.time}</small></p>',
      ].join('\n'),
    });
  });
});
