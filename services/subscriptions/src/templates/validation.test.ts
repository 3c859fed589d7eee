import { InputProblems } from '@tidings/graphql';
import { describe, expect, it } from 'vitest';
import type { TemplateProblem } from './engine.ts';
import { canonicalLocale, readTemplateInput } from './validation.ts';

const noProblems = (): TemplateProblem[] => [];

describe('readTemplateInput', () => {
  it('stores custom event types in the state contract’s terms and canonical locales', () => {
    const problems = new InputProblems();
    const template = readTemplateInput(
      {
        name: ' Pipeline ',
        customEventType: 'pipeline.failed',
        format: 'markdown',
        locale: 'ru-ru',
        title: 't',
        body: 'b',
      },
      problems,
      noProblems,
    );
    expect(problems.list).toEqual([]);
    expect(template).toEqual({
      name: 'Pipeline',
      eventType: 'custom:pipeline.failed',
      format: 'markdown',
      locale: 'ru-RU',
      title: 't',
      body: 'b',
    });
  });

  it('names every bad field, passing the engine’s problems on with their codes', () => {
    const problems = new InputProblems();
    const template = readTemplateInput(
      {
        name: '',
        eventType: 'created',
        customEventType: 'pipeline.failed',
        format: 'text',
        locale: 'english please',
        title: 't',
        body: 'b',
      },
      problems,
      () => [{ field: 'body', code: 'unknown-variable', message: 'unknown variable ticket.titel' }],
    );
    expect(template).toBeUndefined();
    expect(problems.list.map((p) => [p.field, p.code])).toEqual([
      [['name'], 'REQUIRED'],
      [['customEventType'], 'INVALID'],
      [['locale'], 'INVALID'],
      [['body'], 'unknown-variable'],
    ]);
  });
});

describe('canonicalLocale', () => {
  it('accepts BCP 47 tags only', () => {
    expect(canonicalLocale('zh-cn')).toBe('zh-CN');
    expect(canonicalLocale('vi')).toBe('vi');
    expect(canonicalLocale('')).toBeNull();
    expect(canonicalLocale('zh_CN')).toBeNull();
  });
});
