// One benchmark run's processes and resources, built from the fault harness's pieces (its Service processes,
// run database, script Kafka client and sandbox client): a Kafka prefix of its own (topics and state topics
// alike, see dispatcher-entry.ts), a ledger database of its own, a sandbox process with its rate limits off,
// and dispatcher processes started on request. close() stops them, drops the database and deletes the
// run's topics.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTopics, kafkaNames } from '@tidings/kafka';
import { stateTopics } from '@tidings/state';
import type { Kafka, Producer } from 'kafkajs';
import postgres from 'postgres';
import { dispatcherProcessEnv } from '../../services/dispatcher/src/runtime.ts';
import { createRunDatabase } from '../faults/ledger.ts';
import { Service } from '../faults/processes.ts';
import { SandboxClient } from '../faults/sandbox.ts';
import { readTopicToEnd, scriptKafka } from '../faults/topics.ts';
import { freePort, repoRoot } from '../infra/process.ts';
import { type BenchWorld, encodedBenchEvent, type StateMessage, stateMessages } from './world.ts';

/**
 * Every service serves Prometheus metrics on METRICS_PORT (default 9464): on a free port of its own here, so
 * a run's several processes (and anyone else's on this machine) do not fight over one.
 */
const METRICS_ANYWHERE = { METRICS_HOST: '127.0.0.1', METRICS_PORT: '0' };

export const benchRoot = join(repoRoot, '.data', 'bench');

export interface BenchEnv {
  kafkaBrokers: string;
  /** A PostgreSQL server URL; the run creates a database of its own on it. */
  databaseUrl: string;
  log: (line: string) => void;
}

export class BenchRun {
  readonly runId: string;
  readonly prefix: string;
  readonly dir: string;
  readonly kafka: Kafka;
  readonly env: BenchEnv;
  databaseUrl = '';
  sandbox!: SandboxClient;
  readonly services: Service[] = [];
  private producer: Producer | undefined;
  private dropDatabase: () => Promise<void> = async () => {};

