import type { AuditCause, AuditLog } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import { stateTopics, tenantSettingsStateKey, tenantSettingsStateSchema } from '@tidings/state';
import { eq } from 'drizzle-orm';
import { outbox, type TenantSettingsRow, tenantSettings } from '../db/schema.ts';
import type { Settings } from './validation.ts';

/** What the audit log keeps of a tenant's settings (nothing in them is secret). */
function settingsSnapshot(row: TenantSettingsRow | undefined) {
  if (!row) return null;
  const { tenantId: _, updatedAt: __, ...settings } = row;
  return settings;
}

/**
 * One tenant's settings: a row once changed, published to `tidings.state.tenant-settings.v1`, and each
 * change in the audit log, in the same transaction.
 */
export class SettingsRepository {
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

  async find(): Promise<TenantSettingsRow | null> {
    const [row] = await this.#db
      .select()
      .from(tenantSettings)
      .where(eq(tenantSettings.tenantId, this.#tenantId));
    return row ?? null;
  }

  async save(settings: Settings, cause: AuditCause): Promise<TenantSettingsRow> {
    const row = await this.#db.transaction(async (tx) => {
      // Locked, so the audit's "before" is what this change replaced.
      const [before] = await tx
        .select()
        .from(tenantSettings)
        .where(eq(tenantSettings.tenantId, this.#tenantId))
        .for('update');
      const values = { tenantId: this.#tenantId, ...settings, updatedAt: new Date() };
      const [written] = await tx
        .insert(tenantSettings)
        .values(values)
        .onConflictDoUpdate({
          target: tenantSettings.tenantId,
          set: { ...settings, updatedAt: values.updatedAt },
        })
        .returning();
      const state = tenantSettingsStateSchema.parse({
        ...written!,
        updatedAt: written!.updatedAt.toISOString(),
      });
      await enqueueOutbox(tx, outbox, [
        { topic: stateTopics.tenantSettings, key: tenantSettingsStateKey(state), value: state },
      ]);
      await this.#audit.record(tx, cause, [
        {
          entityType: 'TenantSettings',
          entityId: this.#tenantId,
          before: settingsSnapshot(before),
          after: settingsSnapshot(written),
        },
      ]);
      return written!;
    });
    this.#published();
    return row;
  }
}
