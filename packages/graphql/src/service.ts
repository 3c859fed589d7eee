import type { BaseContext } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { Claims } from '@tidings/auth';
import {
  createOutboxRelay,
  type Database,
  type DatabaseHandle,
  type DatabaseOptions,
  migrateDatabase,
  type OutboxRelay,
  type OutboxTable,
  openDatabase,
} from '@tidings/db';
import { createKafka, ensureTopics, type Producer } from '@tidings/kafka';
import { Partitioners } from 'kafkajs';
import { createLogger, describeError, type Logger } from './logger.ts';
import { createSubgraphServer, type RunningSubgraphServer } from './server.ts';

/** What a subgraph's resolvers get once the service has started. */
export interface SubgraphRuntime {
  db: Database;
  /** Call after a mutation's transaction committed: publishes its outbox rows now instead of at the next poll. */
  published(): void;
  logger: Logger;
}

export interface SubgraphServiceOptions<Context extends BaseContext> {
  /** Service and Postgres schema name: `identity`, `channels`, … */
  name: string;
  database: DatabaseOptions;
  /** The service's committed drizzle-kit migrations. */
  migrationsFolder: string;
  outbox: OutboxTable;
  kafka: { brokers: string[]; clientId?: string };
  /** The compacted state topics this service publishes; created when missing. */
  stateTopics: string[];
  http: { host: string; port: number };
  claimsSecret: string;
  typeDefs: string;
  graphql(runtime: SubgraphRuntime): {
    resolvers: GraphQLResolverMap<Context>;
    buildContext(claims: Claims | null): Context | Promise<Context>;
  };
  logger?: Logger;
  /** How often the outbox relay looks for rows nobody nudged it about (another instance's, say). */
  outboxPollIntervalMs?: number;
  /**
   * Work the service does besides serving GraphQL (a Kafka consumer, say). Started after the outbox relay,
   * before serving; stopped once serving has stopped and before the database closes. Kafka brokers and the
   * like come into it by closure.
   */
  background?: (runtime: SubgraphRuntime) => BackgroundTask;
}

/** See `SubgraphServiceOptions.background`. */
export interface BackgroundTask {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SubgraphService {
  start(): Promise<{ url: string }>;
  /** Stops serving, publishes what is left in the outbox, then disconnects. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The life of every subgraph service: migrate its schema, ensure its state topics (compacted), connect an
 * idempotent producer, start the outbox relay, then serve. A subgraph only brings its SDL, resolvers and
 * repositories.
 */
export function createSubgraphService<Context extends BaseContext>(
  options: SubgraphServiceOptions<Context>,
): SubgraphService {
  const logger = options.logger ?? createLogger(options.name);
  let database: DatabaseHandle | undefined;
  let producer: Producer | undefined;
  let relay: OutboxRelay | undefined;
  let server: RunningSubgraphServer | undefined;
  let background: BackgroundTask | undefined;
  let stopping: Promise<void> | undefined;

  async function shutdown(): Promise<void> {
    await server?.stop();
    await background?.stop();
    if (relay) {
      await relay.drain();
      await relay.stop();
    }
    await producer?.disconnect();
    await database?.close();
    server = undefined;
    background = undefined;
    relay = undefined;
    producer = undefined;
    database = undefined;
  }

  return {
    async start() {
      if (server) return { url: server.url };
      try {
        database = await openDatabase(options.database);
        await migrateDatabase(database, { migrationsFolder: options.migrationsFolder, schema: options.name });

        const kafka = createKafka({
          brokers: options.kafka.brokers,
          clientId: options.kafka.clientId ?? `tidings-${options.name}`,
        });
        await ensureTopics(
          kafka,
          options.stateTopics.map((topic) => ({ topic, compacted: true })),
        );
        // kafkajs warns that the shared client's bounded retries weaken the idempotent producer's guarantees;
        // bounded is deliberate: a failed relay cycle is retried at the next poll (a republished snapshot
        // is harmless on a compacted topic), while unbounded retries would hang shutdown on a dead broker.
        producer = kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          createPartitioner: Partitioners.DefaultPartitioner,
        });
        await producer.connect();

        relay = createOutboxRelay({
          db: database.db,
          table: options.outbox,
          producer,
          lockName: `tidings-outbox-${options.name}`,
          ...(options.outboxPollIntervalMs ? { pollIntervalMs: options.outboxPollIntervalMs } : {}),
          onError: (error) => logger.warn('outbox relay cycle failed; retrying', describeError(error)),
        });
        relay.start();

        const activeRelay = relay;
        const runtime: SubgraphRuntime = { db: database.db, published: () => activeRelay.nudge(), logger };
        if (options.background) {
          // Assigned before start() so a start that fails half-way is still stopped by shutdown().
          background = options.background(runtime);
          await background.start();
        }
        const { resolvers, buildContext } = options.graphql(runtime);
        server = await createSubgraphServer<Context>({
          name: options.name,
          typeDefs: options.typeDefs,
          resolvers,
          buildContext,
          claimsSecret: options.claimsSecret,
          host: options.http.host,
          port: options.http.port,
          logger,
        });
        stopping = undefined;
        return { url: server.url };
      } catch (error) {
        await shutdown().catch((cleanupError: unknown) =>
          logger.error('cleanup after a failed start failed', describeError(cleanupError)),
        );
        throw error;
      }
    },
    stop() {
      stopping ??= shutdown();
      return stopping;
    },
  };
}

/**
 * For a service's `index.ts`: starts it, and on SIGTERM/SIGINT stops it (serving ends, the outbox drains)
 * within `deadlineMs`, then exits.
 */
export async function runUntilSignalled(
  service: SubgraphService,
  options: { deadlineMs?: number; logger?: Logger } = {},
): Promise<void> {
  const logger = options.logger ?? createLogger('service');
  await service.start();
  const shutdown = (signal: string) => {
    logger.info('stopping', { signal });
    const deadline = setTimeout(() => {
      logger.error('stop exceeded its deadline; exiting anyway', {
        deadlineMs: options.deadlineMs ?? 20_000,
      });
      process.exit(1);
    }, options.deadlineMs ?? 20_000);
    deadline.unref();
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stop failed', describeError(error));
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
