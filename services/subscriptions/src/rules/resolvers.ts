import {
  canConfigureProjects,
  forbidden,
  InputErrorCode,
  InputProblems,
  readPage,
  toConnection,
} from '@tidings/graphql';
import type { BuiltInEventType, RecipientRole } from '@tidings/state';
import type { SubscriptionsContext } from '../context.ts';
import { type TenantScope, tenantScope } from '../context.ts';
import type { RuleRow } from '../db/schema.ts';
import type {
  CreateRuleInput,
  MutationResolvers,
  ProjectResolvers,
  QueryResolvers,
  Rule,
  RuleResolvers,
  UpdateRuleInput,
} from '../generated/graphql.ts';
import { templateNode } from '../templates/nodes.ts';
import { eventTypes, recipientRoles, userReference } from '../values.ts';
import { isRuleId } from './repository.ts';
import {
  mergeRuleUpdate,
  type NewRule,
  type RuleInput,
  readRuleInput,
  requestedProjectIds,
  splitEventTypes,
} from './validation.ts';

function ruleKey(value: unknown): string | null {
  return typeof value === 'string' && isRuleId(value) ? value : null;
}

export function ruleNode(row: RuleRow): Rule {
  const { builtIn, custom } = splitEventTypes(row.eventTypes);
  return {
    __typename: 'Rule',
    id: row.id,
    name: row.name,
    projectIds: row.projectIds,
    // Stored rows hold only contract values (validated on write), so the cast cannot lie.
    eventTypes: builtIn.map((type) => eventTypes.fromState(type as BuiltInEventType)),
    customEventTypes: custom,
    statuses: row.statuses,
    steps: row.steps,
    roles: row.roles.map(recipientRoles.fromState),
    userIds: row.userIds,
    users: row.userIds.map(userReference),
    channelIds: row.channelIds,
    channels: row.channelIds.map((id) => ({ __typename: 'Channel', id })),
    serviceIds: row.serviceIds,
    services: row.serviceIds.map((id) => ({ __typename: 'NotificationService', id })),
    templateId: row.templateId,
    // Loaded by Rule.template only when asked for.
    template: null,
    mentionAll: row.mentionAll,
    excludeActor: row.excludeActor,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** GraphQL input → the validation's state-valued input (the enums mapped, the rest as given). */
function toRuleInput<Input extends Pick<CreateRuleInput, 'eventTypes' | 'roles'>>(
  input: Input,
): Omit<Input, 'eventTypes' | 'roles'> & Pick<RuleInput, 'eventTypes' | 'roles'> {
  const { eventTypes: types, roles, ...rest } = input;
  return {
    ...rest,
    eventTypes: types?.map(eventTypes.toState) ?? (types as null | undefined),
    roles: roles?.map(recipientRoles.toState) ?? (roles as null | undefined),
  };
}

function storedRule(row: RuleRow): NewRule {
  return {
    name: row.name,
    projectIds: row.projectIds,
    eventTypes: row.eventTypes as NewRule['eventTypes'],
    statuses: row.statuses,
    steps: row.steps,
    roles: row.roles as RecipientRole[],
    userIds: row.userIds,
    channelIds: row.channelIds,
    serviceIds: row.serviceIds,
    templateId: row.templateId,
    mentionAll: row.mentionAll,
    excludeActor: row.excludeActor,
    enabled: row.enabled,
  };
}

const ruleNotFound = (id: string) => ({
  field: ['id'],
  message: `no rule with id "${id}"`,
  code: InputErrorCode.notFound,
});

/** The rule the caller may change: its tenant admin, or an owner of every project it covers. */
async function changeableRule(scope: TenantScope, id: string): Promise<RuleRow | null> {
  const rule = await scope.loadRule(id);
  if (rule && !canConfigureProjects(scope.claims, rule.projectIds)) {
    throw forbidden('only a tenant admin or an owner of every project of this rule can change it');
  }
  return rule;
}

/** Validates a whole rule, including that its template is one of the tenant's. */
async function validRule(scope: TenantScope, input: RuleInput, problems: InputProblems) {
  const rule = readRuleInput(input, problems);
  if (rule?.templateId && !(await scope.loadTemplate(rule.templateId))) {
    problems.add(['templateId'], `no template with id "${rule.templateId}"`, InputErrorCode.notFound);
    return undefined;
  }
  return rule;
}

const Query: QueryResolvers<SubscriptionsContext> = {
  rule: async (_, args, context) => {
    const row = await tenantScope(context).loadRule(args.id);
    return row && ruleNode(row);
  },
  rules: async (_, args, context) => {
    const scope = tenantScope(context);
    const page = readPage(args, ruleKey);
    const rows = await scope.rules.list(args.projectId ?? null, page);
    return toConnection(rows, page, (row) => row.id, ruleNode);
  },
};

const Mutation: MutationResolvers<SubscriptionsContext> = {
  createRule: async (_, args, context, info) => {
    const scope = tenantScope(context);
    if (!canConfigureProjects(scope.claims, requestedProjectIds(args.input))) {
      throw forbidden('only a tenant admin, or an owner of every listed project, can create this rule');
    }
    const problems = new InputProblems();
    const rule = await validRule(scope, toRuleInput(args.input), problems);
    if (!rule) return { rule: null, errors: problems.list };
    return { rule: ruleNode(await scope.rules.create(rule, scope.cause(info.fieldName))), errors: [] };
  },

  updateRule: async (_, args, context, info) => {
    const scope = tenantScope(context);
    const { id, ...patch } = args.input as UpdateRuleInput;
    const current = await changeableRule(scope, id);
    if (!current) return { rule: null, errors: [ruleNotFound(id)] };
    const merged = mergeRuleUpdate(storedRule(current), toRuleInput(patch));
    // The rule must stay within what the caller may configure, before and after.
    if (!canConfigureProjects(scope.claims, requestedProjectIds(merged))) {
      throw forbidden('only a tenant admin, or an owner of every listed project, can make this rule');
    }
    const problems = new InputProblems();
    const rule = await validRule(scope, merged, problems);
    if (!rule) return { rule: null, errors: problems.list };
    const updated = await scope.rules.update(id, rule, scope.cause(info.fieldName));
    return updated ? { rule: ruleNode(updated), errors: [] } : { rule: null, errors: [ruleNotFound(id)] };
  },

  setRuleEnabled: async (_, args, context, info) => {
    const scope = tenantScope(context);
    const { id, enabled } = args.input;
    if (!(await changeableRule(scope, id))) return { rule: null, errors: [ruleNotFound(id)] };
    const updated = await scope.rules.setEnabled(id, enabled, scope.cause(info.fieldName));
    return updated ? { rule: ruleNode(updated), errors: [] } : { rule: null, errors: [ruleNotFound(id)] };
  },

  deleteRule: async (_, args, context, info) => {
    const scope = tenantScope(context);
    const { id } = args.input;
    if (!(await changeableRule(scope, id))) return { deletedRuleId: null, errors: [ruleNotFound(id)] };
    const deleted = await scope.rules.delete(id, scope.cause(info.fieldName));
    return deleted ? { deletedRuleId: id, errors: [] } : { deletedRuleId: null, errors: [ruleNotFound(id)] };
  },
};

const RuleType: RuleResolvers<SubscriptionsContext> = {
  // Scoped to the caller's tenant: a reference to another tenant's rule resolves to null.
  __resolveReference: async (reference, context) => {
    const row = await tenantScope(context).loadRule(reference.id);
    return row && ruleNode(row);
  },
  template: async (rule, _, context) => {
    const templateId = 'templateId' in rule ? rule.templateId : null;
    if (!templateId) return null;
    const row = await tenantScope(context).loadTemplate(templateId);
    return row && templateNode(row);
  },
};

const Project: Pick<ProjectResolvers<SubscriptionsContext>, 'rules'> = {
  rules: async (project, args, context) => {
    const scope = tenantScope(context);
    const page = readPage(args, ruleKey);
    const rows = await scope.rules.list(project.id, page);
    return toConnection(rows, page, (row) => row.id, ruleNode);
  },
};

export const ruleResolvers = { Query, Mutation, Rule: RuleType, Project };
