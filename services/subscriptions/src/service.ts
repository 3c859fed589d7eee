import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { createAuditLog, ensureAuditTopic } from '@tidings/audit';
import type { DatabaseOptions } from '@tidings/db';
import { createSubgraphService, dateTimeScalar, type Logger, type SubgraphService } from '@tidings/graphql';
import { stateTopics } from '@tidings/state';
import { createContextBuilder, type SubscriptionsContext } from './context.ts';
import { outbox } from './db/schema.ts';
import type { Resolvers } from './generated/graphql.ts';
import { followPeople, PeopleDirectory } from './people/directory.ts';
import { ruleResolvers } from './rules/resolvers.ts';
import { settingsResolvers } from './settings/resolvers.ts';
import { templateResolvers } from './templates/resolvers.ts';
import { watchResolvers } from './watches/resolvers.ts';

export interface SubscriptionsServiceConfig {
  http: { host: string; port: number };
  database: DatabaseOptions;
  kafka: { brokers: string[] };
  /** Verifies the claims the gateway forwards. */
  claimsSecret: string;
  /** Where configuration changes are recorded; default `tidings.audit.v1`. */
  auditTopic?: string;
  logger?: Logger;
}

export const SUBSCRIPTIONS_SDL_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** The resolver map: each area's resolvers, merged per type. */
export const subscriptionsResolvers: Resolvers<SubscriptionsContext> = {
  DateTime: dateTimeScalar,
  Query: { ...ruleResolvers.Query, ...templateResolvers.Query, ...settingsResolvers.Query },
  Mutation: {
    ...ruleResolvers.Mutation,
    ...watchResolvers.Mutation,
    ...templateResolvers.Mutation,
    ...settingsResolvers.Mutation,
  },
  Rule: ruleResolvers.Rule,
  Template: templateResolvers.Template,
  Project: { ...ruleResolvers.Project, ...watchResolvers.Project },
  Ticket: watchResolvers.Ticket,
  User: watchResolvers.User,
};

/**
 * The subscriptions subgraph: notification rules, watches, templates and tenant settings, published to
 * their state topics (`tidings.state.rules.v1`, `.watches.v1`, `.templates.v1`, `.tenant-settings.v1`).
 */
export function createSubscriptionsService(config: SubscriptionsServiceConfig): SubgraphService {
  const people = new PeopleDirectory();
  const audit = createAuditLog({ outbox, ...(config.auditTopic && { topic: config.auditTopic }) });
  const service = createSubgraphService<SubscriptionsContext>({
    name: 'subscriptions',
    database: config.database,
    migrationsFolder: MIGRATIONS_FOLDER,
    outbox,
    kafka: config.kafka,
    stateTopics: [stateTopics.rules, stateTopics.watches, stateTopics.templates, stateTopics.tenantSettings],
    http: config.http,
    claimsSecret: config.claimsSecret,
    typeDefs: readFileSync(SUBSCRIPTIONS_SDL_PATH, 'utf8'),
    ...(config.logger ? { logger: config.logger } : {}),
    background: ({ logger }) => followPeople({ brokers: config.kafka.brokers, directory: people, logger }),
    graphql: ({ db, published }) => ({
      resolvers: subscriptionsResolvers as GraphQLResolverMap<SubscriptionsContext>,
      buildContext: createContextBuilder(db, published, people, audit),
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
