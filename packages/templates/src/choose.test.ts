// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are templates, `${…}` is their variable syntax
import type { TemplateState } from '@tidings/state';
import { describe, expect, it } from 'vitest';
import { chooseTemplate, formatOfChannelKind } from './choose.ts';
import { defaultTemplate } from './defaults/index.ts';

const template = (overrides: Partial<TemplateState>): TemplateState => ({
  tenantId: 'tenant-1',
  id: 'tpl',
  name: 'Ours',
  eventType: 'commentAdded',
  format: 'markdown',
  locale: 'en',
  title: 'title',
  body: 'body',
  updatedAt: '2026-11-01T00:00:00Z',
  ...overrides,
});

const named = template({ id: 'named', eventType: null, title: 'named' });
const tenantVi = template({ id: 'vi', locale: 'vi', title: 'vi' });
const tenantEn = template({ id: 'en', locale: 'en', title: 'en' });
const tenantZhCN = template({ id: 'zh-CN', locale: 'zh-CN', title: 'zh-CN' });
const tenantZhTW = template({ id: 'zh-TW', locale: 'zh-TW', title: 'zh-TW' });

const choose = (options: Partial<Parameters<typeof chooseTemplate>[0]>) =>
  chooseTemplate({
    templates: [],
    templateId: null,
    eventType: 'commentAdded',
    format: 'markdown',
    locale: 'en',
    ...options,
  });

describe('chooseTemplate', () => {
  it("uses the rule's named template whatever the event type and locale", () => {
    expect(
      choose({ templates: [tenantEn, named], templateId: 'named', eventType: 'created', locale: 'vi' }),
    ).toEqual({
      title: 'named',
      body: 'body',
      locale: 'en',
      source: 'rule',
      templateId: 'named',
    });
  });

  it("passes over the rule's template when it is written for another format", () => {
    const email = template({ id: 'named', eventType: null, format: 'email' });
    expect(choose({ templates: [email, tenantEn], templateId: 'named' })).toMatchObject({
      source: 'tenant',
      templateId: 'en',
    });
  });

  it("takes the tenant's template in the reader's exact locale, else their language, else English", () => {
    const templates = [tenantEn, tenantVi, tenantZhCN, tenantZhTW];
    expect(choose({ templates, locale: 'zh-TW' })).toMatchObject({
      templateId: 'zh-TW',
      locale: 'zh-TW',
      source: 'tenant',
    });
    expect(choose({ templates: [tenantEn, tenantZhCN], locale: 'zh-TW' }).templateId).toBe('zh-CN');
    expect(choose({ templates, locale: 'vi-VN' }).templateId).toBe('vi');
    expect(choose({ templates, locale: 'ru' }).templateId).toBe('en');
  });

  it('takes the most recently updated of equal templates', () => {
    const newer = template({ id: 'newer', updatedAt: '2026-11-20T00:00:00Z' });
    expect(choose({ templates: [tenantEn, newer] }).templateId).toBe('newer');
  });

  it('falls back to the shipped default in the reader language when the tenant has no template', () => {
    const otherEvent = template({ id: 'created', eventType: 'created', locale: 'ru' });
    const otherFormat = template({ id: 'lark', format: 'lark-card', locale: 'ru' });
    expect(choose({ templates: [otherEvent, otherFormat], locale: 'ru-RU', templateId: 'missing' })).toEqual({
      ...defaultTemplate('commentAdded', 'markdown', 'ru'),
      locale: 'ru',
      source: 'default',
      templateId: null,
    });
  });

  it('matches custom event types exactly', () => {
    const pipeline = template({ id: 'pipeline', eventType: 'custom:pipeline.failed' });
    expect(choose({ templates: [pipeline], eventType: 'custom:pipeline.failed' }).templateId).toBe(
      'pipeline',
    );
    expect(choose({ templates: [pipeline], eventType: 'custom:pipeline.passed' }).source).toBe('default');
  });
});

describe('formatOfChannelKind', () => {
  it('maps every channel kind to the format its messages are written in', () => {
    expect(
      Object.fromEntries(
        (
          [
            'dingtalk-robot',
            'dingtalk-app',
            'wecom-app',
            'lark-bot',
            'lark-app',
            'smtp',
            'wecom-robot',
            'webhook',
          ] as const
        ).map((k) => [k, formatOfChannelKind(k)]),
      ),
    ).toEqual({
      'dingtalk-robot': 'markdown',
      'dingtalk-app': 'markdown',
      'wecom-app': 'markdown',
      'lark-bot': 'lark-card',
      'lark-app': 'lark-card',
      smtp: 'email',
      'wecom-robot': 'text',
      webhook: 'text',
    });
  });
});
