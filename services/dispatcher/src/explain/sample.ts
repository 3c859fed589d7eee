import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { createTicketEvent, type TicketEvent, type TicketEventInit } from '@tidings/events';
import * as templatesPackage from '@tidings/templates';
import type { EventType, SampleEventInput } from '../generated/graphql.ts';

export type SampleProblem = { field: string[]; message: string };
export type SampleResult = { ok: true; event: TicketEvent } | { ok: false; problems: SampleProblem[] };

type FromSample = (
  tenantId: string,
  sample: SampleEventInput,
  userName?: (id: string) => string | undefined,
) => { ok: true; event: unknown } | { ok: false; problems: SampleProblem[] };

/**
 * `ticketEventFromSample` of @tidings/templates, the one conversion every subgraph shares. The package is
 * written in parallel; read as a namespace so this service loads while it is still missing.
 */
const shared = (templatesPackage as unknown as { ticketEventFromSample?: FromSample }).ticketEventFromSample;

const changeCases: Record<EventType, NonNullable<TicketEventInit['change']>['case']> = {
  TICKET_CREATED: 'created',
  COMMENT_ADDED: 'commentAdded',
  ASSIGNEES_CHANGED: 'assigneesChanged',
  STATUS_CHANGED: 'statusChanged',
  WORKFLOW_STEP_CHANGED: 'workflowStepChanged',
};

const refs = (ids: readonly string[] | null | undefined) => (ids ?? []).map((id) => ({ id }));

/**
 * Until @tidings/templates ships `ticketEventFromSample`: the fields routing reads (project, actor, the
 * ticket's people, status, step, change type), nothing a template alone would show.
 */
function interimFromSample(
  tenantId: string,
  sample: SampleEventInput,
  userName?: (id: string) => string | undefined,
): SampleResult {
  const problems: SampleProblem[] = [];
  if (!sample.eventType === !sample.customType)
    problems.push({ field: ['eventType'], message: 'give either eventType or customType' });
  if (sample.customType && !/^[\w.-]{1,100}$/.test(sample.customType))
    problems.push({ field: ['customType'], message: 'use 1-100 letters, digits, "_", "." or "-"' });
  const occurredAt = sample.occurredAt ? Date.parse(sample.occurredAt) : Date.now();
  if (Number.isNaN(occurredAt)) problems.push({ field: ['occurredAt'], message: 'not a date-time' });
  if (problems.length > 0) return { ok: false, problems };
  const attributes = Object.fromEntries((sample.attributes ?? []).map(({ key, value }) => [key, value]));
  const ticket = sample.ticket;
  const change: TicketEventInit['change'] = sample.customType
    ? { case: 'custom', value: { type: sample.customType, attributes } }
    : sample.eventType === 'COMMENT_ADDED'
      ? { case: 'commentAdded', value: { body: sample.commentBody ?? '' } }
      : sample.eventType === 'STATUS_CHANGED'
        ? {
            case: 'statusChanged',
            value: { fromStatus: sample.fromStatus ?? '', toStatus: sample.toStatus ?? ticket.status ?? '' },
          }
        : sample.eventType === 'ASSIGNEES_CHANGED'
          ? {
              case: 'assigneesChanged',
              value: { added: refs(sample.addedAssigneeIds), removed: refs(sample.removedAssigneeIds) },
            }
          : sample.eventType === 'WORKFLOW_STEP_CHANGED'
            ? {
                case: 'workflowStepChanged',
                value: {
                  fromStep: { name: sample.fromStep ?? '' },
                  toStep: { id: ticket.stepId ?? '', name: ticket.stepName ?? '' },
                },
              }
            : { case: changeCases[sample.eventType!] as 'created', value: {} };
  const actorName = sample.actorName ?? (sample.actorId ? userName?.(sample.actorId) : undefined);
  return {
    ok: true,
    event: createTicketEvent({
      eventId: 'sample',
      tenantId,
      projectId: sample.projectId,
      occurredAt: timestampFromMs(occurredAt),
      ...(sample.actorId && { actor: { id: sample.actorId, displayName: actorName ?? '' } }),
      attributes,
      ticket: {
        id: ticket.id,
        key: ticket.key ?? '',
        title: ticket.title,
        url: ticket.url ?? '',
        path: ticket.path ?? '',
        status: ticket.status ?? '',
        priority: ticket.priority ?? '',
        ...(ticket.creatorId && { creator: { id: ticket.creatorId } }),
        assignees: refs(ticket.assigneeIds),
        watchers: refs(ticket.watcherIds),
        ...((ticket.stepId || ticket.stepName) && {
          currentStep: {
            id: ticket.stepId ?? '',
            name: ticket.stepName ?? '',
            assignees: refs(ticket.stepAssigneeIds),
          },
        }),
      },
      change,
    }),
  };
}

/** A sample event as the TicketEvent a producer would send, or the problems naming the sample's fields. */
export function ticketEventFromSample(
  tenantId: string,
  sample: SampleEventInput,
  userName?: (id: string) => string | undefined,
): SampleResult {
  if (!shared) return interimFromSample(tenantId, sample, userName);
  const result = shared(tenantId, sample, userName);
  return result.ok ? { ok: true, event: result.event as TicketEvent } : result;
}
