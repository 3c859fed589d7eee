import { loadSubgraphEnvironment } from '@tidings/graphql';
import type { SubscriptionsServiceConfig } from './service.ts';

/** The only reader of `process.env` in the subscriptions service; the rest sees a SubscriptionsServiceConfig. */
export function loadEnvironment(
  env: Record<string, string | undefined> = process.env,
): SubscriptionsServiceConfig {
  return loadSubgraphEnvironment({ service: 'subscriptions', defaultPort: 4003, needsKeyring: false }, env);
}
