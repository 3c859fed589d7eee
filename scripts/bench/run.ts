// Benchmarks: print a table per target with the figure, the target and PASS/MISS. Not timed tests.
//
//   node scripts/bench/run.ts <throughput|latency|memory|routing|gateway|all> [flags]
//
// Kafka and PostgreSQL come from KAFKA_BROKERS / DATABASE_URL when set (`set -a; . .data/infra/infra.env;
// set +a`), otherwise they are started under .data/bench/. Every run uses a Kafka prefix and a database of
// its own and removes them afterwards. Exits 0 whether targets pass or not (the tables say); 1 when a
// benchmark could not run.
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Infrastructure, startInfrastructure } from '../infra/index.ts';
import { silenceNegativeTimeoutWarning } from '../infra/process.ts';
import { gateway } from './gateway.ts';
import { memory } from './memory.ts';
import { type BenchEnv, benchRoot } from './mesh.ts';
import { latency, throughput } from './pipeline.ts';
import { routing } from './routing.ts';
import { type BenchResult, formatResult } from './table.ts';
import { type BatchKind, batchKinds, type Sizes } from './world.ts';

silenceNegativeTimeoutWarning();

export const benches = ['throughput', 'latency', 'memory', 'routing', 'gateway'] as const;
export type BenchName = (typeof benches)[number];

const usage = `usage: node scripts/bench/run.ts <${benches.join('|')}|all> [flags]

state (throughput, latency, memory; defaults: throughput/latency | memory):
  --tenants N       tenants the filler is spread over (10)
  --users N         people, each with a DingTalk and a WeCom id (10000 | 100000)
  --channels N      channels (1000 | 10000)
  --rules N         rules (5000 | 50000)
  --watches N       ticket follows (10000 | 20000)
  --projects N      projects per tenant (100)
events (throughput, latency):
  --recipients N    people told per event on each channel (throughput 40, latency 3)
  --kinds LIST      channels every event goes to, of ${batchKinds.join(',')}
                    (throughput: all three; latency: dingtalk-work)
  --duration S      seconds at the target rate: the backlog's size (throughput) or the run (latency) (60)
  --rate N          events per second (latency) (200)
  --events N        the throughput backlog, instead of --duration's
routing:
  --small-rules N --large-rules N   rules in the tenant (100, 50000)
  --project-rules N                 rules on the events' projects, in both (10)
  --route-events N --repeats N      events per repeat (2000), repeats (9)
gateway:
  --concurrency N --seconds S --rounds N --gateway-users N   (8, 5, 3, 50)
  --profile         CPU-profile the dispatcher processes (node --cpu-prof) and print their top functions
  --keep-logs       keep processes' logs (and profiles) under .data/bench/<run>/`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tenants: { type: 'string' },
    users: { type: 'string' },
    channels: { type: 'string' },
    rules: { type: 'string' },
    watches: { type: 'string' },
    projects: { type: 'string' },
    recipients: { type: 'string' },
    kinds: { type: 'string' },
    duration: { type: 'string' },
    rate: { type: 'string' },
    events: { type: 'string' },
    'small-rules': { type: 'string' },
    'large-rules': { type: 'string' },
    'project-rules': { type: 'string' },
    'route-events': { type: 'string' },
    repeats: { type: 'string' },
    concurrency: { type: 'string' },
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    'gateway-users': { type: 'string' },
    profile: { type: 'boolean', default: false },
    'keep-logs': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const name = positionals[0];
if (
  values.help ||
  !name ||
  positionals.length > 1 ||
  !(name === 'all' || benches.includes(name as BenchName))
) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}

function number(flag: keyof typeof values, fallback: number): number {
  const raw = values[flag];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value >= 0)) {
    console.error(`--${flag} must be a number ≥ 0`);
    process.exit(2);
  }
  return value;
}

