import { type Admin, type IHeaders, Kafka, type LogEntry, logLevel } from 'kafkajs';

export type {
  Admin,
  Consumer,
  EachBatchPayload,
  IHeaders,
  KafkaMessage,
  Producer,
  TopicMessages,
  Transaction,
} from 'kafkajs';
export { Kafka };

/** Default topic names (ARCHITECTURE §4). Every name is configuration; these are only the defaults. */
export const defaultTopics = {
  ticketEvents: 'tidings.ticket-events.v1',
  ticketEventsDlq: 'tidings.ticket-events.dlq.v1',
  deliveries: (channelKind: string) => `tidings.deliveries.${channelKind}.v1`,
  retry: (channelKind: string) => `tidings.retry.${channelKind}.v1`,
  dlq: (channelKind: string) => `tidings.dlq.${channelKind}.v1`,
} as const;

export interface TopicSpec {
  topic: string;
  partitions?: number;
  /** Compacted topics keep the latest value per key (state topics). */
  compacted?: boolean;
}

/** kafkajs logs through this: one JSON line per entry on stderr, warnings and errors only by default. */
function jsonLogCreator() {
  return ({ namespace, level, log }: LogEntry) => {
    const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
    const levelName = level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'info';
    process.stderr.write(
      `${JSON.stringify({ level: levelName, time: new Date().toISOString(), component: `kafkajs.${namespace}`, msg: message, ...extra })}\n`,
    );
  };
}

export function createKafka(options: { brokers: string[]; clientId: string }): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: jsonLogCreator,
    retry: { initialRetryTime: 200, retries: 10 },
  });
}

/** Waits until every partition of the topics has a leader, so the first produce or fetch does not fail. */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const led = metadata.topics.every(
        (topic) =>
          topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
      );
      if (led) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics ${topics.join(', ')} have no leader after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates missing topics and waits for their leaders; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[]): Promise<void> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions ?? 1,
          configEntries: spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
        })),
      });
    } catch (error) {
      // Another process may have created the same topic between list and create; its leaders may still
      // be on their way, which the broker reports as not hosting the partition.
      if (
        !(error instanceof Error && /already exists|does not host this topic-partition/i.test(error.message))
      )
        throw error;
    }
    await waitForLeaders(
      admin,
      missing.map((spec) => spec.topic),
    );
  } finally {
    await admin.disconnect();
  }
}

/** A header's value as a string, whichever shape kafkajs gives it (Buffer, string, array). */
export function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/**
 * Every topic and consumer-group name a process uses, from one optional prefix (e.g. `staging.`), so
 * environments, or test files, can share a cluster without sharing state.
 */
export interface KafkaNames {
  ticketEvents: string;
  ticketEventsDlq: string;
  deliveries(vendor: string): string;
  retry(vendor: string): string;
  dlq(vendor: string): string;
  group(name: string): string;
  topic(name: string): string;
}

export function kafkaNames(prefix = ''): KafkaNames {
  return {
    ticketEvents: prefix + defaultTopics.ticketEvents,
    ticketEventsDlq: prefix + defaultTopics.ticketEventsDlq,
    deliveries: (vendor) => prefix + defaultTopics.deliveries(vendor),
    retry: (vendor) => prefix + defaultTopics.retry(vendor),
    dlq: (vendor) => prefix + defaultTopics.dlq(vendor),
    group: (name) => prefix + name,
    topic: (name) => prefix + name,
  };
}

export {
  chunkBySize,
  KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
  MAX_RECORD_BYTES,
  MAX_SEND_BYTES,
  recordBytes,
  type SizedRecord,
} from './batches.ts';
export { isTransientKafkaError, kafkaErrorType } from './errors.ts';
export { LaneFailure, runInLanes } from './lanes.ts';
export {
  CRASH_MESSAGES,
  type SuperviseConsumerOptions,
  type SupervisedConsumer,
  type SupervisedConsumerState,
  type SupervisorLogger,
  superviseConsumer,
} from './supervise.ts';
