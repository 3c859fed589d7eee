// Containers for people who have a Docker engine: apache/kafka:3.9.1 and postgres:16 through the plain docker
// CLI (no extra npm dependency). The development and CI machines have the docker CLI but no engine, so this
// path is not exercised there; `docker info` failing is what sends startInfrastructure to local binaries.

import { waitForKafka, warmUpKafka } from './kafka.ts';
import { waitForPostgres } from './postgres.ts';
import { freePort, run, startWatchdog } from './process.ts';

export const KAFKA_IMAGE = 'apache/kafka:3.9.1';
export const POSTGRES_IMAGE = 'postgres:16';

/** True when a Docker engine answers (not just when the CLI is installed). */
export async function dockerAvailable(): Promise<boolean> {
  if (process.env.TIDINGS_NO_DOCKER === '1') return false;
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 10_000 });
    return true;
  } catch {
    return false;
  }
}

async function runContainer(name: string, args: string[]): Promise<{ id: string; remove(): Promise<void> }> {
  const id = (
    await run('docker', [
      'run',
      '--detach',
      '--rm',
      '--name',
      name,
      '--label',
      'dev.tidings.infra=1',
      ...args,
    ])
  ).trim();
  // Remove the container if this process dies without stopping it.
  const dismissWatchdog = startWatchdog(`docker rm --force ${id} >/dev/null 2>&1`);
  let removing: Promise<void> | undefined;
  return {
    id,
    remove() {
      removing ??= run('docker', ['rm', '--force', id])
        .then(() => {})
        .finally(dismissWatchdog);
      return removing;
    },
  };
}

async function containerLogs(id: string): Promise<string> {
  try {
    return (await run('docker', ['logs', '--tail', '40', id])).trimEnd();
  } catch (error) {
    return `(no logs: ${(error as Error).message})`;
  }
}

export async function startDockerKafka(options: { port?: number; readyTimeoutMs?: number } = {}): Promise<{
  brokers: string;
  stop(): Promise<void>;
}> {
  const port = options.port ?? (await freePort());
  const brokers = `127.0.0.1:${port}`;
  const env: Record<string, string> = {
    KAFKA_NODE_ID: '1',
    KAFKA_PROCESS_ROLES: 'broker,controller',
    KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
    KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${brokers}`,
    KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
    KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
    KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    KAFKA_NUM_PARTITIONS: '1',
    KAFKA_HEAP_OPTS: '-Xmx512m -Xms128m',
  };
  const container = await runContainer(`tidings-kafka-${port}`, [
    '--publish',
    `127.0.0.1:${port}:9092`,
    ...Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]),
    KAFKA_IMAGE,
  ]);
  try {
    await waitForKafka(brokers, { timeoutMs: options.readyTimeoutMs ?? 90_000 });
    await warmUpKafka(brokers);
  } catch (error) {
    const logs = await containerLogs(container.id);
    await container.remove().catch(() => {});
    throw new Error(`${(error as Error).message}\ncontainer logs:\n${logs}`);
  }
  return { brokers, stop: () => container.remove() };
}

export async function startDockerPostgres(options: { port?: number; readyTimeoutMs?: number } = {}): Promise<{
  url: string;
  stop(): Promise<void>;
}> {
  const port = options.port ?? (await freePort());
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const container = await runContainer(`tidings-postgres-${port}`, [
    '--publish',
    `127.0.0.1:${port}:5432`,
    '--env',
    'POSTGRES_HOST_AUTH_METHOD=trust',
    '--tmpfs',
    '/var/lib/postgresql/data',
    POSTGRES_IMAGE,
    ...[
      'fsync=off',
      'synchronous_commit=off',
      'full_page_writes=off',
      'max_connections=200',
      'jit=off',
    ].flatMap((setting) => ['-c', setting]),
  ]);
  try {
    // The image's entrypoint runs a temporary server during initialisation; wait for the real one.
    await waitForPostgres(url, { timeoutMs: options.readyTimeoutMs ?? 90_000 });
  } catch (error) {
    const logs = await containerLogs(container.id);
    await container.remove().catch(() => {});
    throw new Error(`${(error as Error).message}\ncontainer logs:\n${logs}`);
  }
  return { url, stop: () => container.remove() };
}
