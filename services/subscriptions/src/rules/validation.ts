import { InputErrorCode, type InputProblems } from '@tidings/graphql';
import { type BuiltInEventType, eventTypeSchema, type RecipientRole, type RuleState } from '@tidings/state';
import { CUSTOM_EVENT_PREFIX, isUuid } from '../values.ts';

/** A state-contract event type: built in, or `custom:<type>`. */
export type EventType = RuleState['eventTypes'][number];

/** Limits that keep one rule cheap to match on every event. */
export const RULE_LIMITS = {
  name: 200,
  projects: 100,
  eventTypes: 50,
  statuses: 50,
  steps: 50,
  users: 200,
  channels: 20,
  services: 20,
  id: 200,
} as const;

/** A rule's fields as the API takes them, after the GraphQL enums were mapped to state values. */
export interface RuleInput {
  name: string;
  projectIds?: string[] | null;
  eventTypes?: BuiltInEventType[] | null;
  customEventTypes?: string[] | null;
  statuses?: string[] | null;
  steps?: string[] | null;
  roles?: RecipientRole[] | null;
  userIds?: string[] | null;
  channelIds?: string[] | null;
  serviceIds?: string[] | null;
  templateId?: string | null;
  mentionAll?: boolean | null;
  excludeActor?: boolean | null;
  enabled?: boolean | null;
}

/** A valid rule, ready to store. */
export interface NewRule {
  name: string;
  projectIds: string[] | null;
  eventTypes: EventType[];
  statuses: string[];
  steps: string[];
  roles: RecipientRole[];
  userIds: string[];
  channelIds: string[];
  serviceIds: string[];
  templateId: string | null;
  mentionAll: boolean;
  excludeActor: boolean;
  enabled: boolean;
}

function plainId(id: string): string | null {
  if (id === '') return 'must not be empty';
  if (id.length > RULE_LIMITS.id) return `must be at most ${RULE_LIMITS.id} characters`;
  return null;
}

/** Trims, drops duplicates and checks each value of a list, naming `[field, index]` for a bad one. */
function readList(
  problems: InputProblems,
  field: string,
  values: readonly string[],
  max: number,
  valid: (value: string) => string | null = plainId,
): string[] {
  if (values.length > max)
    problems.add([field], `at most ${max} allowed, got ${values.length}`, InputErrorCode.tooMany);
  const trimmed = values.map((value) => value.trim());
  trimmed.forEach((value, index) => {
    const problem = valid(value);
    if (problem) problems.add([field, String(index)], `"${value}" ${problem}`);
  });
  return [...new Set(trimmed)];
}

/** The project ids a rule would cover, as given (null: all projects), for the authorisation check. */
export function requestedProjectIds(input: Pick<RuleInput, 'projectIds'>): string[] | null {
  return input.projectIds === null || input.projectIds === undefined
    ? null
    : input.projectIds.map((id) => id.trim());
}

/**
 * Validates a rule, recording every problem by field; returns it when there are none. Whether templateId
 * names a template of the tenant needs the database: the caller checks that.
 */
export function readRuleInput(input: RuleInput, problems: InputProblems): NewRule | undefined {
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
    projectIds = readList(problems, 'projectIds', input.projectIds, RULE_LIMITS.projects);
  }

  const builtIn = [...new Set(input.eventTypes ?? [])];
  const custom = readList(
    problems,
    'customEventTypes',
    input.customEventTypes ?? [],
    RULE_LIMITS.eventTypes,
    (type) =>
      eventTypeSchema.safeParse(`${CUSTOM_EVENT_PREFIX}${type}`).success
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

  const statuses = readList(problems, 'statuses', input.statuses ?? [], RULE_LIMITS.statuses);
  const steps = readList(problems, 'steps', input.steps ?? [], RULE_LIMITS.steps);

  const roles = [...new Set(input.roles ?? [])];
  const userIds = readList(problems, 'userIds', input.userIds ?? [], RULE_LIMITS.users);
  if (roles.length + userIds.length === 0) {
    problems.add(['roles'], 'give at least one role or user to notify', InputErrorCode.required);
  }

  const channelIds = readList(problems, 'channelIds', input.channelIds ?? [], RULE_LIMITS.channels, (id) =>
    isUuid(id) ? null : 'is not a channel id',
  );
  const serviceIds = readList(problems, 'serviceIds', input.serviceIds ?? [], RULE_LIMITS.services, (id) =>
    isUuid(id) ? null : 'is not a notification service id',
  );
  if (channelIds.length + serviceIds.length === 0) {
    problems.add(
      ['channelIds'],
      'give at least one channel or notification service',
      InputErrorCode.required,
    );
  }

  let templateId: string | null = null;
  if (input.templateId !== null && input.templateId !== undefined) {
    templateId = input.templateId.trim().toLowerCase();
    if (!isUuid(templateId)) {
      problems.add(['templateId'], `"${input.templateId}" is not a template id`, InputErrorCode.notFound);
    }
  }

  if (problems.any) return undefined;
  return {
    name,
    projectIds,
    eventTypes: [...builtIn, ...custom.map((type): EventType => `${CUSTOM_EVENT_PREFIX}${type}`)],
    statuses,
    steps,
    roles,
    userIds,
    channelIds: channelIds.map((id) => id.toLowerCase()),
    serviceIds: serviceIds.map((id) => id.toLowerCase()),
    templateId,
    mentionAll: input.mentionAll ?? false,
    excludeActor: input.excludeActor ?? true,
    enabled: input.enabled ?? true,
  };
}

/** `updateRule`'s fields: each may be left out or null. */
export type RulePatch = { [Field in keyof RuleInput]?: RuleInput[Field] | null };

/** Fields where an explicit null means something (every project; no template) rather than "unchanged". */
const NULLABLE_FIELDS = new Set<keyof RuleInput>(['projectIds', 'templateId']);

/**
 * The rule an update asks for: the stored rule with the given fields replaced. A field left out keeps its
 * value; null keeps it too, except where null has a meaning of its own (NULLABLE_FIELDS).
 */
export function mergeRuleUpdate(current: NewRule, patch: RulePatch): RuleInput {
  const { builtIn, custom } = splitEventTypes(current.eventTypes);
  const merged: RuleInput = {
    ...current,
    eventTypes: builtIn as BuiltInEventType[],
    customEventTypes: custom,
  };
  for (const [key, value] of Object.entries(patch) as Array<[keyof RuleInput, unknown]>) {
    if (value === undefined) continue;
    if (value === null && !NULLABLE_FIELDS.has(key)) continue;
    (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Splits stored event types into the built-in ones and the custom types (without their prefix). */
export function splitEventTypes(eventTypes: readonly string[]): { builtIn: string[]; custom: string[] } {
  return {
    builtIn: eventTypes.filter((type) => !type.startsWith(CUSTOM_EVENT_PREFIX)),
    custom: eventTypes
      .filter((type) => type.startsWith(CUSTOM_EVENT_PREFIX))
      .map((type) => type.slice(CUSTOM_EVENT_PREFIX.length)),
  };
}
