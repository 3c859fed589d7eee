// The fault scripts at their small size, against the Kafka and PostgreSQL of the test run. Only counts are
// asserted, never timings.
//
// Time: each kill -9 of a consumer costs about 30 s before its partitions move again (kafkajs's session
// timeout: the group waits for the dead member), so kill-sender alone takes about 3 minutes. It runs beside
// the others, which take one lane after another. burst waits a real minute for the robot's rate window.
//
// broker-restart and huge-payload joined once the router survived them (it retries transient Kafka errors,
// splits a transaction's records into produce requests under 1 MB, dead-letters an event whose job alone is
// too large, and its consumer is restarted after any crash). kill-router runs at its small size here; its
// large size passes too (by hand: `node scripts/faults/run.ts kill-router --large`, about 4 minutes).
// Every consumer of the dispatcher, the state materialiser's included, is supervised now: broker-restart
// tolerates no check failing.
import { randomInt } from 'node:crypto';
import { testInfrastructure } from '@tidings/testkit';
import { describe, it } from 'vitest';
import { countOf, failures, formatResult, type ScenarioResult } from './report.ts';
import { brokerRestart } from './scenarios/broker-restart.ts';
import { burst } from './scenarios/burst.ts';
import { type Scenario, seededRandom } from './scenarios/common.ts';
import { hugePayload } from './scenarios/huge-payload.ts';
import { killRouter } from './scenarios/kill-router.ts';
import { killSender } from './scenarios/kill-sender.ts';
import { malformed } from './scenarios/malformed.ts';
import { sandboxOutage } from './scenarios/sandbox-outage.ts';
import { termSender } from './scenarios/term-sender.ts';

const TIMEOUT_MS = 330_000;

/** Runs a scenario at its small size; the seed and progress lines are in the failure message. */
async function run(scenario: Scenario): Promise<{ result: ScenarioResult; report: string }> {
  const { kafkaBrokers, databaseUrl } = testInfrastructure();
  const seed = randomInt(2 ** 31);
  const lines: string[] = [];
  const result = await scenario.run({
    events: scenario.events.small,
    large: false,
    kafkaBrokers,
    databaseUrl,
    random: seededRandom(seed),
    log: (line) => lines.push(line),
  });
  return { result, report: `${formatResult(result)}\nseed ${seed}\n${lines.join('\n')}` };
}

/** Scenarios that run one after another in the lane. */
const LANE_LENGTH = 7;
/**
 * A test in the lane waits for those before it: vitest's timeout, which starts when the test does, is the
 * whole lane's; each scenario's own TIMEOUT_MS starts when its turn comes.
 */
const LANE_TIMEOUT_MS = LANE_LENGTH * TIMEOUT_MS;

