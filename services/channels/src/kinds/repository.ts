import type { AuditCause, AuditLog } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import {
  type ChannelKind,
  type ChannelKindState,
  channelKindStateKey,
  channelKindStateSchema,
  channelKinds,
  stateTopics,
} from '@tidings/state';
import { and, eq } from 'drizzle-orm';
import { type ChannelKindSettingRow, channelKindSettings, outbox } from '../db/schema.ts';

/** One kind's switch as the API shows it; `updatedAt` null when the kind was never switched. */
export interface KindSetting {
  kind: ChannelKind;
  enabled: boolean;
  updatedAt: Date | null;
}

/** Every kind in the contract's order; a kind without a stored switch is enabled (seeds 002, 003). */
export function kindSettingsOf(rows: readonly ChannelKindSettingRow[]): KindSetting[] {
  const stored = new Map(rows.map((row) => [row.kind, row]));
  return channelKinds.map((kind) => {
    const row = stored.get(kind);
    return { kind, enabled: row?.enabled ?? true, updatedAt: row?.updatedAt ?? null };
  });
}

function toChannelKindState(row: ChannelKindSettingRow): ChannelKindState {
  return channelKindStateSchema.parse({
    tenantId: row.tenantId,
    kind: row.kind,
    enabled: row.enabled,
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** One tenant's kind switches, published to `tidings.state.channel-kinds.v1`. */
export class ChannelKindRepository {
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

  async list(): Promise<KindSetting[]> {
    const rows = await this.#db
      .select()
      .from(channelKindSettings)
      .where(eq(channelKindSettings.tenantId, this.#tenantId));
    return kindSettingsOf(rows);
  }

  /** Idempotent: switching a kind to what it already is stores and publishes nothing. */
  async setEnabled(kind: ChannelKind, enabled: boolean, cause: AuditCause): Promise<KindSetting> {
    const { row, changed } = await this.#db.transaction(async (tx) => {
      // FOR UPDATE: two admins switching the same kind at once publish in the order they stored.
      const [existing] = await tx
        .select()
        .from(channelKindSettings)
        .where(and(eq(channelKindSettings.tenantId, this.#tenantId), eq(channelKindSettings.kind, kind)))
        .for('update');
      if (existing?.enabled === enabled) return { row: existing, changed: false };
      const now = new Date();
      const [stored] = await tx
        .insert(channelKindSettings)
        .values({ tenantId: this.#tenantId, kind, enabled, updatedAt: now })
        .onConflictDoUpdate({
          target: [channelKindSettings.tenantId, channelKindSettings.kind],
          set: { enabled, updatedAt: now },
        })
        .returning();
      const state = toChannelKindState(stored!);
      await enqueueOutbox(tx, outbox, [
        { topic: stateTopics.channelKinds, key: channelKindStateKey(state), value: state },
      ]);
      // A kind never switched is enabled: that is its "before".
      await this.#audit.record(tx, cause, [
        {
          entityType: 'ChannelKindSetting',
          entityId: kind,
          before: { kind, enabled: existing?.enabled ?? true },
          after: { kind, enabled },
        },
      ]);
      return { row: stored!, changed: true };
    });
    if (changed) this.#published();
    return { kind: row.kind, enabled: row.enabled, updatedAt: row.updatedAt };
  }
}
