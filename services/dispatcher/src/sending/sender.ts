import {
  type Consumer,
  headerValue,
  type Kafka,
  type KafkaMessage,
  type KafkaNames,
  LaneFailure,
  MAX_SEND_BYTES,
  recordBytes,
  runInLanes,
  type SupervisedConsumer,
  type SupervisedConsumerState,
  superviseConsumer,
  type TopicMessages,
} from '@tidings/kafka';
import type { DeliveryOutcome } from '@tidings/providers';
import type { ChannelKind } from '@tidings/state';
import {
  type Attributes,
  contextFromHeaders,
  failSpan,
  type Span,
  SpanKind,
  tidingsMetrics,
  traceHeaders,
  withSpan,
} from '@tidings/telemetry';
import { coalesce } from '../coalesce.ts';
import {
  type DeliveryJob,
  type DeliveryResult,
  decodeDeliveryJob,
  deliveryIdFor,
  deliveryResultsTopic,
  digestIdFor,
  jobForRecipients,
  vendorOf,
} from '../jobs.ts';
import { type DeliveryLedger, ownDelivery, type QueuedDelivery } from '../ledger/repository.ts';
import type { DeliveryStatus } from '../ledger/schema.ts';
import { errorMessage, type Logger } from '../log.ts';
import { type DigestKind, digestBudgetBytes, isDigestKind } from '../rendering/digest.ts';
import {
  CircuitBreaker,
  credentialLimits,
  defaultSenderLimits,
  personLimits,
  RateLimiter,
  type RateWindow,
  type SenderLimits,
} from './limits.ts';
import type { PersonalDelivery } from './personal.ts';
import { defaultRetryPolicy, nextStep, type RetryPolicy } from './retry-policy.ts';

