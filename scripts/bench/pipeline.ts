// The throughput and latency benchmarks: the sandbox, the dispatcher's router and one sender process (the
// DingTalk and WeCom senders) against local Kafka and PostgreSQL, the world's state on the run's own state
// topics, events on the run's own events topic.
//
// throughput: a backlog of events sized to keep the target rate busy for `duration` seconds is produced
//   first, then the dispatcher drains it (nothing else competes for the two cores meanwhile); then the bare
//   pipe drains the same topic the same way. Figures: delivered per second (ledger `delivered_at`), the ratio
//   to the bare pipe, CPU and memory of both processes, PostgreSQL writes per delivery, platform calls per
//   delivered person (over the last messages the sandbox keeps), token fetches (the sandbox's counters).
// latency: events at a fixed rate for `duration` seconds while the dispatcher runs; each event tells the
//   sentinel person once per channel, and the sentinel's inbox at the sandbox gives event time → receipt.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Service } from '../faults/processes.ts';
import { freePort, sleep } from '../infra/process.ts';
import type { PipeSettings, PipeStats } from './bare-pipe.ts';
import { type BenchEnv, BenchRun, type ProcessSample, sampleProcess } from './mesh.ts';
import { summariseProfiles } from './profile.ts';
import { type BenchResult, percentile, type Row } from './table.ts';
import { type BatchKind, type BenchWorld, createBenchWorld, markedEvent, type Sizes } from './world.ts';

export interface PipelineOptions {
  sizes: Sizes;
  recipients: number;
  kinds: BatchKind[];
  /** Seconds the run should last at the target rate (throughput) or lasts (latency). */
  duration: number;
  /** Events per second (latency); throughput produces as fast as it can, ahead of the dispatcher. */
  rate: number;
  /** Overrides the backlog size (throughput), e.g. for a tiny smoke run. */
  events?: number;
  /** Write V8 CPU profiles of the dispatcher processes and summarise them. */
  profile: boolean;
  keepLogs: boolean;
}

export const THROUGHPUT_TARGET = 2_000;
const MB = 1024 * 1024;

interface Mesh {
  run: BenchRun;
  world: BenchWorld;
  router: Service;
  sender: Service;
  profileDir: string | undefined;
  stateCounts: Record<string, number>;
}

