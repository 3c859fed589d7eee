import type { AuditCause, AuditLog } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import {
  type PreferencesState,
  preferencesStateKey,
  preferencesStateSchema,
  stateTopics,
} from '@tidings/state';
import { and, eq, inArray } from 'drizzle-orm';
import { outbox, type PreferencesRow, preferences } from '../db/schema.ts';
import { applyMute, isEmpty, type MuteTarget } from './mutes.ts';

export function toPreferencesState(row: PreferencesRow): PreferencesState {
  // Parsing is the contract check: a snapshot the dispatcher would reject never reaches the outbox.
  return preferencesStateSchema.parse({
    tenantId: row.tenantId,
    userId: row.userId,
    mutedProjectIds: row.mutedProjectIds,
    mutedEventTypes: row.mutedEventTypes,
    mutedChannelIds: row.mutedChannelIds,
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** One tenant's mutes; every change publishes the person's whole set (a tombstone once it is empty). */
export class PreferencesRepository {
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

  async findByUsers(userIds: string[]): Promise<Map<string, PreferencesRow>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.#db
      .select()
      .from(preferences)
      .where(and(eq(preferences.tenantId, this.#tenantId), inArray(preferences.userId, userIds)));
    return new Map(rows.map((row) => [row.userId, row]));
  }

  /** Mutes or unmutes `target` for the person; the row afterwards (null if they never muted anything). */
  async change(
    userId: string,
    target: MuteTarget,
    mute: boolean,
    cause: AuditCause,
  ): Promise<PreferencesRow | null> {
    const result = await this.#db.transaction(async (tx) => {
      const where = and(eq(preferences.tenantId, this.#tenantId), eq(preferences.userId, userId));
      // A row to lock, so two first mutes at once each add their target instead of one overwriting the other.
      if (mute)
        await tx.insert(preferences).values({ tenantId: this.#tenantId, userId }).onConflictDoNothing();
      const [current] = await tx.select().from(preferences).where(where).for('update');
      if (!current) return { row: null, changed: false };
      const after = applyMute(current, target, mute);
      if (after === current) return { row: current, changed: false };
      const [row] = await tx
        .update(preferences)
        .set({
          mutedProjectIds: after.mutedProjectIds,
          mutedEventTypes: after.mutedEventTypes,
          mutedChannelIds: after.mutedChannelIds,
          updatedAt: new Date(),
        })
        .where(where)
        .returning();
      const state = toPreferencesState(row!);
      await enqueueOutbox(tx, outbox, [
        {
          topic: stateTopics.preferences,
          key: preferencesStateKey(state),
          value: isEmpty(after) ? null : state,
        },
      ]);
      const mutes = (of: PreferencesRow) => ({
        mutedProjectIds: of.mutedProjectIds,
        mutedEventTypes: of.mutedEventTypes,
        mutedChannelIds: of.mutedChannelIds,
      });
      await this.#audit.record(tx, cause, [
        { entityType: 'Preferences', entityId: userId, before: mutes(current), after: mutes(row!) },
      ]);
      return { row: row!, changed: true };
    });
    if (result.changed) this.#published();
    return result.row;
  }
}
