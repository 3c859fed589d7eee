// A real single-node Apache Kafka 3.9.1 (KRaft, combined broker + controller) run from Kafka's jars, which
// Maven fetches once into .tools/kafka-3.9.1/libs (scripts/infra/kafka-pom.xml). Needs Java 17+ and Maven.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import {
  freePort,
  killCommand,
  repoRoot,
  run,
  sleep,
  startWatchdog,
  tailFile,
  terminate,
} from './process.ts';

export const KAFKA_VERSION = '3.9.1';
const kafkaHome = join(repoRoot, '.tools', `kafka-${KAFKA_VERSION}`);
const libsDir = join(kafkaHome, 'libs');
const brokerJar = join(libsDir, `kafka_2.13-${KAFKA_VERSION}.jar`);
const pom = join(repoRoot, 'scripts', 'infra', 'kafka-pom.xml');

export interface StartLocalKafkaOptions {
  /** Directory for the broker's config, logs and data; created when missing, reused when already formatted. */
  dataDir: string;
  /** Port of the PLAINTEXT listener on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** How long to wait for the broker to answer, in ms (default 60 000). */
  readyTimeoutMs?: number;
}

export interface RunningKafka {
  /** Bootstrap servers, e.g. `127.0.0.1:40123`. */
  brokers: string;
  stop(): Promise<void>;
}

