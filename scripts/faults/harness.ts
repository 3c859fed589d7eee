// One fault run: its own tenant, Kafka prefix, ledger database and sandbox process; the dispatcher as two
// processes (the router, and one sender process for the DingTalk robot and the webhook) that a scenario
// kills, restarts or starves; the events it sends; and the counts every scenario reports.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTicketEventProducer, type TicketEventInit } from '@tidings/events';
import { CRASH_MESSAGES, ensureTopics, kafkaNames } from '@tidings/kafka';
import { stateTopics } from '@tidings/state';
import type { Kafka, Producer } from 'kafkajs';
import { freePort, repoRoot, sleep } from '../infra/process.ts';
import { createRunDatabase, Ledger } from './ledger.ts';
import { Service } from './processes.ts';
import type { Count } from './report.ts';
import { Inbox, type RobotMessage, SandboxClient } from './sandbox.ts';
import { readTopicToEnd, scriptKafka } from './topics.ts';
import {
  CASE_HEADER,
  createWorld,
  eventIdOf,
  expectedDeliveries,
  markedEvents,
  type RawEvent,
  stateMessages,
  validEvent,
  type World,
} from './world.ts';

export const faultsRoot = join(repoRoot, '.data', 'faults');

/** The dispatcher's default SHUTDOWN_DRAIN_SECONDS. */
export const DEFAULT_DRAIN_SECONDS = 20;

/**
 * What the robot's accepted messages carry. A message is a single delivery (msgUuid = its delivery id) or a
 * digest (msgUuid = the digest id the ledger keeps on each of its rows as `digest_id`); each valid event's
 * comment carries a marker of its own (world.eventMarker), so a message's text says the same a second way.
 */
export interface RobotTally {
  /** Accepted messages. */
  messages: number;
  /** Accepted messages carrying more than one delivery. */
  digests: number;
  /** The most deliveries one message carried. */
  largestDigest: number;
  /** Per delivery id: how many accepted messages carried it (by the ledger or by its text). */
  carried: Map<string, number>;
  /** Messages carrying nothing, or whose msgUuid the ledger does not know. */
  unexplained: number;
  /** Deliveries the ledger puts in a message whose text lacks them, or the other way round. */
  mismatched: number;
}

/** The dispatcher's retry policy for a run (RETRY_* variables). */
export interface RetrySettings {
  maxAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  delayScale: number;
}

export interface HarnessOptions {
  scenario: string;
  kafkaBrokers: string;
  /** A PostgreSQL server URL; the run creates a database of its own on it. */
  databaseUrl: string;
  retry: RetrySettings;
  /**
   * The dispatcher's own rate limits (RATE_LIMITS): off by default, as the sandbox's throttle is; the burst
   * scenario turns both on.
   */
  rateLimits?: 'published' | 'off';
  /** Polls the sandbox every this many ms while the run goes on (its lists keep the last 10,000 entries). */
  pollMs?: number;
  /** SHUTDOWN_DRAIN_SECONDS: how long a stopping sender waits for its sends in flight (default 20). */
  drainSeconds?: number;
  log: (line: string) => void;
}

/** Sends a sender had in flight when it died (kill -9 or a crash), per channel, summed over its deaths. */
export interface InFlightAtDeaths {
  deaths: number;
  robot: number;
  webhook: number;
}

export class Harness {
  readonly runId: string;
  readonly world: World;
  readonly prefix: string;
  readonly dir: string;
  readonly options: HarnessOptions;
  readonly kafka: Kafka;
  readonly log: (line: string) => void;
  readonly inFlight: InFlightAtDeaths = { deaths: 0, robot: 0, webhook: 0 };
  /** Indices of valid events Kafka acknowledged. */
  readonly sent = new Set<number>();
  sandbox!: SandboxClient;
  inbox!: Inbox;
  router!: Service;
  sender!: Service;
  ledger!: Ledger;
  private sandboxService: Service | undefined;
  private producer: Producer | undefined;
  private events: ReturnType<typeof createTicketEventProducer> | undefined;
  private dropDatabase: () => Promise<void> = async () => {};
  private databaseUrl = '';

