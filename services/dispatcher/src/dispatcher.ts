import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Keyring } from '@tidings/crypto';
import { type DatabaseHandle, type DatabaseOptions, migrateDatabase, openDatabase } from '@tidings/db';
import { createKafka, ensureTopics, kafkaNames } from '@tidings/kafka';
import type { StateTopicName } from '@tidings/state';
import { type Vendor, vendors } from './jobs.ts';
import { DeliveryLedger } from './ledger/repository.ts';
import { createLogger, errorMessage } from './log.ts';
import { createRouter, type Router } from './routing/router.ts';
import { createChannelHandler, type ProviderEndpoints } from './sending/handlers.ts';
import type { RetryPolicy } from './sending/retry-policy.ts';
import { type ChannelHandler, createSender, type Sender } from './sending/sender.ts';
import { createStateMaterialiser } from './state/materialiser.ts';
import { StateStore } from './state/store.ts';

export { type Vendor, vendors };

export interface DispatcherConfig {
  kafkaBrokers: string[];
  database: DatabaseOptions;
  keyring: Keyring;
  /** Which parts run in this process: the router, and senders per vendor (each scales on its own). */
  components: { router: boolean; senders: Vendor[] };
  /** Names this instance: the router's Kafka transactional id derives from it. */
  instanceId: string;
  topicPartitions: number;
  /** Prefix for the dispatcher's own topics and consumer groups (see kafkaNames). */
  kafkaPrefix: string;
  /** Where the subgraphs publish state; the defaults from @tidings/state. */
  stateTopics: Record<StateTopicName, string>;
  providers: ProviderEndpoints;
  /** When failed attempts are tried again; the default in production. */
  retryPolicy?: RetryPolicy;
  /** /healthz and /readyz; omit to serve none (tests). */
  health?: { host: string; port: number };
}

export type DispatcherStatus = 'waiting' | 'ready' | 'unhealthy' | 'stopped';

const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

export function createDispatcher(config: DispatcherConfig) {
  const log = createLogger('dispatcher');
  const kafka = createKafka({
    brokers: config.kafkaBrokers,
    clientId: `tidings-dispatcher-${config.instanceId}`,
  });
  const state = new StateStore();
  const names = kafkaNames(config.kafkaPrefix);
  const materialiser = createStateMaterialiser({ kafka, store: state, log, topics: config.stateTopics });
  let status: DispatcherStatus = 'waiting';
  let database: DatabaseHandle | undefined;
  let healthServer: Server | undefined;
  const workers: Array<Router | Sender> = [];
  let handler: ChannelHandler | undefined;

  async function startHealthServer(options: { host: string; port: number }): Promise<void> {
    healthServer = createServer((request, response) => {
      const ready = status === 'ready';
      const body =
        request.url === '/healthz'
          ? { status: status === 'unhealthy' ? 'unhealthy' : 'alive' }
          : request.url === '/readyz'
            ? { status, state: state.counts() }
            : undefined;
      if (!body) {
        response.writeHead(404).end();
        return;
      }
      const ok = request.url === '/healthz' ? status !== 'unhealthy' : ready;
      response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => healthServer!.listen(options.port, options.host, resolve));
  }

  return {
    state,
    status: () => status,
    /** The database handle, for tests that read the ledger. */
    database: () => database,
    async start(): Promise<void> {
      if (config.health) await startHealthServer(config.health);
      try {
        database = await openDatabase(config.database);
        await migrateDatabase(database, { migrationsFolder, schema: 'dispatcher' });
        await ensureTopics(kafka, [
          ...Object.values(config.stateTopics).map((topic) => ({ topic, compacted: true })),
          { topic: names.ticketEvents, partitions: config.topicPartitions },
          { topic: names.ticketEventsDlq },
          ...vendors.flatMap((vendor) => [
            { topic: names.deliveries(vendor), partitions: config.topicPartitions },
            { topic: names.retry(vendor), partitions: config.topicPartitions },
            { topic: names.dlq(vendor) },
          ]),
        ]);
        await materialiser.start();
        // Routing before the rules and channels are known would silently drop notifications.
        await materialiser.caughtUp();
        log.info('state caught up', state.counts());
        const ledger = new DeliveryLedger(database.db);
        if (config.components.router) {
          workers.push(
            createRouter({
              kafka,
              state,
              log,
              names,
              transactionalId: `${names.group('tidings-router')}-${config.instanceId}`,
            }),
          );
        }
        handler = createChannelHandler({ state, keyring: config.keyring, endpoints: config.providers });
        for (const vendor of config.components.senders) {
          workers.push(
            createSender({
              kafka,
              vendor,
              ledger,
              handler,
              log,
              names,
              ...(config.retryPolicy && { retryPolicy: config.retryPolicy }),
            }),
          );
        }
        for (const worker of workers) await worker.start();
        status = 'ready';
        log.info('dispatcher ready', { components: config.components });
      } catch (error) {
        status = 'unhealthy';
        log.error('dispatcher failed to start', { error: errorMessage(error) });
        throw error;
      }
    },
    async stop(): Promise<void> {
      // In parallel: each consumer's leaving its group takes seconds, and they are independent.
      await Promise.all(workers.map((worker) => worker.stop().catch(() => {})));
      await materialiser.stop().catch(() => {});
      await handler?.close();
      await database?.close();
      await new Promise<void>((resolve) => (healthServer ? healthServer.close(() => resolve()) : resolve()));
      status = 'stopped';
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
