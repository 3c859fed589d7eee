// Every benchmark at a tiny size, against the test run's Kafka and PostgreSQL: each prints its table rows with
// numbers. The targets are not asserted (these sizes say nothing about them) and nothing is timed; this only
// keeps the scripts from rotting. The four that start processes run side by side.
import { testInfrastructure } from '@tidings/testkit';
import { describe, it } from 'vitest';
import { gateway } from './gateway.ts';
import { memory } from './memory.ts';
import { latency, type PipelineOptions, throughput } from './pipeline.ts';
import { routing } from './routing.ts';
import { type BenchResult, formatResult } from './table.ts';

const tiny = { tenants: 2, users: 300, channels: 20, rules: 50, watches: 50, projects: 5 };
const lines: string[] = [];
const env = () => ({ ...testInfrastructure(), log: (line: string) => lines.push(line) });
const pipeline: PipelineOptions = {
  sizes: tiny,
  recipients: 21, // two one-to-one calls per event (DingTalk takes 20 people a call)
  kinds: ['dingtalk-work', 'dingtalk-oto', 'wecom-app'],
  duration: 3,
  rate: 20,
  events: 10,
  profile: false,
  keepLogs: false,
};

/** Every row is there with a finite number, and the table prints. */
function expectRows(
  expect: (value: unknown, message?: string) => { toEqual(expected: unknown): void },
  result: BenchResult,
  keys: string[],
): void {
  const table = formatResult(result);
  expect(
    keys.filter((key) => !result.rows.some((row) => row.key === key)),
    table,
  ).toEqual([]);
  expect(
    result.rows.filter((row) => !Number.isFinite(row.value)).map((row) => row.key),
    table,
  ).toEqual([]);
}

describe.concurrent('benchmarks at a tiny size', () => {
  it('routing: time per event with a few and more rules, and their ratio', ({ expect }) => {
    const result = routing({
      small: 20,
      large: 200,
      projectRules: 3,
      projects: 10,
      recipients: 5,
      events: 50,
      repeats: 3,
    });
    expectRows(expect, result, ['routing.small', 'routing.large', 'routing.ratio']);
  });

  it('throughput: delivered per second, the bare pipe and the ratio, CPU, memory, writes, calls, tokens', async ({
    expect,
  }) => {
    const result = await throughput(env(), pipeline);
    expectRows(expect, result, [
      'throughput.deliveriesPerSecond',
      'throughput.barePipePerSecond',
      'throughput.ratio',
      'throughput.router.cpu',
      'throughput.sender.rss',
      'throughput.pgWritesPerDelivery',
      'throughput.callsPerRecipient.dingtalk-work',
      'throughput.callsPerRecipient.dingtalk-oto',
      'throughput.callsPerRecipient.wecom-app',
      'throughput.tokenFetches.dingtalk-work',
      'throughput.tokenFetches.dingtalk-oto',
      'throughput.tokenFetches.wecom-app',
    ]);
    // A count, not a timing: every delivery made it.
    expect(result.rows.find((r) => r.key === 'throughput.undelivered')?.value, formatResult(result)).toEqual(
      0,
    );
  }, 120_000);

  it('latency: percentiles from event time to sandbox receipt, and the stages', async ({ expect }) => {
    const result = await latency(env(), { ...pipeline, kinds: ['dingtalk-work'], recipients: 3 });
    expectRows(expect, result, [
      'latency.p50',
      'latency.p95',
      'latency.p99',
      'latency.stage.routed',
      'latency.stage.claimed',
      'latency.stage.delivered',
      'latency.router.cpu',
    ]);
    expect(result.rows.find((r) => r.key === 'latency.missing')?.value, formatResult(result)).toEqual(0);
  }, 120_000);

  it('memory: RSS after catch-up, and over an empty world', async ({ expect }) => {
    const result = await memory(env(), { sizes: tiny, settle: 1, profile: false, keepLogs: false });
    expectRows(expect, result, ['memory.rss', 'memory.anon', 'memory.emptyRss', 'memory.catchUp']);
  }, 120_000);

  it('gateway: requests per second through the gateway and straight to the subgraph, and the ratio', async ({
    expect,
  }) => {
    const result = await gateway(env(), { concurrency: 2, seconds: 1, rounds: 1, users: 3, keepLogs: false });
    expectRows(expect, result, ['gateway.perSecond', 'gateway.directPerSecond', 'gateway.ratio']);
  }, 120_000);
});
