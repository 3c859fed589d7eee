import { outboxTable } from '@tidings/db';
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
    /** BCP 47, canonicalised on write. */
    locale: text('locale').notNull().default('en'),
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

export const outbox = outboxTable(identity);
