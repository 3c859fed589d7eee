import { index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dispatcherSchema } from '../ledger/schema.ts';

/**
 * The audit log of configuration changes: one row per changed entity, as the subgraphs recorded it in the
 * transaction that made the change (who, through which mutation, before/after with secrets masked). Keyed
 * by the record's own id, so a record read twice from Kafka is stored once.
 */
export const auditLog = dispatcherSchema.table(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    actorId: text('actor_id').notNull(),
    actorRoles: jsonb('actor_roles').$type<string[]>().notNull(),
    mutation: text('mutation').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    /** When the change was made (the subgraph's clock, millisecond precision). */
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [
    index('audit_log_tenant_at_idx').on(table.tenantId, table.at, table.id),
    index('audit_log_tenant_entity_idx').on(table.tenantId, table.entityType, table.entityId, table.at),
    index('audit_log_tenant_actor_idx').on(table.tenantId, table.actorId, table.at),
  ],
);

export type AuditLogRow = typeof auditLog.$inferSelect;
