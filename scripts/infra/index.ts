// Real Kafka and PostgreSQL for local runs and tests, from (in this order):
//   1. the environment: KAFKA_BROKERS / DATABASE_URL point at running ones, nothing is started;
//   2. Docker, when an engine answers `docker info` (apache/kafka:3.9.1, postgres:16);
//   3. local binaries: Kafka's jars via Maven + Java 17, Debian's PostgreSQL server binaries.
// TIDINGS_NO_DOCKER=1 skips step 2.
import { join, resolve } from 'node:path';
import { dockerAvailable, startDockerKafka, startDockerPostgres } from './docker.ts';
import { startLocalKafka } from './kafka.ts';
import { startLocalPostgres } from './postgres.ts';

export { dockerAvailable, startDockerKafka, startDockerPostgres } from './docker.ts';
export type { RunningKafka, StartLocalKafkaOptions } from './kafka.ts';
export { ensureKafkaJars, KAFKA_VERSION, startLocalKafka, waitForKafka, warmUpKafka } from './kafka.ts';
export type { RunningPostgres, StartLocalPostgresOptions } from './postgres.ts';
export { findPostgresBinaries, startLocalPostgres, waitForPostgres } from './postgres.ts';

export type InfrastructureSource = 'env' | 'docker' | 'local';

export interface StartInfrastructureOptions {
  /** Where local servers keep their data (`<dataDir>/kafka`, `<dataDir>/postgres`). */
  dataDir: string;
  need: { kafka: boolean; postgres: boolean };
}

export interface Infrastructure {
  kafkaBrokers?: string;
  databaseUrl?: string;
  /** Where each service came from. */
  sources: { kafka?: InfrastructureSource; postgres?: InfrastructureSource };
  /** Stops whatever was started (nothing for endpoints from the environment). */
  stop(): Promise<void>;
}

interface Started {
  value: string;
  source: InfrastructureSource;
  stop(): Promise<void>;
}

export async function startInfrastructure(options: StartInfrastructureOptions): Promise<Infrastructure> {
  const dataDir = resolve(options.dataDir);
  const fromEnv = {
    kafka: process.env.KAFKA_BROKERS?.trim() || undefined,
    postgres: process.env.DATABASE_URL?.trim() || undefined,
  };
  const mustStart = (options.need.kafka && !fromEnv.kafka) || (options.need.postgres && !fromEnv.postgres);
  const docker = mustStart && (await dockerAvailable());
  const nothing = async () => {};

  const kafka = async (): Promise<Started | undefined> => {
    if (!options.need.kafka) return undefined;
    if (fromEnv.kafka) return { value: fromEnv.kafka, source: 'env', stop: nothing };
    if (docker) {
      const started = await startDockerKafka();
      return { value: started.brokers, source: 'docker', stop: started.stop };
    }
    const started = await startLocalKafka({ dataDir: join(dataDir, 'kafka') });
    return { value: started.brokers, source: 'local', stop: started.stop };
  };
  const pg = async (): Promise<Started | undefined> => {
    if (!options.need.postgres) return undefined;
    if (fromEnv.postgres) return { value: fromEnv.postgres, source: 'env', stop: nothing };
    if (docker) {
      const started = await startDockerPostgres();
      return { value: started.url, source: 'docker', stop: started.stop };
    }
    const started = await startLocalPostgres({ dataDir: join(dataDir, 'postgres') });
    return { value: started.url, source: 'local', stop: started.stop };
  };

  // Both at once: the JVM's start-up dominates, Postgres is ready long before.
  const [kafkaResult, pgResult] = await Promise.allSettled([kafka(), pg()]);
  const started = [kafkaResult, pgResult].flatMap((result) =>
    result.status === 'fulfilled' && result.value ? [result.value] : [],
  );
  const stopAll = async () => {
    const results = await Promise.allSettled(started.map((service) => service.stop()));
    const failures = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason as Error] : [],
    );
    if (failures.length > 0) {
      throw new AggregateError(
        failures,
        `stopping infrastructure: ${failures.map((e) => e.message).join('; ')}`,
      );
    }
  };
  const failures = [kafkaResult, pgResult].flatMap((result) =>
    result.status === 'rejected' ? [result.reason as Error] : [],
  );
  if (failures.length > 0) {
    await stopAll().catch(() => {});
    if (failures.length === 1) throw failures[0];
    throw new AggregateError(failures, failures.map((e) => e.message).join('\n\n'));
  }
  const k = kafkaResult.status === 'fulfilled' ? kafkaResult.value : undefined;
  const p = pgResult.status === 'fulfilled' ? pgResult.value : undefined;
  return {
    ...(k ? { kafkaBrokers: k.value } : {}),
    ...(p ? { databaseUrl: p.value } : {}),
    sources: { ...(k ? { kafka: k.source } : {}), ...(p ? { postgres: p.source } : {}) },
    stop: stopAll,
  };
}
