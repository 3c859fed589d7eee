import { loadSubgraphEnvironment } from '@tidings/graphql';
import type { ChannelsServiceConfig } from './service.ts';

/** The only reader of `process.env` in the channels service; the rest sees a ChannelsServiceConfig. */
export function loadEnvironment(
  env: Record<string, string | undefined> = process.env,
): ChannelsServiceConfig {
  return loadSubgraphEnvironment({ service: 'channels', defaultPort: 4002, needsKeyring: true }, env);
}