async function startMesh(
  name: string,
  env: BenchEnv,
  options: PipelineOptions,
  backlog: number,
): Promise<Mesh> {
  const run = await BenchRun.open(name, env, { sandbox: true });
  try {
    const world = createBenchWorld({
      runId: run.runId,
      sizes: options.sizes,
      recipients: options.recipients,
      kinds: options.kinds,
    });
    await run.registerAtSandbox(world);
    const stateCounts = await run.publishState(world);
    await run.createEventsTopic();
    if (backlog > 0) {
      const began = Date.now();
      await run.produceBacklog(world, 0, backlog);
      env.log(`${name}: ${backlog} events produced in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    }
    const profileDir = options.profile ? join(run.dir, 'profiles') : undefined;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    const profiled = profileDir ? { cpuProfileDir: profileDir } : {};
    // The sender first, so the router's jobs find it ready; only then does the backlog start moving.
    const sender = await run.dispatcher('sender', 'dingtalk,wecom', profiled);
    const router = await run.dispatcher('router', 'router', profiled);
    await sender.start();
    await router.start();
    return { run, world, router, sender, profileDir, stateCounts };
  } catch (error) {
    await run.close({ keepLogs: true });
    throw error;
  }
}

function cpuAndMemoryRows(
  prefix: string,
  processes: Array<{ name: string; before: ProcessSample; after: ProcessSample }>,
  seconds: number,
): Row[] {
  return processes.flatMap(({ name, before, after }) => [
    {
      key: `${prefix}.${name}.cpu`,
      label: `${name} CPU (of one core)`,
      value: (100 * (after.cpuSeconds - before.cpuSeconds)) / seconds,
      unit: '%',
    },
    { key: `${prefix}.${name}.rss`, label: `${name} RSS at the end`, value: after.rssBytes / MB, unit: 'MB' },
    {
      key: `${prefix}.${name}.peakRss`,
      label: `${name} peak RSS`,
      value: after.peakRssBytes / MB,
      unit: 'MB',
    },
  ]);
}

/** CPU seconds so far: the whole machine's (busy, all cores), PostgreSQL's (every backend) and Kafka's broker. */
interface MachineCpu {
  machine: number;
  postgres: number;
  kafka: number;
}

function sampleMachineCpu(): MachineCpu {
  // /proc/stat's first line: cpu user nice system idle iowait irq softirq steal, in clock ticks (1/100 s).
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const sample: MachineCpu = {
    machine: ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100,
    postgres: 0,
    kafka: 0,
  };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const group = command.startsWith('postgres')
      ? 'postgres'
      : command.includes('kafka.Kafka')
        ? 'kafka'
        : null;
    if (!group) continue;
    try {
      sample[group] += sampleProcess(Number(entry)).cpuSeconds;
    } catch {
      // ended meanwhile
    }
  }
  return sample;
}

/** Where the machine's CPU went while the dispatcher worked: what else the cores were busy with. */
function machineCpuRows(prefix: string, before: MachineCpu, after: MachineCpu, seconds: number): Row[] {
  const share = (field: keyof MachineCpu) => (100 * (after[field] - before[field])) / seconds;
  return [
    {
      key: `${prefix}.machine.cpu`,
      label: `machine CPU, every process (of one core; ${cpus().length} cores)`,
      value: share('machine'),
      unit: '%',
    },
    {
      key: `${prefix}.postgres.cpu`,
      label: 'PostgreSQL CPU (of one core)',
      value: share('postgres'),
      unit: '%',
    },
    { key: `${prefix}.kafka.cpu`, label: 'Kafka broker CPU (of one core)', value: share('kafka'), unit: '%' },
  ];
}

/** Stops the dispatcher processes so that their CPU profiles are written, and summarises them. */
async function stopAndProfile(mesh: Mesh): Promise<string[]> {
  await Promise.all([mesh.router.stop(30_000), mesh.sender.stop(30_000)]);
  if (!mesh.profileDir) return [];
  return summariseProfiles(mesh.profileDir, 15);
}

export async function throughput(env: BenchEnv, options: PipelineOptions): Promise<BenchResult> {
  const perEvent = options.recipients * options.kinds.length;
  const events = options.events ?? Math.ceil((THROUGHPUT_TARGET * options.duration) / perEvent);
  const expected = events * perEvent;
  const mesh = await startMesh('thru', env, options, events);
  const { run, world, router, sender } = mesh;
  let keepLogs = options.keepLogs || options.profile;
  try {
    const began = Date.now();
    const before = { router: sampleProcess(router.pid!), sender: sampleProcess(sender.pid!) };
    const machineBefore = sampleMachineCpu();
    let machineAfter = machineBefore;
    const writesBefore = await run.postgresWrites();
    // Until every delivery is recorded, or nothing moved for 30 s.
    // CPU is read at the last poll that saw progress, so a stall at the end does not dilute it.
    let delivered = 0;
    let movedAt = Date.now();
    let after = before;
    while (delivered < expected && Date.now() - movedAt < 30_000) {
      await sleep(1_000);
      const now = (await run.deliveredRows()).rows;
      if (now > delivered) {
        movedAt = Date.now();
        after = { router: sampleProcess(router.pid!), sender: sampleProcess(sender.pid!) };
        machineAfter = sampleMachineCpu();
      }
      delivered = now;
    }
    const drainSeconds = (movedAt - began) / 1000;
    await sleep(1_500); // PostgreSQL's statistics reach pg_stat_user_tables within a second
    const writes = (await run.postgresWrites()) - writesBefore;
    const ledger = await run.deliveredRows();
    const statuses = await run.statusCounts();
    const rate = ledger.rows / Math.max(0.001, (ledger.last - ledger.first) / 1000);
    const calls = await platformCalls(run, world);
    const tokenFetches = await tokenFetchCounts(run, world);
    const profile = await stopAndProfile(mesh);

    // The bare pipe drains the same topic the same way.
    const port = await freePort();
    const settings: PipeSettings = {
      brokers: env.kafkaBrokers,
      topic: run.eventsTopic,
      sandboxUrl: run.sandbox.url,
      port,
      world: { runId: world.runId, recipients: world.recipients, kinds: world.kinds, sizes: world.sizes },
    };
    const pipe = run.script(
      'bare-pipe',
      'scripts/bench/bare-pipe.ts',
      { BENCH_PIPE: JSON.stringify(settings) },
      `http://127.0.0.1:${port}/`,
    );
    await pipe.start();
    let stats: PipeStats = await (await fetch(`http://127.0.0.1:${port}/`)).json();
    movedAt = Date.now();
    let seen = 0;
    while (stats.events < events && Date.now() - movedAt < 30_000) {
      await sleep(1_000);
      stats = await (await fetch(`http://127.0.0.1:${port}/`)).json();
      if (stats.events > seen) movedAt = Date.now();
      seen = stats.events;
    }
    await pipe.stop();
    const pipeRate = stats.messages / Math.max(0.001, (stats.lastAt - stats.firstAt) / 1000);

    const rows: Row[] = [
      {
        key: 'throughput.deliveriesPerSecond',
        label: 'delivered messages per second (dispatcher)',
        value: rate,
        unit: '/s',
        target: { op: '>=', value: THROUGHPUT_TARGET },
      },
      {
        key: 'throughput.seconds',
        label: 'seconds the dispatcher was delivering',
        value: (ledger.last - ledger.first) / 1000,
        unit: 's',
      },
      { key: 'throughput.delivered', label: 'deliveries recorded delivered', value: ledger.rows, unit: '' },
      {
        key: 'throughput.undelivered',
        label: 'deliveries expected but not delivered',
        value: expected - ledger.rows,
        unit: '',
      },
      {
        key: 'throughput.barePipePerSecond',
        label: 'bare pipe: delivered messages per second',
        value: pipeRate,
        unit: '/s',
      },
      {
        key: 'throughput.ratio',
        label: 'dispatcher ÷ bare pipe',
        value: rate / pipeRate,
        unit: '',
        target: { op: '>=', value: 0.5 },
      },
      ...cpuAndMemoryRows(
        'throughput',
        [
          { name: 'router', before: before.router, after: after.router },
          { name: 'sender', before: before.sender, after: after.sender },
        ],
        drainSeconds,
      ),
      ...machineCpuRows('throughput', machineBefore, machineAfter, drainSeconds),
      {
        key: 'throughput.pgWritesPerDelivery',
        label: 'PostgreSQL rows written per delivery (ins + upd)',
        value: writes / Math.max(1, ledger.rows),
        unit: '',
      },
      ...calls.map(
        (c): Row => ({
          key: `throughput.callsPerRecipient.${c.kind}`,
          label: `${c.kind}: platform calls per delivered person`,
          value: c.calls / Math.max(1, c.people),
          unit: '',
          target: { op: '<=', value: 1 / 20 },
        }),
      ),
      ...tokenFetches.map(
        (t): Row => ({
          key: `throughput.tokenFetches.${t.kind}`,
          label: `${t.kind}: token fetches by the one sender process`,
          value: t.fetches,
          unit: '',
          target: { op: '<=', value: 1 },
        }),
      ),
    ];
    if (ledger.rows < expected) keepLogs = true;
    return {
      bench: 'throughput',
      summary: `${events} events × ${options.recipients} people × ${options.kinds.join(', ')} = ${expected} deliveries (backlog drained); state ${describeState(mesh.stateCounts)}`,
      rows,
      notes: [
        `ledger statuses: ${JSON.stringify(statuses)}; bare pipe: ${stats.events} events, ${stats.calls} calls, ${stats.failures} failures`,
        `the fewest calls each platform allows for ${options.recipients} people: DingTalk one-to-one takes 20 a call (${(Math.ceil(options.recipients / 20) / options.recipients).toFixed(3)} per person), work notifications 5,000 and WeCom 1,000 (${(1 / options.recipients).toFixed(3)})`,
        `platform calls per person are counted over the last messages the sandbox keeps (10,000 per platform): ${calls.map((c) => `${c.kind} ${c.calls} calls for ${c.people} people`).join('; ')}`,
        ...profile,
      ],
    };
  } catch (error) {
    keepLogs = true;
    throw error;
  } finally {
    await run.close({ keepLogs });
  }
}

export async function latency(env: BenchEnv, options: PipelineOptions): Promise<BenchResult> {
  const mesh = await startMesh('lat', env, options, 0);
  const { run, world, router, sender } = mesh;
  let keepLogs = options.keepLogs || options.profile;
  try {
    const total = Math.round(options.rate * options.duration);
    const warmUp = Math.round(options.rate * Math.min(5, options.duration / 4));
    const occurredAt = new Map<number, number>();
    const latencies = new Map<string, number>();
    const sentinel = `pu_${world.sentinel}`;
    const poll = async () => {
      const lists: Array<{ id: string; receivedAt: string }[]> = [];
      if (world.kinds.some((k) => k !== 'wecom-app')) {
        const answer = await run.sandbox.get<{ messages: Array<{ id: string; receivedAt: string }> }>(
          `dingtalk-app/messages?userid=${sentinel}`,
        );
        lists.push(answer.messages);
      }
      if (world.kinds.includes('wecom-app')) {
        const answer = await run.sandbox.get<{ messages: Array<{ id: string; receivedAt: string }> }>(
          `wecom/messages?userid=${sentinel}`,
        );
        lists.push(answer.messages);
      }
      for (const message of lists.flat()) {
        if (latencies.has(message.id)) continue;
        const index = markedEvent(world, JSON.stringify(message));
        const sent = index === undefined ? undefined : occurredAt.get(index);
        if (index === undefined || sent === undefined || index < warmUp) continue;
        latencies.set(message.id, Date.parse(message.receivedAt) - sent);
      }
    };
    const poller = setInterval(() => void poll().catch(() => {}), 1_000);
    const before = { router: sampleProcess(router.pid!), sender: sampleProcess(sender.pid!) };
    const machineBefore = sampleMachineCpu();
    const began = Date.now();
    let next = 0;
    // Every 10 ms, the events due by then (one send per tick): a steady rate, not bursts per second.
    while (next < total) {
      const due = Math.min(total, Math.floor(((Date.now() - began) * options.rate) / 1000) + 1);
      const batch = [];
      for (; next < due; next++) {
        occurredAt.set(next, Date.now());
        batch.push(run.produceOne(world, next));
      }
      await Promise.all(batch);
      await sleep(10);
    }
    const seconds = (Date.now() - began) / 1000;
    const after = { router: sampleProcess(router.pid!), sender: sampleProcess(sender.pid!) };
    const machineAfter = sampleMachineCpu();
    // Wait for the stragglers (up to 30 s), then read the sentinel's inbox once more.
    const expected = (total - warmUp) * world.kinds.length;
    for (const deadline = Date.now() + 30_000; latencies.size < expected && Date.now() < deadline; )
      await sleep(1_000);
    clearInterval(poller);
    await poll();
    const values = [...latencies.values()];
    // Where the time goes: event → routed (the job's routedAt) → claimed by the sender (its ledger row) →
    // delivered (recorded after the platform answered).
    const routed = await run.routedAt(
      world.kinds.includes('wecom-app') && world.kinds.length === 1 ? 'wecom' : 'dingtalk',
    );
    const rows = await run.claimedAndDelivered(world.sentinel);
    const stages = { routed: [] as number[], claimed: [] as number[], delivered: [] as number[] };
    for (const [index, row] of rows) {
      const at = occurredAt.get(index);
      const routedAt = routed.get(index);
      if (index < warmUp || at === undefined || routedAt === undefined) continue;
      stages.routed.push(routedAt - at);
      stages.claimed.push(row.claimed - routedAt);
      stages.delivered.push(row.delivered - row.claimed);
    }
    const profile = await stopAndProfile(mesh);
    if (values.length < expected) keepLogs = true;
    return {
      bench: 'latency',
      summary: `${total} events at ${options.rate}/s for ${options.duration} s, ${options.recipients} people × ${options.kinds.join(', ')} each; the first ${warmUp} events are warm-up; state ${describeState(mesh.stateCounts)}`,
      rows: [
        { key: 'latency.rate', label: 'events per second produced', value: total / seconds, unit: '/s' },
        {
          key: 'latency.p50',
          label: 'event time → sandbox receipt, p50',
          value: percentile(values, 50),
          unit: 'ms',
          target: { op: '<=', value: 20 },
        },
        {
          key: 'latency.p95',
          label: 'event time → sandbox receipt, p95',
          value: percentile(values, 95),
          unit: 'ms',
        },
        {
          key: 'latency.p99',
          label: 'event time → sandbox receipt, p99',
          value: percentile(values, 99),
          unit: 'ms',
          target: { op: '<=', value: 100 },
        },
        {
          key: 'latency.max',
          label: 'event time → sandbox receipt, max',
          value: Math.max(...values),
          unit: 'ms',
        },
        {
          key: 'latency.stage.routed',
          label: 'stage: event time → routed (the job’s routedAt), p50',
          value: percentile(stages.routed, 50),
          unit: 'ms',
        },
        {
          key: 'latency.stage.claimed',
          label: 'stage: routed → claimed by the sender (ledger row), p50',
          value: percentile(stages.claimed, 50),
          unit: 'ms',
        },
        {
          key: 'latency.stage.delivered',
          label: 'stage: claimed → delivered (send, record), p50',
          value: percentile(stages.delivered, 50),
          unit: 'ms',
        },
        {
          key: 'latency.measured',
          label: 'messages measured (the sentinel’s)',
          value: values.length,
          unit: '',
        },
        {
          key: 'latency.missing',
          label: 'sentinel messages not received',
          value: expected - values.length,
          unit: '',
        },
        ...cpuAndMemoryRows(
          'latency',
          [
            { name: 'router', before: before.router, after: after.router },
            { name: 'sender', before: before.sender, after: after.sender },
          ],
          seconds,
        ),
        ...machineCpuRows('latency', machineBefore, machineAfter, seconds),
      ],
      notes: profile,
    };
  } catch (error) {
    keepLogs = true;
    throw error;
  } finally {
    await run.close({ keepLogs });
  }
}

function describeState(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([entity, n]) => `${n} ${entity}`)
    .join(', ');
}

