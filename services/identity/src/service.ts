import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DatabaseOptions } from '@tidings/db';
import { createSubgraphService, type Logger, type SubgraphService } from '@tidings/graphql';
import { stateTopics } from '@tidings/state';
import { createContextBuilder, type IdentityContext } from './context.ts';
import { outbox } from './db/schema.ts';
import { userResolvers } from './users/resolvers.ts';

export interface IdentityServiceConfig {
  http: { host: string; port: number };
  database: DatabaseOptions;
  kafka: { brokers: string[] };
  /** Verifies the claims the gateway forwards. */
  claimsSecret: string;
  logger?: Logger;
}

export const IDENTITY_SDL_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** The identity subgraph: users, published to `tidings.state.users.v1`. */
export function createIdentityService(config: IdentityServiceConfig): SubgraphService {
  return createSubgraphService<IdentityContext>({
    name: 'identity',
    database: config.database,
    migrationsFolder: MIGRATIONS_FOLDER,
    outbox,
    kafka: config.kafka,
    stateTopics: [stateTopics.users],
    http: config.http,
    claimsSecret: config.claimsSecret,
    typeDefs: readFileSync(IDENTITY_SDL_PATH, 'utf8'),
    ...(config.logger ? { logger: config.logger } : {}),
    graphql: ({ db, published }) => ({
      resolvers: userResolvers,
      buildContext: createContextBuilder(db, published),
    }),
  });
}
