import type { TicketEvent } from '@tidings/events';
import type { ChannelKind, TemplateFormat, TemplateState } from '@tidings/state';
import * as templatesPackage from '@tidings/templates';

/**
 * The part of `@tidings/templates` the dispatcher renders with, typed as the engine's API is fixed. The
 * package is written in parallel; reading it as a namespace (rather than importing names) keeps the
 * dispatcher loading while a function is still missing, and `requireEngine` says which one when called.
 */
export interface TemplateText {
  title: string;
  body: string;
}

export interface ChosenTemplate extends TemplateText {
  locale: string;
  source: 'rule' | 'tenant' | 'default';
  templateId: string | null;
}

export interface RenderContext {
  event: TicketEvent;
  locale: string;
  timeZone: string;
  ticketUrlPrefix: string | null;
  userName(userId: string): string | undefined;
  /** Who a group message @-mentions, in the platform's own syntax ("@13800000001 @all"). */
  mentions?: string;
}

interface TemplateEngine {
  chooseTemplate(options: {
    templates: readonly TemplateState[];
    templateId: string | null;
    eventType: string;
    format: TemplateFormat;
    locale: string;
  }): ChosenTemplate;
  renderTemplate(text: TemplateText, format: TemplateFormat, context: RenderContext): TemplateText;
  ticketUrlOf(event: TicketEvent, prefix: string | null): string | null;
  formatOfChannelKind(kind: ChannelKind): TemplateFormat;
}

const engine = templatesPackage as unknown as Partial<TemplateEngine>;

function requireEngine<Name extends keyof TemplateEngine>(name: Name): TemplateEngine[Name] {
  const member = engine[name];
  if (member === undefined) throw new Error(`@tidings/templates does not export ${name} yet`);
  return member as TemplateEngine[Name];
}

export const chooseTemplate: TemplateEngine['chooseTemplate'] = (...args) =>
  requireEngine('chooseTemplate')(...args);
export const renderTemplate: TemplateEngine['renderTemplate'] = (...args) =>
  requireEngine('renderTemplate')(...args);
export const ticketUrlOf: TemplateEngine['ticketUrlOf'] = (...args) => requireEngine('ticketUrlOf')(...args);
export const formatOfChannelKind: TemplateEngine['formatOfChannelKind'] = (...args) =>
  requireEngine('formatOfChannelKind')(...args);