/** Delivers jobs through channels. Returns classified outcomes; never throws for the platform. */
export interface ChannelHandler {
  /** A group job: one message to the channel's group or endpoint. */
  deliver(job: DeliveryJob): Promise<DeliveryOutcome>;
  /** A per-person job: an outcome per person, keyed by user id. */
  deliverToPeople(job: DeliveryJob, people: PersonalDelivery[]): Promise<Map<string, DeliveryOutcome>>;
  /** How many of these group jobs, from the first, fit in one digest message (at least one). */
  digestCapacity(jobs: readonly DeliveryJob[]): number;
  /** Group jobs of one channel as one message ("5 updates on OPS-12"); `digestId` is its idempotency key. */
  deliverDigest(jobs: readonly DeliveryJob[], digestId: string): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

export interface Sender {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Its consumers' states by name (`sender.dingtalk`, `sender.dingtalk.retry`), for readiness. */
  consumers(): Record<string, SupervisedConsumerState>;
}

export const senderGroup = (vendor: string) => `tidings-sender.${vendor}`;
export const retryGroup = (vendor: string) => `tidings-sender.${vendor}.retry`;
const DUE_AT_HEADER = 'tidings-due-at';
/** How many deliveries waiting for one credential are considered for one digest. */
const DIGEST_CANDIDATES = 200;
const SWEEP_MS = 30_000;
/**
 * How long the broker may hold a fetch that finds nothing new. Jobs arrive in the router's transactions, and
 * a read-committed fetch parked on a partition is not always woken when a transaction commits: it waits out
 * this time (kafkajs's default is 5 s), which would be the delay of the next job. Ten empty fetches a second
 * cost next to nothing.
 */
const FETCH_MAX_WAIT_MS = 100;

/** What one pass over a job leaves to do: retries and deferrals for the retry topic, the dead, the results. */
interface Leftover {
  /** Tried and failed for now: tried again after the delay. */
  retry: { userIds: string[]; delayMs: number } | null;
  /** Not tried (a circuit open, a person's limit reached): no attempt spent, due at that time. */
  deferred: { userIds: string[]; dueAt: number } | null;
  /** Each dead delivery's own job (narrowed to its person), what it last got, and which budget it spent. */
  dead: Array<{ job: DeliveryJob; outcome: DeliveryOutcome; spent: string }>;
  results: DeliveryResult[];
}

const emptyLeftover = (): Leftover => ({ retry: null, deferred: null, dead: [], results: [] });

/** A delivery whose attempt is being recorded: its attempt numbers and the people it was for. */
interface SettledDelivery {
  id: string;
  attempt: number;
  budgetAttempt: number;
  userIds: string[];
}

/** Messages for the same topic in one entry, in the order given. */
function mergeByTopic(topicMessages: readonly TopicMessages[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages['messages']>();
  for (const { topic, messages } of topicMessages) {
    if (messages.length === 0) continue;
    const list = byTopic.get(topic);
    if (list) list.push(...messages);
    else byTopic.set(topic, [...messages]);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** A message as `recordBytes` sizes it (headers given as strings or buffers). */
const sizedRecord = (message: TopicMessages['messages'][number]) => ({
  key: message.key ?? null,
  value: message.value,
  headers: Object.fromEntries(
    Object.entries(message.headers ?? {}).filter(
      (entry): entry is [string, string | Buffer] =>
        typeof entry[1] === 'string' || Buffer.isBuffer(entry[1]),
    ),
  ),
});

/** A message of a fetched batch, with its job decoded once. */
interface ReadJob {
  message: KafkaMessage;
  decoded: ReturnType<typeof decodeDeliveryJob>;
}

/** A retry whose due time came only as the sender was stopping: left for the next owner to read. */
class StoppedBeforeStart extends Error {}

/** `limit`: what holds the message back, for the rate-limit-waits metric. */
type Gate = { ok: true } | { ok: false; until: number; limit: 'credential' | 'circuit' };

/** The event's occurred-at from a job (protobuf-JSON of the TicketEvent), for end-to-end latency. */
function occurredAtOf(job: DeliveryJob): number | null {
  const occurredAt = (job.event as { occurredAt?: unknown } | null)?.occurredAt;
  const at = typeof occurredAt === 'string' ? Date.parse(occurredAt) : Number.NaN;
  return Number.isNaN(at) ? null : at;
}

/** A ledger call as a database span: which operation, on how many deliveries; never the rows' content. */
function ledgerSpan<T>(operation: string, deliveryIds: readonly string[], fn: () => Promise<T>): Promise<T> {
  return withSpan(
    `ledger ${operation}`,
    {
      'db.system.name': 'postgresql',
      'db.namespace': 'dispatcher',
      'db.operation.name': operation,
      'db.operation.batch.size': deliveryIds.length,
      ...(deliveryIds.length === 1 && { 'tidings.delivery.id': deliveryIds[0] }),
    },
    fn,
    { kind: SpanKind.CLIENT },
  );
}

/** What a delivery span says about a job: ids and kinds only. */
function jobAttributes(job: DeliveryJob): Attributes {
  return {
    'tidings.event.id': job.eventId,
    'tidings.delivery.id': job.deliveryId,
    'tidings.channel.id': job.channelId,
    'tidings.channel.kind': job.channelKind,
  };
}

/**
 * One vendor's sender (ARCHITECTURE §6.2–3): claim the delivery in the ledger, deliver, record the outcome,
 * hand a retryable failure to the vendor's retry topic with its due time (or, past the retry budget, to the
 * DLQ), publish the result, and only then commit the job's offset. A crash anywhere before the commit
 * re-reads the job; the ledger then skips whatever was already delivered, failed or dead.
 *
 * Every credential (robot, app) is held to its platform's published rate limits and has a circuit. A group
 * message that may not go out now waits in the credential's digest queue in the ledger (its offset is
 * committed: the ledger holds it) and goes out with the others waiting as one digest message when a slot
 * frees. Jobs are keyed by credential, so one sender owns a credential and its limits are exact.
 */
export function createSender(options: {
  kafka: Kafka;
  vendor: string;
  ledger: DeliveryLedger;
  handler: ChannelHandler;
  log: Logger;
  names: KafkaNames;
  retryPolicy?: RetryPolicy;
  limits?: Partial<SenderLimits>;
  /** A consumer crashed too often to be restarted: the process should report itself unhealthy. */
  onGaveUp?: (error: Error) => void;
}): Sender {
  const { ledger, handler, log, vendor, names: topics } = options;
  const policy = options.retryPolicy ?? defaultRetryPolicy;
  const limits: SenderLimits = { ...defaultSenderLimits, ...options.limits };
  const jobsTopic = topics.deliveries(vendor);
  const retryTopic = topics.retry(vendor);
  const resultsTopic = topics.topic(deliveryResultsTopic);
  const consumer = options.kafka.consumer({
    groupId: topics.group(senderGroup(vendor)),
    readUncommitted: false,
    maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
  });
  const retryConsumer = options.kafka.consumer({
    groupId: topics.group(retryGroup(vendor)),
    readUncommitted: false,
    maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
  });
  const producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  // Lanes hand on at the same time: their messages share requests instead of queueing for the producer,
  // which has one in flight. A caller's messages travel in one request, so their order holds.
  const produce = coalesce<TopicMessages[], void>({
    run: async (callers) => {
      const topicMessages = mergeByTopic(callers.flat());
      if (topicMessages.length > 0) await producer.sendBatch({ acks: -1, topicMessages });
      return callers.map(() => undefined);
    },
    sizeOf: (topicMessages) =>
      topicMessages.reduce(
        (size, { messages }) =>
          size + messages.reduce((sum, message) => sum + recordBytes(sizedRecord(message)), 0),
        0,
      ),
    maxSize: MAX_SEND_BYTES,
  });
  const rates = new RateLimiter();
  const circuits = new CircuitBreaker(limits.circuit);
  const digestKinds = (Object.keys(digestBudgetBytes) as DigestKind[]).filter(
    (kind) => vendorOf(kind) === vendor,
  );
  let stopping = false;
  let sweepTimer: NodeJS.Timeout | undefined;
  /** Digest sends under way, so stopping can wait for them. */
  const flushing = new Set<Promise<unknown>>();

  const scaled = (windows: RateWindow[]) =>
    limits.rateLimits ? windows.map((w) => ({ ...w, windowMs: w.windowMs * limits.rateWindowScale })) : [];
  const credentialWindows = (kind: ChannelKind) => scaled(credentialLimits(kind));
  const personWindows = (kind: ChannelKind) => scaled(personLimits(kind));

  const internalFailure = (error: unknown): DeliveryOutcome => ({
    kind: 'permanent',
    code: 'internal',
    reason: `Tidings failed to deliver: ${errorMessage(error)}`,
  });

  const metrics = tidingsMetrics();

  /**
   * The call to the platform, as a client span the HTTP spans (undici) nest under; it records the outcome's
   * kind and code, never its reason (a platform's message can quote what was sent).
   */
  function providerCall<T extends DeliveryOutcome | Map<string, DeliveryOutcome>>(
    job: DeliveryJob,
    attributes: Attributes,
    call: () => Promise<T>,
  ): () => Promise<T> {
    return () =>
      withSpan(
        `${vendor} send`,
        { 'tidings.vendor': vendor, ...jobAttributes(job), ...attributes },
        async (span: Span) => {
          const result = await call();
          const outcomes = result instanceof Map ? [...result.values()] : [result as DeliveryOutcome];
          const first = outcomes.find((o) => o.kind !== 'delivered') ?? outcomes[0];
          if (first) {
            span.setAttribute('tidings.outcome', first.kind);
            if (first.kind !== 'delivered') {
              span.setAttribute('tidings.outcome.code', first.code);
              failSpan(span, `${first.kind}: ${first.code}`);
            }
          }
          return result;
        },
        { kind: SpanKind.CLIENT },
      );
  }

  async function timed<T>(send: () => Promise<T>, fallback: (error: unknown) => T) {
    const startedAt = new Date();
    const started = performance.now();
    let result: T;
    try {
      result = await send();
    } catch (error) {
      result = fallback(error);
    }
    return { result, startedAt, durationMs: performance.now() - started };
  }

  /** Whether a message may go through a credential now: its circuit lets it, and its rate limit has room. */
  function admit(credentialId: string, kind: ChannelKind, now: number, count = 1): Gate {
    const windows = credentialWindows(kind);
    const freeAt = rates.freeAt(credentialId, windows, now, count);
    if (freeAt > now) return { ok: false, until: freeAt, limit: 'credential' };
    const circuit = circuits.allow(credentialId, now);
    if (!circuit.allowed) return { ok: false, until: circuit.until, limit: 'circuit' };
    rates.tryTake(credentialId, windows, now, count);
    return { ok: true };
  }

  /** Feeds the credential's circuit: transient failures count, any other answer means the platform is up. */
  function report(credentialId: string, outcomes: readonly DeliveryOutcome[]): void {
    if (outcomes.length === 0) {
      circuits.release(credentialId);
      return;
    }
    const transient = (o: DeliveryOutcome) => o.kind === 'retry' || o.kind === 'reauthenticate';
    if (outcomes.every(transient)) circuits.failed(credentialId, Date.now());
    else circuits.succeeded(credentialId);
  }

  function resultOf(
    job: DeliveryJob,
    delivery: { id: string; attempt: number; userIds: string[] },
    status: DeliveryStatus,
    outcome: DeliveryOutcome,
    digestId: string | null,
  ): DeliveryResult {
    return {
      version: 1,
      deliveryId: delivery.id,
      eventId: job.eventId,
      tenantId: job.tenantId,
      projectId: job.projectId,
      ticketId: job.ticketId,
      channelId: job.channelId,
      channelKind: job.channelKind,
      target: job.target === 'group' ? 'group' : `user:${delivery.userIds[0] ?? ''}`,
      recipientUserIds: delivery.userIds,
      status,
      attempt: delivery.attempt,
      code: outcome.kind === 'delivered' ? null : outcome.code,
      reason: outcome.kind === 'delivered' ? null : outcome.reason,
      digestId,
      at: new Date().toISOString(),
    };
  }

  /**
   * Records the attempts of one platform call (one message, one batch of people, or one digest) in one
   * ledger statement, and says what follows each: a result, and a retry or the DLQ.
   */
  async function settle(
    settled: ReadonlyArray<{ job: DeliveryJob; delivery: SettledDelivery; outcome: DeliveryOutcome }>,
    timing: { startedAt: Date; durationMs: number },
    leftover: Leftover,
    digestId: string | null = null,
  ): Promise<void> {
    if (settled.length === 0) return;
    const now = Date.now();
    const steps = settled.map(({ job, delivery, outcome }) =>
      nextStep(outcome, delivery.budgetAttempt, policy, Math.random, job.routedAt),
    );
    const deliveryJobs = settled.map(({ job, delivery }) => jobForRecipients(job, delivery.userIds));
    const statuses = await ledgerSpan(
      'record',
      settled.map(({ delivery }) => delivery.id),
      () =>
        ledger.record(
          settled.map(({ delivery, outcome }, index) => {
            const step = steps[index]!;
            return {
              deliveryId: delivery.id,
              number: delivery.attempt,
              ...timing,
              outcome,
              // A digest's retry waits in the credential's queue, to go out in a later digest.
              step: {
                ...(step.kind === 'retry' && { retryAt: new Date(now + step.delayMs) }),
                waitInQueue: digestId !== null,
              },
              job: deliveryJobs[index]!,
            };
          }),
        ),
    );
    const delivered: string[] = [];
    settled.forEach(({ job, delivery, outcome }, index) => {
      const status = statuses[index]!;
      const step = steps[index]!;
      const channelKind = job.channelKind;
      metrics.deliveries.add(1, { channel_kind: channelKind, status });
      metrics.attemptDuration.record(timing.durationMs / 1000, {
        channel_kind: channelKind,
        outcome: outcome.kind,
      });
      const occurredAt = occurredAtOf(job);
      if (status === 'delivered' && occurredAt !== null)
        metrics.endToEndLatency.record(Math.max(0, now - occurredAt) / 1000, { channel_kind: channelKind });
      if (step.kind === 'retry') metrics.retries.add(1, { channel_kind: channelKind });
      else if (step.kind === 'dead') metrics.deadLettered.add(1, { channel_kind: channelKind });
      if (outcome.kind === 'delivered') delivered.push(delivery.id);
      else
        log.warn('delivery not delivered', {
          deliveryId: delivery.id,
          eventId: job.eventId,
          channelId: job.channelId,
          status,
          attempt: delivery.attempt,
          ...(digestId && { digestId }),
          code: outcome.code,
          reason: outcome.reason,
        });
      leftover.results.push(resultOf(job, delivery, status, outcome, digestId));
      if (step.kind === 'retry' && digestId === null) {
        const retry = leftover.retry ?? { userIds: [], delayMs: 0 };
        retry.userIds.push(...delivery.userIds);
        retry.delayMs = Math.max(retry.delayMs, step.delayMs);
        leftover.retry = retry;
      } else if (step.kind === 'dead')
        leftover.dead.push({ job: deliveryJobs[index]!, outcome, spent: step.spent });
    });
    // One line per platform call, not per person: a call to 1,000 people is one write, not 1,000.
    if (delivered.length > 0) {
      const first = settled[0]!;
      log.info('delivered', {
        eventId: first.job.eventId,
        channelId: first.job.channelId,
        ...(delivered.length === 1
          ? { deliveryId: delivered[0], attempt: first.delivery.attempt }
          : { deliveryIds: delivered }),
        ...(digestId && { digestId }),
      });
    }
  }

  function defer(
    leftover: Leftover,
    userIds: readonly string[],
    dueAt: number,
    limit: 'person' | 'circuit' | 'stopping',
  ): void {
    if (limit !== 'stopping') metrics.rateLimitWaits.add(userIds.length, { vendor, limit });
    const deferred = leftover.deferred ?? { userIds: [], dueAt: 0 };
    deferred.userIds.push(...userIds);
    deferred.dueAt = Math.max(deferred.dueAt, dueAt);
    leftover.deferred = deferred;
  }

  async function processGroupJob(job: DeliveryJob, leftover: Leftover): Promise<void> {
    const kind = job.channelKind as ChannelKind;
    const now = Date.now();
    if (isDigestKind(kind)) {
      // Behind others already waiting, or over the limit, or the platform paused: wait in the queue.
      // Behind others waiting counts as waiting for the credential's limit.
      const gate: Gate = queues.has(job.credentialId)
        ? { ok: false, until: now, limit: 'credential' }
        : admit(job.credentialId, kind, now);
      if (!gate.ok) {
        metrics.rateLimitWaits.add(1, { vendor, limit: gate.limit });
        if (await ledger.enqueue(job, new Date(gate.until))) {
          log.info('delivery queued behind the rate limit', {
            deliveryId: job.deliveryId,
            channelId: job.channelId,
            dueAt: new Date(gate.until).toISOString(),
          });
          scheduleFlush(job.credentialId, kind, gate.until);
        }
        return;
      }
    } else {
      const circuit = circuits.allow(job.credentialId, now);
      if (!circuit.allowed) {
        defer(leftover, job.recipientUserIds, circuit.until, 'circuit');
        return;
      }
    }
    const [claim] = await ledgerSpan('claim', [job.deliveryId], () => ledger.claim(job, [ownDelivery(job)]));
    if (!claim?.send) {
      report(job.credentialId, []);
      log.info('delivery already recorded; not sent again', {
        deliveryId: job.deliveryId,
        status: claim?.status,
      });
      return;
    }
    const { result: outcome, ...timing } = await timed(
      providerCall(job, { 'tidings.attempt': claim.attempt }, () => handler.deliver(job)),
      internalFailure,
    );
    report(job.credentialId, [outcome]);
    const delivery = {
      id: job.deliveryId,
      attempt: claim.attempt,
      budgetAttempt: claim.budgetAttempt,
      userIds: job.recipientUserIds,
    };
    await settle([{ job, delivery, outcome }], timing, leftover);
  }

  /** Waits (heartbeating) until `at`; false when the sender is stopping first. */
  async function waitUntil(at: number, heartbeat: () => Promise<void>): Promise<boolean> {
    while (!stopping && Date.now() < at) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, at - Date.now())));
      await heartbeat();
    }
    return !stopping;
  }

