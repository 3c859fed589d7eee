import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { TicketEventSchema } from '@tidings/events';
import type { UserState } from '@tidings/state';
import { ticketUrlOf } from '@tidings/templates';
import type { DeliveryJob } from '../jobs.ts';
import type { MessageSource } from '../rendering/message.ts';
import type { StateStore } from '../state/store.ts';

/**
 * What every channel kind needs to render a job: the event, the people as Tidings knows them, and what
 * its messages are worded from (the rule's or tenant's templates, the tenant's settings).
 */
export function prepareJob(state: StateStore, job: DeliveryJob, userIds: readonly string[]) {
  const event = fromJson(TicketEventSchema, job.event as JsonValue);
  const recipients = userIds
    .map((id) => state.user(job.tenantId, id))
    .filter((user): user is UserState => user !== undefined);
  const actor = event.actor?.id ? state.user(job.tenantId, event.actor.id) : undefined;
  const settings = state.tenantSettings(job.tenantId);
  const ticketUrlPrefix = settings?.ticketUrlPrefix ?? null;
  const source: MessageSource = {
    event,
    eventType: job.eventType,
    templates: state.tenantTemplates(job.tenantId),
    templateId: job.templateId,
    ticketUrlPrefix,
    ticketUrl: ticketUrlOf(event, ticketUrlPrefix),
    userName: (userId) => state.user(job.tenantId, userId)?.name,
  };
  return { event, recipients, actor, settings, source };
}

export const channelGone = {
  kind: 'permanent',
  code: 'channel-gone',
  reason: 'the channel was deleted before the message was sent',
} as const;
