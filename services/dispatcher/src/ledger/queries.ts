import type { Database } from '@tidings/db';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { type DeliveryStatus, deliveries, deliveryAttempts } from './schema.ts';

/**
 * What a caller may read of the ledger: always one tenant; `restrictTo` (everyone but tenant admins)
 * narrows it to the deliveries of some projects or addressed to one person.
 */
export interface LedgerScope {
  tenantId: string;
  restrictTo?: { projectIds: readonly string[]; recipientUserId: string | null };
}

/** Which deliveries; every field set narrows. */
export interface DeliveryFilter {
  ticketId?: string;
  channelId?: string;
  projectId?: string;
  /** Deliveries whose recipients include this person (the GIN index on recipient_user_ids). */
  recipientUserId?: string;
  statuses?: readonly DeliveryStatus[];
  lastCode?: string;
  /** On the list's order column: `since` inclusive, `until` exclusive. */
  since?: Date;
  until?: Date;
}

/**
 * Lists are newest first by when the delivery was created, the dead-letter queue by when it last changed
 * (when it failed).
 */
export type DeliveryOrder = 'created' | 'updated';

/** A keyset position: the order column at microsecond precision (as Postgres keeps it), then the id. */
export interface DeliveryCursor {
  order: DeliveryOrder;
  at: string;
  id: string;
}

export const deadLetterStatuses: readonly DeliveryStatus[] = ['dead', 'failed'];

export interface DeliveryRow {
  id: string;
  tenantId: string;
  eventId: string;
  eventType: string;
  projectId: string;
  ticketId: string;
  channelId: string;
  channelKind: string;
  target: string;
  recipientUserIds: string[];
  status: DeliveryStatus;
  attempts: number;
  lastCode: string | null;
  lastReason: string | null;
  providerMessageId: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
  /** Whether the row keeps its job (what a replay sends); the job itself is not read for lists. */
  hasJob: boolean;
}

export interface AttemptRow {
  deliveryId: string;
  attempt: number;
  outcome: string;
  code: string | null;
  reason: string | null;
  httpStatus: number | null;
  durationMs: number;
  startedAt: Date;
}

const ISO_MICROS = `YYYY-MM-DD"T"HH24:MI:SS.US"Z"`;
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A decoded cursor's key, or null when it is not one of a list in this order. */
export function parseDeliveryCursor(order: DeliveryOrder) {
  return (value: unknown): DeliveryCursor | null => {
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [kind, at, id] = value as unknown[];
    if (kind !== order || typeof at !== 'string' || !CURSOR_AT.test(at)) return null;
    if (typeof id !== 'string' || id === '') return null;
    return { order, at, id };
  };
}

/** What encodeCursor stores for a row: compact, and checked by parseDeliveryCursor on the way back. */
export const cursorKey = (order: DeliveryOrder, row: DeliveryRow & { cursorAt: string }) => [
  order,
  row.cursorAt,
  row.id,
];

const columns = {
  id: deliveries.id,
  tenantId: deliveries.tenantId,
  eventId: deliveries.eventId,
  eventType: deliveries.eventType,
  projectId: deliveries.projectId,
  ticketId: deliveries.ticketId,
  channelId: deliveries.channelId,
  channelKind: deliveries.channelKind,
  target: deliveries.target,
  recipientUserIds: deliveries.recipientUserIds,
  status: deliveries.status,
  attempts: deliveries.attempts,
  lastCode: deliveries.lastCode,
  lastReason: deliveries.lastReason,
  providerMessageId: deliveries.providerMessageId,
  nextAttemptAt: deliveries.nextAttemptAt,
  createdAt: deliveries.createdAt,
  updatedAt: deliveries.updatedAt,
  deliveredAt: deliveries.deliveredAt,
  hasJob: sql<boolean>`(${deliveries.job} is not null)`.as('has_job'),
};

const containsRecipient = (userId: string) =>
  sql`${deliveries.recipientUserIds} @> ${JSON.stringify([userId])}::jsonb`;

/** The scope as a condition: the tenant, and for non-admins their projects or what is addressed to them. */
export function scopeCondition(scope: LedgerScope): SQL {
  const tenant = eq(deliveries.tenantId, scope.tenantId);
  if (!scope.restrictTo) return tenant;
  const { projectIds, recipientUserId } = scope.restrictTo;
  const allowed: SQL[] = [];
  if (projectIds.length > 0) allowed.push(inArray(deliveries.projectId, [...projectIds]));
  if (recipientUserId) allowed.push(containsRecipient(recipientUserId));
  // Nothing allowed: a condition that holds for no row.
  return and(tenant, allowed.length > 0 ? or(...allowed) : sql`false`)!;
}