  async function processPersonalJob(
    job: DeliveryJob,
    leftover: Leftover,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const kind = job.channelKind as ChannelKind;
    const credentialId = job.credentialId;
    const circuit = circuits.allow(credentialId, Date.now());
    if (!circuit.allowed) {
      defer(leftover, job.recipientUserIds, circuit.until, 'circuit');
      return;
    }
    // A person over their own limit on this app waits on the retry topic (WeCom silently drops the excess).
    const people: string[] = [];
    for (const userId of job.recipientUserIds) {
      const key = `${credentialId}\u0000${userId}`;
      const now = Date.now();
      if (rates.tryTake(key, personWindows(kind), now)) people.push(userId);
      else defer(leftover, [userId], rates.freeAt(key, personWindows(kind), now), 'person');
    }
    // Lark sends one request per person: the app's limit is counted per person, in chunks it can grant.
    const windows = credentialWindows(kind);
    const perPerson = windows.length > 0;
    const chunkSize = perPerson ? Math.min(...windows.map((w) => w.limit)) : Math.max(1, people.length);
    const outcomes: DeliveryOutcome[] = [];
    for (let start = 0; start < people.length; start += chunkSize) {
      const chunk = people.slice(start, start + chunkSize);
      const count = perPerson ? chunk.length : 1;
      const freeAt = rates.freeAt(credentialId, windows, Date.now(), count);
      if (freeAt > Date.now()) metrics.rateLimitWaits.add(chunk.length, { vendor, limit: 'credential' });
      // Other lanes may take the same credential's slots while this one waits: wait until it has them.
      let granted = false;
      while (!granted && (await waitUntil(rates.freeAt(credentialId, windows, Date.now(), count), heartbeat)))
        granted = rates.tryTake(credentialId, windows, Date.now(), count);
      if (!granted) {
        // Stopping: the rest were not claimed; they go to the retry topic, due now.
        defer(leftover, people.slice(start), Date.now(), 'stopping');
        break;
      }
      outcomes.push(...(await deliverToChunk(job, chunk, leftover)));
    }
    report(credentialId, outcomes);
  }

