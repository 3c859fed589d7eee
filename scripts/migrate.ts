// Applies every service's committed drizzle migrations, for the Helm chart's pre-install/pre-upgrade Job.
//
// The services still migrate on start (packages/db migrateDatabase, same bookkeeping table in each
// service's own schema), so after this Job they find nothing left to do; running it first means a bad
// migration fails the upgrade before any pod is replaced. A session-level Postgres advisory lock is held
// around the whole run on each database, so two Jobs (a retried hook, two releases sharing a database)
// wait for each other instead of racing.
//
//   DATABASE_URL=postgres://… node scripts/migrate.ts                 # every service
//   DATABASE_URL=postgres://… node scripts/migrate.ts identity channels
//
// <SERVICE>_DATABASE_URL (e.g. DISPATCHER_DATABASE_URL) overrides DATABASE_URL for one service, for
// services on separate databases. Exit 0: every schema is up to date; exit 1: the reason is printed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase } from '@tidings/db';
import postgres from 'postgres';

/** Every service that owns tables: its Postgres schema and its committed migrations. */
export const migrationTargets = ['identity', 'channels', 'subscriptions', 'dispatcher'].map((service) => ({
  service,
  // Each service's schema is named after it (packages/graphql service.ts, services/dispatcher).
  schema: service,
  migrationsFolder: fileURLToPath(new URL(`../services/${service}/drizzle`, import.meta.url)),
}));

export type MigrationTarget = (typeof migrationTargets)[number];

/** One lock key for every Tidings migration on a database: hashtext() of a fixed name. */
export const MIGRATION_LOCK_NAME = 'tidings-migrate';

export interface MigrationOutcome {
  service: string;
  schema: string;
  /** Migrations recorded before and after this run. */
  before: number;
  after: number;
}

function journalSize(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

async function appliedCount(sql: postgres.Sql, schema: string): Promise<number> {
  // Two queries: Postgres resolves every table a statement names before running it, so one statement cannot
  // both check that the bookkeeping table exists and count its rows.
  const [table] = await sql<Array<{ name: string | null }>>`
    select to_regclass(${`"${schema}".__drizzle_migrations`})::text as name`;
  if (!table?.name) return 0;
  const [row] = await sql<Array<{ count: number }>>`
    select count(*)::int as count from ${sql(schema)}.__drizzle_migrations`;
  return row?.count ?? 0;
}

/**
 * Migrates the given services, each on its own database URL. For each distinct URL one connection takes
 * `pg_advisory_lock` first (URLs in a fixed order, so two runs never deadlock on each other) and releases
 * it when everything is done; a run that dies loses its session, and with it the lock.
 */
export async function migrateServices(options: {
  targets: MigrationTarget[];
  databaseUrl(service: string): string;
  log?: (line: string) => void;
}): Promise<MigrationOutcome[]> {
  const log = options.log ?? (() => {});
  const urls = [...new Set(options.targets.map((target) => options.databaseUrl(target.service)))].sort();
  const locks = new Map<string, postgres.Sql>();
  try {
    for (const url of urls) {
      // max 1: the lock and its release go over the same session.
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      locks.set(url, sql);
      await sql`select pg_advisory_lock(hashtext(${MIGRATION_LOCK_NAME}))`;
    }
    log(`holding the migration lock on ${urls.length} database(s)`);
    const outcomes: MigrationOutcome[] = [];
    for (const target of options.targets) {
      const url = options.databaseUrl(target.service);
      const lock = locks.get(url)!;
      const before = await appliedCount(lock, target.schema);
      const handle = await openDatabase({ url, maxConnections: 1 });
      try {
        await migrateDatabase(handle, { migrationsFolder: target.migrationsFolder, schema: target.schema });
      } finally {
        await handle.close();
      }
      const after = await appliedCount(lock, target.schema);
      const expected = journalSize(target.migrationsFolder);
      if (after !== expected) {
        throw new Error(`${target.service}: ${after} migrations recorded, but its journal lists ${expected}`);
      }
      log(
        `${target.service}: schema ${target.schema} at ${after} migrations (${after - before} applied now)`,
      );
      outcomes.push({ service: target.service, schema: target.schema, before, after });
    }
    return outcomes;
  } finally {
    for (const sql of locks.values()) {
      await sql`select pg_advisory_unlock(hashtext(${MIGRATION_LOCK_NAME}))`.catch(() => {});
      await sql.end({ timeout: 5 });
    }
  }
}

/** `DATABASE_URL`, overridden per service by `<SERVICE>_DATABASE_URL`; throws naming what is missing. */
export function databaseUrlFromEnvironment(
  env: Record<string, string | undefined>,
): (service: string) => string {
  return (service) => {
    const own = `${service.toUpperCase()}_DATABASE_URL`;
    const url = env[own] || env.DATABASE_URL;
    if (!url) throw new Error(`set DATABASE_URL (or ${own}) to the PostgreSQL URL`);
    return url;
  };
}

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((name) => !migrationTargets.some((target) => target.service === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown service(s): ${unknown.join(', ')}; known: ${migrationTargets.map((t) => t.service).join(', ')}`,
    );
  }
  const targets =
    argv.length === 0 ? migrationTargets : migrationTargets.filter((target) => argv.includes(target.service));
  const databaseUrl = databaseUrlFromEnvironment(process.env);
  // Fail before taking any lock when a URL is missing.
  for (const target of targets) databaseUrl(target.service);
  await migrateServices({ targets, databaseUrl, log: (line) => console.log(`migrate: ${line}`) });
  console.log('migrate: done');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await main(process.argv.slice(2));
  } catch (error) {
    console.error(`migrate: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
