import type { AuditCause, AuditLog } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import type { Page } from '@tidings/graphql';
import {
  type NotificationServiceState,
  notificationServiceStateKey,
  notificationServiceStateSchema,
  stateTopics,
} from '@tidings/state';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { isChannelId } from '../channels/repository.ts';
import { channels, type NotificationServiceRow, notificationServices, outbox } from '../db/schema.ts';

/** A write, or the given channel ids the tenant does not have (a channel deleted meanwhile). */
export type ServiceWrite =
  | { kind: 'written'; row: NotificationServiceRow }
  | { kind: 'unknown-channels'; ids: string[] };

/** Ids are uuids: anything else names no service (and must not reach a uuid column). */
export function isNotificationServiceId(value: string): boolean {
  return isChannelId(value);
}

export interface NotificationServiceValues {
  name: string;
  description: string | null;
  /** Channels of the tenant, already checked. */
  channelIds: string[];
  memberUserIds: string[];
  enabled: boolean;
}

export function toNotificationServiceState(row: NotificationServiceRow): NotificationServiceState {
  return notificationServiceStateSchema.parse({
    tenantId: row.tenantId,
    id: row.id,
    name: row.name,
    // The contract's description is a plain string: no description is an empty one.
    description: row.description ?? '',
    channelIds: row.channelIds,
    memberUserIds: row.memberUserIds,
    enabled: row.enabled,
    updatedAt: row.updatedAt.toISOString(),
  });
}

export function notificationServiceMessage(row: NotificationServiceRow) {
  const state = toNotificationServiceState(row);
  return { topic: stateTopics.notificationServices, key: notificationServiceStateKey(state), value: state };
}

/** What the audit log keeps of a service (nothing in it is secret). */
export function notificationServiceSnapshot(row: NotificationServiceRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    channelIds: row.channelIds,
    memberUserIds: row.memberUserIds,
    enabled: row.enabled,
  };
}

function serviceChange(before: NotificationServiceRow | null, after: NotificationServiceRow | null) {
  return {
    entityType: 'NotificationService',
    entityId: (after ?? before)!.id,
    before: before && notificationServiceSnapshot(before),
    after: after && notificationServiceSnapshot(after),
  };
}

/**
 * One tenant's notification services. Every write stores the row and its state snapshot (for
 * `tidings.state.notification-services.v1`, a tombstone on delete) in one transaction.
 */
export class NotificationServiceRepository {
  readonly #db: Database;
  readonly #tenantId: string;
  readonly #published: () => void;
  readonly #audit: AuditLog;

  constructor(db: Database, tenantId: string, published: () => void, audit: AuditLog) {
    this.#db = db;
    this.#tenantId = tenantId;
    this.#published = published;
    this.#audit = audit;
  }

  async findByIds(ids: string[]): Promise<Map<string, NotificationServiceRow>> {
    const valid = ids.filter(isNotificationServiceId);
    if (valid.length === 0) return new Map();
    const rows = await this.#db
      .select()
      .from(notificationServices)
      .where(and(eq(notificationServices.tenantId, this.#tenantId), inArray(notificationServices.id, valid)));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Services ordered by id, `page.limit + 1` of them. */
  async list(page: Page<string>): Promise<NotificationServiceRow[]> {
    const tenant = eq(notificationServices.tenantId, this.#tenantId);
    return this.#db
      .select()
      .from(notificationServices)
      .where(page.after === null ? tenant : and(tenant, gt(notificationServices.id, page.after)))
      .orderBy(asc(notificationServices.id))
      .limit(page.limit + 1);
  }

  async create(values: NotificationServiceValues, cause: AuditCause): Promise<ServiceWrite> {
    const result = await this.#db.transaction(async (tx): Promise<ServiceWrite> => {
      const missing = await this.#lockChannels(tx, values.channelIds);
      if (missing.length > 0) return { kind: 'unknown-channels', ids: missing };
      const now = new Date();
      const [inserted] = await tx
        .insert(notificationServices)
        .values({ tenantId: this.#tenantId, ...values, createdAt: now, updatedAt: now })
        .returning();
      await enqueueOutbox(tx, outbox, [notificationServiceMessage(inserted!)]);
      await this.#audit.record(tx, cause, [serviceChange(null, inserted!)]);
      return { kind: 'written', row: inserted! };
    });
    if (result.kind === 'written') this.#published();
    return result;
  }

  /** null when the tenant has no such service. */
  async update(
    id: string,
    values: NotificationServiceValues,
    cause: AuditCause,
  ): Promise<ServiceWrite | null> {
    if (!isNotificationServiceId(id)) return null;
    const result = await this.#db.transaction(async (tx): Promise<ServiceWrite | null> => {
      const missing = await this.#lockChannels(tx, values.channelIds);
      if (missing.length > 0) return { kind: 'unknown-channels', ids: missing };
      const [before] = await tx.select().from(notificationServices).where(this.#one(id)).for('update');
      if (!before) return null;
      const [updated] = await tx
        .update(notificationServices)
        .set({ ...values, updatedAt: new Date() })
        .where(this.#one(id))
        .returning();
      if (!updated) return null;
      await enqueueOutbox(tx, outbox, [notificationServiceMessage(updated)]);
      await this.#audit.record(tx, cause, [serviceChange(before, updated)]);
      return { kind: 'written', row: updated };
    });
    if (result?.kind === 'written') this.#published();
    return result;
  }

  /**
   * FOR SHARE: a channel cannot be deleted between this check and the write (deleteChannel removes it
   * from services, but only from those already stored). Returns the ids that are not the tenant's.
   */
  async #lockChannels(tx: Database, channelIds: readonly string[]): Promise<string[]> {
    const valid = channelIds.filter(isChannelId);
    const found =
      valid.length === 0
        ? []
        : await tx
            .select({ id: channels.id })
            .from(channels)
            .where(and(eq(channels.tenantId, this.#tenantId), inArray(channels.id, valid)))
            .for('share');
    const known = new Set(found.map((row) => row.id));
    return channelIds.filter((id) => !known.has(id));
  }

  /** Whether a service was deleted (and a tombstone published). */
  async delete(id: string, cause: AuditCause): Promise<boolean> {
    if (!isNotificationServiceId(id)) return false;
    const deleted = await this.#db.transaction(async (tx) => {
      const [removed] = await tx.delete(notificationServices).where(this.#one(id)).returning();
      if (!removed) return false;
      await enqueueOutbox(tx, outbox, [
        { topic: stateTopics.notificationServices, key: notificationServiceStateKey(removed), value: null },
      ]);
      await this.#audit.record(tx, cause, [serviceChange(removed, null)]);
      return true;
    });
    if (deleted) this.#published();
    return deleted;
  }

  #one(id: string) {
    return and(eq(notificationServices.tenantId, this.#tenantId), eq(notificationServices.id, id));
  }
}