let lane: Promise<unknown> = Promise.resolve();
/** One scenario after another (each runs several processes; two cores). */
function inLane<T>(work: () => Promise<T>): Promise<T> {
  const next = lane.then(() => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the scenario did not finish within ${TIMEOUT_MS} ms of its turn`)),
        TIMEOUT_MS,
      );
    });
    return Promise.race([work(), timeout]).finally(() => clearTimeout(timer));
  });
  lane = next.catch(() => {});
  return next;
}

describe.concurrent('fault scripts, small size', () => {
  it(
    'kill-sender: 5 kills, nothing lost, no duplicate at the robot, webhook duplicates within the sends in flight',
    async ({ expect }) => {
      const { result, report } = await run(killSender);
      expect(failures(result), report).toEqual([]);
      expect(countOf(result, 'kills')).toBe(5);
      expect(countOf(result, 'lost')).toBe(0);
      expect(countOf(result, 'received.robot')).toBe(killSender.events.small);
      expect(countOf(result, 'received.webhook')).toBe(killSender.events.small);
      expect(countOf(result, 'duplicates.robot')).toBe(0);
      expect(countOf(result, 'duplicates.webhook')).toBeLessThanOrEqual(countOf(result, 'inflight.webhook'));
      expect(countOf(result, 'told.actor') + countOf(result, 'told.muter')).toBe(0);
    },
    TIMEOUT_MS,
  );

  it(
    'kill-router: nothing lost, no delivery job twice on the deliveries topics',
    ({ expect }) =>
      inLane(async () => {
        const { result, report } = await run(killRouter);
        expect(failures(result), report).toEqual([]);
        expect(countOf(result, 'lost')).toBe(0);
        expect(countOf(result, 'jobs.duplicates')).toBe(0);
        expect(countOf(result, 'jobs.committed')).toBe(2 * killRouter.events.small);
        expect(countOf(result, 'told.actor') + countOf(result, 'told.muter')).toBe(0);
      }),
    LANE_TIMEOUT_MS,
  );

  it(
    'sandbox-outage: nothing lost, nothing past its retry budget',
    ({ expect }) =>
      inLane(async () => {
        const { result, report } = await run(sandboxOutage);
        expect(failures(result), report).toEqual([]);
        expect(countOf(result, 'outage.answers')).toBeGreaterThan(0);
        expect(countOf(result, 'lost')).toBe(0);
        expect(countOf(result, 'ledger.failed')).toBe(0);
        expect(countOf(result, 'dlq.deliveries')).toBe(0);
        expect(countOf(result, 'told.actor') + countOf(result, 'told.muter')).toBe(0);
      }),
    LANE_TIMEOUT_MS,
  );

  it(
    'malformed: each in the events DLQ with its reason, every valid one delivered, no restarts',
    ({ expect }) =>
      inLane(async () => {
        const { result, report } = await run(malformed);
        expect(failures(result), report).toEqual([]);
        expect(countOf(result, 'malformed.sent')).toBe(malformed.events.small);
        expect(countOf(result, 'dlq.missing')).toBe(0);
        expect(countOf(result, 'dlq.noReason')).toBe(0);
        expect(countOf(result, 'lost')).toBe(0);
        expect(countOf(result, 'exits.unplanned')).toBe(0);
        expect(countOf(result, 'told.actor') + countOf(result, 'told.muter')).toBe(0);
      }),
    LANE_TIMEOUT_MS,
  );

  it(
    'broker-restart: nothing lost, the router routes on after the broker is back',
    ({ expect }) =>
      inLane(async () => {
        const { result, report } = await run(brokerRestart);
        expect(failures(result), report).toEqual([]);
        expect(countOf(result, 'lost')).toBe(0);
        expect(countOf(result, 'received.robot')).toBe(brokerRestart.events.small);
        expect(countOf(result, 'received.webhook')).toBe(brokerRestart.events.small);
        expect(countOf(result, 'crashes.final.router')).toBe(0);
        expect(countOf(result, 'crashes.final.sender')).toBe(0);
        expect(countOf(result, 'crashes.final.state')).toBe(0);
        expect(countOf(result, 'told.actor') + countOf(result, 'told.muter')).toBe(0);
      }),
    LANE_TIMEOUT_MS,
  );

  it(
    'huge-payload: each huge event in the events DLQ with its reason, every ordinary one delivered',
    ({ expect }) =>
      inLane(async () => {
        const { result, report } = await run(hugePayload);
        expect(failures(result), report).toEqual([]);
        expect(countOf(result, 'huge.unaccounted')).toBe(0);
        expect(countOf(result, 'huge.deadLettered') + countOf(result, 'huge.delivered')).toBe(
          countOf(result, 'huge.sent'),
        );
        expect(countOf(result, 'lost')).toBe(0);
        expect(countOf(result, 'exits.unplanned')).toBe(0);
        expect(countOf(result, 'crashes.final.router')).toBe(0);
      }),
    LANE_TIMEOUT_MS,
  );

  it(
    'term-sender: SIGTERM 3 times, nothing lost, nothing twice on any channel, nothing left half-sent',
    ({ expect }) =>
      inLane(async () => {
        const { result, report } = await run(termSender);
        expect(failures(result), report).toEqual([]);
        expect(countOf(result, 'stops')).toBe(3);
        expect(countOf(result, 'lost')).toBe(0);
        expect(countOf(result, 'received.robot')).toBe(termSender.events.small);
        expect(countOf(result, 'received.webhook')).toBe(termSender.events.small);
        expect(countOf(result, 'duplicates.robot')).toBe(0);
        expect(countOf(result, 'deduplicated.robot')).toBe(0);
        expect(countOf(result, 'duplicates.webhook')).toBe(0);
        expect(countOf(result, 'stops.left')).toBe(0);
        expect(countOf(result, 'stops.forced')).toBe(0);
        expect(countOf(result, 'told.actor') + countOf(result, 'told.muter')).toBe(0);
      }),
    LANE_TIMEOUT_MS,
  );

  it(
    'burst: one robot never throttled, at most 20 messages a minute, every event once in singles or digests',
    ({ expect }) =>
      inLane(async () => {
        const { result, report } = await run(burst);
        expect(failures(result), report).toEqual([]);
        expect(countOf(result, 'requests.throttled')).toBe(0);
        expect(countOf(result, 'robot.perMinute')).toBeLessThanOrEqual(20);
        expect(countOf(result, 'robot.textArrived')).toBe(burst.events.small);
        expect(countOf(result, 'received.robot')).toBe(burst.events.small);
        expect(countOf(result, 'duplicates.robot')).toBe(0);
        expect(countOf(result, 'robot.digests')).toBeGreaterThan(0);
        expect(countOf(result, 'lost')).toBe(0);
        expect(countOf(result, 'told.actor') + countOf(result, 'told.muter')).toBe(0);
      }),
    LANE_TIMEOUT_MS,
  );
});