  /** Claims a chunk of a per-person job's people, sends to those still to be sent, and records the outcomes. */
  async function deliverToChunk(job: DeliveryJob, userIds: string[], leftover: Leftover) {
    const batch = userIds.map((userId) => {
      const target = `user:${userId}`;
      const id = deliveryIdFor({
        tenantId: job.tenantId,
        eventId: job.eventId,
        channelId: job.channelId,
        target,
      });
      return { id, target, recipientUserIds: [userId] };
    });
    const claims = await ledgerSpan(
      'claim',
      batch.map((delivery) => delivery.id),
      () => ledger.claim(job, batch),
    );
    const pending: Array<PersonalDelivery & { attempt: number; budgetAttempt: number }> = [];
    claims.forEach((claim, index) => {
      const { id: deliveryId, recipientUserIds } = batch[index]!;
      if (claim.send)
        pending.push({
          userId: recipientUserIds[0]!,
          deliveryId,
          attempt: claim.attempt,
          budgetAttempt: claim.budgetAttempt,
        });
    });
    if (pending.length === 0) return [];
    const { result: outcomes, ...timing } = await timed(
      providerCall(job, { 'tidings.recipients': pending.length }, () =>
        handler.deliverToPeople(job, pending),
      ),
      (error) => new Map(pending.map(({ userId }) => [userId, internalFailure(error)])),
    );
    const settled = pending.map((person) => ({
      job,
      delivery: {
        id: person.deliveryId,
        attempt: person.attempt,
        budgetAttempt: person.budgetAttempt,
        userIds: [person.userId],
      },
      outcome: outcomes.get(person.userId) ?? internalFailure('no outcome reported'),
    }));
    await settle(settled, timing, leftover);
    return settled.map(({ outcome }) => outcome);
  }

