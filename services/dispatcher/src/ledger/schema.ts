import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import type { DeliveryJob } from '../jobs.ts';

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
    /** The credential the channel sends with: rate limits, circuits and digest queues are per credential. */
    credentialId: text('credential_id'),
    target: text('target').notNull(),
    recipientUserIds: jsonb('recipient_user_ids').$type<string[]>().notNull(),
    status: text('status').$type<DeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastCode: text('last_code'),
    lastReason: text('last_reason'),
    providerMessageId: text('provider_message_id'),
    /**
     * The job as it was routed, kept while it may be sent again from here rather than from Kafka: queued
     * behind a rate limit, or dead/failed (what a replay sends).
     */
    job: jsonb('job').$type<DeliveryJob>(),
    /** Set while the delivery is part of a digest being sent: the digest's idempotency key. */
    digestId: text('digest_id'),
    /** The attempt the current retry budget counts from: a replay starts a fresh budget. */
    retryFromAttempt: integer('retry_from_attempt').notNull().default(0),
    /** When a retrying or queued delivery is due to be tried next. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (table) => [
    index('deliveries_tenant_ticket_idx').on(table.tenantId, table.ticketId),
    index('deliveries_tenant_event_idx').on(table.tenantId, table.eventId),
    index('deliveries_tenant_channel_idx').on(table.tenantId, table.channelId, table.createdAt),
    index('deliveries_tenant_status_idx').on(table.tenantId, table.status, table.updatedAt),
    index('deliveries_recipients_idx').using('gin', table.recipientUserIds),
    // The digest queues: small, read in order per credential.
    index('deliveries_queued_idx')
      .on(table.credentialId, table.createdAt)
      .where(sql`${table.status} in ('queued', 'digesting')`),
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

/**
 * sending → delivered | failed (permanent) | retrying → … | dead (retry budget spent).
 * Behind a rate limit or an open circuit, a group delivery waits as `queued`, then goes out with others in
 * one digest message (`digesting` while that message is being sent), and ends like any other.
 */
export type DeliveryStatus =
  | 'queued'
  | 'digesting'
  | 'sending'
  | 'delivered'
  | 'failed'
  | 'retrying'
  | 'dead';

/** Statuses a delivery never leaves by itself (a replay moves dead and failed ones back to retrying). */
export const finalStatuses: readonly DeliveryStatus[] = ['delivered', 'failed', 'dead'];
