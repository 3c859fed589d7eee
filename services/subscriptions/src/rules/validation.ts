import { InputErrorCode, type InputProblems } from '@tidings/graphql';
import { type BuiltInEventType, eventTypeSchema, type RecipientRole, type RuleState } from '@tidings/state';

/** A state-contract event type: built in, or `custom:<type>`. */
export type EventType = RuleState['eventTypes'][number];

/** Limits that keep one rule cheap to match on every event. */
export const RULE_LIMITS = {
  name: 200,
  projects: 100,
  eventTypes: 50,
  users: 200,
  channels: 20,
  id: 200,
} as const;

const CUSTOM_PREFIX = 'custom:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `createRule`'s input after GraphQL mapped the enums to state values. */
export interface CreateRuleInput {
  name: string;
  projectIds?: string[] | null;
  eventTypes?: BuiltInEventType[] | null;
  customEventTypes?: string[] | null;
  roles?: RecipientRole[] | null;
  userIds?: string[] | null;
  channelIds: string[];
  excludeActor?: boolean | null;
  enabled?: boolean | null;
}

export interface NewRule {
  name: string;
  projectIds: string[] | null;
  eventTypes: EventType[];
  roles: RecipientRole[];
  userIds: string[];
  channelIds: string[];
  excludeActor: boolean;
  enabled: boolean;
}

/** Trims, drops duplicates and checks each id of a list, naming `[field, index]` for a bad one. */
function readIds(
  problems: InputProblems,
  field: string,
  values: readonly string[],
  max: number,
  valid: (id: string) => string | null = (id) =>
    id === ''
      ? 'must not be empty'
      : id.length > RULE_LIMITS.id
        ? `must be at most ${RULE_LIMITS.id} characters`
        : null,
): string[] {
  if (values.length > max)
    problems.add([field], `at most ${max} allowed, got ${values.length}`, InputErrorCode.tooMany);
  const ids = values.map((value) => value.trim());
  ids.forEach((id, index) => {
    const problem = valid(id);
    if (problem) problems.add([field, String(index)], `"${id}" ${problem}`);
  });
  return [...new Set(ids)];
}

/** The project ids a rule would cover, as given (null: all projects), for the authorisation check. */
export function requestedProjectIds(input: Pick<CreateRuleInput, 'projectIds'>): string[] | null {
  return input.projectIds === null || input.projectIds === undefined
    ? null
    : input.projectIds.map((id) => id.trim());
}

/** Validates a new rule, recording every problem by field; returns it when there are none. */
export function readCreateRuleInput(input: CreateRuleInput, problems: InputProblems): NewRule | undefined {
  const name = input.name.trim();
  if (name === '') problems.add(['name'], 'name must not be empty', InputErrorCode.required);
  if (name.length > RULE_LIMITS.name) {
    problems.add(['name'], `name must be at most ${RULE_LIMITS.name} characters`, InputErrorCode.tooLong);
  }

  let projectIds: string[] | null = null;
  if (input.projectIds !== null && input.projectIds !== undefined) {
    if (input.projectIds.length === 0) {
      problems.add(
        ['projectIds'],
        'list at least one project, or leave projectIds null for every project',
        InputErrorCode.required,
      );
    }
    projectIds = readIds(problems, 'projectIds', input.projectIds, RULE_LIMITS.projects);
  }

  const builtIn = [...new Set(input.eventTypes ?? [])];
  const custom = readIds(
    problems,
    'customEventTypes',
    input.customEventTypes ?? [],
    RULE_LIMITS.eventTypes,
    (type) =>
      eventTypeSchema.safeParse(`${CUSTOM_PREFIX}${type}`).success
        ? null
        : 'is not a custom event type (1-100 letters, digits, _ . -)',
  );
  if (builtIn.length + custom.length === 0) {
    problems.add(
      ['eventTypes'],
      'give at least one event type or custom event type',
      InputErrorCode.required,
    );
  }

  const roles = [...new Set(input.roles ?? [])];
  const userIds = readIds(problems, 'userIds', input.userIds ?? [], RULE_LIMITS.users);
  if (roles.length + userIds.length === 0) {
    problems.add(['roles'], 'give at least one role or user to notify', InputErrorCode.required);
  }

  const channelIds = readIds(problems, 'channelIds', input.channelIds, RULE_LIMITS.channels, (id) =>
    UUID.test(id) ? null : 'is not a channel id',
  );
  if (input.channelIds.length === 0) {
    problems.add(['channelIds'], 'give at least one channel', InputErrorCode.required);
  }

  if (problems.any) return undefined;
  return {
    name,
    projectIds,
    eventTypes: [...builtIn, ...custom.map((type): EventType => `${CUSTOM_PREFIX}${type}`)],
    roles,
    userIds,
    channelIds: channelIds.map((id) => id.toLowerCase()),
    excludeActor: input.excludeActor ?? true,
    enabled: input.enabled ?? true,
  };
}

/** Splits stored event types into the GraphQL enum values and the custom types (without their prefix). */
export function splitEventTypes(eventTypes: readonly string[]): { builtIn: string[]; custom: string[] } {
  return {
    builtIn: eventTypes.filter((type) => !type.startsWith(CUSTOM_PREFIX)),
    custom: eventTypes
      .filter((type) => type.startsWith(CUSTOM_PREFIX))
      .map((type) => type.slice(CUSTOM_PREFIX.length)),
  };
}
