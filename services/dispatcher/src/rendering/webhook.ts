import { toJson } from '@bufbuild/protobuf';
import { type TicketEvent, TicketEventSchema } from '@tidings/events';
import type { WebhookEvent, WebhookPerson } from '@tidings/providers';
import type { UserState } from '@tidings/state';

const person = (user: UserState): WebhookPerson => ({ id: user.id, name: user.name, email: user.email });

/** `commentAdded` → `ticket.comment_added`; custom changes keep their own type: `custom.pipeline.failed`. */
export function webhookEventType(event: TicketEvent): string {
  const change = event.change;
  if (change.case === 'custom') return `custom.${change.value.type}`;
  return `ticket.${(change.case ?? 'updated').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

/** The documented webhook envelope (packages/providers/src/webhook/README.md). */
export function renderWebhookEvent(input: {
  event: TicketEvent;
  deliveryId: string;
  actor: UserState | undefined;
  recipients: UserState[];
}): WebhookEvent {
  const { event } = input;
  const json = toJson(TicketEventSchema, event) as Record<string, unknown>;
  const change = event.change.case ? (json[event.change.case] as Record<string, unknown>) : {};
  const ticket = event.ticket;
  return {
    type: webhookEventType(event),
    deliveryId: input.deliveryId,
    occurredAt: String(json.occurredAt),
    tenantId: event.tenantId,
    projectId: event.projectId,
    ticket: {
      id: ticket?.id ?? '',
      key: ticket?.key || null,
      title: ticket?.title ?? '',
      status: ticket?.status || null,
      url: ticket?.url || null,
    },
    actor: input.actor
      ? person(input.actor)
      : event.actor?.id
        ? { id: event.actor.id, name: event.actor.displayName || null, email: null }
        : null,
    recipients: input.recipients.map(person),
    change: change ?? {},
    attributes: { ...event.attributes },
  };
}
