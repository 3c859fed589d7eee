import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DatabaseOptions } from '@tidings/db';
import { createSubgraphService, type Logger, type SubgraphService } from '@tidings/graphql';
import { stateTopics } from '@tidings/state';
import { createContextBuilder, type SubscriptionsContext } from './context.ts';
import { outbox } from './db/schema.ts';
import { ruleResolvers } from './rules/resolvers.ts';

export interface SubscriptionsServiceConfig {
  http: { host: string; port: number };
  database: DatabaseOptions;
  kafka: { brokers: string[] };
  /** Verifies the claims the gateway forwards. */
  claimsSecret: string;
  logger?: Logger;
}

export const SUBSCRIPTIONS_SDL_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** The subscriptions subgraph: notification rules, published to `tidings.state.rules.v1`. */
export function createSubscriptionsService(config: SubscriptionsServiceConfig): SubgraphService {
  return createSubgraphService<SubscriptionsContext>({
    name: 'subscriptions',
    database: config.database,
    migrationsFolder: MIGRATIONS_FOLDER,
    outbox,
    kafka: config.kafka,
    stateTopics: [stateTopics.rules],
    http: config.http,
    claimsSecret: config.claimsSecret,
    typeDefs: readFileSync(SUBSCRIPTIONS_SDL_PATH, 'utf8'),
    ...(config.logger ? { logger: config.logger } : {}),
    graphql: ({ db, published }) => ({
      resolvers: ruleResolvers,
      buildContext: createContextBuilder(db, published),
    }),
  });
}
