import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { AUDIT_TOPIC } from '@tidings/audit';
import type { Keyring } from '@tidings/crypto';
import { type DatabaseHandle, type DatabaseOptions, migrateDatabase, openDatabase } from '@tidings/db';
import type { RunningSubgraphServer } from '@tidings/graphql';
import { createKafka, ensureTopics, kafkaNames, type SupervisedConsumerState } from '@tidings/kafka';
import {
  channelKinds,
  identityOutcomesTopic as defaultIdentityOutcomesTopic,
  type IdentityOutcome,
  identityOutcomeKey,
  type StateTopicName,
} from '@tidings/state';
import { tidingsMetrics } from '@tidings/telemetry';
import { sql } from 'drizzle-orm';
import { createAuditConsumer } from './audit/consumer.ts';
import { startDeliveriesSubgraph } from './graphql/server.ts';
import { deliveryResultsTopic, type Vendor, vendors } from './jobs.ts';
import { DeliveryLedger } from './ledger/repository.ts';
import { createLogger, errorMessage } from './log.ts';
import { createRouter, type Router } from './routing/router.ts';
import { createChannelHandler, type ProviderEndpoints } from './sending/handlers.ts';
import { createIdentityDirectory } from './sending/identities.ts';
import type { SenderLimits } from './sending/limits.ts';
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
  /** Rate limits, circuits and draining of the senders; the defaults in production. */
  senderLimits?: Partial<SenderLimits>;
  /** /healthz and /readyz; omit to serve none (tests). */
  health?: { host: string; port: number };
  /** The `deliveries` subgraph (explainEvent), served once the state has caught up; omit to serve none. */
  graphql?: { host: string; port: number; claimsSecret: string };
  /** Where what is learnt about people on platforms goes; default `identityOutcomesTopic`. */
  identityOutcomesTopic?: string;
  /** The subgraphs' audit records, stored for the deliveries subgraph's auditLog; default `tidings.audit.v1`. */
  auditTopic?: string;
}

export type DispatcherStatus = 'waiting' | 'ready' | 'unhealthy' | 'stopped';

const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** How long a DLQ depth read from the ledger is reused: scrapes come often, the count changes slowly. */
const DLQ_DEPTH_TTL_MS = 30_000;

/**
 * Ready: started (the state caught up) and every Kafka consumer has joined its group and is running. A
 * consumer restarting after a crash makes the instance not ready until it is back.
 */
export function isReady(
  status: DispatcherStatus,
  consumers: Record<string, SupervisedConsumerState>,
): boolean {
  return status === 'ready' && Object.values(consumers).every((state) => state === 'running');
}

