// One vitest run for the whole repository, against real Kafka and PostgreSQL: the globalSetup starts them
// (or uses KAFKA_BROKERS / DATABASE_URL) and test files reach them through @tidings/testkit.
import { defineConfig } from 'vitest/config';
import { NoSkippedTests } from './packages/testkit/src/no-skipped-tests.ts';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'services/*/src/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'test/**/*.test.ts',
      'scripts/**/*.test.ts',
      'charts/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/.data/**'],
    // TIDINGS_NO_INFRA=1 runs pure unit tests without starting Kafka and Postgres (a quick inner loop);
    // tests that need them then fail at testInfrastructure(). CI never sets it.
    globalSetup: process.env.TIDINGS_NO_INFRA === '1' ? [] : ['packages/testkit/src/global-setup.ts'],
    // No test reaches an address outside 127.0.0.0/8 and ::1: DNS lookups, sockets and UDP are guarded in
    // every worker, and a test during which an attempt was made fails (see network-guard.ts).
    setupFiles: ['packages/testkit/src/network-guard-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    // Two cores: at most two test files at once (the broker and the database need CPU too).
    maxWorkers: 2,
    // kafkajs 2.2.4 arms negative timeouts, which Node 24 reports; harmless (see scripts/infra/process.ts).
    execArgv: ['--disable-warning=TimeoutNegativeWarning'],
    // No focused tests sneak into a commit, and a skipped or todo test fails the run.
    allowOnly: false,
    reporters: ['default', new NoSkippedTests()],
  },
});