  /** Hands on what is left of a job: retries and deferrals to the retry topic, the dead to the DLQ, results. */
  async function handOn(job: DeliveryJob, key: Buffer | string | null, leftover: Leftover): Promise<void> {
    const messages = [];
    // The active context (the job's process span) goes on, so a retry or a replay continues the same trace.
    const trace = traceHeaders();
    const toRetryTopic = (userIds: string[], dueAt: number) => ({
      topic: retryTopic,
      messages: [
        {
          key,
          value: JSON.stringify(jobForRecipients(job, userIds)),
          headers: { ...trace, [DUE_AT_HEADER]: String(dueAt) },
        },
      ],
    });
    if (leftover.retry)
      messages.push(toRetryTopic(leftover.retry.userIds, Date.now() + leftover.retry.delayMs));
    if (leftover.deferred) messages.push(toRetryTopic(leftover.deferred.userIds, leftover.deferred.dueAt));
    for (const dead of leftover.dead) {
      const reason = dead.outcome.kind === 'delivered' ? '' : `${dead.outcome.code}: ${dead.outcome.reason}`;
      messages.push({
        topic: topics.dlq(vendor),
        messages: [
          {
            key,
            value: JSON.stringify(dead.job),
            // The full attempt history is in the ledger (delivery_attempts), by delivery id.
            headers: {
              ...trace,
              'tidings-dlq-reason': `retry budget of ${dead.spent} spent; last: ${reason}`,
            },
          },
        ],
      });
    }
    if (leftover.results.length > 0) {
      messages.push({
        topic: resultsTopic,
        messages: leftover.results.map((result) => ({
          key: `${result.tenantId}/${result.ticketId}`,
          value: JSON.stringify(result),
          headers: { ...trace, 'content-type': 'application/json' },
        })),
      });
    }
    if (messages.length > 0) await produce(messages);
  }

