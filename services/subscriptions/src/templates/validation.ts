import { InputErrorCode, type InputProblems } from '@tidings/graphql';
import { type BuiltInEventType, eventTypeSchema, type TemplateFormat } from '@tidings/state';
import { CUSTOM_EVENT_PREFIX } from '../values.ts';
import type { TemplateProblem, TemplateText } from './engine.ts';

/**
 * title and body: far above what any platform shows in one message (DingTalk's markdown is the largest, at
 * 20000 bytes), and small enough that a template's state snapshot always fits in one Kafka message.
 */
export const TEMPLATE_LIMITS = { name: 200, locale: 35, title: 500, body: 20_000 } as const;

/** A template's fields as the API takes them, after the GraphQL enums were mapped to state values. */
export interface TemplateInput {
  name: string;
  eventType?: BuiltInEventType | null;
  customEventType?: string | null;
  format: TemplateFormat;
  locale: string;
  title: string;
  body: string;
}

/** A valid template, ready to store; `eventType` in the state contract's terms (`custom:<type>`). */
export interface NewTemplate {
  name: string;
  eventType: string | null;
  format: TemplateFormat;
  locale: string;
  title: string;
  body: string;
}

/** The canonical BCP 47 form of a locale (`zh-cn` → `zh-CN`), or null when it is not one. */
export function canonicalLocale(locale: string): string | null {
  if (locale.trim() === '') return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(locale.trim());
    return canonical ?? null;
  } catch {
    return null;
  }
}

/** A built-in or custom event type in the state contract's terms, recording a problem for a bad custom one. */
export function stateEventType(
  input: { eventType?: BuiltInEventType | null; customEventType?: string | null },
  problems: InputProblems,
  fields: { eventType: string; customEventType: string } = {
    eventType: 'eventType',
    customEventType: 'customEventType',
  },
): string | null {
  const custom = input.customEventType?.trim() || null;
  if (input.eventType && custom !== null) {
    problems.add([fields.customEventType], 'give eventType or customEventType, not both');
    return null;
  }
  if (input.eventType) return input.eventType;
  if (custom === null) return null;
  if (!eventTypeSchema.safeParse(`${CUSTOM_EVENT_PREFIX}${custom}`).success) {
    problems.add(
      [fields.customEventType],
      `"${custom}" is not a custom event type (1-100 letters, digits, _ . -)`,
    );
    return null;
  }
  return `${CUSTOM_EVENT_PREFIX}${custom}`;
}

/**
 * Validates a template, recording every problem by field: the template engine's own problems (unknown
 * variables, named in the message) become errors on ["title"] or ["body"] with the engine's code.
 */
export function readTemplateInput(
  input: TemplateInput,
  problems: InputProblems,
  checkTemplate: (text: TemplateText, format: TemplateFormat) => TemplateProblem[],
): NewTemplate | undefined {
  const name = input.name.trim();
  if (name === '') problems.add(['name'], 'name must not be empty', InputErrorCode.required);
  if (name.length > TEMPLATE_LIMITS.name) {
    problems.add(['name'], `name must be at most ${TEMPLATE_LIMITS.name} characters`, InputErrorCode.tooLong);
  }
  const eventType = stateEventType(input, problems);
  const locale = input.locale.length <= TEMPLATE_LIMITS.locale ? canonicalLocale(input.locale) : null;
  if (locale === null) {
    const shown = input.locale.length <= TEMPLATE_LIMITS.locale ? `"${input.locale}"` : 'locale';
    problems.add(['locale'], `${shown} is not a BCP 47 locale (en, zh-CN, vi, ru)`);
  }
  let sized = true;
  for (const field of ['title', 'body'] as const) {
    if (input[field].length <= TEMPLATE_LIMITS[field]) continue;
    sized = false;
    problems.add(
      [field],
      `${field} must be at most ${TEMPLATE_LIMITS[field]} characters`,
      InputErrorCode.tooLong,
    );
  }
  // The engine parses only what may be stored.
  if (sized)
    for (const problem of checkTemplate({ title: input.title, body: input.body }, input.format)) {
      problems.add([problem.field], problem.message, problem.code);
    }
  if (problems.any) return undefined;
  return { name, eventType, format: input.format, locale: locale!, title: input.title, body: input.body };
}
