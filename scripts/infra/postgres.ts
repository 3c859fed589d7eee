// A real PostgreSQL server from the machine's binaries (Debian: /usr/lib/postgresql/<version>/bin, installed
// by scripts/lib/postgres-server.sh on CI), tuned for tests: no fsync, trust authentication on loopback only.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { freePort, killCommand, run, sleep, startWatchdog, tailFile, terminate } from './process.ts';

export interface StartLocalPostgresOptions {
  /** Directory for the cluster, its socket and its log; created when missing, reused when already initialised. */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** How long to wait for the server to accept connections, in ms (default 60 000). */
  readyTimeoutMs?: number;
}

export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  stop(): Promise<void>;
}

/** The directory holding initdb and postgres: $POSTGRES_BIN_DIR, else the newest /usr/lib/postgresql/<v>/bin. */
export function findPostgresBinaries(): string {
  const fromEnv = process.env.POSTGRES_BIN_DIR;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((entry) => /^\d+(\.\d+)?$/.test(entry) && existsSync(join(root, entry, 'bin', 'postgres')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      'No PostgreSQL server binaries in /usr/lib/postgresql/*/bin. Install the Debian package `postgresql` ' +
        '(scripts/lib/postgres-server.sh does it on CI), set POSTGRES_BIN_DIR, run Docker, or set DATABASE_URL.',
    );
  }
  return join(root, newest, 'bin');
}

/** Postgres refuses to run as root: when we are root, run it as the `postgres` OS user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('Running as root, and there is no `postgres` OS user to run the PostgreSQL server as.');
  }
}

/** Waits until `url` answers `select 1`. `failure` is polled so a crashed server is reported at once. */
export async function waitForPostgres(
  url: string,
  options: { timeoutMs: number; failure?: () => string | undefined; logFile?: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const logTail = () => (options.logFile ? `; end of ${options.logFile}:\n${tailFile(options.logFile)}` : '');
  let lastError = 'no attempt yet';
  for (;;) {
    const failure = options.failure?.();
    if (failure !== undefined) throw new Error(`PostgreSQL at ${url} ${failure}${logTail()}`);
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch (error) {
      lastError = (error as Error).message;
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
    if (Date.now() > deadline) {
      throw new Error(
        `PostgreSQL at ${url} not ready after ${options.timeoutMs} ms (last error: ${lastError})${logTail()}`,
      );
    }
    await sleep(100);
  }
}

/** initdb (once) and start a PostgreSQL server on 127.0.0.1, then wait until it accepts connections. */
export async function startLocalPostgres(options: StartLocalPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const bin = findPostgresBinaries();
  const user = serverUser();
  const asUser = user === undefined ? {} : { uid: user.uid, gid: user.gid };
  const pgdata = join(dataDir, 'pgdata');
  const socketDir = join(dataDir, 'socket');
  const logFile = join(dataDir, 'postgres.log');
  // Missing parents get the usual modes: the server user must be able to reach dataDir.
  mkdirSync(dataDir, { recursive: true });
  for (const dir of [pgdata, socketDir]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (user !== undefined) for (const dir of [dataDir, pgdata, socketDir]) chownSync(dir, user.uid, user.gid);

  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    await run(
      join(bin, 'initdb'),
      [
        '--pgdata',
        pgdata,
        '--username=postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--no-locale',
        '--no-sync',
        '--no-instructions',
      ],
      { ...asUser, env: { ...process.env, LC_ALL: 'C' } },
    ).catch((error: Error) => {
      const hint = /Permission denied/.test(error.message)
        ? `\n(The server runs as the \`postgres\` OS user: every directory above ${dataDir} must be searchable by it.)`
        : '';
      throw new Error(`${error.message}${hint}`);
    });
  }

  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const out = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(
        join(bin, 'postgres'),
        [
          '-D',
          pgdata,
          '-p',
          String(port),
          '-k',
          socketDir,
          '-c',
          'listen_addresses=127.0.0.1',
          // Test server: durability off, plenty of connections for parallel test files.
          '-c',
          'fsync=off',
          '-c',
          'synchronous_commit=off',
          '-c',
          'full_page_writes=off',
          '-c',
          'max_connections=200',
          '-c',
          'jit=off',
          '-c',
          'timezone=UTC',
          '-c',
          'logging_collector=off',
        ],
        // Own process group: a Ctrl-C meant for the parent must not reach the server before stop() runs.
        {
          ...asUser,
          cwd: dataDir,
          detached: true,
          stdio: ['ignore', out, out],
          env: { ...process.env, LC_ALL: 'C' },
        },
      );
    } finally {
      closeSync(out);
    }
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const dismissWatchdog =
      child.pid === undefined
        ? () => {}
        : startWatchdog(killCommand(child.pid, 'INT', 15, 'QUIT'), child.pid);
    try {
      await waitForPostgres(url, {
        timeoutMs,
        logFile,
        failure: () => {
          if (spawnError) return `could not be started (${spawnError.message})`;
          if (child.exitCode !== null || child.signalCode !== null) {
            return `exited early (${child.exitCode ?? child.signalCode})`;
          }
          return undefined;
        },
      });
    } catch (error) {
      await terminate(child, 'SIGINT', 10_000, 'SIGQUIT');
      dismissWatchdog();
      const bindFailure = /could not bind|Address already in use/.test(tailFile(logFile, 30));
      if (bindFailure && options.port === undefined && attempt < 3) continue;
      throw error;
    }

    let stopping: Promise<void> | undefined;
    return {
      url,
      stop() {
        // SIGINT is PostgreSQL's fast shutdown; SIGQUIT (immediate) if that hangs.
        stopping ??= terminate(child, 'SIGINT', 20_000, 'SIGQUIT').finally(dismissWatchdog);
        return stopping;
      },
    };
  }
}
