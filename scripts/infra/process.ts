// Small process helpers shared by the local Kafka and Postgres launchers.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The repository root (scripts/infra/../..). */
export const repoRoot: string = resolve(import.meta.dirname, '..', '..');

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** A TCP port that is free on 127.0.0.1 right now (the OS picks it; there is a small race until it is bound). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        fail(new Error('could not determine a free port'));
        return;
      }
      server.close(() => done(address.port));
    });
  });
}

/** The last `lines` lines of a text file, or a note that it cannot be read. */
export function tailFile(path: string, lines = 40): string {
  try {
    const all = readFileSync(path, 'utf8').trimEnd().split('\n');
    return all.slice(-lines).join('\n');
  } catch (error) {
    return `(cannot read ${path}: ${(error as Error).message})`;
  }
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Resolves when the child has exited (immediately when it already has). */
export function exited(child: ChildProcess): Promise<ExitStatus> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((done) => {
    child.once('exit', (code, signal) => done({ code, signal }));
  });
}

/** Sends `signal`, waits up to `graceMs` for the child to exit, then sends `escalation` and waits for the exit. */
export async function terminate(
  child: ChildProcess,
  signal: NodeJS.Signals,
  graceMs: number,
  escalation: NodeJS.Signals = 'SIGKILL',
): Promise<void> {
  const exit = exited(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exit.then(() => false),
    new Promise<boolean>((done) => {
      timer = setTimeout(() => done(true), graceMs);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    child.kill(escalation);
    await exit;
  }
}

/** Runs a command to completion, collecting its output; rejects with the output on failure. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; uid?: number; gid?: number; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid }),
      ...(options.gid === undefined ? {} : { gid: options.gid }),
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (code === 0) done(output);
      else {
        const status = signal === null ? `exit code ${code}` : `signal ${signal}`;
        fail(new Error(`${command} ${args.join(' ')} failed (${status}):\n${output.trimEnd()}`));
      }
    });
  });
}

/**
 * Starts a detached watchdog shell that runs `cleanup` (a sh command) if this Node process dies without
 * stopping the service itself (crash, SIGKILL, Ctrl-C of a test runner), so no broker or database outlives
 * the process that started it. It exits by itself once `watchedPid` (when given) is gone.
 * Returns a function that dismisses the watchdog; call it after a clean stop.
 */
export function startWatchdog(cleanup: string, watchedPid?: number): () => void {
  const script = [
    'parent=$1; watched=$2',
    'while kill -0 "$parent" 2>/dev/null; do',
    '  if [ -n "$watched" ] && ! kill -0 "$watched" 2>/dev/null; then exit 0; fi',
    '  sleep 1',
    'done',
    'eval "$3"',
  ].join('\n');
  const watchdog = spawn(
    'sh',
    [
      '-c',
      script,
      'tidings-infra-watchdog',
      String(process.pid),
      watchedPid === undefined ? '' : String(watchedPid),
      cleanup,
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.on('error', () => {});
  watchdog.unref();
  return () => {
    if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
  };
}

/** Shell command that stops `pid` with `signal`, escalating to `escalation` after `graceSeconds`. */
export function killCommand(
  pid: number,
  signal: 'TERM' | 'INT',
  graceSeconds: number,
  escalation: 'KILL' | 'QUIT' = 'KILL',
): string {
  return `kill -${signal} ${pid} 2>/dev/null; i=0; while kill -0 ${pid} 2>/dev/null && [ $i -lt ${graceSeconds} ]; do sleep 1; i=$((i+1)); done; kill -${escalation} ${pid} 2>/dev/null`;
}

/**
 * kafkajs 2.2.4 arms `setTimeout` with a negative delay on every connection (requestQueue's
 * scheduleCheckPendingRequests), which Node 24 reports as a TimeoutNegativeWarning; Node clamps the delay to
 * 1 ms, exactly what kafkajs meant. Drops that one warning in this process; every other warning still shows.
 * (Child processes can use `node --disable-warning=TimeoutNegativeWarning` instead.)
 */
export function silenceNegativeTimeoutWarning(): void {
  const marker = Symbol.for('tidings.silenceNegativeTimeoutWarning');
  const host = process as unknown as Record<symbol, boolean>;
  if (host[marker]) return;
  host[marker] = true;
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if (type === 'TimeoutNegativeWarning') return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
}
