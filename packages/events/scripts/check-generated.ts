// Guards the event contract: buf lint, buf breaking against the last commit that touched proto/ on main
// (when there is one), and the committed generated code must equal a fresh generation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const protoDir = resolve(import.meta.dirname, '../../../proto');
const committedDir = resolve(import.meta.dirname, '../src/gen');
const run = (args: string[]) =>
  execFileSync('buf', args, { cwd: protoDir, stdio: ['ignore', 'pipe', 'inherit'] });

run(['lint']);

const base = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', 'origin/main'], { cwd: protoDir })
      .toString()
      .trim();
  } catch {
    return '';
  }
})();
if (base) run(['breaking', '--against', `${resolve(protoDir, '..')}/.git#ref=${base},subdir=proto`]);
else console.log('events: no origin/main to compare with; buf breaking skipped for this checkout');

const freshDir = mkdtempSync(join(tmpdir(), 'tidings-proto-'));
try {
  const template = readFileSync(join(protoDir, 'buf.gen.yaml'), 'utf8').replace(
    /out: \.\.\/packages\/events\/src\/gen/,
    `out: ${freshDir}`,
  );
  run(['generate', '--template', template]);
  const list = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? list(path) : [path];
    });
  const fresh = list(freshDir)
    .map((path) => relative(freshDir, path))
    .sort();
  const committed = list(committedDir)
    .map((path) => relative(committedDir, path))
    .sort();
  const differing = [...new Set([...fresh, ...committed])].filter((file) => {
    try {
      return readFileSync(join(freshDir, file), 'utf8') !== readFileSync(join(committedDir, file), 'utf8');
    } catch {
      return true;
    }
  });
  if (differing.length > 0) {
    console.error(
      `events: generated code is stale (${differing.join(', ')}). Run: npm run --workspace @tidings/events generate`,
    );
    process.exit(1);
  }
  console.log('events: buf lint passed and generated code is up to date');
} finally {
  rmSync(freshDir, { recursive: true, force: true });
}
