import { loadSubgraphEnvironment } from '@tidings/graphql';
import type { IdentityServiceConfig } from './service.ts';

/** The only reader of `process.env` in the identity service; the rest sees a IdentityServiceConfig. */
export function loadEnvironment(
  env: Record<string, string | undefined> = process.env,
): IdentityServiceConfig {
  return loadSubgraphEnvironment({ service: 'identity', defaultPort: 4001, needsKeyring: false }, env);
}