  private constructor(options: HarnessOptions) {
    this.options = options;
    this.log = options.log;
    this.runId = `${options.scenario.replace(/[^a-z]/g, '').slice(0, 6)}${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    this.world = createWorld(this.runId);
    this.prefix = `faults.${this.runId}.`;
    this.dir = join(faultsRoot, this.runId);
    this.kafka = scriptKafka(options.kafkaBrokers, `tidings-faults-${this.runId}`);
  }

  /** Sets everything up but the dispatcher: database, sandbox and its robot and endpoint, the state topics. */
  static async open(options: HarnessOptions): Promise<Harness> {
    const harness = new Harness(options);
    try {
      await harness.setUp();
    } catch (error) {
      await harness.close({ keepLogs: true });
      throw error;
    }
    return harness;
  }

  get logDir(): string {
    return join(this.dir, 'logs');
  }

  private async setUp(): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    const database = await createRunDatabase(this.options.databaseUrl, `faults_${this.runId}`);
    this.databaseUrl = database.url;
    this.dropDatabase = database.drop;
    this.ledger = new Ledger(database.url, this.world.tenantId);

    const [sandboxPort, smtpPort] = [await freePort(), await freePort()];
    this.sandboxService = new Service({
      name: 'sandbox',
      entry: 'services/sandbox/src/index.ts',
      env: {
        SANDBOX_HOST: '127.0.0.1',
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_SMTP_PORT: String(smtpPort),
      },
      readyUrl: `http://127.0.0.1:${sandboxPort}/_sandbox/health`,
      logDir: this.logDir,
    });
    await this.sandboxService.start();
    this.sandbox = new SandboxClient(`http://127.0.0.1:${sandboxPort}`);
    // A run's robot gets far more than 20 messages a minute; the throttle is the burst scenario's subject.
    await this.sandbox.call('PUT', 'settings', { rateLimits: false });
    await this.sandbox.call('PUT', `dingtalk/robots/${encodeURIComponent(this.world.robot.accessToken)}`, {
      secret: this.world.robot.secret,
    });
    await this.sandbox.call('PUT', `webhook/endpoints/${encodeURIComponent(this.world.webhook.endpointId)}`, {
      secret: this.world.webhook.secret,
    });
    this.inbox = new Inbox(this.sandbox, {
      robotToken: this.world.robot.accessToken,
      webhookEndpointId: this.world.webhook.endpointId,
    });

    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    // On a broker of its own nothing has created them yet; elsewhere they exist and are left alone.
    await ensureTopics(
      this.kafka,
      Object.values(stateTopics).map((topic) => ({ topic, compacted: true })),
    );
    // Published before the dispatcher starts: it routes nothing until it has read all of it.
    const messages = stateMessages(this.world, this.sandbox.url);
    for (const entity of new Set(messages.map((message) => message.entity))) {
      await this.producer.send({
        topic: stateTopics[entity],
        acks: -1,
        messages: messages
          .filter((message) => message.entity === entity)
          .map((message) => ({ key: message.key, value: JSON.stringify(message.value) })),
      });
    }
    this.events = createTicketEventProducer({
      producer: this.producer,
      topic: kafkaNames(this.prefix).ticketEvents,
    });
  }

  private async dispatcherService(name: string, components: string, supervise: boolean): Promise<Service> {
    const [healthPort, graphqlPort] = [await freePort(), await freePort()];
    const { retry } = this.options;
    const sandbox = this.sandbox.url;
    return new Service({
      name,
      entry: 'services/dispatcher/src/index.ts',
      env: {
        KAFKA_BROKERS: this.options.kafkaBrokers,
        DATABASE_URL: this.databaseUrl,
        KAFKA_PREFIX: this.prefix,
        KAFKA_TOPIC_PARTITIONS: '3',
        DISPATCHER_COMPONENTS: components,
        // The same id on every restart: the new router fences the killed one's open transaction at once.
        INSTANCE_ID: `faults-${name}`,
        DINGTALK_BASE_URL: `${sandbox}/dingtalk/oapi`,
        DINGTALK_API_BASE_URL: `${sandbox}/dingtalk/api`,
        LARK_BASE_URL: `${sandbox}/lark`,
        WECOM_BASE_URL: `${sandbox}/wecom`,
        PROVIDER_TIMEOUT_MS: '5000',
        HEALTH_HOST: '127.0.0.1',
        HEALTH_PORT: String(healthPort),
        GRAPHQL_HOST: '127.0.0.1',
        GRAPHQL_PORT: String(graphqlPort),
        RETRY_MAX_ATTEMPTS: String(retry.maxAttempts),
        RETRY_BASE_DELAY_SECONDS: String(retry.baseDelaySeconds),
        RETRY_MAX_DELAY_SECONDS: String(retry.maxDelaySeconds),
        RETRY_DELAY_SCALE: String(retry.delayScale),
        RATE_LIMITS: this.options.rateLimits ?? 'off',
        // The router and the sender each serve /metrics: on a free port each, never the shared default 9464.
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: '0',
        SHUTDOWN_DRAIN_SECONDS: String(this.options.drainSeconds ?? DEFAULT_DRAIN_SECONDS),
      },
      readyUrl: `http://127.0.0.1:${healthPort}/readyz`,
      logDir: this.logDir,
      ...(supervise && {
        supervise: {
          beforeRestart: async (exit) => {
            this.log(
              `${name} exited unplanned (${exit.signal ?? exit.code}); restarting it (log ${exit.logFile})`,
            );
            if (name === 'sender') await this.noteSenderDeath();
          },
        },
      }),
    });
  }

  /**
   * Starts the router, then the sender (one after the other: each migrates the ledger on start). Both are
   * restarted after an unplanned exit, as a supervisor would; the scenarios report such exits.
   */
  async startDispatcher(): Promise<void> {
    this.router = await this.dispatcherService('router', 'router', true);
    this.sender = await this.dispatcherService('sender', 'dingtalk,webhook', true);
    await this.router.start();
    await this.sender.start();
    this.inbox.startPolling(this.options.pollMs ?? 5_000);
  }

  /** Reads what a dead sender left in flight: claimed in the ledger, no outcome recorded. */
  async noteSenderDeath(): Promise<{ robot: number; webhook: number }> {
    const [robot, webhook] = await Promise.all([
      this.ledger.inFlight(this.world.robot.channelId),
      this.ledger.inFlight(this.world.webhook.channelId),
    ]);
    this.inFlight.deaths += 1;
    this.inFlight.robot += robot.length;
    this.inFlight.webhook += webhook.length;
    return { robot: robot.length, webhook: webhook.length };
  }

  /** kill -9 the sender process, note what it had in flight, and start it again (resolves once ready). */
  async killSender(): Promise<{ robot: number; webhook: number }> {
    await this.sender.kill9();
    const inFlight = await this.noteSenderDeath();
    await this.sender.start();
    return inFlight;
  }

  /**
   * Stops the sender gracefully (SIGTERM), as a rolling deploy does; kills it (-9) should it outlive
   * `deadlineMs`. Reads what it left claimed but unrecorded (after a graceful stop: nothing), then starts it
   * again (resolves once ready). A forced stop counts as a death, like a kill.
   */
  async termSender(deadlineMs: number): Promise<{
    ms: number;
    forced: boolean;
    code: number | null;
    left: { robot: number; webhook: number };
  }> {
    const stop = await this.sender.term(deadlineMs);
    const [robot, webhook] = await Promise.all([
      this.ledger.inFlight(this.world.robot.channelId),
      this.ledger.inFlight(this.world.webhook.channelId),
    ]);
    if (stop.forced) {
      this.inFlight.deaths += 1;
      this.inFlight.robot += robot.length;
      this.inFlight.webhook += webhook.length;
    }
    await this.sender.start();
    return { ...stop, left: { robot: robot.length, webhook: webhook.length } };
  }

  /** Emits valid events, `concurrency` at a time; an emit failing (broker away) is tried again. */
  async emitValid(indices: number[], concurrency = 16): Promise<void> {
    const queue = [...indices];
    const worker = async () => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        await this.emitEvent(validEvent(this.world, index), `valid/${index}`);
        this.sent.add(index);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  /** Emits one event through the typed producer, marked with `<runId>/<caseId>` in CASE_HEADER. */
  async emitEvent(init: TicketEventInit, caseId: string): Promise<void> {
    const events = this.events!;
    await this.retrying(caseId, () => events.emit(init, { [CASE_HEADER]: `${this.runId}/${caseId}` }));
  }

  /** Produces a raw message to the ticket events topic, as a careless producer would. */
  async emitRaw(event: RawEvent): Promise<void> {
    const producer = this.producer!;
    await this.retrying('raw event', () =>
      producer.send({
        topic: kafkaNames(this.prefix).ticketEvents,
        acks: -1,
        messages: [{ key: event.key, value: event.value, headers: event.headers }],
      }),
    );
  }

  private async retrying<T>(what: string, send: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        if (attempt >= 10) throw error;
        this.log(`producing ${what} failed (${(error as Error).message}); trying again`);
        await sleep(2_000);
      }
    }
  }

  /** Delivery ids the sent events must produce, with the channel each is for. */
  expected(): { robot: Set<string>; webhook: Set<string> } {
    const robot = new Set<string>();
    const webhook = new Set<string>();
    for (const index of this.sent) {
      const ids = expectedDeliveries(this.world, index);
      robot.add(ids.robot);
      webhook.add(ids.webhook);
    }
    return { robot, webhook };
  }

  /** The robot's accepted messages mapped to the deliveries they carry (singles and digests). */
  async robotTally(): Promise<RobotTally> {
    const expected = this.expected().robot;
    const rows = await this.ledger.digestsOf(this.world.robot.channelId);
    const known = new Set(rows.map((row) => row.id));
    const byDigest = new Map<string, string[]>();
    for (const row of rows) {
      if (!row.digestId || row.digestId === row.id) continue;
      const ids = byDigest.get(row.digestId) ?? [];
      ids.push(row.id);
      byDigest.set(row.digestId, ids);
    }
    const robotIdOf = new Map<number, string>();
    const idOf = (index: number) => {
      let id = robotIdOf.get(index);
      if (id === undefined) {
        id = expectedDeliveries(this.world, index).robot;
        robotIdOf.set(index, id);
      }
      return id;
    };
    const tally: RobotTally = {
      messages: 0,
      digests: 0,
      largestDigest: 0,
      carried: new Map(),
      unexplained: 0,
      mismatched: 0,
    };
    for (const message of this.inbox.robotMessages.values()) {
      tally.messages += 1;
      const uuid = message.body.msgUuid ?? '';
      const single = known.has(uuid) || expected.has(uuid);
      const byLedger = new Set(single ? [uuid] : (byDigest.get(uuid) ?? []));
      const byText = new Set(markedEvents(this.world, robotText(message)).map(idOf));
      // Only valid events carry a marker: the ledger's other deliveries (huge-payload's) are not compared.
      for (const id of byLedger) if (expected.has(id) && !byText.has(id)) tally.mismatched += 1;
      for (const id of byText) if (!byLedger.has(id)) tally.mismatched += 1;
      const carried = new Set([...byLedger, ...byText]);
      if (carried.size === 0 || (!single && !byDigest.has(uuid))) tally.unexplained += 1;
      if (carried.size > 1) tally.digests += 1;
      tally.largestDigest = Math.max(tally.largestDigest, carried.size);
      for (const id of carried) tally.carried.set(id, (tally.carried.get(id) ?? 0) + 1);
    }
    return tally;
  }

  /** Distinct expected deliveries the sandbox received so far. */
  async receivedCount(): Promise<number> {
    const expected = this.expected();
    const tally = await this.robotTally();
    const robot = [...expected.robot].filter((id) => tally.carried.has(id)).length;
    const webhook = new Set(
      [...this.inbox.webhookDeliveries.values()]
        .map((d) => d.deliveryId)
        .filter((id) => expected.webhook.has(id)),
    );
    return robot + webhook.size;
  }

  /**
   * Waits until every expected delivery reached the sandbox and the ledger has nothing left in flight,
   * waiting to be retried or waiting in a digest queue, then waits `quietMs` more for late duplicates. Gives up (and lets the counts show
   * what is missing) once nothing has moved for `stallMs`.
   */
  async settle(options: { stallMs: number; quietMs?: number }): Promise<boolean> {
    let lastProgress = Date.now();
    let lastKey = '';
    const expected = this.sent.size * 2;
    for (;;) {
      await this.inbox.poll();
      const received = await this.receivedCount();
      const ledger = await this.ledger.statusCounts();
      const unfinished = ledger.sending + ledger.retrying + ledger.queued + ledger.digesting;
      const key = JSON.stringify([received, ledger, this.inbox.robotMessages.size, this.inbox.faulted]);
      if (key !== lastKey) {
        lastKey = key;
        lastProgress = Date.now();
      }
      if (received >= expected && unfinished === 0) {
        await sleep(options.quietMs ?? 3_000);
        await this.inbox.poll();
        return true;
      }
      if (Date.now() - lastProgress > options.stallMs) {
        this.log(`nothing moved for ${options.stallMs / 1000} s: ${received}/${expected} received; counting`);
        return false;
      }
      await sleep(1_000);
    }
  }

  /** Messages on the senders' DLQs: deliveries that spent their retry budget (or jobs that did not parse). */
  async vendorDlqMessages(): Promise<number> {
    const names = kafkaNames(this.prefix);
    const [dingtalk, webhook] = await Promise.all([
      readTopicToEnd(this.kafka, names.dlq('dingtalk')),
      readTopicToEnd(this.kafka, names.dlq('webhook')),
    ]);
    return dingtalk.length + webhook.length;
  }

  /**
   * For each valid event with a delivery the sandbox never received: whether the event is on the events
   * topic (records carrying its case header), how many committed jobs the deliveries topics hold for each of
   * its deliveries, and the ledger's status of each. Tells a loss before routing, in routing, or in sending
   * apart. Read while the broker still runs.
   */
  async explainLost(limit = 20): Promise<string[]> {
    const tally = await this.robotTally();
    const webhookIds = new Set([...this.inbox.webhookDeliveries.values()].map((d) => d.deliveryId));
    const lost = [...this.sent]
      .sort((a, b) => a - b)
      .filter((index) => {
        const ids = expectedDeliveries(this.world, index);
        return !tally.carried.has(ids.robot) || !webhookIds.has(ids.webhook);
      });
    if (lost.length === 0) return [];
    const names = kafkaNames(this.prefix);
    const [events, robotJobs, webhookJobs] = await Promise.all([
      readTopicToEnd(this.kafka, names.ticketEvents),
      readTopicToEnd(this.kafka, names.deliveries('dingtalk')),
      readTopicToEnd(this.kafka, names.deliveries('webhook')),
    ]);
    const onTopic = new Map<string, string[]>();
    for (const record of events) {
      const id = record.headers[CASE_HEADER];
      if (id) onTopic.set(id, [...(onTopic.get(id) ?? []), `${record.partition}@${record.offset}`]);
    }
    const jobs = new Map<string, number>();
    for (const record of [...robotJobs, ...webhookJobs]) {
      try {
        const id = (JSON.parse(record.value?.toString('utf8') ?? '{}') as { deliveryId?: string }).deliveryId;
        if (id) jobs.set(id, (jobs.get(id) ?? 0) + 1);
      } catch {
        // not a job
      }
    }
    const statuses = await this.ledger.statusesOf(
      lost.flatMap((index) => Object.values(expectedDeliveries(this.world, index))),
    );
    const lines = lost.slice(0, limit).map((index) => {
      const ids = expectedDeliveries(this.world, index);
      const records = onTopic.get(`${this.runId}/valid/${index}`) ?? [];
      const of = (id: string, received: boolean) =>
        `${received ? 'received' : 'NOT received'}, ${jobs.get(id) ?? 0} committed job(s), ledger ${statuses.get(id) ?? 'no row'}`;
      return `lost event ${eventIdOf(this.world, index)}: on the events topic ${records.length}× (${records.join(', ') || '-'}); robot: ${of(ids.robot, tally.carried.has(ids.robot))}; webhook: ${of(ids.webhook, webhookIds.has(ids.webhook))}`;
    });
    if (lost.length > limit) lines.push(`… and ${lost.length - limit} more events with a delivery lost`);
    return lines;
  }

  /** The counts every scenario shows, with their checks. Call after settle(). */
  async commonCounts(): Promise<Count[]> {
    const expected = this.expected();
    const { creator, actor, muter } = this.world.people;
    const robotMessages = [...this.inbox.robotMessages.values()];
    const webhookDeliveries = [...this.inbox.webhookDeliveries.values()];

    const tally = await this.robotTally();
    const robotReceived = [...expected.robot].filter((id) => tally.carried.has(id)).length;
    const robotDuplicates = [...tally.carried.values()].reduce((sum, n) => sum + n - 1, 0);
    const webhookIds = webhookDeliveries.map((d) => d.deliveryId);
    const webhookDistinct = new Set(webhookIds);
    const webhookReceived = [...expected.webhook].filter((id) => webhookDistinct.has(id)).length;
    const unexpected =
      [...tally.carried.keys()].filter((id) => !expected.robot.has(id)).length +
      tally.unexplained +
      [...webhookDistinct].filter((id) => !expected.webhook.has(id)).length;

    // A digest mentions everyone any of its updates mentions: a mention of the actor or the muter in any
    // section shows in its `at` and its text alike.
    const mentionedInRobot = (person: { mobile: string }) =>
      robotMessages.filter(
        (m) => (m.body.at?.atMobiles ?? []).includes(person.mobile) || robotText(m).includes(person.mobile),
      ).length;
    const listedInWebhook = (person: { id: string }) =>
      webhookDeliveries.filter((d) => (d.body.recipients ?? []).some((r) => r.id === person.id)).length;
    const told = (person: { id: string; mobile: string }) =>
      mentionedInRobot(person) + listedInWebhook(person);
    const mentionedTwice = robotMessages.filter((m) => {
      const mobiles = m.body.at?.atMobiles ?? [];
      return new Set(mobiles).size !== mobiles.length;
    }).length;

    const ledger = await this.ledger.statusCounts();
    const dlq = await this.vendorDlqMessages();
    const expectedTotal = expected.robot.size + expected.webhook.size;
    const received = robotReceived + webhookReceived;
    const exits = (this.router?.unplannedExits.length ?? 0) + (this.sender?.unplannedExits.length ?? 0);
    return [
      { key: 'events.sent', label: 'valid events sent', value: this.sent.size },
      { key: 'deliveries.expected', label: 'deliveries expected (robot + webhook)', value: expectedTotal },
      {
        key: 'received.robot',
        label: 'received at the sandbox: DingTalk robot (in singles or digests)',
        value: robotReceived,
      },
      { key: 'received.webhook', label: 'received at the sandbox: webhook', value: webhookReceived },
      {
        key: 'lost',
        label: 'lost (expected, never received)',
        value: expectedTotal - received,
        check: eq(0),
      },
      { key: 'robot.messages', label: 'robot messages accepted', value: tally.messages },
      { key: 'robot.digests', label: 'robot messages that are digests (2+ updates)', value: tally.digests },
      { key: 'robot.largestDigest', label: 'most updates in one robot message', value: tally.largestDigest },
      {
        key: 'robot.mismatched',
        label: 'robot updates where the ledger (msgUuid, digest_id) and the text disagree',
        value: tally.mismatched,
        check: eq(0),
      },
      {
        key: 'duplicates.robot',
        label: 'robot deliveries shown more than once (in two accepted messages)',
        value: robotDuplicates,
        check: eq(0),
      },
      {
        key: 'deduplicated.robot',
        label: 're-sends the robot dropped by msgUuid',
        value: this.inbox.robotDeduplicated.size,
        // Like the webhook's duplicates below: only a send in flight when a sender died is sent twice.
        check: le(this.inFlight.robot),
      },
      {
        key: 'duplicates.webhook',
        label: 'webhook re-sends of a received delivery (no platform key)',
        value: this.inbox.webhookResent.size + (webhookIds.length - webhookDistinct.size),
        // See kill-sender.ts: a re-send needs a send the dying sender had claimed but not recorded.
        check: le(this.inFlight.webhook),
      },
      {
        key: 'inflight.webhook',
        label: `webhook sends in flight at sender deaths (${this.inFlight.deaths})`,
        value: this.inFlight.webhook,
      },
      { key: 'unexpected', label: 'messages no sent event explains', value: unexpected, check: eq(0) },
      { key: 'told.actor', label: 'messages mentioning the actor', value: told(actor), check: eq(0) },
      { key: 'told.muter', label: 'messages mentioning the muter', value: told(muter), check: eq(0) },
      {
        key: 'told.creator',
        label: 'messages mentioning the creator (one per message)',
        value: told(creator),
        check: eq(robotMessages.length + webhookDeliveries.length),
      },
      {
        key: 'mentions.doubled',
        label: 'robot messages mentioning someone twice in `at`',
        value: mentionedTwice,
        check: eq(0),
      },
      { key: 'ledger.delivered', label: 'ledger: delivered', value: ledger.delivered },
      {
        key: 'ledger.unfinished',
        label: 'ledger: still sending, retrying, queued or in a digest',
        value: ledger.sending + ledger.retrying + ledger.queued + ledger.digesting,
        check: eq(0),
      },
      {
        key: 'ledger.failed',
        label: 'ledger: failed or dead',
        value: ledger.failed + ledger.dead,
        check: eq(0),
      },
      { key: 'dlq.deliveries', label: 'jobs on the senders’ DLQs', value: dlq, check: eq(0) },
      { key: 'exits.unplanned', label: 'dispatcher processes that exited unplanned', value: exits },
      ...(['router', 'sender'] as const).flatMap((name) => {
        const crashes = this.consumerCrashes(name);
        return [
          {
            key: `crashes.final.${name}`,
            label: `${name}: consumer crashes nobody restarted`,
            // kafkajs restarts a consumer after a retriable error only; after any other, the process stays
            // up (and ready) while that consumer reads nothing more, unless superviseConsumer restarts it.
            value: crashes.final,
            check: eq(0),
          },
          {
            key: `crashes.restarted.${name}`,
            label: `${name}: consumer crashes restarted (by kafkajs or superviseConsumer)`,
            value: crashes.restarted,
          },
        ];
      }),
      {
        key: 'crashes.final.state',
        label: 'state materialisers (both processes): consumer crashes nobody restarted',
        // The materialiser's consumer (group tidings-dispatcher-state.<uuid>) keeps the rules, channels and
        // people a process routes and sends with; dead, that process works on with what it last knew.
        value: this.consumerCrashes('router', true).final + this.consumerCrashes('sender', true).final,
        check: eq(0),
      },
    ];
  }

  /**
   * A process's consumer crashes (kafkajs logs `Crash: <error>` for each) and how many of them were followed
   * by a restart: kafkajs's own after a retriable error, or superviseConsumer's after any other. Either the
   * state materialiser's consumer or all the others (told apart by group id, which both lines carry).
   */
  private consumerCrashes(
    name: 'router' | 'sender',
    stateMaterialiser = false,
  ): { final: number; restarted: number } {
    const service = name === 'router' ? this.router : this.sender;
    let crashes = 0;
    let restarted = 0;
    service?.forEachLine((line) => {
      if (line.includes('"groupId":"tidings-dispatcher-state.') !== stateMaterialiser) return;
      if (line.includes('"msg":"Crash: ')) crashes += 1;
      else if (
        line.includes('"msg":"Restarting the consumer in ') ||
        line.includes(`"msg":"${CRASH_MESSAGES.kafkajs}"`)
      )
        restarted += 1;
    });
    return { final: Math.max(0, crashes - restarted), restarted };
  }

  /** Kills whatever still runs, drops the run's database and removes its folder (logs kept on request). */
  async close(options: { keepLogs: boolean }): Promise<void> {
    await this.inbox?.stopPolling();
    await Promise.allSettled([this.router?.stop(), this.sender?.stop(), this.sandboxService?.stop()]);
    await this.producer?.disconnect().catch(() => {});
    await this.ledger?.close().catch(() => {});
    await this.dropDatabase().catch((error: unknown) =>
      this.log(`could not drop the run's database: ${error}`),
    );
    if (options.keepLogs) {
      rmSync(join(this.dir, 'kafka'), { recursive: true, force: true });
      this.log(`logs kept in ${this.logDir}`);
    } else rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A robot message's markdown text (what people read; a digest's sections are the updates' bodies). */
export function robotText(message: RobotMessage): string {
  return String((message.body.markdown as { text?: unknown } | undefined)?.text ?? '');
}

export const eq = (value: number) => ({ op: '=' as const, value });
export const le = (value: number) => ({ op: '<=' as const, value });
export const ge = (value: number) => ({ op: '>=' as const, value });
