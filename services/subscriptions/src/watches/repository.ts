import type { AuditCause, AuditLog } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import { stateTopics, type WatchState, watchStateKey, watchStateSchema } from '@tidings/state';
import { and, asc, eq } from 'drizzle-orm';
import { outbox, type WatchRow, watches } from '../db/schema.ts';

export type WatchTargetKind = WatchState['targetKind'];

/** Longest ticket, project or user id accepted (the producers' ids, stored as given). */
export const WATCH_ID_LIMIT = 200;

export function toWatchState(row: WatchRow): WatchState {
  return watchStateSchema.parse({
    tenantId: row.tenantId,
    userId: row.userId,
    targetKind: row.targetKind,
    targetId: row.targetId,
    following: row.following,
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** A person's watch of a ticket or project, as the audit log keeps it. */
function watchChange(
  key: { userId: string; targetKind: WatchTargetKind; targetId: string },
  before: WatchRow | null,
  after: WatchRow | null,
) {
  const snapshot = (row: WatchRow | null) =>
    row && {
      userId: row.userId,
      targetKind: row.targetKind,
      targetId: row.targetId,
      following: row.following,
    };
  return {
    entityType: 'Watch',
    entityId: `${key.userId}/${key.targetKind}/${key.targetId}`,
    before: snapshot(before),
    after: snapshot(after),
  };
}

/**
 * One tenant's watches. A follow or unfollow is a row and its state snapshot in
 * `tidings.state.watches.v1`; clearing deletes the row and writes a tombstone, so the producer's own
 * watcher list decides again.
 */
export class WatchRepository {
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

  async set(
    userId: string,
    targetKind: WatchTargetKind,
    targetId: string,
    following: boolean,
    cause: AuditCause,
  ): Promise<WatchRow> {
    const row = await this.#db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(watches)
        .where(
          and(
            eq(watches.tenantId, this.#tenantId),
            eq(watches.userId, userId),
            eq(watches.targetKind, targetKind),
            eq(watches.targetId, targetId),
          ),
        )
        .for('update');
      const values = {
        tenantId: this.#tenantId,
        userId,
        targetKind,
        targetId,
        following,
        updatedAt: new Date(),
      };
      const [written] = await tx
        .insert(watches)
        .values(values)
        .onConflictDoUpdate({
          target: [watches.tenantId, watches.userId, watches.targetKind, watches.targetId],
          set: { following, updatedAt: values.updatedAt },
        })
        .returning();
      const state = toWatchState(written!);
      await enqueueOutbox(tx, outbox, [
        { topic: stateTopics.watches, key: watchStateKey(state), value: state },
      ]);
      if (before?.following !== following)
        await this.#audit.record(tx, cause, [watchChange(written!, before ?? null, written!)]);
      return written!;
    });
    this.#published();
    return row;
  }

  /** Whether there was a watch to clear (and its tombstone was queued). */
  async clear(
    userId: string,
    targetKind: WatchTargetKind,
    targetId: string,
    cause: AuditCause,
  ): Promise<boolean> {
    const cleared = await this.#db.transaction(async (tx) => {
      const [removed] = await tx
        .delete(watches)
        .where(
          and(
            eq(watches.tenantId, this.#tenantId),
            eq(watches.userId, userId),
            eq(watches.targetKind, targetKind),
            eq(watches.targetId, targetId),
          ),
        )
        .returning();
      if (!removed) return false;
      await enqueueOutbox(tx, outbox, [
        { topic: stateTopics.watches, key: watchStateKey(removed), value: null },
      ]);
      await this.#audit.record(tx, cause, [watchChange(removed, removed, null)]);
      return true;
    });
    if (cleared) this.#published();
    return cleared;
  }

  /** Watches on a ticket or project, following or not, by user id. */
  async onTarget(targetKind: WatchTargetKind, targetId: string): Promise<WatchRow[]> {
    return this.#db
      .select()
      .from(watches)
      .where(
        and(
          eq(watches.tenantId, this.#tenantId),
          eq(watches.targetKind, targetKind),
          eq(watches.targetId, targetId),
        ),
      )
      .orderBy(asc(watches.userId));
  }

  /** A person's watches, by target. */
  async ofUser(userId: string): Promise<WatchRow[]> {
    return this.#db
      .select()
      .from(watches)
      .where(and(eq(watches.tenantId, this.#tenantId), eq(watches.userId, userId)))
      .orderBy(asc(watches.targetKind), asc(watches.targetId));
  }
}
