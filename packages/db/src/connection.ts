import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** A drizzle handle over either driver; repositories only ever see this type. */
export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** The rows of a raw `db.execute`: postgres-js returns them as the result itself, PGlite in its `rows`. */
export function executedRows<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export type DatabaseOptions =
  /** A real PostgreSQL server (production, tests). */
  | { url: string; maxConnections?: number }
  /** Embedded PGlite in a data directory: the default for a first local run with no DATABASE_URL. */
  | { pgliteDataDir: string };

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if ('url' in options) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(options.url, { max: options.maxConnections ?? 10, onnotice: () => {} });
    return {
      db: drizzle(client) as unknown as Database,
      driver: 'postgres',
      close: () => client.end({ timeout: 5 }),
    };
  }
  mkdirSync(options.pgliteDataDir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = new PGlite(options.pgliteDataDir);
  await client.waitReady;
  return { db: drizzle(client) as unknown as Database, driver: 'pglite', close: () => client.close() };
}

/**
 * Applies a service's committed drizzle-kit migrations. The bookkeeping table lives in the service's own
 * schema, so services sharing one database never see each other's migration history.
 */
export async function migrateDatabase(
  handle: DatabaseHandle,
  options: { migrationsFolder: string; schema: string },
): Promise<void> {
  const config = {
    migrationsFolder: options.migrationsFolder,
    migrationsSchema: options.schema,
    migrationsTable: '__drizzle_migrations',
  };
  if (handle.driver === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver-specific handle type.
    await migrate(handle.db as any, config);
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver-specific handle type.
    await migrate(handle.db as any, config);
  }
}
