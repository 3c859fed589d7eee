// term-sender: stop the sender gracefully (SIGTERM, as a rolling deploy or a scale-down does) a few times at
// random moments of a run, starting it again each time.
//
// Each stop is aimed at sends in flight: just before it, the sandbox is told to hold the next robot message
// and the next webhook request for 3 s before answering, and the SIGTERM goes out once both are being held
// (or 2 s after the first is), so the stopping sender has sends under way that its drain must finish.
//
// Shows: a graceful stop leaves nothing half-sent. Unlike kill -9 (kill-sender), where a send in flight may
// be sent again, here sends in flight finish and are recorded and committed before the process leaves
// (SHUTDOWN_DRAIN_SECONDS, 20 s): 0 lost and 0 duplicates on EVERY channel, the webhook (no platform
// idempotency key) included, and nothing re-sent even for the robot's msgUuid to drop; no ledger row left
// `sending` or `digesting` once the process is gone; every stop exits by itself (code 0) within the drain
// deadline, without needing kill -9.
import { sleep } from '../../infra/process.ts';
import { DEFAULT_DRAIN_SECONDS, eq, type Harness } from '../harness.ts';
import type { ScenarioResult } from '../report.ts';
import { range, recheck, type Scenario, waitUntil, withHarness } from './common.ts';

/** How long the sandbox holds the send a stop is aimed at (the sender's timeout is 5 s). */
const HOLD_MS = 3_000;
/** After the deadline, the script waits this much longer before it kills a sender that did not stop. */
const KILL_AFTER_MS = 30_000;

export const termSender: Scenario = {
  name: 'term-sender',
  proves:
    'SIGTERM the sender 3 times (large: 5) with sends in flight: 0 lost, 0 duplicates on every channel, each stop within the drain deadline',
  events: { small: 200, large: 10_000 },
  run: (context) =>
    withHarness(
      context,
      { scenario: 'term-sender', drainSeconds: DEFAULT_DRAIN_SECONDS },
      async (harness): Promise<ScenarioResult> => {
        await harness.startDispatcher();
        const stops = context.large ? 5 : 3;
        const deadlineMs = DEFAULT_DRAIN_SECONDS * 1000;
        const total = context.events * 2;
        const points = range(stops)
          .map(() => Math.floor((0.05 + 0.85 * context.random()) * total))
          .sort((a, b) => a - b);
        const emitting = harness.emitValid(range(context.events));
        const notes: string[] = [];
        let overDeadline = 0;
        let forced = 0;
        let badExit = 0;
        let heldAtStop = 0;
        let left = 0;
        let slowestMs = 0;
        for (const [n, point] of points.entries()) {
          await waitUntil(
            `${point} deliveries recorded before stop ${n + 1}`,
            async () => (await harness.ledger.statusCounts()).delivered >= point,
            { timeoutMs: 240_000, everyMs: 20 },
          );
          const held = await holdNextSends(harness);
          heldAtStop += held;
          const delivered = (await harness.ledger.statusCounts()).delivered;
          const stop = await harness.termSender(deadlineMs + KILL_AFTER_MS);
          // Whatever was not held yet must not hold up a later stop.
          await harness.sandbox.call('DELETE', 'faults');
          slowestMs = Math.max(slowestMs, stop.ms);
          if (stop.ms > deadlineMs) overDeadline += 1;
          if (stop.forced) forced += 1;
          if (stop.code !== 0) badExit += 1;
          left += stop.left.robot + stop.left.webhook;
          const line = `stop ${n + 1}/${stops} at ${delivered}/${total} delivered, ${held} send(s) held: exited ${stop.forced ? 'only when killed' : `with ${stop.code}`} after ${(stop.ms / 1000).toFixed(1)} s; left sending: robot ${stop.left.robot}, webhook ${stop.left.webhook}`;
          context.log(`term-sender: ${line}`);
          notes.push(line);
        }
        await emitting;
        await harness.settle({ stallMs: 90_000 });
        const counts = await harness.commonCounts();
        // A graceful stop finishes what it started: nothing may be sent twice, on any channel.
        recheck(counts, 'deduplicated.robot', eq(0));
        recheck(counts, 'duplicates.webhook', eq(0));
        recheck(counts, 'exits.unplanned', eq(0));
        counts.push(
          {
            key: 'stops',
            label: 'sender stops (SIGTERM, then start)',
            value: harness.sender.terms,
            check: eq(stops),
          },
          { key: 'stops.held', label: 'sends held in flight at the stops', value: heldAtStop },
          {
            key: 'stops.left',
            label: 'ledger rows left sending or digesting after a stop',
            value: left,
            check: eq(0),
          },
          {
            key: 'stops.overDeadline',
            label: `stops that took longer than the drain deadline (${DEFAULT_DRAIN_SECONDS} s)`,
            value: overDeadline,
            check: eq(0),
          },
          { key: 'stops.forced', label: 'stops that needed kill -9', value: forced, check: eq(0) },
          {
            key: 'stops.badExit',
            label: 'stops that exited with a code other than 0',
            value: badExit,
            check: eq(0),
          },
          {
            key: 'stops.drainWarnings',
            label: 'sender: "stopping before every send finished" lines',
            value: harness.sender.linesContaining('stopping before every send finished'),
            check: eq(0),
          },
        );
        notes.push(`slowest stop: ${(slowestMs / 1000).toFixed(1)} s`);
        return {
          scenario: 'term-sender',
          summary: `${context.events} events, sender stopped with SIGTERM ${stops} times`,
          counts,
          notes,
        };
      },
    ),
};

/**
 * Has the sandbox hold the next robot message and the next webhook request for HOLD_MS, and waits until
 * both are being held, or 2 s after the first is, or 5 s in all. Says how many are held.
 */
async function holdNextSends(harness: Harness): Promise<number> {
  const ids: string[] = [];
  for (const vendor of ['dingtalk-robot', 'webhook']) {
    const { fault } = await harness.sandbox.call<{ fault: { id: string } }>('POST', 'faults', {
      vendor,
      delayMs: HOLD_MS,
      count: 1,
    });
    ids.push(fault.id);
  }
  const started = Date.now();
  let firstAt: number | undefined;
  for (;;) {
    const { faults } = await harness.sandbox.get<{ faults: Array<{ id: string }> }>('faults');
    const taken = ids.filter((id) => !faults.some((fault) => fault.id === id)).length;
    if (taken > 0) firstAt ??= Date.now();
    if (taken === ids.length) return taken;
    if (firstAt !== undefined && Date.now() - firstAt > 2_000) return taken;
    if (Date.now() - started > 5_000) return taken;
    await sleep(20);
  }
}