  private constructor(name: string, env: BenchEnv) {
    this.env = env;
    this.runId = `${name.slice(0, 4)}${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    this.prefix = `bench.${this.runId}.`;
    this.dir = join(benchRoot, this.runId);
    this.kafka = scriptKafka(env.kafkaBrokers, `tidings-bench-${this.runId}`);
  }

  static async open(name: string, env: BenchEnv, options: { sandbox: boolean }): Promise<BenchRun> {
    const run = new BenchRun(name, env);
    try {
      mkdirSync(run.logDir, { recursive: true });
      const database = await createRunDatabase(env.databaseUrl, `bench_${run.runId}`);
      run.databaseUrl = database.url;
      run.dropDatabase = database.drop;
      if (options.sandbox) await run.startSandbox();
      run.producer = run.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await run.producer.connect();
    } catch (error) {
      await run.close({ keepLogs: true });
      throw error;
    }
    return run;
  }

  get logDir(): string {
    return join(this.dir, 'logs');
  }

  get stateTopics(): Record<string, string> {
    return Object.fromEntries(
      Object.entries(stateTopics).map(([entity, topic]) => [entity, this.prefix + topic]),
    );
  }

  get eventsTopic(): string {
    return kafkaNames(this.prefix).ticketEvents;
  }

  private async startSandbox(): Promise<void> {
    const [port, smtpPort] = [await freePort(), await freePort()];
    const service = new Service({
      name: 'sandbox',
      entry: 'services/sandbox/src/index.ts',
      env: {
        SANDBOX_HOST: '127.0.0.1',
        SANDBOX_PORT: String(port),
        SANDBOX_SMTP_PORT: String(smtpPort),
        ...METRICS_ANYWHERE,
      },
      readyUrl: `http://127.0.0.1:${port}/_sandbox/health`,
      logDir: this.logDir,
    });
    this.services.push(service);
    await service.start();
    this.sandbox = new SandboxClient(`http://127.0.0.1:${port}`);
    // Throughput runs measure Tidings, not the platforms' published limits (the dispatcher's are off too).
    await this.sandbox.call('PUT', 'settings', { rateLimits: false });
  }

  /** Registers the main channels' apps and the pool's people at the sandbox. */
  async registerAtSandbox(world: BenchWorld): Promise<void> {
    for (const kind of world.kinds) {
      const c = world.channels[kind];
      if (kind === 'wecom-app')
        await this.sandbox.call('PUT', `wecom/apps/${c.appId}/${c.agentId}`, { corpSecret: c.secret });
      else
        await this.sandbox.call('PUT', `dingtalk-app/apps/${c.appId}`, {
          clientSecret: c.secret,
          agentId: c.agentId,
          robotCode: c.robotCode,
        });
    }
    await Promise.all(
      world.pool.map(async (userId, n) => {
        const userid = `pu_${userId}`;
        await this.sandbox.call('PUT', 'dingtalk-app/people', {
          mobile: `+86139${String(n).padStart(8, '0')}`,
          userid,
        });
        await this.sandbox.call('PUT', 'wecom/members', { userid });
      }),
    );
  }

  /** Publishes the world's state to the run's state topics; returns how many messages per entity. */
  async publishState(world: BenchWorld): Promise<Record<string, number>> {
    const topics = this.stateTopics;
    await ensureTopics(
      this.kafka,
      Object.values(topics).map((topic) => ({ topic, compacted: true })),
    );
    const counts: Record<string, number> = {};
    let batch: StateMessage[] = [];
    const flush = async () => {
      const byEntity = new Map<string, StateMessage[]>();
      for (const m of batch) byEntity.set(m.entity, [...(byEntity.get(m.entity) ?? []), m]);
      await this.producer!.sendBatch({
        acks: -1,
        topicMessages: [...byEntity].map(([entity, messages]) => ({
          topic: topics[entity]!,
          messages: messages.map((m) => ({ key: m.key, value: JSON.stringify(m.value) })),
        })),
      });
      batch = [];
    };
    for (const message of stateMessages(world)) {
      counts[message.entity] = (counts[message.entity] ?? 0) + 1;
      batch.push(message);
      if (batch.length >= 2_000) await flush();
    }
    if (batch.length > 0) await flush();
    return counts;
  }

  /** The events topic with the dispatcher's partitions, so a backlog can be produced before it starts. */
  async createEventsTopic(partitions = 3): Promise<void> {
    await ensureTopics(this.kafka, [{ topic: this.eventsTopic, partitions }]);
  }

  /** Produces events `from`..`to`-1 as fast as Kafka takes them, stamped with the time they are produced. */
  async produceBacklog(world: BenchWorld, from: number, to: number): Promise<void> {
    for (let start = from; start < to; start += 500) {
      const messages = [];
      for (let index = start; index < Math.min(to, start + 500); index++)
        messages.push({
          key: world.eventProjectIds[index % world.eventProjectIds.length]!,
          value: encodedBenchEvent(world, index, Date.now()),
          headers: { 'content-type': 'application/x-protobuf' },
        });
      await this.producer!.send({ topic: this.eventsTopic, acks: -1, messages });
    }
  }

  /** Produces one event now (its occurredAt: now). */
  async produceOne(world: BenchWorld, index: number): Promise<void> {
    await this.producer!.send({
      topic: this.eventsTopic,
      acks: -1,
      messages: [
        {
          key: world.eventProjectIds[index % world.eventProjectIds.length]!,
          value: encodedBenchEvent(world, index, Date.now()),
          headers: { 'content-type': 'application/x-protobuf' },
        },
      ],
    });
  }

  /**
   * A dispatcher process (the bench entry: stock dispatcher, state topics under the run's prefix) running
   * `components`, pointed at the sandbox, with RATE_LIMITS=off. `cpuProfileDir`: write a V8 CPU profile
   * there when it exits.
   */
  async dispatcher(
    name: string,
    components: string,
    options: { cpuProfileDir?: string } = {},
  ): Promise<Service> {
    const [healthPort, graphqlPort] = [await freePort(), await freePort()];
    const sandbox = this.sandbox?.url ?? 'http://127.0.0.1:9';
    const service = new Service({
      name,
      entry: 'scripts/bench/dispatcher-entry.ts',
      env: {
        KAFKA_BROKERS: this.env.kafkaBrokers,
        DATABASE_URL: this.databaseUrl,
        KAFKA_PREFIX: this.prefix,
        BENCH_STATE_PREFIX: this.prefix,
        KAFKA_TOPIC_PARTITIONS: '3',
        DISPATCHER_COMPONENTS: components,
        INSTANCE_ID: `bench-${name}`,
        DINGTALK_BASE_URL: `${sandbox}/dingtalk/oapi`,
        DINGTALK_API_BASE_URL: `${sandbox}/dingtalk/api`,
        LARK_BASE_URL: `${sandbox}/lark`,
        WECOM_BASE_URL: `${sandbox}/wecom`,
        HEALTH_HOST: '127.0.0.1',
        HEALTH_PORT: String(healthPort),
        GRAPHQL_HOST: '127.0.0.1',
        GRAPHQL_PORT: String(graphqlPort),
        RATE_LIMITS: 'off',
        ...METRICS_ANYWHERE,
        SHUTDOWN_DRAIN_SECONDS: '5',
        // Started as production starts it (the same V8 flags and malloc setting).
        ...dispatcherProcessEnv,
        ...(options.cpuProfileDir && {
          NODE_OPTIONS: `${dispatcherProcessEnv.NODE_OPTIONS} --cpu-prof --cpu-prof-dir=${options.cpuProfileDir}`,
        }),
      },
      readyUrl: `http://127.0.0.1:${healthPort}/readyz`,
      logDir: this.logDir,
    });
    this.services.push(service);
    return service;
  }

  /** A script of this folder as a process of its own (the bare pipe), with the run's settings in env. */
  script(name: string, entry: string, env: Record<string, string>, readyUrl: string): Service {
    const service = new Service({
      name,
      entry,
      env: { ...METRICS_ANYWHERE, ...env },
      readyUrl,
      logDir: this.logDir,
    });
    this.services.push(service);
    return service;
  }

  /** Rows inserted plus rows updated in the run's database so far (pg_stat_user_tables, every table). */
  async postgresWrites(): Promise<number> {
    const sql = postgres(this.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      // Statistics reach the views when a backend flushes them (at most a second after a transaction).
      const [row] = await sql<Array<{ n: string | null }>>`
        select sum(n_tup_ins + n_tup_upd)::bigint as n from pg_stat_user_tables`;
      return Number(row?.n ?? 0);
    } finally {
      await sql.end({ timeout: 5 });
    }
  }

  /** Delivered ledger rows and when the first and last were delivered. */
  async deliveredRows(): Promise<{
    rows: number;
    first: number;
    last: number;
    perSecond: Map<number, number>;
  }> {
    const sql = postgres(this.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<Array<{ second: number; n: number }>>`
        select floor(extract(epoch from delivered_at))::bigint as second, count(*)::int as n
        from dispatcher.deliveries where status = 'delivered' group by 1 order by 1`;
      const perSecond = new Map(rows.map((r) => [Number(r.second), r.n]));
      const [span] = await sql<Array<{ first: Date | null; last: Date | null; n: number }>>`
        select min(delivered_at) as first, max(delivered_at) as last, count(*)::int as n
        from dispatcher.deliveries where status = 'delivered'`;
      return {
        rows: span?.n ?? 0,
        first: span?.first?.getTime() ?? 0,
        last: span?.last?.getTime() ?? 0,
        perSecond,
      };
    } finally {
      await sql.end({ timeout: 5 });
    }
  }

  /**
   * When each delivered ledger row of `userId`'s was claimed by the sender (created) and delivered, by event
   * index. (A delivered row keeps no copy of its job; routedAt comes from the jobs topic, see routedAt.)
   */
  async claimedAndDelivered(userId: string): Promise<Map<number, { claimed: number; delivered: number }>> {
    const sql = postgres(this.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<Array<{ event: string; createdAt: Date; deliveredAt: Date }>>`
        select event_id as event, created_at as "createdAt", delivered_at as "deliveredAt"
        from dispatcher.deliveries
        where status = 'delivered' and recipient_user_ids = ${sql.json([userId])}`;
      return new Map(
        rows.map((r) => [
          Number(/-e(\d+)$/.exec(r.event)?.[1] ?? -1),
          { claimed: r.createdAt.getTime(), delivered: r.deliveredAt.getTime() },
        ]),
      );
    } finally {
      await sql.end({ timeout: 5 });
    }
  }

  /** When the router routed each event (its jobs' routedAt), by event index, from a vendor's jobs topic. */
  async routedAt(vendor: string): Promise<Map<number, number>> {
    const records = await readTopicToEnd(this.kafka, kafkaNames(this.prefix).deliveries(vendor as never));
    const routed = new Map<number, number>();
    for (const record of records) {
      const job = JSON.parse(record.value?.toString('utf8') ?? '{}') as {
        eventId?: string;
        routedAt?: string;
      };
      const index = Number(/-e(\d+)$/.exec(job.eventId ?? '')?.[1] ?? -1);
      if (job.routedAt) routed.set(index, Date.parse(job.routedAt));
    }
    return routed;
  }

  /** Ledger rows per status. */
  async statusCounts(): Promise<Record<string, number>> {
    const sql = postgres(this.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<Array<{ status: string; n: number }>>`
        select status, count(*)::int as n from dispatcher.deliveries group by status`;
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    } catch (error) {
      if ((error as { code?: string }).code === '42P01') return {};
      throw error;
    } finally {
      await sql.end({ timeout: 5 });
    }
  }

  async close(options: { keepLogs: boolean }): Promise<void> {
    await Promise.allSettled(this.services.map((service) => service.stop()));
    await this.producer?.disconnect().catch(() => {});
    await this.dropDatabase().catch((error: unknown) =>
      this.env.log(`could not drop the run's database: ${error}`),
    );
    await this.deleteTopics().catch((error: unknown) =>
      this.env.log(`could not delete the run's topics: ${error}`),
    );
    if (options.keepLogs) this.env.log(`logs kept in ${this.logDir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }

  /** Deletes every topic under the run's prefix (state topics included), so runs leave nothing behind. */
  private async deleteTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(this.prefix));
      if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    } finally {
      await admin.disconnect();
    }
  }
}

/** A process's resident memory and CPU time, from /proc (Linux). */
export interface ProcessSample {
  rssBytes: number;
  /** Of the RSS: anonymous pages (heaps, the process's own), and file pages (the node binary, libraries). */
  anonBytes: number;
  fileBytes: number;
  peakRssBytes: number;
  /** User + system CPU seconds since the process started. */
  cpuSeconds: number;
}

const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

export function sampleProcess(pid: number): ProcessSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return {
    rssBytes: kb('VmRSS'),
    anonBytes: kb('RssAnon'),
    fileBytes: kb('RssFile'),
    peakRssBytes: kb('VmHWM'),
    cpuSeconds: (utime + stime) / CLOCK_TICKS,
  };
}
