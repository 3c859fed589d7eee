import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import { stateTopics, tenantSettingsStateKey, tenantSettingsStateSchema } from '@tidings/state';
import { eq } from 'drizzle-orm';
import { outbox, type TenantSettingsRow, tenantSettings } from '../db/schema.ts';
import type { Settings } from './validation.ts';

/** One tenant's settings: a row once changed, published to `tidings.state.tenant-settings.v1`. */
export class SettingsRepository {
  readonly #db: Database;
  readonly #tenantId: string;
  readonly #published: () => void;

  constructor(db: Database, tenantId: string, published: () => void) {
    this.#db = db;
    this.#tenantId = tenantId;
    this.#published = published;
  }

  async find(): Promise<TenantSettingsRow | null> {
    const [row] = await this.#db
      .select()
      .from(tenantSettings)
      .where(eq(tenantSettings.tenantId, this.#tenantId));
    return row ?? null;
  }

  async save(settings: Settings): Promise<TenantSettingsRow> {
    const row = await this.#db.transaction(async (tx) => {
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
      return written!;
    });
    this.#published();
    return row;
  }
}