/**
 * Platform calls and people messaged per main channel, over the messages the sandbox still keeps: every
 * message of one call shares its task id (work notifications), processQueryKey (one-to-one) or msgid (WeCom).
 */
async function platformCalls(
  run: BenchRun,
  world: BenchWorld,
): Promise<Array<{ kind: BatchKind; calls: number; people: number }>> {
  type DingTalkMessage = { channel: string; clientId: string; taskId?: number; processQueryKey?: string };
  const dingtalk = (await run.sandbox.get<{ messages: DingTalkMessage[] }>('dingtalk-app/messages')).messages;
  const wecom = (
    await run.sandbox.get<{ messages: Array<{ channel: string; corpId: string; msgid: string }> }>(
      'wecom/messages',
    )
  ).messages;
  return world.kinds.map((kind) => {
    const appId = world.channels[kind].appId;
    const ids =
      kind === 'wecom-app'
        ? wecom.filter((m) => m.channel === 'app' && m.corpId === appId).map((m) => m.msgid)
        : dingtalk
            .filter((m) => m.clientId === appId)
            .map((m) => String(kind === 'dingtalk-work' ? m.taskId : m.processQueryKey));
    return { kind, calls: new Set(ids).size, people: ids.length };
  });
}

async function tokenFetchCounts(
  run: BenchRun,
  world: BenchWorld,
): Promise<Array<{ kind: BatchKind; fetches: number }>> {
  const dingtalk = (
    await run.sandbox.get<{ tokenFetches: Record<string, number> }>('dingtalk-app/token-fetches')
  ).tokenFetches;
  const wecom = (
    await run.sandbox.get<{ tokenFetches: Array<{ corpId: string | null; errcode: number }> }>(
      'wecom/token-fetches',
    )
  ).tokenFetches;
  return world.kinds.map((kind) => {
    const appId = world.channels[kind].appId;
    const fetches =
      kind === 'wecom-app' ? wecom.filter((f) => f.corpId === appId).length : (dingtalk[appId] ?? 0);
    return { kind, fetches };
  });
}