const orderColumn = (order: DeliveryOrder) =>
  order === 'created' ? deliveries.createdAt : deliveries.updatedAt;

export function filterConditions(filter: DeliveryFilter, order: DeliveryOrder): SQL[] {
  const column = orderColumn(order);
  const conditions: SQL[] = [];
  if (filter.ticketId !== undefined) conditions.push(eq(deliveries.ticketId, filter.ticketId));
  if (filter.channelId !== undefined) conditions.push(eq(deliveries.channelId, filter.channelId));
  if (filter.projectId !== undefined) conditions.push(eq(deliveries.projectId, filter.projectId));
  if (filter.recipientUserId !== undefined) conditions.push(containsRecipient(filter.recipientUserId));
  if (filter.statuses && filter.statuses.length > 0)
    conditions.push(inArray(deliveries.status, [...filter.statuses]));
  if (filter.lastCode !== undefined) conditions.push(eq(deliveries.lastCode, filter.lastCode));
  if (filter.since) conditions.push(gte(column, filter.since));
  if (filter.until) conditions.push(lt(column, filter.until));
  return conditions;
}

/** Read-only queries over the ledger for the deliveries subgraph; every one is bound to a scope. */
export class DeliveryQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /**
   * One page, newest first: `limit + 1` rows after `after` (the extra row only says there is more), each
   * with its cursor position.
   */
  async list(
    scope: LedgerScope,
    filter: DeliveryFilter,
    page: { order: DeliveryOrder; limit: number; after: DeliveryCursor | null },
  ): Promise<Array<DeliveryRow & { cursorAt: string }>> {
    const column = orderColumn(page.order);
    const conditions = [scopeCondition(scope), ...filterConditions(filter, page.order)];
    if (page.after)
      conditions.push(sql`(${column}, ${deliveries.id}) < (${page.after.at}::timestamptz, ${page.after.id})`);
    return this.db
      .select({
        ...columns,
        cursorAt: sql<string>`to_char(${column} at time zone 'UTC', ${ISO_MICROS})`.as('cursor_at'),
      })
      .from(deliveries)
      .where(and(...conditions))
      .orderBy(desc(column), desc(deliveries.id))
      .limit(page.limit + 1);
  }

  /** The deliveries with these ids that the scope may see, by id. */
  async byIds(scope: LedgerScope, ids: readonly string[]): Promise<Map<string, DeliveryRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select(columns)
      .from(deliveries)
      .where(and(scopeCondition(scope), inArray(deliveries.id, [...ids])));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Every attempt of these deliveries, first to last, by delivery id: one query for a whole page. */
  async attempts(deliveryIds: readonly string[]): Promise<Map<string, AttemptRow[]>> {
    const found = new Map<string, AttemptRow[]>(deliveryIds.map((id) => [id, []]));
    if (deliveryIds.length === 0) return found;
    const rows = await this.db
      .select({
        deliveryId: deliveryAttempts.deliveryId,
        attempt: deliveryAttempts.attempt,
        outcome: deliveryAttempts.outcome,
        code: deliveryAttempts.code,
        reason: deliveryAttempts.reason,
        httpStatus: deliveryAttempts.httpStatus,
        durationMs: deliveryAttempts.durationMs,
        startedAt: deliveryAttempts.startedAt,
      })
      .from(deliveryAttempts)
      .where(inArray(deliveryAttempts.deliveryId, [...deliveryIds]))
      .orderBy(asc(deliveryAttempts.deliveryId), asc(deliveryAttempts.attempt), asc(deliveryAttempts.id));
    for (const row of rows) found.get(row.deliveryId)?.push(row);
    return found;
  }

  /**
   * Ids of the dead letters (dead or failed) matching the filter, oldest failure first, at most `limit`:
   * those keeping their job (what a replay takes), or those without one (what it cannot).
   */
  async deadLetterIds(
    scope: LedgerScope,
    filter: DeliveryFilter,
    options: { withJob: boolean; limit: number },
  ): Promise<string[]> {
    const rows = await this.db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(
        and(
          scopeCondition(scope),
          ...filterConditions({ ...filter, statuses: deadLetterStatuses }, 'updated'),
          options.withJob ? isNotNull(deliveries.job) : isNull(deliveries.job),
        ),
      )
      .orderBy(asc(deliveries.updatedAt), asc(deliveries.id))
      .limit(options.limit);
    return rows.map((row) => row.id);
  }
}
