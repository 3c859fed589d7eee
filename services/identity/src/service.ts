import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { createAuditLog, ensureAuditTopic } from '@tidings/audit';
import type { DatabaseOptions } from '@tidings/db';
import { createSubgraphService, dateTimeScalar, type Logger, type SubgraphService } from '@tidings/graphql';
import { stateTopics } from '@tidings/state';
import { createContextBuilder, type IdentityContext } from './context.ts';
import { outbox } from './db/schema.ts';
import type { Resolvers } from './generated/graphql.ts';
import { DEFAULT_OUTCOMES_CONSUMER_GROUP, identityOutcomesConsumer } from './identities/outcomes.ts';
import { identityResolvers } from './identities/resolvers.ts';
import { preferencesResolvers } from './preferences/resolvers.ts';
import { userResolvers } from './users/resolvers.ts';

export interface IdentityServiceConfig {
  http: { host: string; port: number };
  database: DatabaseOptions;
  kafka: { brokers: string[] };
  /** Verifies the claims the gateway forwards. */
  claimsSecret: string;
  /** Consumer group reading the dispatcher's identity outcomes; tests give each service its own. */
  outcomesConsumerGroup?: string;
  /** Where configuration changes are recorded; default `tidings.audit.v1`. */
  auditTopic?: string;
  logger?: Logger;
}

export const IDENTITY_SDL_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Each area's resolvers, one map (the areas share types such as Mutation, never a field), handed to
 * Apollo: the generated types check the resolvers against the SDL; Apollo's map type only knows functions.
 */
function mergeResolvers(...maps: Resolvers<IdentityContext>[]): GraphQLResolverMap<IdentityContext> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) merged[type] = { ...merged[type], ...fields };
  }
  return merged as GraphQLResolverMap<IdentityContext>;
}

/**
 * The identity subgraph: users, their platform ids and mutes, published to the users, identities and
 * preferences state topics; it consumes the dispatcher's lookup outcomes to show them on each user.
 */
export function createIdentityService(config: IdentityServiceConfig): SubgraphService {
  const audit = createAuditLog({ outbox, ...(config.auditTopic && { topic: config.auditTopic }) });
  const service = createSubgraphService<IdentityContext>({
    name: 'identity',
    database: config.database,
    migrationsFolder: MIGRATIONS_FOLDER,
    outbox,
    kafka: config.kafka,
    stateTopics: [stateTopics.users, stateTopics.identities, stateTopics.preferences],
    http: config.http,
    claimsSecret: config.claimsSecret,
    typeDefs: readFileSync(IDENTITY_SDL_PATH, 'utf8'),
    ...(config.logger ? { logger: config.logger } : {}),
    background: identityOutcomesConsumer({
      brokers: config.kafka.brokers,
      groupId: config.outcomesConsumerGroup ?? DEFAULT_OUTCOMES_CONSUMER_GROUP,
      ...(config.logger ? { logger: config.logger } : {}),
    }),
    graphql: ({ db, published }) => ({
      resolvers: mergeResolvers(
        { DateTime: dateTimeScalar },
        userResolvers,
        identityResolvers,
        preferencesResolvers,
      ),
      buildContext: createContextBuilder(db, published, audit),
    }),
  });
  return {
    ...service,
    async start() {
      // Before the outbox relay runs: a missing topic would hold up the state snapshots behind it.
      await ensureAuditTopic(config.kafka.brokers, audit.topic);
      return service.start();
    },
  };
}
