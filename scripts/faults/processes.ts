// Child processes the fault scripts start, kill and restart: the sandbox and dispatcher processes. Each is
// spawned with this Node (process.execPath), logs to a file of its own (kept across kills), and is watched by
// a shell watchdog that kills it should this process die without cleaning up (kill -9, a test runner's
// timeout). Every start, planned kill and unplanned exit is counted.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exited, repoRoot, sleep, startWatchdog, tailFile } from '../infra/process.ts';

export interface ServiceSpec {
  /** Short name, used for log files: `<logDir>/<name>.<start>.log`. */
  name: string;
  /** Entry point relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  /** Answers 200 once the process is ready. */
  readyUrl: string;
  logDir: string;
  /**
   * Start it again after an exit nobody asked for, as Kubernetes would restart a crashed pod. `beforeRestart`
   * runs first (while nothing of this service runs), e.g. to note what the dead process left in flight.
   */
  supervise?: { beforeRestart?: (exit: UnplannedExit) => Promise<void> };
}

export interface UnplannedExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  logFile: string;
}

/** Environment variables a child must never inherit from whoever runs the scripts. */
const NOT_INHERITED = ['TIDINGS_KEYRING', 'KAFKA_BROKERS', 'DATABASE_URL', 'KAFKA_PREFIX', 'NODE_OPTIONS'];

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last resort: whatever is still running when this process exits is killed with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export class Service {
  readonly name: string;
  /** How many times a process was started (the first start included). */
  starts = 0;
  /** Kills the script asked for (kill -9). */
  kills = 0;
  /** Graceful stops the script asked for (SIGTERM, then a new start). */
  terms = 0;
  readonly unplannedExits: UnplannedExit[] = [];
  private readonly spec: ServiceSpec;
  private child: ChildProcess | undefined;
  private dismissWatchdog: () => void = () => {};
  private closed = false;
  private supervising: Promise<void> = Promise.resolve();
  /** Processes the script itself killed or stopped: their exits are not crashes. */
  private readonly killedOnPurpose = new WeakSet<ChildProcess>();

  constructor(spec: ServiceSpec) {
    this.spec = spec;
    this.name = spec.name;
    mkdirSync(spec.logDir, { recursive: true });
    installExitHook();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get logFile(): string {
    return join(this.spec.logDir, `${this.name}.${this.starts}.log`);
  }

  /** Log lines containing `text`, over every process this service started. */
  linesContaining(text: string): number {
    let count = 0;
    for (let start = 1; start <= this.starts; start++) {
      const file = join(this.spec.logDir, `${this.name}.${start}.log`);
      if (!existsSync(file)) continue;
      for (const line of readFileSync(file, 'utf8').split('\n')) if (line.includes(text)) count += 1;
    }
    return count;
  }

  /** Calls `each` with every log line, over every process this service started. */
  forEachLine(each: (line: string) => void): void {
    for (let start = 1; start <= this.starts; start++) {
      const file = join(this.spec.logDir, `${this.name}.${start}.log`);
      if (!existsSync(file)) continue;
      for (const line of readFileSync(file, 'utf8').split('\n')) each(line);
    }
  }

  /** Lines logged at level error, over every process this service started. */
  errorLines(): number {
    return this.linesContaining('"level":"error"');
  }

  /** Starts a process and waits until it is ready. */
  async start(timeoutMs = 120_000): Promise<void> {
    this.spawnProcess();
    await this.waitReady(timeoutMs);
  }

  private spawnProcess(): void {
    if (this.running) throw new Error(`${this.name} is already running (pid ${this.pid})`);
    this.starts += 1;
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of NOT_INHERITED) delete env[name];
    Object.assign(env, { NODE_ENV: 'development' }, this.spec.env);
    const out = openSync(this.logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', this.spec.entry], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', out, out],
      });
    } finally {
      closeSync(out);
    }
    child.on('error', () => {});
    this.child = child;
    live.add(child);
    this.dismissWatchdog =
      child.pid === undefined ? () => {} : startWatchdog(`kill -KILL ${child.pid}`, child.pid);
    const logFile = this.logFile;
    child.once('exit', (code, signal) => {
      live.delete(child);
      this.dismissWatchdog();
      if (this.closed || this.killedOnPurpose.has(child)) return;
      const exit = { code, signal, logFile };
      this.unplannedExits.push(exit);
      if (!this.spec.supervise) return;
      this.supervising = this.supervising.then(async () => {
        await this.spec.supervise?.beforeRestart?.(exit);
        await sleep(1_000);
        if (!this.closed && !this.running) this.spawnProcess();
      });
    });
  }

  /** Polls the ready URL until it answers 200; fails when the process exits meanwhile (unless supervised). */
  async waitReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running && !this.spec.supervise) {
        throw new Error(
          `${this.name} exited before it was ready; end of ${this.logFile}:\n${tailFile(this.logFile)}`,
        );
      }
      try {
        const response = await fetch(this.spec.readyUrl, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(
      `${this.name} was not ready at ${this.spec.readyUrl} within ${timeoutMs} ms; end of ${this.logFile}:\n${tailFile(this.logFile)}`,
    );
  }

  /** Sends a signal to the running process (SIGSTOP / SIGCONT to freeze it at a chosen moment). */
  signal(signal: NodeJS.Signals): void {
    if (!this.child || !this.running) throw new Error(`${this.name} is not running`);
    this.child.kill(signal);
  }

  /** kill -9, and wait until the process is gone. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) throw new Error(`${this.name} is not running`);
    this.killedOnPurpose.add(child);
    this.kills += 1;
    child.kill('SIGKILL');
    await exited(child);
  }

  /**
   * A graceful stop the script asked for (SIGTERM), after which the service can be started again: waits for
   * the exit up to `deadlineMs`, then kills it (-9) and says so. `ms`: from the signal to the exit.
   */
  async term(deadlineMs: number): Promise<{ ms: number; forced: boolean; code: number | null }> {
    const child = this.child;
    if (!child || !this.running) throw new Error(`${this.name} is not running`);
    this.killedOnPurpose.add(child);
    this.terms += 1;
    const exit = exited(child);
    const started = performance.now();
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const status = await Promise.race([
      exit,
      new Promise<null>((done) => {
        timer = setTimeout(() => done(null), deadlineMs);
      }),
    ]);
    clearTimeout(timer);
    const ms = performance.now() - started;
    if (status) return { ms, forced: false, code: status.code };
    child.kill('SIGKILL');
    await exit;
    return { ms, forced: true, code: null };
  }

  /** Stops for good: SIGTERM, then SIGKILL after `graceMs`. Safe to call twice. */
  async stop(graceMs = 5_000): Promise<void> {
    this.closed = true;
    const child = this.child;
    if (!child || !this.running) return;
    this.killedOnPurpose.add(child);
    child.kill('SIGTERM');
    const done = await Promise.race([exited(child).then(() => true), sleep(graceMs).then(() => false)]);
    if (!done) {
      child.kill('SIGKILL');
      await exited(child);
    }
  }
}
