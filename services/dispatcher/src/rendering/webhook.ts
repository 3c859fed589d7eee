import { toJson } from '@bufbuild/protobuf';
import { type TicketEvent, TicketEventSchema } from '@tidings/events';
import type { WebhookEvent, WebhookPerson } from '@tidings/providers';
import type { UserState } from '@tidings/state';
import type { Render } from './message.ts';

const person = (user: UserState): WebhookPerson => ({ id: user.id, name: user.name, email: user.email });

/** `commentAdded` → `ticket.comment_added`; custom changes keep their own type: `custom.pipeline.failed`. */
export function webhookEventType(event: TicketEvent): string {
  const change = event.change;
  if (change.case === 'custom') return `custom.${change.value.type}`;
  return `ticket.${(change.case ?? 'updated').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

/**
 * The documented webhook envelope (packages/providers/src/webhook/README.md), plus the message as the
 * tenant's template words it (`title`, and `text` in the template's text format) for receivers that only
 * relay it.
 */
export function renderWebhookEvent(input: {
  event: TicketEvent;
  deliveryId: string;
  actor: UserState | undefined;
  recipients: readonly UserState[];
  render: Render;
}): WebhookEvent & { title: string; text: string } {
  const message = input.render();
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
      // Absolute even when the event carries only a path (the tenant's URL prefix, seed 002).
      url: message.ticketUrl ?? (ticket?.url || null),
    },
    actor: input.actor
      ? person(input.actor)
      : event.actor?.id
        ? { id: event.actor.id, name: event.actor.displayName || null, email: null }
        : null,
    recipients: input.recipients.map(person),
    change: change ?? {},
    attributes: { ...event.attributes },
    title: message.title,
    text: message.body,
  };
}
