import {
  badUserInput,
  forbidden,
  InputErrorCode,
  InputProblems,
  isTenantAdmin,
  readPage,
  toConnection,
} from '@tidings/graphql';
import type { TemplateFormat } from '@tidings/state';
import { type SubscriptionsContext, type TenantScope, tenantScope } from '../context.ts';
import type { TemplateRow } from '../db/schema.ts';
import type {
  MutationResolvers,
  PreviewTemplateInput,
  QueryResolvers,
  TemplatePreview,
  TemplateResolvers,
} from '../generated/graphql.ts';
import { settingsOf } from '../settings/resolvers.ts';
import { CUSTOM_EVENT_PREFIX, eventTypes, isUuid, templateFormats } from '../values.ts';
import * as engine from './engine.ts';
import { templateNode } from './nodes.ts';
import { toTemplateState } from './repository.ts';
import { canonicalLocale, readTemplateInput, stateEventType, type TemplateInput } from './validation.ts';

function templateKey(value: unknown): string | null {
  return typeof value === 'string' && isUuid(value) ? value : null;
}

function requireTenantAdmin(scope: TenantScope): void {
  if (!isTenantAdmin(scope.claims)) throw forbidden('only a tenant admin can change templates');
}

const templateNotFound = (id: string, field = 'id') => ({
  field: [field],
  message: `no template with id "${id}"`,
  code: InputErrorCode.notFound,
});

const duplicateOverride = (input: { eventType?: unknown; customEventType?: string | null }) => ({
  field: [input.customEventType ? 'customEventType' : 'eventType'],
  message: 'the tenant already has a template for this event type, format and locale',
  code: InputErrorCode.alreadyExists,
});

/** A stored template as the validation's input, for updates that change some fields only. */
function storedTemplateInput(row: TemplateRow): TemplateInput {
  const custom = row.eventType?.startsWith(CUSTOM_EVENT_PREFIX);
  return {
    name: row.name,
    eventType: row.eventType && !custom ? (row.eventType as TemplateInput['eventType']) : null,
    customEventType: row.eventType && custom ? row.eventType.slice(CUSTOM_EVENT_PREFIX.length) : null,
    format: row.format,
    locale: row.locale,
    title: row.title,
    body: row.body,
  };
}

/** The sample event's type in the state contract's terms (`commentAdded`, `custom:pipeline.failed`). */
function sampleEventType(input: PreviewTemplateInput['event']): string {
  if (input.eventType) return eventTypes.toState(input.eventType);
  return `${CUSTOM_EVENT_PREFIX}${input.customType?.trim() ?? ''}`;
}

/** Renders what `previewTemplate` asks for; problems by field when it cannot. */
async function preview(
  scope: TenantScope,
  input: PreviewTemplateInput,
  problems: InputProblems,
): Promise<TemplatePreview | undefined> {
  const settings = settingsOf(await scope.settings.find());
  // The recipient's own locale and time zone when the identity subgraph published them, else the tenant's.
  const recipient = input.recipientId ? scope.person(input.recipientId) : undefined;
  const timeZone = recipient?.timeZone ?? settings.defaultTimeZone;
  let locale = recipient?.locale ?? settings.defaultLocale;
  if (input.locale !== null && input.locale !== undefined) {
    const canonical = canonicalLocale(input.locale);
    if (canonical === null) problems.add(['locale'], `"${input.locale}" is not a BCP 47 locale`);
    else locale = canonical;
  }

  const userName = (userId: string) => scope.person(userId)?.name;
  const sample = engine.ticketEventFromSample(scope.claims.tenantId, input.event, userName);
  if (!sample.ok) for (const problem of sample.problems) problems.add(problem.field, problem.message);
  const eventType = sampleEventType(input.event);

  let chosen:
    | { title: string; body: string; format: TemplateFormat; locale: string; source: string }
    | undefined;
  if (input.templateId !== null && input.templateId !== undefined) {
    const row = await scope.loadTemplate(input.templateId);
    if (!row) problems.list.push(templateNotFound(input.templateId, 'templateId'));
    else
      chosen = { title: row.title, body: row.body, format: row.format, locale: row.locale, source: 'rule' };
  } else if (!input.format) {
    problems.add(['format'], 'give a format, or a templateId', InputErrorCode.required);
  } else {
    const format = templateFormats.toState(input.format);
    const draft = input.title !== null && input.title !== undefined;
    if (draft || (input.body !== null && input.body !== undefined)) {
      // A template being written, used the way a rule naming it would use it.
      const text = { title: input.title ?? '', body: input.body ?? '' };
      for (const problem of engine.checkTemplate(text, format)) {
        problems.add([problem.field], problem.message, problem.code);
      }
      chosen = { ...text, format, locale, source: 'rule' };
    } else if (sample.ok) {
      const templates = (await scope.templates.overrides()).map(toTemplateState);
      chosen = {
        ...engine.chooseTemplate({ templates, templateId: null, eventType, format, locale }),
        format,
      };
    }
  }
  if (problems.any || !chosen || !sample.ok) return undefined;

  const rendered = engine.renderTemplate({ title: chosen.title, body: chosen.body }, chosen.format, {
    event: sample.event,
    locale,
    timeZone,
    ticketUrlPrefix: settings.ticketUrlPrefix,
    userName,
  });
  return {
    title: rendered.title,
    body: rendered.body,
    format: templateFormats.fromState(chosen.format),
    locale: chosen.locale,
    source: chosen.source,
  };
}

