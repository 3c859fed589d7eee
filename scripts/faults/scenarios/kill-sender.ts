// kill-sender: kill -9 the sender process five times at random moments of a run, restarting it each time.
//
// Shows: nothing is lost; the DingTalk robot (which gets the delivery id as its msgUuid) shows nothing twice;
// the webhook, which has no platform idempotency key the sender can rely on, gets at most the sends that
// were in flight when the sender died.
//
// The bound on webhook duplicates. Per vendor, a sender process runs two consumers (new jobs, due retries),
// and each sends up to SENDER_CONCURRENCY jobs of different tickets at once (lanes), so it holds at most
// 2 × SENDER_CONCURRENCY jobs; a webhook job is one send. For each job the sender claims the delivery in the
// ledger (status `sending`), sends, records the outcome, and only then commits the job's offset. Killed before
// the record, the row stays `sending` and the offset uncommitted: the restarted sender reads the job again,
// claims it again (a `sending` row is sent again, by design) and sends once more, which is a duplicate when
// the first send had reached the receiver (it carries the same x-tidings-delivery-id header, for receivers that
// dedupe). Killed after the record, the re-read job finds the row settled and sends nothing. So every
// duplicate is a send whose row was `sending` when a sender died, and each such row gives at most one extra
// send per death:
//     webhook duplicates ≤ Σ over deaths of (webhook rows in `sending` right after the death)
//                        ≤ 2 × SENDER_CONCURRENCY × deaths.
// The middle term is measured (the ledger is read after each kill, before the restart) and is the check;
// the right-hand term is checked too, so a change in the sender's concurrency shows up here.
import { defaultSenderLimits } from '../../../services/dispatcher/src/sending/limits.ts';
import { eq, le } from '../harness.ts';
import type { ScenarioResult } from '../report.ts';
import { range, type Scenario, waitUntil, withHarness } from './common.ts';

const KILLS = 5;

export const killSender: Scenario = {
  name: 'kill-sender',
  proves:
    'kill -9 the sender 5 times: 0 lost, 0 duplicates on the robot (msgUuid), webhook duplicates ≤ sends in flight',
  events: { small: 200, large: 10_000 },
  run: (context) =>
    withHarness(context, { scenario: 'kill-sender' }, async (harness): Promise<ScenarioResult> => {
      await harness.startDispatcher();
      const total = context.events * 2;
      // Random moments, as points of progress: the k-th kill comes once the ledger has recorded that many
      // deliveries, so every kill lands while deliveries are under way (the restarted sender waits for its
      // consumer group to drop the dead member, about 30 s, before it sends again).
      const points = range(KILLS)
        .map(() => Math.floor((0.05 + 0.85 * context.random()) * total))
        .sort((a, b) => a - b);
      const emitting = harness.emitValid(range(context.events));
      const notes: string[] = [];
      for (const [n, point] of points.entries()) {
        await waitUntil(
          `${point} deliveries recorded before kill ${n + 1}`,
          async () => (await harness.ledger.statusCounts()).delivered >= point,
          { timeoutMs: 240_000, everyMs: 20 },
        );
        const delivered = (await harness.ledger.statusCounts()).delivered;
        const inFlight = await harness.killSender();
        const line = `kill ${n + 1}/${KILLS} at ${delivered}/${total} delivered: in flight robot ${inFlight.robot}, webhook ${inFlight.webhook}`;
        context.log(`kill-sender: ${line}`);
        notes.push(line);
      }
      await emitting;
      await harness.settle({ stallMs: 90_000 });
      const counts = await harness.commonCounts();
      counts.push(
        {
          key: 'kills',
          label: 'sender kills (kill -9, then restart)',
          value: harness.sender.kills,
          check: eq(KILLS),
        },
        {
          key: 'inflight.robot',
          label: 'robot sends in flight at sender deaths',
          value: harness.inFlight.robot,
        },
        {
          key: 'inflight.bound',
          label: `webhook sends in flight ≤ ${2 * defaultSenderLimits.concurrency} per death (2 consumers × SENDER_CONCURRENCY)`,
          value: harness.inFlight.webhook,
          check: le(2 * defaultSenderLimits.concurrency * harness.inFlight.deaths),
        },
      );
      return {
        scenario: 'kill-sender',
        summary: `${context.events} events, sender killed ${KILLS} times`,
        counts,
        notes,
      };
    }),
};
