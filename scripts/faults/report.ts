// What a fault scenario shows: named counts, some of them checked, printed as a small table.

export interface Check {
  op: '=' | '<=' | '>=';
  value: number;
}

export interface Count {
  /** Stable name, for tests: `lost`, `duplicates.robot`, … */
  key: string;
  label: string;
  value: number;
  check?: Check;
}

export interface ScenarioResult {
  scenario: string;
  /** What was done, in a line: size, kills, outage. */
  summary: string;
  counts: Count[];
  notes: string[];
}

export function holds(count: Count): boolean {
  const { check, value } = count;
  if (!check) return true;
  if (check.op === '=') return value === check.value;
  if (check.op === '<=') return value <= check.value;
  return value >= check.value;
}

export function failures(result: ScenarioResult): Count[] {
  return result.counts.filter((count) => !holds(count));
}

/** The value of `key`; throws when the scenario did not report it (a typo in a test must not pass). */
export function countOf(result: ScenarioResult, key: string): number {
  const count = result.counts.find((c) => c.key === key);
  if (!count) throw new Error(`${result.scenario} reports no count ${key}`);
  return count.value;
}

export function formatResult(result: ScenarioResult): string {
  const rows = result.counts.map((count) => [
    count.label,
    String(count.value),
    count.check ? `${count.check.op} ${count.check.value}` : '',
    count.check ? (holds(count) ? 'ok' : 'FAIL') : '',
  ]);
  const header = ['count', 'value', 'check', ''];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const failed = failures(result).length;
  return [
    `${result.scenario}: ${result.summary}`,
    `  ${line(header)}`,
    `  ${line(widths.map((width) => '-'.repeat(width)))}`,
    ...rows.map((row) => `  ${line(row)}`),
    ...result.notes.map((note) => `  note: ${note}`),
    `  ${failed === 0 ? 'PASS' : `FAIL (${failed} check${failed === 1 ? '' : 's'})`}`,
  ].join('\n');
}
