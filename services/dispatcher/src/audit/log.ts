import { randomUUID } from 'node:crypto';
import { type AuditCause, type AuditChange, type AuditRecord, auditRecord } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { type AuditLogRow, auditLog } from './schema.ts';

/** Stores records as the subgraphs sent them; one already stored (read again from Kafka) is skipped. */
export async function storeAuditRecords(db: Database, records: readonly AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db
    .insert(auditLog)
    .values(
      records.map((record) => ({
        id: record.id,
        tenantId: record.tenantId,
        actorId: record.actor.userId,
        actorRoles: record.actor.roles,
        mutation: record.mutation,
        entityType: record.entityType,
        entityId: record.entityId,
        before: record.before,
        after: record.after,
        at: new Date(record.at),
      })),
    )
    .onConflictDoNothing({ target: auditLog.id });
}

/** The dispatcher's own changes (replays) go straight into its table, in the transaction making them. */
export async function recordAudit(tx: Database, cause: AuditCause, changes: AuditChange[]): Promise<void> {
  const at = new Date();
  await storeAuditRecords(
    tx,
    changes.map((change) => auditRecord(cause, change, randomUUID(), at)),
  );
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
}

/** A keyset position, newest first: the change's instant (ISO, milliseconds as stored), then the id. */
export interface AuditCursor {
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function parseAuditCursor(value: unknown): AuditCursor | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [at, id] = value as unknown[];
  if (typeof at !== 'string' || !ISO_MILLIS.test(at) || typeof id !== 'string' || !UUID.test(id)) return null;
  return { at, id };
}

export const auditCursorKey = (row: AuditLogRow) => [row.at.toISOString(), row.id];

/** One tenant's audit log, newest first: `limit + 1` rows after `after`. */
export async function listAuditLog(
  db: Database,
  tenantId: string,
  filter: AuditFilter,
  page: { limit: number; after: AuditCursor | null },
): Promise<AuditLogRow[]> {
  const conditions: SQL[] = [eq(auditLog.tenantId, tenantId)];
  if (filter.entityType !== undefined) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId !== undefined) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.actorId !== undefined) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.since) conditions.push(gte(auditLog.at, filter.since));
  if (filter.until) conditions.push(lt(auditLog.at, filter.until));
  if (page.after)
    conditions.push(
      sql`(${auditLog.at}, ${auditLog.id}) < (${page.after.at}::timestamptz, ${page.after.id}::uuid)`,
    );
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit + 1);
}