export function createDispatcher(config: DispatcherConfig) {
  const log = createLogger('dispatcher');
  const kafka = createKafka({
    brokers: config.kafkaBrokers,
    clientId: `tidings-dispatcher-${config.instanceId}`,
  });
  const state = new StateStore();
  const names = kafkaNames(config.kafkaPrefix);
  const materialiser = createStateMaterialiser({
    kafka,
    store: state,
    log,
    topics: config.stateTopics,
    onGaveUp: consumerGaveUp,
  });
  let status: DispatcherStatus = 'waiting';
  let database: DatabaseHandle | undefined;
  let healthServer: Server | undefined;
  const workers: Array<Router | Sender> = [];
  let handler: ChannelHandler | undefined;
  let subgraph: RunningSubgraphServer | undefined;
  let auditConsumer: ReturnType<typeof createAuditConsumer> | undefined;
  const auditTopic = config.auditTopic ?? AUDIT_TOPIC;
  const outcomesTopic = config.identityOutcomesTopic ?? defaultIdentityOutcomesTopic;
  // Idempotent: a retried send must not make the identity subgraph see an outcome twice out of order.
  const outcomeProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  let outcomeProducerConnected = false;
  // The deliveries subgraph's replays onto the retry topics (idempotent: a retried send lands once).
  const replayProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  let replayProducerConnected = false;

  async function publishIdentityOutcome(outcome: IdentityOutcome): Promise<void> {
    await outcomeProducer.send({
      topic: outcomesTopic,
      messages: [
        {
          key: identityOutcomeKey(outcome),
          value: JSON.stringify(outcome),
          // No traceparent: the directory's publish(outcome) carries no trace context to forward.
          headers: { 'content-type': 'application/json' },
        },
      ],
    });
  }
  // One directory for the senders and explain: both find people the same way, and share what was learnt.
  const identities = createIdentityDirectory({
    state,
    keyring: config.keyring,
    endpoints: config.providers,
    publish: publishIdentityOutcome,
  });

  /** A consumer that stopped reading for good makes the process unhealthy, so that it is restarted. */
  function consumerGaveUp(): void {
    if (status !== 'stopped') status = 'unhealthy';
  }

  /** Every Kafka consumer of this process by name, with its state. */
  function consumers(): Record<string, SupervisedConsumerState> {
    const states: Record<string, SupervisedConsumerState> = { state: materialiser.consumerState() };
    for (const worker of workers) Object.assign(states, worker.consumers());
    return states;
  }

  async function startHealthServer(options: { host: string; port: number }): Promise<void> {
    healthServer = createServer((request, response) => {
      const ready = isReady(status, consumers());
      const body =
        request.url === '/healthz'
          ? { status: status === 'unhealthy' ? 'unhealthy' : 'alive' }
          : request.url === '/readyz'
            ? {
                status: ready ? 'ready' : status === 'ready' ? 'waiting' : status,
                state: state.counts(),
                consumers: consumers(),
              }
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

  /** Observable gauges: readiness, and the dead deliveries awaiting a replay (from the ledger, cached). */
  function observeMetrics(db: DatabaseHandle['db']): void {
    const { meter } = tidingsMetrics();
    meter
      .createObservableGauge('tidings.dispatcher.ready', {
        description: '1 once the state has caught up and every consumer has joined, else 0',
      })
      .addCallback((result) => result.observe(status !== 'stopped' && isReady(status, consumers()) ? 1 : 0));
    let depth: { at: number; rows: Array<{ channel_kind: string; count: number }> } | undefined;
    meter
      .createObservableGauge('tidings.dlq.depth', {
        description: 'Deliveries dead in the ledger (retry budget spent) and not replayed, by channel kind',
      })
      .addCallback(async (result) => {
        if (status === 'stopped') return;
        if (!depth || Date.now() - depth.at > DLQ_DEPTH_TTL_MS) {
          const rows = (await db.execute(
            sql`select channel_kind, count(*)::int as count from dispatcher.deliveries where status = 'dead' group by channel_kind`,
          )) as unknown as Array<{ channel_kind: string; count: number }>;
          depth = { at: Date.now(), rows };
        }
        for (const kind of channelKinds) {
          const row = depth.rows.find((r) => r.channel_kind === kind);
          result.observe(row?.count ?? 0, { channel_kind: kind });
        }
      });
  }

  return {
    state,
    status: () => status,
    /** Ready as /readyz answers it: caught up and every consumer joined. */
    ready: () => isReady(status, consumers()),
    /** The database handle, for tests that read the ledger. */
    database: () => database,
    /** The directory explain and the senders find people with. */
    identities,
    /** Resolves with the deliveries subgraph's URL (null when not served) once everything runs. */
    async start(): Promise<{ graphqlUrl: string | null }> {
      if (config.health) await startHealthServer(config.health);
      try {
        database = await openDatabase(config.database);
        await migrateDatabase(database, { migrationsFolder, schema: 'dispatcher' });
        await ensureTopics(kafka, [
          ...Object.values(config.stateTopics).map((topic) => ({ topic, compacted: true })),
          { topic: names.ticketEvents, partitions: config.topicPartitions },
          { topic: names.ticketEventsDlq },
          { topic: outcomesTopic, compacted: true },
          { topic: auditTopic },
          { topic: names.topic(deliveryResultsTopic), partitions: config.topicPartitions },
          ...vendors.flatMap((vendor) => [
            { topic: names.deliveries(vendor), partitions: config.topicPartitions },
            { topic: names.retry(vendor), partitions: config.topicPartitions },
            { topic: names.dlq(vendor) },
          ]),
        ]);
        await outcomeProducer.connect();
        outcomeProducerConnected = true;
        await materialiser.start();
        // Routing before the rules and channels are known would silently drop notifications.
        await materialiser.caughtUp();
        log.info('state caught up', state.counts());
        const ledger = new DeliveryLedger(database.db);
        observeMetrics(database.db);
        if (config.components.router) {
          workers.push(
            createRouter({
              kafka,
              state,
              log,
              names,
              transactionalId: `${names.group('tidings-router')}-${config.instanceId}`,
              onGaveUp: consumerGaveUp,
            }),
          );
        }
        handler = createChannelHandler({
          state,
          keyring: config.keyring,
          endpoints: config.providers,
          identities,
        });
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
              ...(config.senderLimits && { limits: config.senderLimits }),
              onGaveUp: consumerGaveUp,
            }),
          );
        }
        for (const worker of workers) await worker.start();
        // Explaining before the rules and channels are known would answer "nobody".
        if (config.graphql) {
          // The process serving auditLog keeps it filled.
          auditConsumer = createAuditConsumer({
            kafka,
            db: database.db,
            topic: auditTopic,
            groupId: names.group('tidings-dispatcher-audit'),
            log,
            onGaveUp: consumerGaveUp,
          });
          await auditConsumer.start();
          await replayProducer.connect();
          replayProducerConnected = true;
          subgraph = await startDeliveriesSubgraph({
            ...config.graphql,
            state,
            identities,
            db: database.db,
            replay: { producer: replayProducer, names },
          });
        }
        // Catching up parsed and validated every state message; a mostly idle dispatcher would keep that
        // garbage's pages indefinitely, so collect it once now. `last-resort` is V8's memory-reducing
        // collection: it also compacts the old generation and gives the freed pages back (a plain one
        // leaves ~70 MB more resident). `gc` exists with --expose-gc, which every dispatcher process
        // starts with (runtime.ts); elsewhere (tests) it does not, and nothing happens.
        const gc = (globalThis as { gc?: (options: object) => void }).gc;
        gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
        status = 'ready';
        log.info('dispatcher ready', { components: config.components, graphqlUrl: subgraph?.url ?? null });
        return { graphqlUrl: subgraph?.url ?? null };
      } catch (error) {
        status = 'unhealthy';
        log.error('dispatcher failed to start', { error: errorMessage(error) });
        throw error;
      }
    },
    async stop(): Promise<void> {
      // In parallel: each consumer's leaving its group takes seconds, and they are independent.
      await subgraph?.stop().catch(() => {});
      if (replayProducerConnected) await replayProducer.disconnect().catch(() => {});
      await Promise.all(
        [...workers, ...(auditConsumer ? [auditConsumer] : [])].map((worker) =>
          worker.stop().catch(() => {}),
        ),
      );
      if (outcomeProducerConnected) await outcomeProducer.disconnect().catch(() => {});
      await materialiser.stop().catch(() => {});
      await handler?.close();
      await database?.close();
      await new Promise<void>((resolve) => (healthServer ? healthServer.close(() => resolve()) : resolve()));
      status = 'stopped';
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
