// What the scenarios share: how a scenario is declared and run, sizes, the retry policy, pacing.
import { sleep } from '../../infra/process.ts';
import { Harness, type HarnessOptions, type RetrySettings } from '../harness.ts';
import { type Count, failures, type ScenarioResult } from '../report.ts';

export interface ScenarioContext {
  /** Valid events to send. */
  events: number;
  large: boolean;
  kafkaBrokers: string;
  /** A PostgreSQL server URL; each run creates (and drops) a database of its own there. */
  databaseUrl: string;
  /** Seeded: the same seed picks the same kill moments and malformed cases. */
  random: () => number;
  log: (line: string) => void;
  /** Keep the run's process logs under .data/faults/<run>/logs even when every check holds. */
  keepLogs?: boolean;
}

export interface Scenario {
  name: string;
  /** What it proves, in a line (the CLI's help and the README say the same). */
  proves: string;
  events: { small: number; large: number };
  run(context: ScenarioContext): Promise<ScenarioResult>;
}

/**
 * The production retry schedule at the large size; a tenth of it at the small one (hints included, so a
 * 503's "retry after 30 s" waits 3 s).
 */
export function retryFor(large: boolean): RetrySettings {
  return { maxAttempts: 8, baseDelaySeconds: 5, maxDelaySeconds: 3600, delayScale: large ? 1 : 0.1 };
}

/** Opens a harness, runs `body`, and closes it, keeping the logs when something failed. */
export async function withHarness(
  context: ScenarioContext,
  options: Partial<HarnessOptions> & { scenario: string },
  body: (harness: Harness) => Promise<ScenarioResult>,
): Promise<ScenarioResult> {
  const harness = await Harness.open({
    kafkaBrokers: context.kafkaBrokers,
    databaseUrl: context.databaseUrl,
    retry: retryFor(context.large),
    log: context.log,
    // Large runs outgrow the sandbox's 10,000-entry lists: collect them as they fill.
    pollMs: context.large ? 5_000 : 10_000,
    ...options,
  });
  let keepLogs = true;
  try {
    context.log(
      `${options.scenario}: run ${harness.runId} (tenant ${harness.world.tenantId}, logs ${harness.logDir})`,
    );
    const result = await body(harness);
    // Where each lost event went missing: before routing, in routing or in sending.
    const lost = result.counts.find((count) => count.key === 'lost');
    if (lost && lost.value > 0) {
      try {
        result.notes.push(...(await harness.explainLost()));
      } catch (error) {
        result.notes.push(`could not explain the lost events: ${(error as Error).message}`);
      }
    }
    keepLogs = context.keepLogs === true || failures(result).length > 0;
    if (keepLogs) result.notes.push(`process logs: ${harness.logDir}`);
    return result;
  } finally {
    await harness.close({ keepLogs });
  }
}

export const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

/** Polls `check` every `everyMs` until it holds; throws `what` after `timeoutMs`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs: number; everyMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}`);
    await sleep(options.everyMs ?? 50);
  }
}

/** Sends `indices` spread evenly over `windowMs`, so that faults land while events keep coming. */
export async function emitPaced(harness: Harness, indices: number[], windowMs: number): Promise<void> {
  const ticks = Math.max(1, Math.floor(windowMs / 100));
  const perTick = Math.ceil(indices.length / ticks);
  const started = Date.now();
  for (let tick = 0; tick * perTick < indices.length; tick++) {
    await harness.emitValid(indices.slice(tick * perTick, (tick + 1) * perTick), 8);
    const next = started + (tick + 1) * 100;
    if (next > Date.now()) await sleep(next - Date.now());
  }
}

/** Fisher-Yates with the run's random source. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Replaces the check of an already reported count. */
export function recheck(counts: Count[], key: string, check: Count['check']): void {
  const count = counts.find((c) => c.key === key);
  if (!count) throw new Error(`no count ${key}`);
  if (check) count.check = check;
  else delete count.check;
}

/** mulberry32: a small seeded generator, so a failing run can be repeated with --seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
