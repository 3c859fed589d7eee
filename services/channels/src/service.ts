import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { createAuditLog, ensureAuditTopic } from '@tidings/audit';
import type { Keyring } from '@tidings/crypto';
import type { DatabaseOptions } from '@tidings/db';
import { createSubgraphService, dateTimeScalar, type Logger, type SubgraphService } from '@tidings/graphql';
import { stateTopics } from '@tidings/state';
import { channelEnumResolvers, channelResolvers } from './channels/resolvers.ts';
import { testChannelResolvers } from './channels/test-channel.ts';
import { type ChannelsContext, createContextBuilder } from './context.ts';
import { outbox } from './db/schema.ts';
import type { Resolvers } from './generated/graphql.ts';
import { kindResolvers } from './kinds/resolvers.ts';
import { notificationServiceResolvers } from './notification-services/resolvers.ts';
import {
  type ChannelOutboundOptions,
  createChannelOutbound,
  tenantAllowlistsConsumer,
} from './outbound/index.ts';
import { projectResolvers } from './projects/resolvers.ts';
import { createTestSender, type TestSenderOptions } from './test-send/index.ts';

export interface ChannelsServiceConfig {
  http: { host: string; port: number };
  database: DatabaseOptions;
  kafka: { brokers: string[] };
  /** Verifies the claims the gateway forwards. */
  claimsSecret: string;
  /** Seals channel credentials (the dispatcher opens them with the same keyring). */
  keyring: Keyring;
  /** Where test sends go; each unset URL means the platform's real host. */
  testSend?: TestSenderOptions['baseUrls'];
  /**
   * Which webhook and SMTP targets channels may have (checked when one is created, and before every test
   * send): the platform's allowlist (OUTBOUND_ALLOW; default loopback only) and, in tests, a resolver.
   */
  outbound?: ChannelOutboundOptions;
  /** Where configuration changes are recorded; default `tidings.audit.v1`. */
  auditTopic?: string;
  logger?: Logger;
}

export const CHANNELS_SDL_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

const resolvers: Resolvers<ChannelsContext> = {
  DateTime: dateTimeScalar,
  Query: {
    ...channelResolvers.Query,
    ...kindResolvers.Query,
    ...notificationServiceResolvers.Query,
  },
  Mutation: {
    ...channelResolvers.Mutation,
    ...projectResolvers.Mutation,
    ...kindResolvers.Mutation,
    ...notificationServiceResolvers.Mutation,
    ...testChannelResolvers.Mutation,
  },
  Channel: channelResolvers.Channel,
  Project: projectResolvers.Project,
  NotificationService: notificationServiceResolvers.NotificationService,
};

/**
 * The channels subgraph: channels with sealed credentials (`tidings.state.channels.v1`), project
 * connections (`tidings.state.project-channels.v1`), tenant-level kind switches
 * (`tidings.state.channel-kinds.v1`) and notification services (`tidings.state.notification-services.v1`).
 */
export function createChannelsService(config: ChannelsServiceConfig): SubgraphService {
  const outbound = createChannelOutbound(config.outbound);
  const testSender = createTestSender({
    keyring: config.keyring,
    ...(config.testSend && { baseUrls: config.testSend }),
    outbound,
  });
  const audit = createAuditLog({ outbox, ...(config.auditTopic && { topic: config.auditTopic }) });
  const service = createSubgraphService<ChannelsContext>({
    name: 'channels',
    database: config.database,
    migrationsFolder: MIGRATIONS_FOLDER,
    outbox,
    kafka: config.kafka,
    stateTopics: [
      stateTopics.channels,
      stateTopics.projectChannels,
      stateTopics.channelKinds,
      stateTopics.notificationServices,
    ],
    http: config.http,
    claimsSecret: config.claimsSecret,
    typeDefs: readFileSync(CHANNELS_SDL_PATH, 'utf8'),
    ...(config.logger ? { logger: config.logger } : {}),
    // Each tenant's outbound allowlist, from the subscriptions subgraph's tenant settings.
    background: ({ logger }) =>
      tenantAllowlistsConsumer({ brokers: config.kafka.brokers, tenants: outbound.tenants, logger }),
    graphql: ({ db, published }) => ({
      // The edge: federation's __resolveReference signature differs between codegen and @apollo/subgraph.
      resolvers: { ...resolvers, ...channelEnumResolvers } as GraphQLResolverMap<ChannelsContext>,
      buildContext: createContextBuilder(db, config.keyring, testSender, published, audit),
    }),
  });
  return {
    ...service,
    async start() {
      // Before the outbox relay runs: a missing topic would hold up the state snapshots behind it.
      await ensureAuditTopic(config.kafka.brokers, audit.topic);
      return service.start();
    },
    async stop() {
      await service.stop();
      await testSender.close();
    },
  };
}
