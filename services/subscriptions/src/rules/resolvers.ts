import type { GraphQLResolverMap } from '@apollo/subgraph';
import {
  canConfigureProjects,
  forbidden,
  InputErrorCode,
  InputProblems,
  type PageArgs,
  readPage,
  toConnection,
} from '@tidings/graphql';
import { type SubscriptionsContext, type TenantScope, tenantScope } from '../context.ts';
import type { RuleRow } from '../db/schema.ts';
import { isRuleId } from './repository.ts';
import {
  type CreateRuleInput,
  readCreateRuleInput,
  requestedProjectIds,
  splitEventTypes,
} from './validation.ts';

function ruleKey(value: unknown): string | null {
  return typeof value === 'string' && isRuleId(value) ? value : null;
}

function ruleNode(row: RuleRow) {
  const { builtIn, custom } = splitEventTypes(row.eventTypes);
  return {
    __typename: 'Rule',
    id: row.id,
    name: row.name,
    projectIds: row.projectIds,
    eventTypes: builtIn,
    customEventTypes: custom,
    roles: row.roles,
    userIds: row.userIds,
    users: row.userIds.map((id) => ({ __typename: 'User', id })),
    channelIds: row.channelIds,
    channels: row.channelIds.map((id) => ({ __typename: 'Channel', id })),
    excludeActor: row.excludeActor,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
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

export const ruleResolvers: GraphQLResolverMap<SubscriptionsContext> = {
  // GraphQL names ↔ the values of the state contract (@tidings/state).
  EventType: {
    TICKET_CREATED: 'created',
    COMMENT_ADDED: 'commentAdded',
    ASSIGNEES_CHANGED: 'assigneesChanged',
    STATUS_CHANGED: 'statusChanged',
    WORKFLOW_STEP_CHANGED: 'workflowStepChanged',
  },
  RecipientRole: {
    CREATOR: 'creator',
    ASSIGNEES: 'assignees',
    WATCHERS: 'watchers',
    STEP_ASSIGNEES: 'stepAssignees',
  },

  Query: {
    rule: async (_: unknown, args: { id: string }, context: SubscriptionsContext) => {
      const row = await tenantScope(context).loadRule(args.id);
      return row && ruleNode(row);
    },
    rules: async (
      _: unknown,
      args: PageArgs & { projectId?: string | null },
      context: SubscriptionsContext,
    ) => {
      const scope = tenantScope(context);
      const page = readPage(args, ruleKey);
      const rows = await scope.rules.list(args.projectId ?? null, page);
      return toConnection(rows, page, (row) => row.id, ruleNode);
    },
  },

  Mutation: {
    createRule: async (_: unknown, args: { input: CreateRuleInput }, context: SubscriptionsContext) => {
      const scope = tenantScope(context);
      if (!canConfigureProjects(scope.claims, requestedProjectIds(args.input))) {
        throw forbidden('only a tenant admin, or an owner of every listed project, can create this rule');
      }
      const problems = new InputProblems();
      const rule = readCreateRuleInput(args.input, problems);
      if (!rule) return { rule: null, errors: problems.list };
      return { rule: ruleNode(await scope.rules.create(rule)), errors: [] };
    },

    setRuleEnabled: async (
      _: unknown,
      args: { input: { id: string; enabled: boolean } },
      context: SubscriptionsContext,
    ) => {
      const scope = tenantScope(context);
      const { id, enabled } = args.input;
      if (!(await changeableRule(scope, id))) return { rule: null, errors: [ruleNotFound(id)] };
      const updated = await scope.rules.setEnabled(id, enabled);
      return updated ? { rule: ruleNode(updated), errors: [] } : { rule: null, errors: [ruleNotFound(id)] };
    },

    deleteRule: async (_: unknown, args: { input: { id: string } }, context: SubscriptionsContext) => {
      const scope = tenantScope(context);
      const { id } = args.input;
      if (!(await changeableRule(scope, id))) return { deletedRuleId: null, errors: [ruleNotFound(id)] };
      const deleted = await scope.rules.delete(id);
      return deleted
        ? { deletedRuleId: id, errors: [] }
        : { deletedRuleId: null, errors: [ruleNotFound(id)] };
    },
  },

  Rule: {
    // Scoped to the caller's tenant: a reference to another tenant's rule resolves to null.
    __resolveReference: async (reference: { id: string }, context: SubscriptionsContext) => {
      const row = await tenantScope(context).loadRule(reference.id);
      return row && ruleNode(row);
    },
  },
};
