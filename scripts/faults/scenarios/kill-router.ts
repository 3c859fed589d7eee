// kill-router: kill -9 the router process while events keep coming, and restart it.
//
// The kill is aimed inside a transaction: from a random moment on, the router is frozen (SIGSTOP) as soon as
// new job records appear on the deliveries topics, and killed if their transaction is still open a moment
// later (more records written than committed); otherwise it is let go (SIGCONT) until the next write.
//
// Shows: nothing is lost, and no delivery job became visible twice. The router writes a batch's jobs and
// its consumed offset in one Kafka transaction; the killed router's open transaction is aborted when the
// restarted one (same transactional id) starts, and the batch is routed again. A read_committed consumer
// (what the senders are) must then see each delivery id once. The ledger would hide a duplicate job from
// people, so the jobs are counted on the topics themselves.
//
// Found at the large size (fixed): the restarted router found the backlog that built up while it was away
// and routed a whole fetched batch in one transaction, all jobs of a credential in one produce request.
// Jobs are about 1.2 KB (each embeds its event), so once a batch held more than about 900 events of one
// partition the request exceeded Kafka's 1 MB message size; kafkajs called that non-retriable, the
// router's consumer crashed for good, and everything after it was lost (10,000 events: 14,142 of 20,000
// deliveries never made). The router now sends a transaction's records in sendBatch calls of at most
// 512 KiB each, and its consumer is supervised (restarted after any crash).
import { randomUUID } from 'node:crypto';
import { kafkaNames } from '@tidings/kafka';
import { sleep } from '../../infra/process.ts';
import { eq, type Harness } from '../harness.ts';
import type { ScenarioResult } from '../report.ts';
import { readTopicToEnd } from '../topics.ts';
import { emitPaced, range, type Scenario, withHarness } from './common.ts';

/** Events the router has committed as routed (its group's offsets on the events topic). */
async function routed(harness: Harness): Promise<number> {
  const names = kafkaNames(harness.prefix);
  const admin = harness.kafka.admin();
  await admin.connect();
  try {
    const [topic] = await admin.fetchOffsets({
      groupId: names.group('tidings-router'),
      topics: [names.ticketEvents],
    });
    return (topic?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Follows the deliveries topics twice: as written (read_uncommitted) and as committed. More written than
 * committed, once the committed reader has had time to catch up, means a transaction is open.
 */
async function watchJobs(harness: Harness, topics: string[]) {
  const counts = { written: 0, committed: 0 };
  let onWritten: (() => void) | undefined;
  const consumers = [true, false].map((readUncommitted) =>
    harness.kafka.consumer({
      groupId: `tidings-faults-watch-${randomUUID()}`,
      readUncommitted,
      maxWaitTimeInMs: 50,
    }),
  );
  await Promise.all(
    consumers.map(async (consumer, i) => {
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          if (i === 0) {
            counts.written += batch.messages.length;
            onWritten?.();
          } else counts.committed += batch.messages.length;
        },
      });
      await joined;
    }),
  );
  return {
    counts,
    /** Calls `then` (synchronously, from the fetch loop) the next time job records are written. */
    nextWrite(then: () => void) {
      onWritten = () => {
        onWritten = undefined;
        then();
      };
    },
    cancel() {
      onWritten = undefined;
    },
    stop: () => Promise.all(consumers.map((consumer) => consumer.disconnect())),
  };
}

/**
 * kill -9 the router inside an open transaction: freeze it (SIGSTOP) the moment job records appear, and
 * kill it if their transaction is still open a moment later; otherwise let it go on (SIGCONT) and try at the
 * next write. After `tries` misses it is killed wherever it is. Returns whether a transaction was open.
 */
async function killMidTransaction(harness: Harness, topics: string[], tries: number): Promise<boolean> {
  const watch = await watchJobs(harness, topics);
  try {
    for (let attempt = 1; attempt <= tries; attempt++) {
      const frozen = await Promise.race([
        new Promise<boolean>((resolve) =>
          watch.nextWrite(() => {
            harness.router.signal('SIGSTOP');
            resolve(true);
          }),
        ),
        sleep(10_000).then(() => false),
      ]);
      if (!frozen) {
        watch.cancel();
        break;
      }
      await sleep(1_500);
      if (watch.counts.written > watch.counts.committed) {
        await harness.router.kill9();
        return true;
      }
      harness.router.signal('SIGCONT');
    }
    await harness.router.kill9();
    return false;
  } finally {
    await watch.stop();
  }
}

export const killRouter: Scenario = {
  name: 'kill-router',
  proves: 'kill -9 the router mid-transaction: 0 lost, 0 duplicate jobs (read_committed, by deliveryId)',
  events: { small: 300, large: 10_000 },
  run: (context) =>
    withHarness(context, { scenario: 'kill-router' }, async (harness): Promise<ScenarioResult> => {
      await harness.startDispatcher();
      const windowMs = context.large ? 60_000 : 10_000;
      const emitting = emitPaced(harness, range(context.events), windowMs);
      // From a random moment while events keep arriving, the first write of jobs whose transaction is
      // still open when checked.
      await sleep((0.1 + 0.4 * context.random()) * windowMs);
      const names = kafkaNames(harness.prefix);
      const topics = [names.deliveries('dingtalk'), names.deliveries('webhook')];
      const midTransaction = await killMidTransaction(harness, topics, 20);
      const routedBefore = await routed(harness);
      context.log(
        `kill-router: router killed ${midTransaction ? 'inside an open transaction' : 'between transactions'} after ${routedBefore} events routed; restarting it`,
      );
      const restarting = harness.router.start();
      await emitting;
      await restarting;
      await harness.settle({ stallMs: 90_000 });
      const counts = await harness.commonCounts();

      const committed = (await Promise.all(topics.map((t) => readTopicToEnd(harness.kafka, t)))).flat();
      const everything = (
        await Promise.all(topics.map((t) => readTopicToEnd(harness.kafka, t, { readUncommitted: true })))
      ).flat();
      const ids = committed.map(
        (record) => (JSON.parse(record.value!.toString()) as { deliveryId: string }).deliveryId,
      );
      const distinct = new Set(ids);
      const expected = harness.expected();
      const missing = [...expected.robot, ...expected.webhook].filter((id) => !distinct.has(id)).length;
      counts.push(
        {
          key: 'kills',
          label: 'router kills (kill -9, then restart)',
          value: harness.router.kills,
          check: eq(1),
        },
        { key: 'jobs.committed', label: 'jobs on the deliveries topics (read_committed)', value: ids.length },
        {
          key: 'jobs.duplicates',
          label: 'jobs with a delivery id seen before',
          value: ids.length - distinct.size,
          check: eq(0),
        },
        { key: 'jobs.missing', label: 'expected deliveries without a job', value: missing, check: eq(0) },
        {
          key: 'jobs.aborted',
          label: 'job records in aborted transactions (read_uncommitted − read_committed)',
          value: everything.length - committed.length,
        },
      );
      return {
        scenario: 'kill-router',
        summary: `${context.events} events over ${windowMs / 1000} s, router killed once after ${routedBefore} were routed`,
        counts,
        notes: [],
      };
    }),
};