  async function process(
    job: DeliveryJob,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const leftover = emptyLeftover();
    if (job.target === 'group') await processGroupJob(job, leftover);
    else await processPersonalJob(job, leftover, heartbeat);
    await handOn(job, message.key, leftover);
  }

  // ---- Digest queues: one per credential with group messages waiting behind its limit or circuit. ----

  interface DigestQueue {
    kind: DigestKind;
    timer: NodeJS.Timeout | null;
    dueAt: number;
    running: boolean;
    /** Asked to look again while a flush was running. */
    again: boolean;
  }
  const queues = new Map<string, DigestQueue>();

  function scheduleFlush(credentialId: string, kind: DigestKind, at: number): void {
    let queue = queues.get(credentialId);
    if (!queue) {
      queue = { kind, timer: null, dueAt: Number.POSITIVE_INFINITY, running: false, again: false };
      queues.set(credentialId, queue);
    }
    if (stopping) return;
    if (queue.running) {
      queue.again = true;
      return;
    }
    if (queue.timer && queue.dueAt <= at) return;
    if (queue.timer) clearTimeout(queue.timer);
    queue.dueAt = at;
    queue.timer = setTimeout(() => void flushQueue(credentialId), Math.max(0, at - Date.now()));
  }

  async function flushQueue(credentialId: string): Promise<void> {
    const queue = queues.get(credentialId);
    if (!queue || queue.running || stopping) return;
    queue.timer = null;
    queue.running = true;
    queue.again = false;
    let next: number | null;
    const run = flushOnce(credentialId, queue.kind);
    flushing.add(run);
    try {
      next = await run;
    } catch (error) {
      log.error('sending a digest failed; trying again shortly', {
        credentialId,
        error: errorMessage(error),
      });
      next = Date.now() + 5_000;
    } finally {
      flushing.delete(run);
      queue.running = false;
    }
    if (queue.again) next = Math.min(next ?? Date.now(), Date.now());
    if (next === null) queues.delete(credentialId);
    else scheduleFlush(credentialId, queue.kind, next);
  }

