// Fails when a service's drizzle schema (src/…/schema.ts) and its committed migrations (drizzle/) disagree.
//
// For every services/<name>/drizzle.config.ts, drizzle-kit generate runs against a scratch copy of the
// service's migrations, so the committed folder is never touched and nothing generated is left behind:
// "No schema changes" means they agree; anything else is drift, reported with the SQL that would fix it.
// Also checks that the migration journal and the .sql files match one to one.
//
//   node scripts/check-migrations.ts            # every service
//   node scripts/check-migrations.ts identity   # only these
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DRIZZLE_KIT = join(ROOT, 'node_modules', '.bin', 'drizzle-kit');
const TIMEOUT_MS = 180_000;

interface Outcome {
  service: string;
  ok: boolean;
  detail: string;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    // stdin closed: drizzle-kit asks interactively about renames, which counts as drift here.
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      output += `\n(timed out after ${TIMEOUT_MS / 1000}s: drizzle-kit may be waiting for an answer about a rename)`;
    }, TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output });
    });
  });
}

/** Every journal entry has its .sql file and every .sql file is in the journal. */
function journalProblems(migrationsDir: string): string[] {
  const journalPath = join(migrationsDir, 'meta', '_journal.json');
  if (!existsSync(journalPath)) return [`${relative(ROOT, journalPath)} is missing`];
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const tags = new Set(journal.entries.map((entry) => entry.tag));
  const files = new Set(
    readdirSync(migrationsDir)
      .filter((file) => file.endsWith('.sql'))
      .map((file) => basename(file, '.sql')),
  );
  return [
    ...[...tags]
      .filter((tag) => !files.has(tag))
      .map((tag) => `journal lists ${tag} but ${tag}.sql is missing`),
    ...[...files].filter((file) => !tags.has(file)).map((file) => `${file}.sql is not in the journal`),
  ];
}

async function check(serviceDir: string): Promise<Outcome> {
  const service = basename(serviceDir);
  const configPath = join(serviceDir, 'drizzle.config.ts');
  const configText = readFileSync(configPath, 'utf8');
  const out = /out:\s*['"]([^'"]+)['"]/.exec(configText)?.[1] ?? './drizzle';
  const migrationsDir = resolve(serviceDir, out);

  const problems = existsSync(migrationsDir) ? journalProblems(migrationsDir) : [];
  if (problems.length > 0) return { service, ok: false, detail: problems.join('\n') };

  // The scratch copy sits inside the service folder so the config's relative paths keep working.
  const scratch = mkdtempSync(join(serviceDir, '.check-migrations-'));
  const scratchConfig = join(serviceDir, `.check-migrations-${basename(scratch)}.config.ts`);
  try {
    if (existsSync(migrationsDir)) cpSync(migrationsDir, scratch, { recursive: true });
    writeFileSync(
      scratchConfig,
      `import config from './drizzle.config.ts';\nexport default { ...config, out: './${basename(scratch)}' };\n`,
    );
    const { code, output } = await run(
      DRIZZLE_KIT,
      ['generate', '--config', basename(scratchConfig)],
      serviceDir,
    );
    if (code === 0 && /No schema changes/i.test(output))
      return { service, ok: true, detail: 'no schema changes' };

    const before = new Set(existsSync(migrationsDir) ? readdirSync(migrationsDir) : []);
    const generated = readdirSync(scratch).filter((file) => file.endsWith('.sql') && !before.has(file));
    const sql = generated
      .map((file) => `-- ${file}\n${readFileSync(join(scratch, file), 'utf8')}`)
      .join('\n');
    return {
      service,
      ok: false,
      detail: sql
        ? `src schema and drizzle/ disagree; run \`npx drizzle-kit generate\` in ${relative(ROOT, serviceDir)} and commit. It would generate:\n${sql}`
        : `drizzle-kit generate failed (exit ${code}):\n${output.trim()}`,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(scratchConfig, { force: true });
  }
}

const only = new Set(process.argv.slice(2));
const servicesDir = join(ROOT, 'services');
const serviceDirs = readdirSync(servicesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(servicesDir, entry.name, 'drizzle.config.ts')))
  .filter((entry) => only.size === 0 || only.has(entry.name))
  .map((entry) => join(servicesDir, entry.name));

if (serviceDirs.length === 0) {
  console.error(
    only.size > 0
      ? `no service with a drizzle.config.ts among: ${[...only].join(', ')}`
      : 'no service has a drizzle.config.ts',
  );
  process.exit(1);
}

let failed = false;
for (const serviceDir of serviceDirs) {
  const outcome = await check(serviceDir);
  if (outcome.ok) {
    console.log(`ok    ${outcome.service}: ${outcome.detail}`);
  } else {
    failed = true;
    console.error(`DRIFT ${outcome.service}: ${outcome.detail}`);
  }
}
process.exit(failed ? 1 : 0);