const Query: QueryResolvers<SubscriptionsContext> = {
  template: async (_, args, context) => {
    const row = await tenantScope(context).loadTemplate(args.id);
    return row && templateNode(row);
  },
  templates: async (_, args, context) => {
    const scope = tenantScope(context);
    const page = readPage(args, templateKey);
    return toConnection(await scope.templates.list(page), page, (row) => row.id, templateNode);
  },
  defaultTemplate: (_, args, context) => {
    tenantScope(context);
    const problems = new InputProblems();
    const eventType = stateEventType(
      {
        eventType: args.eventType ? eventTypes.toState(args.eventType) : null,
        customEventType: args.customEventType,
      },
      problems,
    );
    if (problems.any || eventType === null) {
      throw badUserInput(problems.list[0]?.message ?? 'give eventType or customEventType', 'eventType');
    }
    const locale = canonicalLocale(args.locale);
    if (locale === null) throw badUserInput(`"${args.locale}" is not a BCP 47 locale`, 'locale');
    const text = engine.defaultTemplate(eventType, templateFormats.toState(args.format), locale);
    return {
      title: text.title,
      body: text.body,
      format: args.format,
      locale: text.locale,
      source: 'default',
    };
  },
  templateVariables: (_, __, context) => {
    tenantScope(context);
    return engine.templateVariables.map(({ name, description }) => ({ name, description }));
  },
  previewTemplate: async (_, args, context) => {
    const problems = new InputProblems();
    const result = await preview(tenantScope(context), args.input, problems);
    return result ? { preview: result, errors: [] } : { preview: null, errors: problems.list };
  },
};

const Mutation: MutationResolvers<SubscriptionsContext> = {
  createTemplate: async (_, args, context, info) => {
    const scope = tenantScope(context);
    requireTenantAdmin(scope);
    const { eventType, format, ...rest } = args.input;
    const problems = new InputProblems();
    const template = readTemplateInput(
      {
        ...rest,
        eventType: eventType ? eventTypes.toState(eventType) : null,
        format: templateFormats.toState(format),
      },
      problems,
      engine.checkTemplate,
    );
    if (!template) return { template: null, errors: problems.list };
    const written = await scope.templates.create(template, scope.cause(info.fieldName));
    return written.ok
      ? { template: templateNode(written.row), errors: [] }
      : { template: null, errors: [duplicateOverride(args.input)] };
  },

  updateTemplate: async (_, args, context, info) => {
    const scope = tenantScope(context);
    requireTenantAdmin(scope);
    const { id, ...patch } = args.input;
    const current = await scope.loadTemplate(id);
    if (!current) return { template: null, errors: [templateNotFound(id)] };
    const merged = storedTemplateInput(current);
    if (patch.name != null) merged.name = patch.name;
    if (patch.format != null) merged.format = templateFormats.toState(patch.format);
    if (patch.locale != null) merged.locale = patch.locale;
    if (patch.title != null) merged.title = patch.title;
    if (patch.body != null) merged.body = patch.body;
    // Naming one kind of event type replaces the other; an explicit null stops the override.
    if (patch.eventType !== undefined || patch.customEventType !== undefined) {
      merged.eventType = patch.eventType ? eventTypes.toState(patch.eventType) : null;
      merged.customEventType = patch.customEventType ?? null;
    }
    const problems = new InputProblems();
    const template = readTemplateInput(merged, problems, engine.checkTemplate);
    if (!template) return { template: null, errors: problems.list };
    const written = await scope.templates.update(id, template, scope.cause(info.fieldName));
    if (written.ok) return { template: templateNode(written.row), errors: [] };
    return {
      template: null,
      errors: [written.reason === 'not-found' ? templateNotFound(id) : duplicateOverride(merged)],
    };
  },

  deleteTemplate: async (_, args, context, info) => {
    const scope = tenantScope(context);
    requireTenantAdmin(scope);
    const { id } = args.input;
    const outcome = await scope.templates.delete(id, scope.cause(info.fieldName));
    if (outcome === 'deleted') return { deletedTemplateId: id, errors: [] };
    return {
      deletedTemplateId: null,
      errors: [
        outcome === 'in-use'
          ? { field: ['id'], message: 'rules use this template; change them first', code: 'IN_USE' }
          : templateNotFound(id),
      ],
    };
  },
};

const Template: TemplateResolvers<SubscriptionsContext> = {
  // Scoped to the caller's tenant: a reference to another tenant's template resolves to null.
  __resolveReference: async (reference, context) => {
    const row = await tenantScope(context).loadTemplate(reference.id);
    return row && templateNode(row);
  },
};

export const templateResolvers = { Query, Mutation, Template };
