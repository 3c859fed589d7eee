import {
  type Attributes,
  type Counter,
  type Gauge,
  type Histogram,
  type Meter,
  metrics,
} from '@opentelemetry/api';

/**
 * Every instrument Tidings records, in one place so names, units and attribute keys stay consistent (the
 * README's "Observing Tidings" lists them with their Prometheus names). Attributes are ids and kinds only:
 * never a body, an address or a credential.
 */
export interface TidingsMetrics {
  /** Ticket events the router read and settled; `outcome`: routed | unrouted | duplicate | dead_lettered. */
  eventsConsumed: Counter<{ outcome: string }>;
  /** Delivery jobs the router handed to the senders, by `channel_kind`. */
  jobsRouted: Counter<{ channel_kind: string }>;
  /** Recorded attempts by `channel_kind` and the ledger `status` they left (delivered, failed, retrying, queued, dead). */
  deliveries: Counter<{ channel_kind: string; status: string }>;
  /** How long a send to a platform took, by `channel_kind` and `outcome` (delivered, retry, reauthenticate, permanent). */
  attemptDuration: Histogram<{ channel_kind: string; outcome: string }>;
  /** From the event's occurred-at to its delivery being recorded delivered, by `channel_kind`. */
  endToEndLatency: Histogram<{ channel_kind: string }>;
  /** Deliveries handed to the retry topic after a failed attempt, by `channel_kind`. */
  retries: Counter<{ channel_kind: string }>;
  /** Deliveries that spent their retry budget and went to the DLQ, by `channel_kind`. */
  deadLettered: Counter<{ channel_kind: string }>;
  /** A message held back by a limit: `limit` is credential (rate), person (rate) or circuit; by `vendor`. */
  rateLimitWaits: Counter<{ vendor: string; limit: string }>;
  /** Access-token fetches from a platform's token endpoint (first fetch, early refresh, re-authentication). */
  tokenRefreshes: Counter<{ vendor: string }>;
  /** State messages applied to the dispatcher's in-memory state, by `entity`. */
  stateMessages: Counter<{ entity: string }>;
  /** How long the dispatcher took to catch up with the state topics at start. */
  stateCatchUp: Histogram<Attributes>;
  /** Messages behind the partition's high watermark after the last batch, by `consumer`, `topic`, `partition`. */
  consumerLag: Gauge<{ consumer: string; topic: string; partition: string }>;
  /** The meter, for observable instruments a component registers itself (DLQ depth, readiness). */
  meter: Meter;
}

function createMetrics(meter: Meter): TidingsMetrics {
  const latencyBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
  return {
    eventsConsumed: meter.createCounter('tidings.events.consumed', {
      description: 'Ticket events the router read and settled, by outcome',
    }),
    jobsRouted: meter.createCounter('tidings.jobs.routed', {
      description: 'Delivery jobs the router handed to the senders',
    }),
    deliveries: meter.createCounter('tidings.deliveries', {
      description: 'Recorded delivery attempts by channel kind and the status they left',
    }),
    attemptDuration: meter.createHistogram('tidings.delivery.attempt.duration', {
      description: 'Duration of one send to a platform',
      unit: 's',
      advice: { explicitBucketBoundaries: latencyBuckets },
    }),
    endToEndLatency: meter.createHistogram('tidings.delivery.latency', {
      description: "From the event's occurred-at to its delivery recorded delivered",
      unit: 's',
      advice: { explicitBucketBoundaries: latencyBuckets },
    }),
    retries: meter.createCounter('tidings.delivery.retries', {
      description: 'Deliveries handed to the retry topic after a failed attempt',
    }),
    deadLettered: meter.createCounter('tidings.delivery.dead_lettered', {
      description: 'Deliveries that spent their retry budget and went to the DLQ',
    }),
    rateLimitWaits: meter.createCounter('tidings.rate_limit.waits', {
      description: 'Messages held back by a rate limit or an open circuit',
    }),
    tokenRefreshes: meter.createCounter('tidings.provider.token.refreshes', {
      description: "Access-token fetches from a platform's token endpoint",
    }),
    stateMessages: meter.createCounter('tidings.state.messages', {
      description: 'State messages applied to the in-memory state',
    }),
    stateCatchUp: meter.createHistogram('tidings.state.catch_up.duration', {
      description: 'Time to catch up with the state topics at start',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] },
    }),
    consumerLag: meter.createGauge('tidings.kafka.consumer.lag', {
      description: "Messages behind the partition's high watermark after the last batch",
    }),
    meter,
  };
}

let current: TidingsMetrics | undefined;

/**
 * The instruments, from the global meter provider. Created on first use and again after startTelemetry
 * registers a provider: instruments made from the API's no-op meter before that would stay no-ops.
 */
export function tidingsMetrics(): TidingsMetrics {
  current ??= createMetrics(metrics.getMeter('tidings'));
  return current;
}

/** startTelemetry calls this once the meter provider is registered. */
export function resetMetrics(): void {
  current = undefined;
}
