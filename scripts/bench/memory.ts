// The memory benchmark: a dispatcher process with every component (router and all five senders, the
// default DISPATCHER_COMPONENTS) reads a world of the given sizes from the run's state topics; its resident
// memory is read from /proc once it is ready (caught up) and has settled. The same process is first started
// over an empty world (the main tenant only), so the figure can be read as a base plus the state's share.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../infra/process.ts';
import { type BenchEnv, BenchRun, sampleProcess } from './mesh.ts';
import { summariseProfiles } from './profile.ts';
import type { BenchResult } from './table.ts';
import { createBenchWorld, type Sizes } from './world.ts';

const MB = 1024 * 1024;

export interface MemoryOptions {
  sizes: Sizes;
  /** Seconds to wait after ready before reading RSS (the collector settles). */
  settle: number;
  profile: boolean;
  keepLogs: boolean;
}

/** Starts a dispatcher over `sizes` and reads its memory once caught up. */
async function measure(
  env: BenchEnv,
  sizes: Sizes,
  options: MemoryOptions,
): Promise<{
  rss: number;
  anon: number;
  file: number;
  peak: number;
  catchUpSeconds: number;
  state: Record<string, number>;
  profile: string[];
}> {
  const run = await BenchRun.open('mem', env, { sandbox: false });
  let keepLogs = options.keepLogs || options.profile;
  try {
    const world = createBenchWorld({ runId: run.runId, sizes, recipients: 3, kinds: ['dingtalk-work'] });
    const state = await run.publishState(world);
    const profileDir = options.profile ? join(run.dir, 'profiles') : undefined;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    const dispatcher = await run.dispatcher(
      'dispatcher',
      'router,dingtalk,lark,wecom,smtp,webhook',
      profileDir ? { cpuProfileDir: profileDir } : {},
    );
    const began = Date.now();
    await dispatcher.start(600_000);
    const catchUpSeconds = (Date.now() - began) / 1000;
    await sleep(options.settle * 1000);
    const sample = sampleProcess(dispatcher.pid!);
    await dispatcher.stop(30_000);
    return {
      rss: sample.rssBytes / MB,
      anon: sample.anonBytes / MB,
      file: sample.fileBytes / MB,
      peak: sample.peakRssBytes / MB,
      catchUpSeconds,
      state,
      profile: profileDir ? summariseProfiles(profileDir, 15) : [],
    };
  } catch (error) {
    keepLogs = true;
    throw error;
  } finally {
    await run.close({ keepLogs });
  }
}

export async function memory(env: BenchEnv, options: MemoryOptions): Promise<BenchResult> {
  const empty = await measure(
    env,
    { tenants: 1, users: 0, channels: 0, rules: 0, watches: 0, projects: 1 },
    { ...options, profile: false },
  );
  env.log(`memory: empty world ${empty.rss.toFixed(0)} MB`);
  const full = await measure(env, options.sizes, options);
  const { sizes } = options;
  return {
    bench: 'memory',
    summary: `one dispatcher process (router + every sender) over ${sizes.users} users (2 platform ids each), ${sizes.channels} channels, ${sizes.rules} rules, ${sizes.watches} watches in ${sizes.tenants} tenants; RSS ${options.settle} s after ready`,
    rows: [
      {
        key: 'memory.rss',
        label: 'dispatcher RSS after catch-up',
        value: full.rss,
        unit: 'MB',
        target: { op: '<=', value: 300 },
      },
      { key: 'memory.anon', label: 'of which anonymous (heaps)', value: full.anon, unit: 'MB' },
      {
        key: 'memory.file',
        label: 'of which file-backed (node binary, libraries)',
        value: full.file,
        unit: 'MB',
      },
      {
        key: 'memory.peakRss',
        label: 'dispatcher peak RSS (catch-up included)',
        value: full.peak,
        unit: 'MB',
      },
      { key: 'memory.emptyRss', label: 'the same over an empty world', value: empty.rss, unit: 'MB' },
      { key: 'memory.emptyAnon', label: 'of which anonymous', value: empty.anon, unit: 'MB' },
      {
        key: 'memory.catchUp',
        label: 'start to ready (state caught up)',
        value: full.catchUpSeconds,
        unit: 's',
      },
    ],
    notes: [`state messages: ${JSON.stringify(full.state)}`, ...full.profile],
  };
}
