// A vitest reporter (added next to the default one in the root vitest.config.ts) that fails the run when any
// test is skipped or marked todo: the suite runs against real infrastructure everywhere, so nothing may be
// skipped for lack of it. Runs filtered by test name (-t) are exempt, since the filter itself skips tests.
// Tests left unrun because a hook of their suite or file failed are not counted: that failure is reported.
import type { Reporter, TestCase, TestModule, TestSuite, Vitest } from 'vitest/node';

function enclosingFailure(test: TestCase): boolean {
  let scope: TestSuite | TestModule = test.parent;
  for (;;) {
    if (scope.state() === 'failed') return true;
    if (scope.type === 'module') return false;
    scope = scope.parent;
  }
}

export class NoSkippedTests implements Reporter {
  private filteredByName = false;

  onInit(vitest: Vitest): void {
    this.filteredByName = vitest.config.testNamePattern !== undefined;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (this.filteredByName) return;
    const skipped: string[] = [];
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests('skipped')) {
        const { mode } = test.options;
        if (mode === 'run' && enclosingFailure(test)) continue;
        const how = mode === 'run' ? 'skipped at run time' : mode;
        skipped.push(`  ${testModule.relativeModuleId} > ${test.fullName} (${how})`);
      }
    }
    if (skipped.length === 0) return;
    console.error(`\nNo test may be skipped, but ${skipped.length} were:\n${skipped.join('\n')}\n`);
    process.exitCode = 1;
  }
}
