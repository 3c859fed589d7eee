// Summarises V8 CPU profiles (`node --cpu-prof`): the functions with the most self time, per profile.
//
//   node scripts/bench/profile.ts <file.cpuprofile|folder> [--top N]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { repoRoot } from '../infra/process.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

/** Self time per function (name + file:line), most first. */
export function selfTimes(profile: CpuProfile): { totalMs: number; idleMs: number; functions: SelfTime[] } {
  const byNode = new Map<number, number>();
  // Each sample's time is the delta to the next sample.
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    byNode.set(profile.samples[i]!, (byNode.get(profile.samples[i]!) ?? 0) + delta);
  }
  const totals = new Map<string, SelfTime>();
  let totalMs = 0;
  let idleMs = 0;
  for (const node of profile.nodes) {
    const ms = byNode.get(node.id) ?? 0;
    totalMs += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') idleMs += ms;
    const file = url.startsWith('file://') ? relative(repoRoot, new URL(url).pathname) : url;
    const where = file ? `${file.replace(/^node_modules\//, '')}:${lineNumber + 1}` : '';
    const name = functionName || '(anonymous)';
    const key = `${name} ${where}`;
    const entry = totals.get(key) ?? { name, where, ms: 0, share: 0 };
    entry.ms += ms;
    totals.set(key, entry);
  }
  const busy = totalMs - idleMs;
  const functions = [...totals.values()]
    .filter((f) => f.name !== '(idle)')
    .map((f) => ({ ...f, share: busy > 0 ? f.ms / busy : 0 }))
    .sort((a, b) => b.ms - a.ms);
  return { totalMs, idleMs, functions };
}

/** Lines naming the top self-time functions of every profile in `dir`. */
export function summariseProfiles(dir: string, top = 15): string[] {
  const files = statSync(dir).isDirectory()
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(dir, f))
    : [dir];
  return files.flatMap((file) => {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const { totalMs, idleMs, functions } = selfTimes(profile);
    return [
      `profile ${basename(file)} (${file}): ${(totalMs / 1000).toFixed(1)} s sampled, ${(100 * (1 - idleMs / Math.max(1, totalMs))).toFixed(0)} % busy; top self time (share of busy time):`,
      ...functions
        .slice(0, top)
        .map((f) => `  ${(100 * f.share).toFixed(1).padStart(5)} %  ${f.name}  ${f.where}`),
    ];
  });
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  const target = args.find((a, i) => !a.startsWith('--') && i !== topAt + 1);
  if (!target) {
    console.error('usage: node scripts/bench/profile.ts <file.cpuprofile|folder> [--top N]');
    process.exit(2);
  }
  console.log(summariseProfiles(target, top).join('\n'));
}