  /** Sends the next digest of a credential's queue if it may; when to look again (null: the queue is empty). */
  async function flushOnce(credentialId: string, kind: DigestKind): Promise<number | null> {
    const due = await ledger.dueQueued(credentialId, new Date(), DIGEST_CANDIDATES);
    if (due.length === 0) return (await ledger.nextQueuedAt(credentialId))?.getTime() ?? null;
    const gate = admit(credentialId, kind, Date.now());
    if (!gate.ok) return gate.until;
    const count = handler.digestCapacity(due.map((row) => row.job));
    const chosen = due.slice(0, count).map((row) => row.id);
    // One alone goes out as itself, under its own delivery id.
    const digestId = chosen.length === 1 ? chosen[0]! : digestIdFor(chosen);
    const claimed = await ledger.claimDigest(chosen, digestId);
    if (claimed.length === 0) {
      circuits.release(credentialId);
      return Date.now();
    }
    await sendDigest(credentialId, claimed, digestId);
    return Date.now();
  }

  async function sendDigest(credentialId: string, rows: QueuedDelivery[], digestId: string): Promise<void> {
    const jobs = rows.map((row) => row.job);
    const { result: outcome, ...timing } = await timed(
      providerCall(jobs[0]!, { 'tidings.digest.id': digestId, 'tidings.digest.size': jobs.length }, () =>
        jobs.length === 1 && digestId === jobs[0]!.deliveryId
          ? handler.deliver(jobs[0]!)
          : handler.deliverDigest(jobs, digestId),
      ),
      internalFailure,
    );
    report(credentialId, [outcome]);
    if (rows.length > 1)
      log.info('digest sent', { credentialId, digestId, deliveries: rows.length, outcome: outcome.kind });
    const leftover = emptyLeftover();
    await settle(
      rows.map((row) => ({
        job: row.job,
        delivery: {
          id: row.id,
          attempt: row.attempt,
          budgetAttempt: row.budgetAttempt,
          userIds: row.job.recipientUserIds,
        },
        outcome,
      })),
      timing,
      leftover,
      digestId,
    );
    const first = rows[0]!.job;
    await handOn(first, credentialId, leftover);
  }

