// Every fault scenario, in the order `all` runs them.
import { brokerRestart } from './broker-restart.ts';
import type { Scenario } from './common.ts';
import { hugePayload } from './huge-payload.ts';
import { killRouter } from './kill-router.ts';
import { killSender } from './kill-sender.ts';
import { malformed } from './malformed.ts';
import { sandboxOutage } from './sandbox-outage.ts';

export type { Scenario, ScenarioContext } from './common.ts';

export const scenarios: Scenario[] = [
  killSender,
  // Its large size found the router's oversized produce after a backlog (fixed; see kill-router.ts).
  killRouter,
  // Found the router's consumer dying for good on "Failed to find group coordinator" (fixed; see
  // broker-restart.ts).
  brokerRestart,
  sandboxOutage,
  malformed,
  // Found the router's consumer dying for good on a delivery job over Kafka's message size (fixed; see
  // huge-payload.ts).
  hugePayload,
  // The seventh scenario, `burst` (1,000 events to one DingTalk robot within a minute: nothing lost, no
  // throttling error surfaced to people, the robot's 20/min respected), comes with rate limiting, which is
  // being built in services/dispatcher/src/sending/. It goes here as scenarios/burst.ts, a Scenario like the
  // others; the harness already has what it needs: Harness.open, then
  // `harness.sandbox.call('PUT', 'settings', { rateLimits: true })` to turn the robot's throttle back on
  // (every other scenario switches it off), emitValid, settle and commonCounts.
];

export function scenarioNamed(name: string): Scenario | undefined {
  return scenarios.find((scenario) => scenario.name === name);
}
