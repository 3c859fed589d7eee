// Fault-injection scripts: each scenario drives real processes (the sandbox, the dispatcher's router and
// sender, Kafka) through one fault, then prints what people received as counts and checks them.
//
//   node scripts/faults/run.ts <scenario|all> [--events N] [--large] [--seed S] [--keep-logs]
//
// Kafka and PostgreSQL come from KAFKA_BROKERS / DATABASE_URL when set (e.g. `set -a; . .data/infra/infra.env;
// set +a` with `node scripts/infra/up.ts` running), otherwise they are started under .data/faults/.
// broker-restart always starts a broker of its own. Exits 1 when a check fails or a scenario cannot run.
import { randomInt } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Infrastructure, startInfrastructure } from '../infra/index.ts';
import { silenceNegativeTimeoutWarning } from '../infra/process.ts';
import { faultsRoot } from './harness.ts';
import { failures, formatResult } from './report.ts';
import { seededRandom } from './scenarios/common.ts';
import { type Scenario, scenarioNamed, scenarios } from './scenarios/index.ts';

silenceNegativeTimeoutWarning();

const usage = `usage: node scripts/faults/run.ts <scenario|all> [--events N] [--large] [--seed S] [--keep-logs]

scenarios (events: small / --large):
${scenarios.map((s) => `  ${s.name.padEnd(15)} ${s.proves} (${s.events.small} / ${s.events.large})`).join('\n')}
  all             every scenario above, one after the other

--events N   valid events per scenario (default: the small size, or the large one with --large)
--large      the large size: 10,000 events, a 2-minute outage, the production retry schedule
--seed S     repeat the random choices (kill moments, malformed cases) of an earlier run
--keep-logs  keep the processes' logs under .data/faults/<run>/logs (always kept when a check fails)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    events: { type: 'string' },
    large: { type: 'boolean', default: false },
    seed: { type: 'string' },
    'keep-logs': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const name = positionals[0];
if (values.help || !name || positionals.length > 1) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
const selected: Scenario[] =
  name === 'all' ? scenarios : [scenarioNamed(name)].filter((s) => s !== undefined);
if (selected.length === 0) {
  console.error(`unknown scenario ${name}\n\n${usage}`);
  process.exit(2);
}
const events = values.events === undefined ? undefined : Number(values.events);
if (events !== undefined && !(Number.isInteger(events) && events > 0)) {
  console.error('--events must be a positive whole number');
  process.exit(2);
}
const seed = values.seed === undefined ? randomInt(2 ** 31) : Number(values.seed);
if (!Number.isInteger(seed)) {
  console.error('--seed must be a whole number');
  process.exit(2);
}

const began = Date.now();
const log = (line: string) =>
  console.error(`[${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s] ${line}`);

// Whatever is started here dies with this process: the harness kills its children on exit, and the
// infrastructure's watchdogs stop Kafka and PostgreSQL when their parent is gone.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    process.exit(130);
  });
}

const needKafka = selected.some((s) => s.name !== 'broker-restart');
const infraDir = join(faultsRoot, `infra-${Date.now().toString(36)}`);
mkdirSync(infraDir, { recursive: true });
let infra: Infrastructure | undefined;
const outcomes: Array<{ name: string; outcome: 'PASS' | 'FAIL' | 'ERROR' }> = [];
try {
  infra = await startInfrastructure({ dataDir: infraDir, need: { kafka: needKafka, postgres: true } });
  log(
    `Kafka ${infra.kafkaBrokers ?? '(per scenario)'} (${infra.sources.kafka ?? '-'}), PostgreSQL (${infra.sources.postgres}); seed ${seed}`,
  );
  for (const [i, scenario] of selected.entries()) {
    const size = events ?? (values.large ? scenario.events.large : scenario.events.small);
    log(`${scenario.name}: ${size} events${values.large ? ', large' : ''}`);
    try {
      const result = await scenario.run({
        events: size,
        large: values.large,
        kafkaBrokers: infra.kafkaBrokers ?? '',
        databaseUrl: infra.databaseUrl!,
        random: seededRandom(seed + i),
        log,
        keepLogs: values['keep-logs'],
      });
      console.log(`\n${formatResult(result)}\n`);
      outcomes.push({ name: scenario.name, outcome: failures(result).length === 0 ? 'PASS' : 'FAIL' });
    } catch (error) {
      console.log(
        `\n${scenario.name}: ERROR ${error instanceof Error ? (error.stack ?? error.message) : error}\n`,
      );
      outcomes.push({ name: scenario.name, outcome: 'ERROR' });
    }
  }
} finally {
  await infra?.stop().catch((error: unknown) => log(`stopping Kafka/PostgreSQL: ${error}`));
  rmSync(infraDir, { recursive: true, force: true });
}

const failed = outcomes.filter((o) => o.outcome !== 'PASS');
console.log(
  `${outcomes.map((o) => `${o.name} ${o.outcome}`).join(', ')}; seed ${seed}; ${((Date.now() - began) / 1000).toFixed(0)} s`,
);
process.exit(failed.length === 0 ? 0 : 1);
