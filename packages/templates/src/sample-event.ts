import { randomUUID } from 'node:crypto';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { createTicketEvent, type TicketEvent, type TicketEventInit } from '@tidings/events';

/** A sample event as the GraphQL APIs take it (explain and preview), turned into a TicketEvent. */
export interface SampleEventInput {
  eventType?:
    | 'TICKET_CREATED'
    | 'COMMENT_ADDED'
    | 'ASSIGNEES_CHANGED'
    | 'STATUS_CHANGED'
    | 'WORKFLOW_STEP_CHANGED'
    | null;
  customType?: string | null;
  projectId: string;
  actorId?: string | null;
  actorName?: string | null;
  ticket: {
    id: string;
    key?: string | null;
    title: string;
    url?: string | null;
    path?: string | null;
    status?: string | null;
    priority?: string | null;
    creatorId?: string | null;
    assigneeIds?: string[] | null;
    watcherIds?: string[] | null;
    stepId?: string | null;
    stepName?: string | null;
    stepAssigneeIds?: string[] | null;
  };
  commentBody?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  fromStep?: string | null;
  addedAssigneeIds?: string[] | null;
  removedAssigneeIds?: string[] | null;
  attributes?: Array<{ key: string; value: string }> | null;
  occurredAt?: string | null;
}

export type SampleProblem = { field: string[]; message: string };

/** The argument's name in the GraphQL APIs, so problems point at the input path. */
const root = 'event';
const maxIdLength = 200;
const customTypePattern = /^[\w.-]{1,100}$/;

/**
 * Exactly one of eventType/customType; names of people come from `userName` (the actor's from
 * `actorName` first). Problems name the input path, e.g. ['event', 'customType']. The event id is
 * `sample:<random>`, so a preview can never collide with a real event.
 */
export function ticketEventFromSample(
  tenantId: string,
  sample: SampleEventInput,
  userName?: (id: string) => string | undefined,
): { ok: true; event: TicketEvent } | { ok: false; problems: SampleProblem[] } {
  const problems: SampleProblem[] = [];
  const problem = (path: Array<string | number>, message: string) =>
    problems.push({ field: [root, ...path.map(String)], message });
  const requireId = (value: string | null | undefined, path: string[], what: string) => {
    if (!value?.trim()) problem(path, `${what} is required`);
    else if (value.length > maxIdLength) problem(path, `${what} is longer than ${maxIdLength} characters`);
  };

  if (sample.eventType && sample.customType) {
    problem(['customType'], 'give either eventType or customType, not both');
  } else if (!sample.eventType && !sample.customType) {
    problem(['eventType'], 'give eventType (a ticket event) or customType (e.g. pipeline.failed)');
  }
  if (sample.customType && !customTypePattern.test(sample.customType)) {
    problem(['customType'], 'a custom type is 1-100 letters, digits, "_", "." or "-", e.g. pipeline.failed');
  }
  requireId(sample.projectId, ['projectId'], 'the project id');
  requireId(sample.ticket.id, ['ticket', 'id'], 'the ticket id');
  let occurredAt = Date.now();
  if (sample.occurredAt) {
    occurredAt = Date.parse(sample.occurredAt);
    if (Number.isNaN(occurredAt))
      problem(['occurredAt'], `"${sample.occurredAt}" is not a date-time such as 2026-11-22T09:30:00Z`);
  }
  (sample.attributes ?? []).forEach((attribute, index) => {
    if (!customTypePattern.test(attribute.key)) {
      problem(['attributes', index, 'key'], 'an attribute name is 1-100 letters, digits, "_", "." or "-"');
    }
  });
  if (problems.length > 0) return { ok: false, problems };

  const person = (id: string) => ({ id, displayName: userName?.(id) ?? '' });
  const people = (ids: readonly string[] | null | undefined) => (ids ?? []).filter(Boolean).map(person);
  const ticket = sample.ticket;
  const currentStep =
    ticket.stepId || ticket.stepName
      ? { id: ticket.stepId ?? '', name: ticket.stepName ?? '', assignees: people(ticket.stepAssigneeIds) }
      : undefined;
  const attributes = Object.fromEntries((sample.attributes ?? []).map(({ key, value }) => [key, value]));

  let change: TicketEventInit['change'];
  if (sample.customType) {
    // Sample attributes are the custom change's own (those templates read first).
    change = { case: 'custom', value: { type: sample.customType, attributes } };
  } else {
    switch (sample.eventType) {
      case 'COMMENT_ADDED':
        change = { case: 'commentAdded', value: { commentId: 'sample', body: sample.commentBody ?? '' } };
        break;
      case 'ASSIGNEES_CHANGED':
        change = {
          case: 'assigneesChanged',
          value: { added: people(sample.addedAssigneeIds), removed: people(sample.removedAssigneeIds) },
        };
        break;
      case 'STATUS_CHANGED':
        change = {
          case: 'statusChanged',
          value: { fromStatus: sample.fromStatus ?? '', toStatus: sample.toStatus ?? ticket.status ?? '' },
        };
        break;
      case 'WORKFLOW_STEP_CHANGED':
        change = {
          case: 'workflowStepChanged',
          value: { fromStep: { name: sample.fromStep ?? '' }, toStep: currentStep ?? {} },
        };
        break;
      default:
        change = { case: 'created', value: {} };
    }
  }

  const actorId = sample.actorId ?? '';
  const event = createTicketEvent({
    eventId: `sample:${randomUUID()}`,
    tenantId,
    projectId: sample.projectId,
    occurredAt: timestampFromMs(occurredAt),
    source: 'sample',
    ...(actorId || sample.actorName
      ? {
          actor: {
            id: actorId,
            displayName: sample.actorName || (actorId ? (userName?.(actorId) ?? '') : ''),
          },
        }
      : {}),
    ticket: {
      id: ticket.id,
      key: ticket.key ?? '',
      title: ticket.title,
      url: ticket.url ?? '',
      path: ticket.path ?? '',
      // A status change's sample ticket is in the new status unless told otherwise.
      status: ticket.status ?? (sample.eventType === 'STATUS_CHANGED' ? (sample.toStatus ?? '') : ''),
      priority: ticket.priority ?? '',
      ...(ticket.creatorId ? { creator: person(ticket.creatorId) } : {}),
      assignees: people(ticket.assigneeIds),
      watchers: people(ticket.watcherIds),
      ...(currentStep ? { currentStep } : {}),
    },
    ...(sample.customType ? {} : { attributes }),
    change,
  });
  return { ok: true, event };
}