/** Fetches Kafka's jars with Maven unless they are already in .tools/kafka-3.9.1/libs. */
export async function ensureKafkaJars(): Promise<string> {
  if (existsSync(brokerJar)) return libsDir;
  mkdirSync(kafkaHome, { recursive: true });
  const staging = join(kafkaHome, `libs.partial-${process.pid}-${Date.now()}`);
  try {
    await run('mvn', [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      pom,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${staging}`,
      '-DincludeScope=runtime',
    ]).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        throw new Error(
          'Maven (mvn) is needed to fetch Kafka for local runs. Install Maven and Java 17+, run Docker, or set KAFKA_BROKERS.',
        );
      }
      throw error;
    });
    if (!existsSync(join(staging, `kafka_2.13-${KAFKA_VERSION}.jar`))) {
      throw new Error(`Maven finished but ${staging} has no kafka_2.13-${KAFKA_VERSION}.jar`);
    }
    try {
      renameSync(staging, libsDir);
    } catch (error) {
      // Another process finished first: use its copy.
      if (!existsSync(brokerJar)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return libsDir;
}

/** A random cluster id in Kafka's format (URL-safe base64 of 16 bytes) that cannot be taken for an option. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

function serverProperties(dataDir: string, port: number, controllerPort: number): string {
  return `${[
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${join(dataDir, 'data')}`,
    // One node: every internal topic has a single replica.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=10',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
    // Code creates its topics explicitly.
    'auto.create.topics.enable=false',
    'delete.topic.enable=true',
    // Keep the footprint small: the log cleaner's dedupe buffer defaults to 128 MiB.
    'log.cleaner.dedupe.buffer.size=16777216',
    'num.network.threads=2',
    'num.io.threads=4',
    'num.recovery.threads.per.data.dir=1',
  ].join('\n')}\n`;
}

function log4jProperties(logFile: string): string {
  return `${[
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.FileAppender',
    `log4j.appender.file.File=${logFile}`,
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.org.apache.kafka.clients.NetworkClient=WARN',
    'log4j.logger.state.change.logger=WARN',
  ].join('\n')}\n`;
}

function java(): string {
  const home = process.env.JAVA_HOME;
  return home ? join(home, 'bin', 'java') : 'java';
}

/**
 * Waits until a Kafka cluster at `brokers` answers DescribeCluster. `failure` is polled so a crashed broker is
 * reported at once; `logFile` is quoted in the error.
 */
export async function waitForKafka(
  brokers: string,
  options: { timeoutMs: number; failure?: () => string | undefined; logFile?: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const kafka = new Kafka({
    clientId: 'tidings-infra-probe',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  let lastError = 'no attempt yet';
  for (;;) {
    const failure = options.failure?.();
    if (failure !== undefined) {
      throw new Error(
        `Kafka broker at ${brokers} ${failure}${options.logFile ? `; end of ${options.logFile}:\n${tailFile(options.logFile)}` : ''}`,
      );
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0) return;
      lastError = 'the cluster has no brokers yet';
    } catch (error) {
      lastError = (error as Error).message;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Kafka broker at ${brokers} not ready after ${options.timeoutMs} ms (last error: ${lastError})` +
          (options.logFile ? `; end of ${options.logFile}:\n${tailFile(options.logFile)}` : ''),
      );
    }
    await sleep(200);
  }
}

/**
 * Makes the broker create and load its group and transaction coordinators (__consumer_offsets and
 * __transaction_state appear on first use), so the first test to use a consumer group or a transaction does
 * not meet "coordinator not available / loading" errors, which kafkajs retries but logs as errors.
 */
export async function warmUpKafka(brokers: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'tidings-infra-warmup',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({
    transactionalId: `tidings-infra-warmup-${randomBytes(4).toString('hex')}`,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  try {
    await admin.connect();
    await producer.connect();
    await Promise.all([
      admin.describeGroups(['tidings-infra-warmup']),
      producer.transaction().then((transaction) => transaction.abort()),
    ]);
  } finally {
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  }
}

/** The broker a pid file names, when its process still runs. */
function readRunningBroker(pidFile: string): { pid: number; brokers: string } | undefined {
  let recorded: { pid: number; brokers: string };
  try {
    recorded = JSON.parse(readFileSync(pidFile, 'utf8'));
  } catch {
    return undefined;
  }
  try {
    process.kill(recorded.pid, 0);
    return recorded;
  } catch {
    return undefined;
  }
}

/** Starts a single-node KRaft Kafka from the Maven jars and waits until it answers. */
export async function startLocalKafka(options: StartLocalKafkaOptions): Promise<RunningKafka> {
  const dataDir = resolve(options.dataDir);
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  mkdirSync(dataDir, { recursive: true });
  // A second broker on the same data directory rewrites its configuration and confuses the first one's
  // controller until every broker is fenced: refuse, and say how to use the running one.
  const pidFile = join(dataDir, 'kafka.pid');
  const running = readRunningBroker(pidFile);
  if (running) {
    throw new Error(
      `Kafka is already running from ${dataDir} (pid ${running.pid}); stop it, or use it with KAFKA_BROKERS=${running.brokers}`,
    );
  }
  const libs = await ensureKafkaJars();
  const classpath = `${libs}/*`;
  const logFile = join(dataDir, 'kafka.log');
  const outFile = join(dataDir, 'kafka.out');
  const propertiesFile = join(dataDir, 'server.properties');
  const log4jFile = join(dataDir, 'log4j.properties');
  writeFileSync(log4jFile, log4jProperties(logFile));
  const jvm = [`-Dlog4j.configuration=file:${log4jFile}`, '-Djava.awt.headless=true', '-cp', classpath];

  // A free port can be taken by someone else before the JVM binds it: retry with new ports then.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const controllerPort = await freePort();
    writeFileSync(propertiesFile, serverProperties(dataDir, port, controllerPort));
    if (!existsSync(join(dataDir, 'data', 'meta.properties'))) {
      await run(java(), [
        ...jvm,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId(),
        '-c',
        propertiesFile,
      ]).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') {
          throw new Error(
            'Java 17+ is needed to run Kafka locally. Install it, run Docker, or set KAFKA_BROKERS.',
          );
        }
        throw error;
      });
    }
    const out = openSync(outFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(
        java(),
        [
          '-Xms128m',
          '-Xmx512m',
          '-XX:+UseG1GC',
          '-XX:MaxGCPauseMillis=20',
          '-XX:+ExitOnOutOfMemoryError',
          ...jvm,
          'kafka.Kafka',
          propertiesFile,
        ],
        // Own process group: a Ctrl-C meant for the parent must not kill the broker before stop() runs.
        { cwd: dataDir, detached: true, stdio: ['ignore', out, out] },
      );
    } finally {
      closeSync(out);
    }
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    const brokers = `127.0.0.1:${port}`;
    const dismissWatchdog =
      child.pid === undefined ? () => {} : startWatchdog(killCommand(child.pid, 'TERM', 15), child.pid);
    try {
      await waitForKafka(brokers, {
        timeoutMs,
        logFile,
        failure: () => {
          if (spawnError) return `could not be started (${spawnError.message})`;
          if (child.exitCode !== null || child.signalCode !== null) {
            return `exited early (${child.exitCode ?? child.signalCode}); ${outFile}:\n${tailFile(outFile, 15)}`;
          }
          return undefined;
        },
      });
      await warmUpKafka(brokers);
    } catch (error) {
      await terminate(child, 'SIGKILL', 5000);
      dismissWatchdog();
      const bindFailure = /BindException|Address already in use/.test(
        tailFile(logFile, 200) + tailFile(outFile, 50),
      );
      if (bindFailure && options.port === undefined && attempt < 3) continue;
      throw error;
    }

    writeFileSync(pidFile, JSON.stringify({ pid: child.pid, brokers }));
    let stopping: Promise<void> | undefined;
    return {
      brokers,
      stop() {
        stopping ??= terminate(child, 'SIGTERM', 20_000).finally(() => {
          dismissWatchdog();
          rmSync(pidFile, { force: true });
        });
        return stopping;
      },
    };
  }
}