  /**
   * Picks up what no running sender looks after: queues left by a sender that stopped or crashed (or whose
   * credentials a rebalance moved here), and digests abandoned mid-send, re-sent under the same id.
   */
  async function sweep(): Promise<void> {
    for (const queued of await ledger.queuedCredentials(digestKinds)) {
      if (!queues.has(queued.credentialId) && isDigestKind(queued.kind))
        scheduleFlush(queued.credentialId, queued.kind, queued.dueAt.getTime());
    }
    const stale = await ledger.takeStaleDigests(digestKinds, new Date(Date.now() - limits.staleDigestMs));
    for (const digest of stale) {
      if (stopping || !isDigestKind(digest.kind)) break;
      log.warn('re-sending a digest left unfinished', {
        digestId: digest.digestId,
        deliveries: digest.deliveries.length,
      });
      let gate = admit(digest.credentialId, digest.kind, Date.now());
      while (!gate.ok && !stopping) {
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(0, gate.ok ? 0 : gate.until - Date.now())),
        );
        gate = admit(digest.credentialId, digest.kind, Date.now());
      }
      if (gate.ok) await sendDigest(digest.credentialId, digest.deliveries, digest.digestId);
    }
  }

  function startSweeping(): void {
    const run = () => {
      if (stopping) return;
      const swept = sweep().catch((error) =>
        log.error('sweeping the digest queues failed', { error: errorMessage(error) }),
      );
      flushing.add(swept);
      void swept.finally(() => {
        flushing.delete(swept);
        if (!stopping) sweepTimer = setTimeout(run, SWEEP_MS);
      });
    };
    run();
  }

  // ---- Kafka ----

  async function deadLetterMalformed(
    message: KafkaMessage,
    partition: number,
    reason: string,
  ): Promise<void> {
    log.error('malformed delivery job dead-lettered', { partition, offset: message.offset, reason });
    await produce([
      {
        topic: topics.dlq(vendor),
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: { 'tidings-dlq-reason': reason, 'tidings-original-offset': message.offset },
          },
        ],
      },
    ]);
  }

  /** Waits for a retry's due time, heartbeating so the group does not think this consumer died. */
  async function waitUntilDue(message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    await waitUntil(Number(headerValue(message.headers, DUE_AT_HEADER) ?? 0), heartbeat);
  }

  /** One job read from a topic: decoded and handed on, or dead-lettered as malformed. */
  async function handleMessage(
    source: Consumer,
    topic: string,
    partition: number,
    { message, decoded }: ReadJob,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    // A child of the router's `create` span (or the previous attempt's), from the message headers.
    await withSpan(
      `${topic} process`,
      {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.destination.partition.id': String(partition),
        'messaging.kafka.offset': Number(message.offset),
        'messaging.consumer.group.name': groupOf(source),
        'tidings.vendor': vendor,
      },
      async (span) => {
        if (decoded.ok) {
          span.setAttributes(jobAttributes(decoded.job));
          await process(decoded.job, message, heartbeat);
        } else {
          failSpan(span, 'malformed delivery job');
          await deadLetterMalformed(message, partition, decoded.reason);
        }
      },
      { kind: SpanKind.CONSUMER, parent: contextFromHeaders(message.headers) },
    );
  }

  /**
   * A job's lane within a fetched batch: its ticket, so updates on one ticket reach a person or a group in
   * the order they happened, while other tickets' jobs are sent at the same time. An unreadable job is a lane
   * of its own (it only goes to the DLQ).
   */
  function laneOf({ message, decoded }: ReadJob): string {
    return decoded.ok ? `${decoded.job.tenantId}/${decoded.job.ticketId}` : `offset:${message.offset}`;
  }

  /**
   * Consumes a topic under supervision (a crash restarts the consumer instead of leaving it dead), a batch
   * at a time in lanes, and commits the batch's offsets once everything before them was handed on.
   */
  function consume(
    source: Consumer,
    topic: string,
    wait: (message: KafkaMessage, heartbeat: () => Promise<void>) => Promise<void>,
  ): SupervisedConsumer {
    const name = topic === retryTopic ? `sender.${vendor}.retry` : `sender.${vendor}`;
    return superviseConsumer({
      consumer: source,
      name,
      log,
      subscription: { topics: [topic], fromBeginning: true },
      run: {
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
          const { partition, messages } = batch;
          // Resolving moves where the consumer reads next; what is not resolved is fetched again.
          const commit = async (finished: number) => {
            if (finished === 0) return;
            const last = messages[finished - 1]!.offset;
            resolveOffset(last);
            await source.commitOffsets([{ topic, partition, offset: (BigInt(last) + 1n).toString() }]);
          };
          // Stopping, or the partition moved to another member: leave the rest uncommitted; whoever owns the
          // partition next reads it again, and the ledger keeps what was sent from being sent twice.
          const shouldStop = () => stopping || !isRunning() || isStale();
          let finished: number;
          try {
            const read = messages.map((message) => ({ message, decoded: decodeDeliveryJob(message.value) }));
            finished = await runInLanes(read, {
              laneOf,
              concurrency: limits.concurrency,
              shouldStop,
              run: async (job) => {
                await wait(job.message, heartbeat);
                if (shouldStop()) throw new StoppedBeforeStart();
                await handleMessage(source, topic, partition, job, heartbeat);
                // A batch can take longer than the session timeout; kafkajs heartbeats only when asked
                // (it sends one at most every heartbeatInterval however often it is asked).
                await heartbeat();
              },
            });
          } catch (error) {
            if (!(error instanceof LaneFailure)) throw error;
            await commit(error.finished);
            if (error.cause instanceof StoppedBeforeStart) return;
            throw error.cause;
          }
          await commit(finished);
        },
      },
      onGaveUp: (error) => {
        log.error(`the ${name} consumer gave up: it sends nothing any more`, { error: errorMessage(error) });
        options.onGaveUp?.(error);
      },
    });
  }

  const groupOf = (source: Consumer) =>
    source === consumer ? topics.group(senderGroup(vendor)) : topics.group(retryGroup(vendor));
  const jobs = consume(consumer, jobsTopic, async () => {});
  const retries = consume(retryConsumer, retryTopic, waitUntilDue);

  return {
    async start() {
      await producer.connect();
      await jobs.start();
      await retries.start();
      if (digestKinds.length > 0) startSweeping();
    },
    /**
     * Graceful: no new message or digest is started; messages being sent finish (up to `drainMs`) and are
     * committed; then the consumers leave their groups. Whatever was not finished is read again by the next
     * owner, and the ledger and the platforms' idempotency keys keep it from being sent twice.
     */
    async stop() {
      stopping = true;
      if (sweepTimer) clearTimeout(sweepTimer);
      for (const queue of queues.values()) if (queue.timer) clearTimeout(queue.timer);
      const drained = Promise.all([...flushing, retries.stop(), jobs.stop()]);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), limits.drainMs);
      });
      if ((await Promise.race([drained, deadline])) === 'deadline')
        log.warn('stopping before every send finished; the next owner reads those jobs again', {
          vendor,
          drainMs: limits.drainMs,
        });
      clearTimeout(timer);
      await producer.disconnect();
    },
    consumers: () => ({ [`sender.${vendor}`]: jobs.state(), [`sender.${vendor}.retry`]: retries.state() }),
  };
}
