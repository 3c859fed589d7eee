// What a benchmark prints: one row per figure, with its target and PASS/MISS where the issue sets one.

export interface Target {
  op: '>=' | '<=';
  value: number;
}

export interface Row {
  /** Stable name, for the smoke test: `throughput.deliveriesPerSecond`, … */
  key: string;
  label: string;
  value: number;
  unit: string;
  target?: Target;
}

export interface BenchResult {
  bench: string;
  /** What was run, in a line: sizes, rate, duration. */
  summary: string;
  rows: Row[];
  notes: string[];
}

export function passes(row: Row): boolean | undefined {
  if (!row.target) return undefined;
  return row.target.op === '>=' ? row.value >= row.target.value : row.value <= row.target.value;
}

/** The value of `key`; throws when the benchmark did not report it. */
export function rowValue(result: BenchResult, key: string): number {
  const row = result.rows.find((r) => r.key === key);
  if (!row) throw new Error(`${result.bench} reports no row ${key}`);
  return row.value;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Rows as a plain-text table (also valid Markdown). */
export function formatResult(result: BenchResult): string {
  const cells = result.rows.map((row) => {
    const ok = passes(row);
    return [
      row.label,
      `${formatNumber(row.value)}${row.unit ? ` ${row.unit}` : ''}`,
      row.target ? `${row.target.op} ${formatNumber(row.target.value)}${row.unit ? ` ${row.unit}` : ''}` : '',
      ok === undefined ? '' : ok ? 'PASS' : 'MISS',
    ];
  });
  const header = ['figure', 'value', 'target', ''];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => row[column]!.length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => (column === 1 || column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join(' | ')} |`;
  return [
    `${result.bench}: ${result.summary}`,
    '',
    line(header),
    `|${widths.map((width, column) => (column === 1 || column === 2 ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`,
    ...cells.map(line),
    ...(result.notes.length > 0 ? ['', ...result.notes.map((note) => `- ${note}`)] : []),
  ].join('\n');
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}
