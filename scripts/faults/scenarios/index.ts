// Every fault scenario, in the order `all` runs them.
import { brokerRestart } from './broker-restart.ts';
import { burst } from './burst.ts';
import type { Scenario } from './common.ts';
import { hugePayload } from './huge-payload.ts';
import { killRouter } from './kill-router.ts';
import { killSender } from './kill-sender.ts';
import { malformed } from './malformed.ts';
import { sandboxOutage } from './sandbox-outage.ts';
import { termSender } from './term-sender.ts';

export type { Scenario, ScenarioContext } from './common.ts';

export const scenarios: Scenario[] = [
  killSender,
  // SIGTERM instead of kill -9: a graceful stop leaves nothing half-sent (see term-sender.ts).
  termSender,
  // Its large size found the router's oversized produce after a backlog (fixed; see kill-router.ts).
  killRouter,
  // Found the router's consumer dying for good on "Failed to find group coordinator" (fixed; see
  // broker-restart.ts), then the state materialiser's (fixed). Open: one small run in six lost one event
  // on both channels, cause not yet known (see broker-restart.ts).
  brokerRestart,
  sandboxOutage,
  malformed,
  // Found the router's consumer dying for good on a delivery job over Kafka's message size (fixed; see
  // huge-payload.ts).
  hugePayload,
  // 1,000 events to one DingTalk robot within a minute, the throttle on at both ends (see burst.ts).
  burst,
];

export function scenarioNamed(name: string): Scenario | undefined {
  return scenarios.find((scenario) => scenario.name === name);
}
