// The gateway benchmark: a typical frontend query (the first page of the tenant's people with their platform
// ids, as the people list of an admin screen asks for it) through the gateway, and the same query sent
// straight to the identity subgraph with the claims headers the gateway would add. The identity subgraph
// and the gateway run as processes of their own; the load comes from this process, `concurrency` requests
// in flight, in rounds that alternate between the two targets so both see the same noise (medians).
import {
  type Claims,
  DEVELOPMENT_CLAIMS_SECRET,
  forwardedClaimsHeaders,
  mintDevelopmentToken,
} from '@tidings/auth';
import { freePort } from '../infra/process.ts';
import { type BenchEnv, BenchRun } from './mesh.ts';
import { type BenchResult, median, percentile } from './table.ts';

export interface GatewayOptions {
  concurrency: number;
  /** Seconds per round. */
  seconds: number;
  rounds: number;
  users: number;
  keepLogs: boolean;
}

export const TYPICAL_QUERY = `query People($first: Int) {
  users(first: $first) {
    edges { cursor node { id name email phone locale timeZone identities { platform status source platformUserId } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Round {
  perSecond: number;
  p50: number;
  p99: number;
}

/** Closed loop: `concurrency` workers send `request` back to back for `seconds`. */
async function load(concurrency: number, seconds: number, request: () => Promise<void>): Promise<Round> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const start = performance.now();
        await request();
        latencies.push(performance.now() - start);
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export async function gateway(env: BenchEnv, options: GatewayOptions): Promise<BenchResult> {
  const run = await BenchRun.open('gw', env, { sandbox: false });
  let keepLogs = options.keepLogs;
  try {
    const tenantId = `bench-${run.runId}`;
    const [identityPort, gatewayPort, unused] = [await freePort(), await freePort(), await freePort()];
    const identity = run.script(
      'identity',
      'services/identity/src/index.ts',
      {
        HOST: '127.0.0.1',
        PORT: String(identityPort),
        DATABASE_URL: run.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers,
      },
      `http://127.0.0.1:${identityPort}/healthz`,
    );
    const nowhere = `http://127.0.0.1:${unused}/graphql`;
    const gatewayService = run.script(
      'gateway',
      'services/gateway/src/index.ts',
      {
        HOST: '127.0.0.1',
        PORT: String(gatewayPort),
        LOG_LEVEL: 'warn',
        IDENTITY_URL: `http://127.0.0.1:${identityPort}/graphql`,
        // The typical query needs only identity; the other subgraphs are not started.
        CHANNELS_URL: nowhere,
        SUBSCRIPTIONS_URL: nowhere,
        DELIVERIES_URL: nowhere,
      },
      `http://127.0.0.1:${gatewayPort}/readyz`,
    );
    await identity.start();
    await gatewayService.start();

    const claims: Claims = { userId: 'bench-admin', tenantId, roles: ['tenant-admin'], ownedProjectIds: [] };
    const token = await mintDevelopmentToken({ userId: claims.userId, tenantId, roles: claims.roles });
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const identityUrl = `http://127.0.0.1:${identityPort}/graphql`;
    const post = async (url: string, headers: Record<string, string>, query: string, variables: unknown) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
      if (!response.ok || body.errors)
        throw new Error(`${url}: ${response.status} ${JSON.stringify(body.errors ?? body)}`);
      return body.data;
    };
    const viaGateway = { authorization: `Bearer ${token}` };
    for (let n = 0; n < options.users; n++) {
      await post(
        gatewayUrl,
        viaGateway,
        'mutation ($input: CreateUserInput!) { createUser(input: $input) { errors { field message } } }',
        {
          input: {
            id: `u${String(n).padStart(4, '0')}`,
            name: `Person ${n}`,
            email: `p${n}@bench.example`,
            phone: `+86139${String(n).padStart(8, '0')}`,
            locale: 'zh-CN',
          },
        },
      );
    }
    const variables = { first: Math.min(20, options.users) };
    // A sanity check of both paths before timing them: the same page either way.
    const a = JSON.stringify(await post(gatewayUrl, viaGateway, TYPICAL_QUERY, variables));
    const direct = () => forwardedClaimsHeaders(claims, DEVELOPMENT_CLAIMS_SECRET, 'identity');
    const b = JSON.stringify(await post(identityUrl, direct(), TYPICAL_QUERY, variables));
    if (a !== b) throw new Error(`the gateway and the subgraph answer differently:\n${a}\n${b}`);
    if (!a.includes(`u${String(variables.first - 1).padStart(4, '0')}`))
      throw new Error(`unexpected page: ${a}`);

    // Warm-up (JIT, connections), then alternating rounds.
    await load(options.concurrency, Math.min(2, options.seconds), () =>
      post(gatewayUrl, viaGateway, TYPICAL_QUERY, variables).then(() => {}),
    );
    await load(options.concurrency, Math.min(2, options.seconds), () =>
      post(identityUrl, direct(), TYPICAL_QUERY, variables).then(() => {}),
    );
    const gatewayRounds: Round[] = [];
    const directRounds: Round[] = [];
    for (let i = 0; i < options.rounds; i++) {
      gatewayRounds.push(
        await load(options.concurrency, options.seconds, () =>
          post(gatewayUrl, viaGateway, TYPICAL_QUERY, variables).then(() => {}),
        ),
      );
      // Signed once per round: the claims are good for 5 minutes.
      const headers = direct();
      directRounds.push(
        await load(options.concurrency, options.seconds, () =>
          post(identityUrl, headers, TYPICAL_QUERY, variables).then(() => {}),
        ),
      );
    }
    const m = (rounds: Round[], field: keyof Round) => median(rounds.map((r) => r[field]));
    return {
      bench: 'gateway',
      summary: `users(first: ${variables.first}) with identities, ${options.concurrency} in flight, ${options.rounds} rounds × ${options.seconds} s per target (medians); gateway and identity subgraph as processes, load from the bench process`,
      rows: [
        {
          key: 'gateway.perSecond',
          label: 'through the gateway: requests per second',
          value: m(gatewayRounds, 'perSecond'),
          unit: '/s',
        },
        { key: 'gateway.p50', label: 'through the gateway: p50', value: m(gatewayRounds, 'p50'), unit: 'ms' },
        { key: 'gateway.p99', label: 'through the gateway: p99', value: m(gatewayRounds, 'p99'), unit: 'ms' },
        {
          key: 'gateway.directPerSecond',
          label: 'straight to the subgraph: requests per second',
          value: m(directRounds, 'perSecond'),
          unit: '/s',
        },
        {
          key: 'gateway.directP50',
          label: 'straight to the subgraph: p50',
          value: m(directRounds, 'p50'),
          unit: 'ms',
        },
        {
          key: 'gateway.directP99',
          label: 'straight to the subgraph: p99',
          value: m(directRounds, 'p99'),
          unit: 'ms',
        },
        {
          key: 'gateway.ratio',
          label: 'gateway ÷ direct throughput',
          value: m(gatewayRounds, 'perSecond') / m(directRounds, 'perSecond'),
          unit: '',
          target: { op: '>=', value: 0.5 },
        },
      ],
      notes: [
        `rounds (req/s): gateway ${gatewayRounds.map((r) => r.perSecond.toFixed(0)).join(', ')}; direct ${directRounds.map((r) => r.perSecond.toFixed(0)).join(', ')}`,
      ],
    };
  } catch (error) {
    keepLogs = true;
    throw error;
  } finally {
    await run.close({ keepLogs });
  }
}
