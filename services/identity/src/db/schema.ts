import { outboxTable } from '@tidings/db';
import type { IdentityOutcome, IdentityPlatform, IdentityState } from '@tidings/state';
import { index, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Everything the identity service stores lives in this Postgres schema (ARCHITECTURE §3). */
export const identity = pgSchema('identity');

/**
 * People a tenant's producers refer to. `id` is the producer's own user id, so it is unique per tenant
 * only: the same id in two tenants is two people.
 */
export const users = identity.table(
  'users',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    /** E.164, normalised on write. */
    phone: text('phone'),
    /** BCP 47, canonicalised on write; null: the tenant's default locale. */
    locale: text('locale'),
    /** IANA, canonicalised on write; times in this person's messages are shown in it. Null: the tenant's. */
    timeZone: text('time_zone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('users_tenant_email_idx').on(table.tenantId, table.email),
    index('users_tenant_phone_idx').on(table.tenantId, table.phone),
  ],
);

export type UserRow = typeof users.$inferSelect;

/**
 * A person's id on a platform set by hand or imported from the platform's member export (seed 001). It
 * wins over looking the person up, and is published to `tidings.state.identities.v1`.
 */
export const platformIdentities = identity.table(
  'platform_identities',
  {
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    platform: text('platform').$type<IdentityPlatform>().notNull(),
    platformUserId: text('platform_user_id').notNull(),
    source: text('source').$type<IdentityState['source']>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.userId, table.platform] })],
);

export type PlatformIdentityRow = typeof platformIdentities.$inferSelect;

/**
 * What the dispatcher last learnt looking a person up through a per-person channel (consumed from
 * `tidings.identity-outcomes.v1`), so people see "not registered in DingTalk" before they miss a message.
 */
export const identityOutcomes = identity.table(
  'identity_outcomes',
  {
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    channelId: text('channel_id').notNull(),
    platform: text('platform').$type<IdentityPlatform>().notNull(),
    status: text('status').$type<IdentityOutcome['status']>().notNull(),
    contact: text('contact'),
    platformUserId: text('platform_user_id'),
    reason: text('reason'),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.userId, table.channelId] })],
);

export type IdentityOutcomeRow = typeof identityOutcomes.$inferSelect;

/** What a person muted; the whole set is published to `tidings.state.preferences.v1`. */
export const preferences = identity.table(
  'preferences',
  {
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    mutedProjectIds: text('muted_project_ids').array().notNull().default([]),
    /** State-contract event types: `commentAdded`, `custom:pipeline.failed`. */
    mutedEventTypes: text('muted_event_types').array().notNull().default([]),
    mutedChannelIds: text('muted_channel_ids').array().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.userId] })],
);

export type PreferencesRow = typeof preferences.$inferSelect;

export const outbox = outboxTable(identity);
