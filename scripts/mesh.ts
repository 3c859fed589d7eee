// Starts the whole Tidings mesh on this machine: a real Kafka (from env, Docker, or Maven jars), the sandbox,
// the three subgraphs, the dispatcher (which serves the deliveries subgraph) and the gateway, each as its own
// process. Databases default to
// embedded PGlite under .data/pglite/<service>; set DATABASE_URL to use a PostgreSQL server instead.
// Ctrl-C stops everything.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { mintDevelopmentToken } from '@tidings/auth';
import { dispatcherProcessEnv } from '../services/dispatcher/src/runtime.ts';
import { startInfrastructure } from './infra/index.ts';
import { repoRoot } from './infra/process.ts';

interface ServiceSpec {
  name: string;
  entry: string;
  env: Record<string, string>;
  /** Answers 200 once the service is ready. */
  readyUrl: string;
}

const ports = {
  gateway: 4000,
  identity: 4001,
  channels: 4002,
  subscriptions: 4003,
  deliveries: 4004,
  sandbox: 4010,
  dispatcher: 4100,
};
/** Each process serves Prometheus /metrics on a port of its own (they would all take 9464 otherwise). */
const metricsPorts = { gateway: 9464, identity: 9465, channels: 9466, subscriptions: 9467, dispatcher: 9468 };
const metrics = (name: keyof typeof metricsPorts) => ({
  METRICS_HOST: '127.0.0.1',
  METRICS_PORT: String(metricsPorts[name]),
});
const local = (port: number, path = '') => `http://127.0.0.1:${port}${path}`;

const infra = await startInfrastructure({
  dataDir: join(repoRoot, '.data/infra'),
  need: { kafka: true, postgres: false },
}).catch((error: Error) => {
  console.error(`mesh: ${error.message}`);
  process.exit(1);
});
const kafkaBrokers = infra.kafkaBrokers!;
const shared = {
  KAFKA_BROKERS: kafkaBrokers,
  ...(process.env.DATABASE_URL && { DATABASE_URL: process.env.DATABASE_URL }),
};

/** The platforms' APIs, as the sandbox serves them: every send and lookup stays on this machine. */
const platforms = {
  DINGTALK_BASE_URL: local(ports.sandbox, '/dingtalk/oapi'),
  DINGTALK_API_BASE_URL: local(ports.sandbox, '/dingtalk/api'),
  LARK_BASE_URL: local(ports.sandbox, '/lark'),
  WECOM_BASE_URL: local(ports.sandbox, '/wecom'),
};

const subgraph = (name: 'identity' | 'channels' | 'subscriptions'): ServiceSpec => ({
  name,
  entry: `services/${name}/src/index.ts`,
  // The channels subgraph's "Test" button sends through the platforms too.
  env: { ...shared, ...metrics(name), PORT: String(ports[name]), ...(name === 'channels' && platforms) },
  readyUrl: local(ports[name], '/healthz'),
});

const services: ServiceSpec[] = [
  {
    name: 'sandbox',
    entry: 'services/sandbox/src/index.ts',
    env: { SANDBOX_PORT: String(ports.sandbox) },
    readyUrl: local(ports.sandbox, '/_sandbox/health'),
  },
  subgraph('identity'),
  subgraph('channels'),
  subgraph('subscriptions'),
  // Before the gateway: it serves the deliveries subgraph once its state has caught up.
  {
    name: 'dispatcher',
    entry: 'services/dispatcher/src/index.ts',
    env: {
      ...shared,
      ...platforms,
      ...metrics('dispatcher'),
      ...dispatcherProcessEnv,
      HEALTH_PORT: String(ports.dispatcher),
      GRAPHQL_PORT: String(ports.deliveries),
    },
    readyUrl: local(ports.dispatcher, '/readyz'),
  },
  {
    name: 'gateway',
    entry: 'services/gateway/src/index.ts',
    env: {
      ...metrics('gateway'),
      PORT: String(ports.gateway),
      IDENTITY_URL: local(ports.identity, '/graphql'),
      CHANNELS_URL: local(ports.channels, '/graphql'),
      SUBSCRIPTIONS_URL: local(ports.subscriptions, '/graphql'),
      DELIVERIES_URL: local(ports.deliveries, '/graphql'),
    },
    readyUrl: local(ports.gateway, '/readyz'),
  },
];

const children: ChildProcess[] = [];
let stopping = false;

function prefixLines(name: string, stream: NodeJS.ReadableStream, out: NodeJS.WritableStream): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) out.write(`${name.padEnd(13)}| ${line}\n`);
  });
}

async function waitUntilReady(service: ServiceSpec, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${service.name} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(service.readyUrl)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name} was not ready at ${service.readyUrl} within 120 s`);
}

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of children.reverse()) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null,
      ),
    );
    await infra.stop();
  }
  process.exit(code);
}

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

try {
  for (const service of services) {
    const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', service.entry], {
      cwd: repoRoot,
      env: { ...process.env, ...service.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    prefixLines(service.name, child.stdout!, process.stdout);
    prefixLines(service.name, child.stderr!, process.stderr);
    child.once('exit', (code) => {
      if (!stopping) {
        console.error(`${service.name} exited (${code}); stopping the mesh`);
        void stopAll(1);
      }
    });
    await waitUntilReady(service, child);
  }
} catch (error) {
  console.error(`mesh: ${(error as Error).message}`);
  await stopAll(1);
}

const token = await mintDevelopmentToken({
  userId: 'admin',
  tenantId: 'demo',
  roles: ['tenant-admin'],
  ttlSeconds: 86_400,
});
console.log(`
Tidings is running.
  GraphQL endpoint  ${local(ports.gateway, '/graphql')}
  Sandbox inbox     ${local(ports.sandbox, '/')}   (robots: PUT ${local(ports.sandbox, '/_sandbox/dingtalk/robots/<token>')})
  Kafka             ${kafkaBrokers}   (events: tidings.ticket-events.v1)
  Dispatcher        ${local(ports.dispatcher, '/readyz')}
  Metrics           ${Object.entries(metricsPorts)
    .map(([name, port]) => `${name} ${local(port, '/metrics')}`)
    .join(', ')}
  Token (tenant "demo", tenant admin, 24 h):
    Authorization: Bearer ${token}
Ctrl-C stops everything.`);
