// vitest globalSetup: starts real Kafka and PostgreSQL once per test run (from KAFKA_BROKERS / DATABASE_URL,
// else Docker, else local binaries; see scripts/infra) and provides their endpoints to test files.
// The run's data lives in .data/test-infra/<timestamp>-<pid> and is removed at teardown
// (TIDINGS_KEEP_TEST_INFRA=1 keeps it, with the broker's and the server's logs).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startInfrastructure } from '../../../scripts/infra/index.ts';
import { repoRoot, silenceNegativeTimeoutWarning } from '../../../scripts/infra/process.ts';
import type {} from './provided-context.ts';

const runsDir = join(repoRoot, '.data', 'test-infra');

/** Removes data directories of earlier runs whose process is gone (a crash or a kill skips teardown). */
function pruneAbandonedRuns(): void {
  let entries: string[];
  try {
    entries = readdirSync(runsDir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(/-(\d+)$/.exec(entry)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH')
        rmSync(join(runsDir, entry), { recursive: true, force: true });
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  silenceNegativeTimeoutWarning();
  pruneAbandonedRuns();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const dataDir = join(runsDir, `${stamp}-${process.pid}`);
  mkdirSync(dataDir, { recursive: true });
  const infra = await startInfrastructure({ dataDir, need: { kafka: true, postgres: true } });
  if (infra.kafkaBrokers === undefined || infra.databaseUrl === undefined) {
    await infra.stop();
    throw new Error('startInfrastructure returned without Kafka or PostgreSQL');
  }
  project.provide('kafkaBrokers', infra.kafkaBrokers);
  project.provide('databaseUrl', infra.databaseUrl);

  return async () => {
    await infra.stop();
    if (process.env.TIDINGS_KEEP_TEST_INFRA !== '1') rmSync(dataDir, { recursive: true, force: true });
  };
}
