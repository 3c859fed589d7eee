// Generates a chart's README.md from the `# --` comments in its values.yaml (helm-docs' convention), so the
// documented values and the real ones cannot drift apart. The README is README.template.md with the values
// table in place of its `<!-- values -->` line, formatted by biome (as the repository's check formats it).
//
//   node scripts/helm-docs.ts                 # writes charts/tidings/README.md
//   node scripts/helm-docs.ts --check         # exit 1 when README.md is not what would be generated
//   node scripts/helm-docs.ts charts/other    # another chart
//
// Every value needs a `# --` comment directly above its key (more `#` lines continue it). A comment on a
// map documents the whole map, shown with its default; a map without one must document each of its keys.
// values.yaml is read with a small parser for the YAML this chart uses (block maps, scalars, flow `[]`/`{}`
// lists and maps); anything else is refused with its line number rather than misread.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PLACEHOLDER = '<!-- values -->';

export interface DocumentedValue {
  /** Dotted path, e.g. `gateway.jwt.issuer`. */
  key: string;
  /** JSON of the default. */
  defaultValue: string;
  description: string;
}

interface Line {
  number: number;
  indent: number;
  text: string;
}

function scalar(raw: string, line: number): unknown {
  const value = raw.trim();
  if (value === '') return null;
  if (value.startsWith('"')) return JSON.parse(value);
  if (value.startsWith("'")) return value.slice(1, -1).replaceAll("''", "'");
  if (value === 'true' || value === 'false') return value === 'true';
  if (value === 'null' || value === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value.startsWith('[') && value.endsWith(']')) {
    const inner = value.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((item) => scalar(item, line));
  }
  if (value === '{}') return {};
  if (/^[[{|>&*!-]/.test(value)) throw new Error(`values.yaml:${line}: unsupported YAML: ${value}`);
  return value;
}

/** Strips a trailing ` # comment` outside quotes. */
function withoutComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ')) return text.slice(0, i).trimEnd();
  }
  return text;
}

/** Parses a block map of `lines` at `indent` (the lines are the map's, deeper ones its children's). */
function parseMap(
  lines: Line[],
  start: number,
  indent: number,
): { value: Record<string, unknown>; next: number } {
  const value: Record<string, unknown> = {};
  let i = start;
  while (i < lines.length && lines[i]!.indent >= indent) {
    const line = lines[i]!;
    if (line.indent > indent) throw new Error(`values.yaml:${line.number}: unexpected indentation`);
    const match = /^([A-Za-z0-9_.-]+):(?:\s(.*))?$/.exec(line.text);
    if (!match) throw new Error(`values.yaml:${line.number}: expected "key: value", got: ${line.text}`);
    const [, key, rest = ''] = match;
    const inline = withoutComment(rest).trim();
    const child = lines[i + 1];
    if (inline === '' && child && child.indent > indent) {
      const nested = parseMap(lines, i + 1, child.indent);
      value[key!] = nested.value;
      i = nested.next;
    } else {
      value[key!] = scalar(inline, line.number);
      i++;
    }
  }
  return { value, next: i };
}

/** Documented values of a values.yaml text, in file order; throws listing every undocumented value. */
export function documentValues(text: string): DocumentedValue[] {
  const all = text.split('\n').map((raw, index) => ({ raw, number: index + 1 }));
  const content: Line[] = all
    .filter(({ raw }) => raw.trim() !== '' && !raw.trim().startsWith('#'))
    .map(({ raw, number }) => ({ number, indent: raw.length - raw.trimStart().length, text: raw.trim() }));
  const tree = parseMap(content, 0, 0).value;

  // The `# --` comment right above each key line (continued by further `#` lines), by line number.
  const descriptions = new Map<number, string>();
  let pending: string[] | null = null;
  for (const { raw, number } of all) {
    const trimmed = raw.trim();
    if (trimmed.startsWith('# --')) pending = [trimmed.slice(4).trim()];
    else if (trimmed.startsWith('#') && pending) pending.push(trimmed.slice(1).trim());
    else if (trimmed === '') pending = null;
    else {
      if (pending) descriptions.set(number, pending.join(' '));
      pending = null;
    }
  }

  const documented: DocumentedValue[] = [];
  const missing: string[] = [];
  const stack: Array<{ indent: number; key: string }> = [];
  let skipBelow: number | null = null;
  for (const line of content) {
    if (skipBelow !== null) {
      if (line.indent > skipBelow) continue;
      skipBelow = null;
    }
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= line.indent) stack.pop();
    const key = line.text.slice(0, line.text.indexOf(':'));
    const path = [...stack.map((entry) => entry.key), key];
    const value = path.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
    const description = descriptions.get(line.number);
    const isMap = typeof value === 'object' && value !== null && !Array.isArray(value);
    const hasChildren = isMap && Object.keys(value).length > 0;
    if (description !== undefined) {
      documented.push({ key: path.join('.'), defaultValue: JSON.stringify(value), description });
      if (hasChildren) skipBelow = line.indent;
    } else if (hasChildren) {
      stack.push({ indent: line.indent, key });
    } else {
      missing.push(`values.yaml:${line.number}: ${path.join('.')} has no "# --" comment`);
    }
  }
  if (missing.length > 0) throw new Error(missing.join('\n'));
  return documented;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

export function valuesTable(values: DocumentedValue[]): string {
  const rows = values.map(
    (value) => `| \`${value.key}\` | \`${cell(value.defaultValue)}\` | ${cell(value.description)} |`,
  );
  return ['| Key | Default | Description |', '| --- | --- | --- |', ...rows].join('\n');
}

function biomeFormat(markdown: string, path: string): string {
  const biome = join(ROOT, 'node_modules', '.bin', 'biome');
  const result = spawnSync(biome, ['format', `--stdin-file-path=${path}`], {
    input: markdown,
    encoding: 'utf8',
    cwd: ROOT,
  });
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr}`);
  return result.stdout;
}

export function renderReadme(chartDir: string): string {
  const template = readFileSync(join(chartDir, 'README.template.md'), 'utf8');
  if (!template.includes(PLACEHOLDER)) throw new Error(`README.template.md has no ${PLACEHOLDER} line`);
  const table = valuesTable(documentValues(readFileSync(join(chartDir, 'values.yaml'), 'utf8')));
  const generated = `<!-- Generated by scripts/helm-docs.ts from README.template.md and values.yaml: edit those. -->\n${template.replace(PLACEHOLDER, table)}`;
  return biomeFormat(generated, join(chartDir, 'README.md'));
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const chartDir = resolve(ROOT, argv.find((arg) => !arg.startsWith('--')) ?? 'charts/tidings');
  const readmePath = join(chartDir, 'README.md');
  const readme = renderReadme(chartDir);
  if (!check) {
    writeFileSync(readmePath, readme);
    console.log(`helm-docs: wrote ${readmePath}`);
    return 0;
  }
  let current = '';
  try {
    current = readFileSync(readmePath, 'utf8');
  } catch {}
  if (current === readme) {
    console.log(`helm-docs: ${readmePath} is up to date`);
    return 0;
  }
  console.error(`helm-docs: ${readmePath} is out of date: run node scripts/helm-docs.ts`);
  return 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`helm-docs: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
