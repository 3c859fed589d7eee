// The Helm checks (scripts/helm-check) as part of the suite: lint --strict, template and kubeconform for the
// default values and every value set in ci/, and the generated README. The first run on a machine builds
// helm and kubeconform with go install into .tools/ (minutes); later runs take seconds.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function run(command: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

// A cold machine compiles helm (a large Go build on two shared cores): allow it 30 minutes.
it('scripts/helm-check passes: lint, render and kubeconform every value set, README up to date', {
  timeout: 1_800_000,
}, async () => {
  const { code, output } = await run('scripts/helm-check');
  if (code !== 0) console.error(output);
  expect(code).toBe(0);
  const summaries = output.split('\n').filter((line) => line.startsWith('Summary: '));
  // Four value sets (default, autoscaling, production, sandbox) × two Kubernetes versions.
  expect(summaries).toHaveLength(8);
  for (const summary of summaries) {
    expect(summary).toMatch(/Valid: [1-9]\d*, Invalid: 0, Errors: 0, Skipped: 0$/);
  }
  expect(output).toContain('is up to date');
  expect(output).toContain('helm-check: all green');
});
