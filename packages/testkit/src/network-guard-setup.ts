// vitest setupFiles entry (vitest.config.ts): installs the network guard in every test worker before any
// test file is imported, and fails a test after which a refused attempt was recorded, even one the code
// under test caught and swallowed. The test infrastructure's own hosts stay reachable when the
// environment points at another machine (KAFKA_BROKERS / DATABASE_URL); locally they are loopback anyway.
import { afterEach, inject } from 'vitest';
import { hostsOf, installNetworkGuard } from './network-guard.ts';
import type {} from './provided-context.ts';

const provided = (key: 'kafkaBrokers' | 'databaseUrl'): string | undefined => {
  try {
    return inject(key);
  } catch {
    return undefined;
  }
};

const guard = installNetworkGuard({
  infrastructureHosts: hostsOf(provided('kafkaBrokers'), provided('databaseUrl')),
});

afterEach(() => {
  guard.assertNoViolations();
});
