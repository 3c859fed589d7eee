// burst: N events (large: 1,000) to ONE DingTalk robot within a minute, far over the robot's 20 messages a
// minute, with the throttle on at both ends: the sandbox's robot answers the 21st message of any rolling
// minute with 410100 ("send too fast", 发送速度太快而限流) and then throttles the robot for 10 minutes; the
// dispatcher runs with RATE_LIMITS=published.
//
// Shows: the sandbox never answered with its throttle error (its recorded requests counted by result); every
// event's content arrived, in single messages or in digests ("N updates on K tickets", each update a
// section), and none twice; no 60 s window holds more than 20 of the robot's messages; how many messages
// were digests and the largest one; the actor and the muted watcher are never mentioned, in `at` or in the
// text. The webhook (no rate limit) gets every event too and is counted as everywhere else.
//
// The throttle window is real time: the first 20 events go out alone at once, everything else waits in the
// ledger until the window frees a minute later and then goes out in a few digests, so even the small size
// takes a little over a minute.
import { eq, ge, le } from '../harness.ts';
import type { ScenarioResult } from '../report.ts';
import { ROBOT_THROTTLED_ERRCODE } from '../sandbox.ts';
import { markedEvents } from '../world.ts';
import { emitPaced, range, recheck, type Scenario, withHarness } from './common.ts';

/** DingTalk's published limit for a custom robot, and the sandbox's: 20 messages per rolling minute. */
const ROBOT_PER_MINUTE = 20;
const MINUTE_MS = 60_000;

/** The most of `times` (epoch ms) that fall within any window of `windowMs` (t - first < windowMs). */
export function mostInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

export const burst: Scenario = {
  name: 'burst',
  proves:
    'N events to one DingTalk robot within a minute, throttle on: never throttled, ≤ 20 messages/min, all in singles or digests, none twice',
  events: { small: 200, large: 1_000 },
  run: (context) =>
    withHarness(
      context,
      { scenario: 'burst', rateLimits: 'published' },
      async (harness): Promise<ScenarioResult> => {
        // Every other scenario switches the robot's throttle off; this one is about it.
        await harness.sandbox.call('PUT', 'settings', { rateLimits: true });
        await harness.startDispatcher();
        const windowMs = context.large ? 40_000 : 10_000;
        const started = Date.now();
        await emitPaced(harness, range(context.events), windowMs);
        const emittedInMs = Date.now() - started;
        context.log(`burst: ${context.events} events emitted in ${(emittedInMs / 1000).toFixed(1)} s`);
        // Nothing moves for a minute while the digests wait for the robot's window to free.
        await harness.settle({ stallMs: 150_000, quietMs: 5_000 });
        const counts = await harness.commonCounts();
        recheck(counts, 'exits.unplanned', eq(0));
        recheck(counts, 'robot.digests', ge(1));

        const requests = [...harness.inbox.robotRequests.values()];
        const byResult = (result: string) => requests.filter((r) => r.result === result).length;
        const throttled = requests.filter((r) => r.errcode === ROBOT_THROTTLED_ERRCODE).length;
        const messages = [...harness.inbox.robotMessages.values()];
        const busiest = mostInAnyWindow(
          messages.map((m) => Date.parse(m.receivedAt)),
          MINUTE_MS,
        );
        const seen = new Set<number>();
        for (const message of messages) {
          const markdown = message.body.markdown as { text?: unknown } | undefined;
          for (const index of markedEvents(harness.world, String(markdown?.text ?? ''))) seen.add(index);
        }
        const textArrived = [...harness.sent].filter((index) => seen.has(index)).length;
        const queuedLines = harness.sender.linesContaining('"msg":"delivery queued behind the rate limit"');
        counts.push(
          { key: 'requests.robot', label: 'sandbox: requests to the robot', value: requests.length },
          {
            key: 'requests.accepted',
            label: 'sandbox: robot requests accepted',
            value: byResult('accepted'),
          },
          {
            key: 'requests.duplicate',
            label: 'sandbox: robot requests answered ok as a duplicate msgUuid',
            value: byResult('duplicate'),
            check: eq(0),
          },
          {
            key: 'requests.throttled',
            label: `sandbox: robot requests answered ${ROBOT_THROTTLED_ERRCODE} (send too fast)`,
            value: throttled,
            check: eq(0),
          },
          {
            key: 'requests.rejected',
            label: 'sandbox: robot requests rejected otherwise',
            value: byResult('rejected') - throttled,
            check: eq(0),
          },
          {
            key: 'requests.faulted',
            label: 'sandbox: robot requests answered by a fault',
            value: byResult('fault'),
            check: eq(0),
          },
          {
            key: 'robot.perMinute',
            label: `robot messages in the busiest 60 s window`,
            value: busiest,
            check: le(ROBOT_PER_MINUTE),
          },
          {
            key: 'robot.textArrived',
            label: 'events whose own text arrived at the robot',
            value: textArrived,
            check: eq(harness.sent.size),
          },
          {
            key: 'sender.queuedLines',
            label: 'sender: deliveries queued behind the rate limit',
            value: queuedLines,
          },
        );
        return {
          scenario: 'burst',
          summary: `${context.events} events to one robot in ${(emittedInMs / 1000).toFixed(0)} s, throttle on at the sandbox and the dispatcher (RATE_LIMITS=published)`,
          counts,
          notes: [],
        };
      },
    ),
};
