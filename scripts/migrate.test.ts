// scripts/migrate.ts against the run's real PostgreSQL: every service's schema ends up at its journal's
// migrations, a second run applies nothing, and a run waits while another holds the migration lock.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase, waitFor } from '@tidings/testkit';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_NAME, migrateServices, migrationTargets } from './migrate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const execFileAsync = promisify(execFile);
const run = (file: string, args: string[], options: { env: NodeJS.ProcessEnv }) =>
  execFileAsync(file, args, { ...options, cwd: ROOT });

function journalSize(folder: string): number {
  return (JSON.parse(readFileSync(`${folder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] }).entries
    .length;
}

describe('scripts/migrate.ts', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;

  beforeAll(async () => {
    database = await createTestDatabase('migrate');
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end();
    await database?.drop();
  });

  it('migrates every service from the command line, then finds nothing left to apply', async () => {
    const first = await run(process.execPath, ['scripts/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    for (const target of migrationTargets) {
      const count = journalSize(target.migrationsFolder);
      expect(first.stdout).toContain(
        `${target.service}: schema ${target.schema} at ${count} migrations (${count} applied now)`,
      );
    }
    expect(first.stdout).toContain('migrate: done');

    const tables = await sql<Array<{ schema: string }>>`
      select distinct table_schema as schema from information_schema.tables
      where table_schema in ${sql(migrationTargets.map((t) => t.schema))} and table_name <> '__drizzle_migrations'`;
    expect(tables.map((t) => t.schema).sort()).toEqual(migrationTargets.map((t) => t.schema).sort());

    const again = await migrateServices({ targets: migrationTargets, databaseUrl: () => database.url });
    expect(again.map((o) => o.after - o.before)).toEqual(migrationTargets.map(() => 0));
  });

  it('waits while another session holds the migration lock', async () => {
    const holder = await sql.reserve();
    await holder`select pg_advisory_lock(hashtext(${MIGRATION_LOCK_NAME}))`;
    let finished = false;
    const migrating = migrateServices({ targets: migrationTargets, databaseUrl: () => database.url }).then(
      (outcomes) => {
        finished = true;
        return outcomes;
      },
    );
    try {
      // The run is blocked on the advisory lock: another backend waits for it in pg_locks.
      await waitFor('the run to wait for the migration lock', async () => {
        const [row] = await sql<Array<{ waiting: number }>>`
          select count(*)::int as waiting from pg_locks
          where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`;
        return (row?.waiting ?? 0) > 0;
      });
      expect(finished).toBe(false);
    } finally {
      await holder`select pg_advisory_unlock(hashtext(${MIGRATION_LOCK_NAME}))`;
      holder.release();
    }
    const outcomes = await migrating;
    expect(outcomes.map((o) => o.service)).toEqual(migrationTargets.map((t) => t.service));
  });

  it('refuses an unknown service and a missing DATABASE_URL, naming them', async () => {
    const unknown = run(process.execPath, ['scripts/migrate.ts', 'billing'], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    await expect(unknown).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('billing') });
    const { DATABASE_URL: _omitted, ...env } = process.env;
    const missing = run(process.execPath, ['scripts/migrate.ts', 'identity'], { env });
    await expect(missing).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('IDENTITY_DATABASE_URL'),
    });
  });
});
