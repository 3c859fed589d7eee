// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are templates, `${…}` is their variable syntax
import { describe, expect, it } from 'vitest';
import { checkTemplate, templateVariables } from './variables.ts';

describe('checkTemplate', () => {
  it('accepts known variables, any attribute and the $${ escape', () => {
    expect(
      checkTemplate(
        {
          title: '[${ticket.key}] ${ticket.title}',
          body: '${ attributes.GITEE_PIPELINE_NAME } costs $${price} ${mentions}',
        },
        'markdown',
      ),
    ).toEqual([]);
  });

  it('names an unknown variable and suggests the one meant', () => {
    expect(
      checkTemplate(
        { title: '${ticket.titel}', body: '${actor.nmae} ${PIPELINE_NAME} ${attribute.BRANCH}' },
        'markdown',
      ),
    ).toEqual([
      {
        field: 'title',
        code: 'unknown-variable',
        message: 'unknown variable ${ticket.titel}; did you mean ${ticket.title}?',
      },
      {
        field: 'body',
        code: 'unknown-variable',
        message: 'unknown variable ${actor.nmae}; did you mean ${actor.name}?',
      },
      {
        field: 'body',
        code: 'unknown-variable',
        message: 'unknown variable ${PIPELINE_NAME}; did you mean ${attributes.PIPELINE_NAME}?',
      },
      {
        field: 'body',
        code: 'unknown-variable',
        message: 'unknown variable ${attribute.BRANCH}; did you mean ${attributes.BRANCH}?',
      },
    ]);
  });

  it('reports an unknown variable once, without a far-fetched suggestion', () => {
    expect(checkTemplate({ title: 'x', body: '${weather.today} ${weather.today} ${}' }, 'text')).toEqual([
      { field: 'body', code: 'unknown-variable', message: 'unknown variable ${weather.today} in the body' },
      { field: 'body', code: 'unknown-variable', message: 'empty variable ${} in the body' },
    ]);
  });

  it('refuses a variable left open, also when it is closed only on a later line', () => {
    const unclosed = (body: string) => checkTemplate({ title: 'x', body }, 'markdown');
    expect(unclosed('Status: ${ticket.status')).toEqual([
      {
        field: 'body',
        code: 'unclosed-variable',
        message:
          'unclosed variable "${ticket.status" in the body: close it with "}" on the same line, or write $${ for a literal ${',
      },
    ]);
    expect(unclosed('${ticket.key\n}')[0]?.code).toBe('unclosed-variable');
    expect(unclosed('${ticket.key ${ticket.title}')[0]?.code).toBe('unclosed-variable');
  });

  it('refuses empty titles and bodies', () => {
    expect(checkTemplate({ title: '  ', body: '\n' }, 'email')).toEqual([
      { field: 'title', code: 'empty', message: 'the title is empty' },
      { field: 'body', code: 'empty', message: 'the body is empty' },
    ]);
  });

  it('refuses what the platform would not take, measured in UTF-8 bytes for chat formats', () => {
    expect(checkTemplate({ title: 'x'.repeat(201), body: 'y' }, 'text')).toEqual([
      { field: 'title', code: 'too-long', message: 'the title is 201 characters long; at most 200 fit' },
    ]);
    // 700 Chinese characters are 2100 bytes: too long for a WeCom text message, fine in a Lark card.
    const chinese = '磁'.repeat(700);
    expect(checkTemplate({ title: 'x', body: chinese }, 'text')).toEqual([
      {
        field: 'body',
        code: 'too-long',
        message: 'the body is 2100 bytes long; text messages take at most 2048',
      },
    ]);
    expect(checkTemplate({ title: 'x', body: chinese }, 'lark-card')).toEqual([]);
  });
});

describe('templateVariables', () => {
  it('describes every variable, and each one it lists passes checkTemplate', () => {
    const names = templateVariables.map((v) => v.name);
    for (const name of [
      'ticket.url',
      'ticket.step',
      'event.time',
      'comment.body',
      'assignees.added',
      'custom.type',
      'mentions',
    ]) {
      expect(names).toContain(name);
    }
    expect(names).toContain('attributes.<NAME>');
    for (const variable of templateVariables) {
      expect(variable.description.length).toBeGreaterThan(10);
      const usable = variable.name.replace('<NAME>', 'PIPELINE_NAME');
      expect(checkTemplate({ title: 'x', body: `\${${usable}}` }, 'text')).toEqual([]);
    }
  });
});
