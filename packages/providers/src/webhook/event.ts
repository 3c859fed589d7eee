/**
 * The JSON body Tidings POSTs to a generic webhook: one event envelope per delivery.
 * Documented for receivers in ./README.md. Every field is always present (null or empty when
 * unknown), so receivers need no existence checks; new fields may be added, never removed.
 */
export type WebhookEvent = {
  /** `<object>.<what happened>`, e.g. `ticket.comment_added`, `ticket.status_changed`. */
  type: string;
  /** The idempotency key; equal to the `x-tidings-delivery-id` header and the same on every retry. */
  deliveryId: string;
  /** When the change happened (RFC 3339, UTC), not when this attempt was made. */
  occurredAt: string;
  tenantId: string;
  projectId: string;
  ticket: WebhookTicket;
  actor: WebhookPerson | null;
  recipients: WebhookPerson[];
  /** What changed, e.g. `{ "field": "status", "from": "open", "to": "resolved" }` or `{ "comment": {...} }`. */
  change: Record<string, unknown>;
  /** Free-form attributes of the source event (labels, priority, links), passed through as given. */
  attributes: Record<string, unknown>;
};

export type WebhookTicket = {
  id: string;
  /** Human-facing key such as `OPS-42`, when the source system has one. */
  key: string | null;
  title: string;
  status: string | null;
  url: string | null;
};

export type WebhookPerson = {
  id: string;
  name: string | null;
  email: string | null;
};
