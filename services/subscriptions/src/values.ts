import type { BuiltInEventType, RecipientRole, TemplateFormat, WatchState } from '@tidings/state';
import type {
  EventType as GraphQLEventType,
  RecipientRole as GraphQLRecipientRole,
  TemplateFormat as GraphQLTemplateFormat,
  User,
  WatchTarget,
} from './generated/graphql.ts';

/**
 * GraphQL enum names ↔ the values of the state contract (@tidings/state). Resolvers speak GraphQL names
 * (the generated types say so); storage and state topics speak the contract's values.
 */
function bijection<GraphQLName extends string, StateValue extends string>(
  toState: Record<GraphQLName, StateValue>,
) {
  const fromState = new Map(Object.entries(toState).map(([name, value]) => [value, name])) as Map<
    StateValue,
    GraphQLName
  >;
  return {
    toState: (name: GraphQLName): StateValue => toState[name],
    fromState: (value: StateValue): GraphQLName => {
      const name = fromState.get(value);
      if (name === undefined) throw new Error(`no GraphQL name for the state value "${value}"`);
      return name;
    },
  };
}

export const eventTypes = bijection<GraphQLEventType, BuiltInEventType>({
  TICKET_CREATED: 'created',
  COMMENT_ADDED: 'commentAdded',
  ASSIGNEES_CHANGED: 'assigneesChanged',
  STATUS_CHANGED: 'statusChanged',
  WORKFLOW_STEP_CHANGED: 'workflowStepChanged',
});

export const recipientRoles = bijection<GraphQLRecipientRole, RecipientRole>({
  CREATOR: 'creator',
  ASSIGNEES: 'assignees',
  WATCHERS: 'watchers',
  STEP_ASSIGNEES: 'stepAssignees',
});

export const templateFormats = bijection<GraphQLTemplateFormat, TemplateFormat>({
  MARKDOWN: 'markdown',
  LARK_CARD: 'lark-card',
  EMAIL: 'email',
  TEXT: 'text',
});

export const watchTargets = bijection<WatchTarget, WatchState['targetKind']>({
  TICKET: 'ticket',
  PROJECT: 'project',
});

/** The prefix of custom change types in the state contract: `pipeline.failed` ↔ `custom:pipeline.failed`. */
export const CUSTOM_EVENT_PREFIX = 'custom:';

/** Splits a stored event type into the GraphQL enum value or the custom type (without its prefix). */
export function splitEventType(value: string): { eventType: GraphQLEventType | null; custom: string | null } {
  return value.startsWith(CUSTOM_EVENT_PREFIX)
    ? { eventType: null, custom: value.slice(CUSTOM_EVENT_PREFIX.length) }
    : { eventType: eventTypes.fromState(value as BuiltInEventType), custom: null };
}

/**
 * A person owned by the identity subgraph. Only the id is known here; the gateway fetches the rest, and
 * `User.watches` is resolved by this subgraph's field resolver — hence the cast.
 */
export function userReference(id: string): User {
  return { __typename: 'User', id } as User;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids this service issues are uuids; anything else names nothing (and must not reach a uuid column). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
