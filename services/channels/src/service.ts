import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Keyring } from '@tidings/crypto';
import type { DatabaseOptions } from '@tidings/db';
import { createSubgraphService, type Logger, type SubgraphService } from '@tidings/graphql';
import { stateTopics } from '@tidings/state';
import { channelResolvers } from './channels/resolvers.ts';
import { testChannelResolvers } from './channels/test-channel.ts';
import { type ChannelsContext, createContextBuilder } from './context.ts';
import { outbox } from './db/schema.ts';
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
  logger?: Logger;
}

export const CHANNELS_SDL_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * The channels subgraph: channels with sealed credentials, published to `tidings.state.channels.v1`, and
 * project connections, published to `tidings.state.project-channels.v1`.
 */
export function createChannelsService(config: ChannelsServiceConfig): SubgraphService {
  const testSender = createTestSender({
    keyring: config.keyring,
    ...(config.testSend && { baseUrls: config.testSend }),
  });
  const service = createSubgraphService<ChannelsContext>({
    name: 'channels',
    database: config.database,
    migrationsFolder: MIGRATIONS_FOLDER,
    outbox,
    kafka: config.kafka,
    stateTopics: [stateTopics.channels, stateTopics.projectChannels],
    http: config.http,
    claimsSecret: config.claimsSecret,
    typeDefs: readFileSync(CHANNELS_SDL_PATH, 'utf8'),
    ...(config.logger ? { logger: config.logger } : {}),
    graphql: ({ db, published }) => ({
      resolvers: {
        ...channelResolvers,
        ...projectResolvers,
        Mutation: {
          ...channelResolvers.Mutation,
          ...projectResolvers.Mutation,
          ...testChannelResolvers.Mutation,
        },
      },
      buildContext: createContextBuilder(db, config.keyring, testSender, published),
    }),
  });
  return {
    ...service,
    async stop() {
      await service.stop();
      await testSender.close();
    },
  };
}
