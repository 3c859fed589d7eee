import type { IdentityPlatform as StatePlatform } from '@tidings/state';
import type { EventType, IdentityPlatform } from './generated/graphql.ts';

/** The GraphQL enums and the state contract's strings for the same things, both ways. */

const platformToState: Record<IdentityPlatform, StatePlatform> = {
  DINGTALK: 'dingtalk',
  LARK: 'lark',
  WECOM: 'wecom',
};

export function toStatePlatform(platform: IdentityPlatform): StatePlatform {
  return platformToState[platform];
}

export function fromStatePlatform(platform: StatePlatform): IdentityPlatform {
  return platform.toUpperCase() as IdentityPlatform;
}

/** People read platform names in messages; the enum values are for machines. */
export const platformDisplayName: Record<StatePlatform, string> = {
  dingtalk: 'DingTalk',
  lark: 'Lark',
  wecom: 'WeCom',
};

const eventTypeToState = {
  TICKET_CREATED: 'created',
  COMMENT_ADDED: 'commentAdded',
  ASSIGNEES_CHANGED: 'assigneesChanged',
  STATUS_CHANGED: 'statusChanged',
  WORKFLOW_STEP_CHANGED: 'workflowStepChanged',
} as const satisfies Record<EventType, string>;

const CUSTOM_PREFIX = 'custom:';

export function toStateEventType(eventType: EventType): string {
  return eventTypeToState[eventType];
}

export function toStateCustomEventType(customType: string): string {
  return `${CUSTOM_PREFIX}${customType}`;
}

/** Splits stored event types into the built-in enum values and the custom type names. */
export function fromStateEventTypes(stored: readonly string[]): { builtIn: EventType[]; custom: string[] } {
  const builtIn: EventType[] = [];
  const custom: string[] = [];
  for (const value of stored) {
    if (value.startsWith(CUSTOM_PREFIX)) {
      custom.push(value.slice(CUSTOM_PREFIX.length));
      continue;
    }
    const entry = Object.entries(eventTypeToState).find(([, state]) => state === value);
    if (entry) builtIn.push(entry[0] as EventType);
  }
  return { builtIn, custom };
}
