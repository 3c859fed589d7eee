import type { BuiltInEventType } from '@tidings/state';

/**
 * What one language says in the shipped templates and inside variables. Sentences carry slots that each
 * format fills with its own markup: `{actor}`, `{from}`, `{to}`, `{type}`.
 */
export interface LocaleWording {
  /** `${event.type}` of built-in events. */
  eventTypes: Record<BuiltInEventType, string>;
  /** `${actor.name}` of an event without an actor. */
  someone: string;
  /** Between names in `${assignees}`: ", ", or Chinese "、". */
  listSeparator: string;
  /** `${assignees}` of a ticket without any. */
  nobody: string;
  created: string;
  commented: string;
  assigneesChanged: string;
  statusChanged: string;
  stepChanged: string;
  /** Headline of the generic custom event default. */
  custom: string;
  /** Labels, with the colon (and its spacing) of the language. */
  added: string;
  removed: string;
  assignees: string;
  status: string;
  priority: string;
}
