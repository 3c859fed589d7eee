import { outboxTable } from '@tidings/db';
import type { RecipientRole } from '@tidings/state';
import { boolean, index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Everything the subscriptions service stores lives in this Postgres schema (ARCHITECTURE §3). */
export const subscriptions = pgSchema('subscriptions');

/** Who hears about which events, and where: the dispatcher matches every event against these. */
export const rules = subscriptions.table(
  'rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    /** null: every project of the tenant. */
    projectIds: text('project_ids').array(),
    /** State contract values: `created`, `commentAdded`, …, `custom:<type>`. */
    eventTypes: text('event_types').array().notNull(),
    roles: text('roles').array().$type<RecipientRole[]>().notNull(),
    userIds: text('user_ids').array().notNull(),
    /** Channels of the channels service (ids only: no service reads another's tables). */
    channelIds: text('channel_ids').array().notNull(),
    excludeActor: boolean('exclude_actor').notNull().default(true),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('rules_tenant_id_idx').on(table.tenantId, table.id),
    index('rules_project_ids_idx').using('gin', table.projectIds),
  ],
);

export type RuleRow = typeof rules.$inferSelect;

export const outbox = outboxTable(subscriptions);
