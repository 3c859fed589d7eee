// `node scripts/infra/up.ts`: starts real Kafka and PostgreSQL for local development (data under .data/infra,
// kept between runs), prints their endpoints, and stays up until Ctrl-C. The endpoints are also written to
// .data/infra/infra.env, so another shell can `set -a; . .data/infra/infra.env; set +a`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startInfrastructure } from './index.ts';
import { repoRoot, silenceNegativeTimeoutWarning } from './process.ts';

silenceNegativeTimeoutWarning();

const dataDir = join(repoRoot, '.data', 'infra');
mkdirSync(dataDir, { recursive: true });
const envFile = join(dataDir, 'infra.env');
const began = performance.now();
console.error(`tidings: starting Kafka and PostgreSQL under ${dataDir} …`);

const infra = await startInfrastructure({ dataDir, need: { kafka: true, postgres: true } }).catch(
  (error: unknown) => {
    console.error(
      `tidings: could not start the infrastructure:\n${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  },
);

const lines = [`KAFKA_BROKERS=${infra.kafkaBrokers}`, `DATABASE_URL=${infra.databaseUrl}`];
writeFileSync(envFile, `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
console.error(
  `tidings: ready in ${((performance.now() - began) / 1000).toFixed(1)} s ` +
    `(kafka: ${infra.sources.kafka}, postgres: ${infra.sources.postgres}); Ctrl-C to stop.`,
);

let stopping = false;
const shutdown = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.error(`tidings: ${signal}: stopping Kafka and PostgreSQL …`);
  rmSync(envFile, { force: true });
  try {
    await infra.stop();
    console.error('tidings: stopped.');
    process.exit(0);
  } catch (error) {
    console.error(`tidings: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGHUP', shutdown);
// Stay up even when both endpoints came from the environment and nothing was started.
setInterval(() => {}, 1 << 30);
