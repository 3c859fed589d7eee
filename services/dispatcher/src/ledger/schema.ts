import { bigserial, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const dispatcherSchema = pgSchema('dispatcher');

/**
 * The delivery ledger: one row per delivery (event × channel × target), keyed by the derived delivery id
 * so the same delivery can never be recorded, or sent, twice.
 * status: see DeliveryStatus.
 */
export const deliveries = dispatcherSchema.table(
  'deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    projectId: text('project_id').notNull(),
    ticketId: text('ticket_id').notNull(),
    channelId: text('channel_id').notNull(),
    channelKind: text('channel_kind').notNull(),
    target: text('target').notNull(),
    recipientUserIds: jsonb('recipient_user_ids').$type<string[]>().notNull(),
    status: text('status').$type<DeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastCode: text('last_code'),
    lastReason: text('last_reason'),
    providerMessageId: text('provider_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (table) => [
    index('deliveries_tenant_ticket_idx').on(table.tenantId, table.ticketId),
    index('deliveries_tenant_event_idx').on(table.tenantId, table.eventId),
  ],
);

/** Every attempt is a row: what was tried, how long it took, what the platform answered. */
export const deliveryAttempts = dispatcherSchema.table(
  'delivery_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => deliveries.id),
    attempt: integer('attempt').notNull(),
    outcome: text('outcome').notNull(),
    code: text('code'),
    reason: text('reason'),
    httpStatus: integer('http_status'),
    providerMessageId: text('provider_message_id'),
    durationMs: integer('duration_ms').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('delivery_attempts_delivery_idx').on(table.deliveryId)],
);

/** sending → delivered | failed (permanent) | retrying → … | dead (retry budget spent). */
export type DeliveryStatus = 'sending' | 'delivered' | 'failed' | 'retrying' | 'dead';