function kinds(fallback: BatchKind[]): BatchKind[] {
  if (values.kinds === undefined) return fallback;
  const list = values.kinds.split(',').map((k) => k.trim());
  const unknown = list.filter((k) => !batchKinds.includes(k as BatchKind));
  if (unknown.length > 0 || list.length === 0) {
    console.error(`--kinds: unknown ${unknown.join(', ')} (use ${batchKinds.join(',')})`);
    process.exit(2);
  }
  return list as BatchKind[];
}

const sizes = (large: boolean): Sizes => ({
  tenants: Math.max(1, number('tenants', 10)),
  users: number('users', large ? 100_000 : 10_000),
  channels: number('channels', large ? 10_000 : 1_000),
  rules: number('rules', large ? 50_000 : 5_000),
  watches: number('watches', large ? 20_000 : 10_000),
  projects: Math.max(1, number('projects', 100)),
});

const began = Date.now();
const log = (line: string) =>
  console.error(`[${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s] ${line}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    process.exit(130);
  });
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

async function runBench(bench: BenchName, env: () => Promise<BenchEnv>): Promise<BenchResult> {
  const common = { profile: values.profile, keepLogs: values['keep-logs'] };
  switch (bench) {
    case 'throughput':
      return throughput(await env(), {
        ...common,
        sizes: sizes(false),
        recipients: number('recipients', 40),
        kinds: kinds([...batchKinds]),
        duration: number('duration', 60),
        rate: 0,
        ...(values.events !== undefined && { events: number('events', 0) }),
      });
    case 'latency':
      return latency(await env(), {
        ...common,
        sizes: sizes(false),
        recipients: number('recipients', 3),
        kinds: kinds(['dingtalk-work']),
        duration: number('duration', 60),
        rate: number('rate', 200),
      });
    case 'memory':
      return memory(await env(), { ...common, sizes: sizes(true), settle: 5 });
    case 'routing':
      return routing({
        small: number('small-rules', 100),
        large: number('large-rules', 50_000),
        projectRules: Math.max(1, number('project-rules', 10)),
        projects: Math.max(2, number('projects', 1_000)),
        recipients: number('recipients', 25),
        events: Math.max(1, number('route-events', 2_000)),
        repeats: Math.max(1, number('repeats', 9)),
      });
    case 'gateway':
      return gateway(await env(), {
        concurrency: Math.max(1, number('concurrency', 8)),
        seconds: Math.max(1, number('seconds', 5)),
        rounds: Math.max(1, number('rounds', 3)),
        users: Math.max(1, number('gateway-users', 50)),
        keepLogs: values['keep-logs'],
      });
  }
}

const selected: BenchName[] = name === 'all' ? [...benches] : [name as BenchName];
let infra: Infrastructure | undefined;
const infraDir = join(benchRoot, `infra-${Date.now().toString(36)}`);
// Started only when a benchmark needs Kafka and PostgreSQL (routing does not).
const env = async (): Promise<BenchEnv> => {
  if (!infra) {
    mkdirSync(infraDir, { recursive: true });
    infra = await startInfrastructure({ dataDir: infraDir, need: { kafka: true, postgres: true } });
    log(`Kafka ${infra.kafkaBrokers} (${infra.sources.kafka}), PostgreSQL (${infra.sources.postgres})`);
  }
  return { kafkaBrokers: infra.kafkaBrokers!, databaseUrl: infra.databaseUrl!, log };
};

console.log(
  `Tidings benchmarks, ${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})\n`,
);
let failed = 0;
try {
  for (const bench of selected) {
    const loadBefore = load();
    log(`${bench}: starting (load average ${loadBefore})`);
    try {
      const result = await runBench(bench, env);
      console.log(
        `${formatResult(result)}\n- load average (1, 5, 15 min): ${loadBefore} before, ${load()} after\n`,
      );
    } catch (error) {
      failed += 1;
      console.log(`${bench}: ERROR ${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    }
  }
} finally {
  await infra?.stop().catch((error: unknown) => log(`stopping Kafka/PostgreSQL: ${error}`));
  rmSync(infraDir, { recursive: true, force: true });
}
process.exit(failed === 0 ? 0 : 1);
