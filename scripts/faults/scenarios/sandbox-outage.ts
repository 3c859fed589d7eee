// sandbox-outage: the platforms (the sandbox's DingTalk robot and webhook receiver) answer every send with
// 503 for a while, through the sandbox's faults API (outageMs), then recover.
//
// Shows: nothing is lost, and everything is delivered within the retry schedule: no delivery spent its
// retry budget (none dead, nothing on the senders' DLQs, no delivery took more attempts than the policy
// allows). The large size uses the production schedule against a 2-minute outage; the small one a tenth of
// it (a 503's "retry after 30 s" waits 3 s) against a few seconds.
//
// During the outage the robot's circuit opens after five failures: what the robot is sent meanwhile waits
// in the ledger and goes out, once a probe succeeds, in digests ("N updates on K tickets", msgUuid = the
// digest id on each of its rows). The harness counts every delivery a message carries, singles and digests
// alike, and checks the ledger's account of each message against the events' own text in it.
import { sleep } from '../../infra/process.ts';
import { ge, le } from '../harness.ts';
import type { ScenarioResult } from '../report.ts';
import { emitPaced, range, retryFor, type Scenario, withHarness } from './common.ts';

/** What the providers ask after a 503 (DingTalk robot and webhook alike): retry after 30 s. */
const SERVER_ERROR_HINT_SECONDS = 30;

export const sandboxOutage: Scenario = {
  name: 'sandbox-outage',
  proves:
    'the platforms answer 503 for 2 min (small: 5 s), then recover: 0 lost, all within the retry schedule',
  events: { small: 200, large: 10_000 },
  run: (context) =>
    withHarness(context, { scenario: 'sandbox-outage' }, async (harness): Promise<ScenarioResult> => {
      const retry = retryFor(context.large);
      const outageMs = context.large ? 120_000 : 5_000;
      const windowMs = context.large ? 60_000 : 6_000;
      // The least waiting the schedule does before giving up (jitter at its lowest): it must outlast the outage.
      let budgetSeconds = 0;
      for (let attempt = 1; attempt < retry.maxAttempts; attempt++) {
        const backoff = Math.min(
          Math.max(retry.baseDelaySeconds * 2 ** (attempt - 1) * 0.8, SERVER_ERROR_HINT_SECONDS),
          retry.maxDelaySeconds,
        );
        budgetSeconds += backoff * retry.delayScale;
      }
      await harness.startDispatcher();
      const emitting = emitPaced(harness, range(context.events), windowMs);
      await sleep((0.1 + 0.3 * context.random()) * windowMs);
      const before = (await harness.ledger.statusCounts()).delivered;
      for (const vendor of ['dingtalk-robot', 'webhook']) {
        await harness.sandbox.call('POST', 'faults', { vendor, outageMs });
      }
      context.log(`sandbox-outage: ${outageMs / 1000} s outage from ${before} deliveries recorded`);
      await emitting;
      await harness.settle({ stallMs: context.large ? 600_000 : 60_000 });
      const counts = await harness.commonCounts();
      counts.push(
        {
          key: 'outage.answers',
          label: 'sends the outage answered with 503',
          value: harness.inbox.faulted.robot.size + harness.inbox.faulted.webhook.size,
          check: ge(1),
        },
        {
          key: 'attempts.failed',
          label: 'ledger: failed attempts',
          value: await harness.ledger.failedAttempts(),
        },
        {
          key: 'attempts.max',
          label: 'most attempts one delivery took',
          value: await harness.ledger.maxAttempts(),
          check: le(retry.maxAttempts),
        },
      );
      return {
        scenario: 'sandbox-outage',
        summary: `${context.events} events over ${windowMs / 1000} s, ${outageMs / 1000} s outage after ${before} deliveries`,
        counts,
        notes: [
          `retry schedule: ${retry.maxAttempts} attempts, base ${retry.baseDelaySeconds} s, scale ${retry.delayScale}; at least ${Math.round(budgetSeconds)} s of waiting before a delivery is dead`,
        ],
      };
    }),
};
