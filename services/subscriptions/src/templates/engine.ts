import type { TemplateFormat, TemplateState } from '@tidings/state';
import * as templatesPackage from '@tidings/templates';
import type { SampleEventInput } from '../generated/graphql.ts';

/**
 * The part of `@tidings/templates` this service uses, with the signatures fixed in the template engine's
 * brief. The package is being written in parallel; importing it as a namespace (rather than by name)
 * keeps this service loading while a function is still missing, and `requireEngine` says which one.
 */
export interface TemplateText {
  title: string;
  body: string;
}

export interface TemplateProblem {
  field: 'title' | 'body';
  code: string;
  message: string;
}

interface TemplateEngine {
  defaultTemplate(
    eventType: string,
    format: TemplateFormat,
    locale: string,
  ): TemplateText & { locale: string };
  templateVariables: ReadonlyArray<{ name: string; description: string }>;
  checkTemplate(text: TemplateText, format: TemplateFormat): TemplateProblem[];
  renderTemplate(
    text: TemplateText,
    format: TemplateFormat,
    context: {
      event: unknown;
      locale: string;
      timeZone: string;
      ticketUrlPrefix: string | null;
      userName(userId: string): string | undefined;
      mentions?: string;
    },
  ): TemplateText;
  chooseTemplate(options: {
    templates: readonly TemplateState[];
    templateId: string | null;
    eventType: string;
    format: TemplateFormat;
    locale: string;
  }): TemplateText & { locale: string; source: 'rule' | 'tenant' | 'default'; templateId: string | null };
  ticketEventFromSample(
    tenantId: string,
    sample: SampleEventInput,
    userName?: (id: string) => string | undefined,
  ): { ok: true; event: unknown } | { ok: false; problems: Array<{ field: string[]; message: string }> };
  supportedLocales: readonly string[];
}

const engine = templatesPackage as unknown as Partial<TemplateEngine>;

function requireEngine<Name extends keyof TemplateEngine>(name: Name): TemplateEngine[Name] {
  const member = engine[name];
  if (member === undefined) throw new Error(`@tidings/templates does not export ${name} yet`);
  return member as TemplateEngine[Name];
}

export const defaultTemplate: TemplateEngine['defaultTemplate'] = (...args) =>
  requireEngine('defaultTemplate')(...args);
export const checkTemplate: TemplateEngine['checkTemplate'] = (...args) =>
  requireEngine('checkTemplate')(...args);
export const renderTemplate: TemplateEngine['renderTemplate'] = (...args) =>
  requireEngine('renderTemplate')(...args);
export const chooseTemplate: TemplateEngine['chooseTemplate'] = (...args) =>
  requireEngine('chooseTemplate')(...args);
export const ticketEventFromSample: TemplateEngine['ticketEventFromSample'] = (...args) =>
  requireEngine('ticketEventFromSample')(...args);
export const templateVariables = (): TemplateEngine['templateVariables'] =>
  requireEngine('templateVariables');
