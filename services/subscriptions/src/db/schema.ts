import { outboxTable } from '@tidings/db';
import type { RecipientRole, TemplateFormat } from '@tidings/state';
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Everything the subscriptions service stores lives in this Postgres schema (ARCHITECTURE §3). */
export const subscriptions = pgSchema('subscriptions');

/** A tenant's own wording for messages (see `templateStateSchema`). */
export const templates = subscriptions.table(
  'templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    /** State contract value (`commentAdded`, `custom:pipeline.failed`); null: used only where a rule names it. */
    eventType: text('event_type'),
    format: text('format').$type<TemplateFormat>().notNull(),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('templates_tenant_id_idx').on(table.tenantId, table.id),
    // One tenant-wide override per event type, format and locale: the dispatcher could not choose between two.
    uniqueIndex('templates_override_idx')
      .on(table.tenantId, table.eventType, table.format, table.locale)
      .where(sql`${table.eventType} is not null`),
  ],
);

export type TemplateRow = typeof templates.$inferSelect;

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
    /** Ticket statuses after the change; empty: any. */
    statuses: text('statuses').array().notNull().default(sql`'{}'::text[]`),
    /** Workflow step ids or names; empty: any. */
    steps: text('steps').array().notNull().default(sql`'{}'::text[]`),
    roles: text('roles').array().$type<RecipientRole[]>().notNull(),
    userIds: text('user_ids').array().notNull(),
    /** Channels of the channels service (ids only: no service reads another's tables). */
    channelIds: text('channel_ids').array().notNull(),
    /** Notification services of the channels service. */
    serviceIds: text('service_ids').array().notNull().default(sql`'{}'::text[]`),
    /** A template of the same tenant; a template in use cannot be deleted. */
    templateId: uuid('template_id').references(() => templates.id, { onDelete: 'restrict' }),
    mentionAll: boolean('mention_all').notNull().default(false),
    excludeActor: boolean('exclude_actor').notNull().default(true),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('rules_tenant_id_idx').on(table.tenantId, table.id),
    index('rules_project_ids_idx').using('gin', table.projectIds),
    index('rules_template_id_idx').on(table.templateId),
  ],
);

export type RuleRow = typeof rules.$inferSelect;

/** A person following (or explicitly not following) a ticket or a project; no row: the producer decides. */
export const watches = subscriptions.table(
  'watches',
  {
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    targetKind: text('target_kind').$type<'ticket' | 'project'>().notNull(),
    targetId: text('target_id').notNull(),
    following: boolean('following').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.userId, table.targetKind, table.targetId] }),
    index('watches_target_idx').on(table.tenantId, table.targetKind, table.targetId),
  ],
);

export type WatchRow = typeof watches.$inferSelect;

/** Per-tenant settings; no row: the defaults (en, UTC, no URL prefix). */
export const tenantSettings = subscriptions.table('tenant_settings', {
  tenantId: text('tenant_id').primaryKey(),
  ticketUrlPrefix: text('ticket_url_prefix'),
  defaultLocale: text('default_locale').notNull(),
  defaultTimeZone: text('default_time_zone').notNull(),
  /** The tenant's outbound allowlist (CIDRs and host names), canonical form; empty: none. */
  outboundAllow: text('outbound_allow').array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type TenantSettingsRow = typeof tenantSettings.$inferSelect;

export const outbox = outboxTable(subscriptions);
