import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVELOPMENT_JWT } from '@tidings/auth';
import { composeSupergraph, loadSubgraphs, readSupergraphConfig } from '../src/composition.ts';
import { createGateway, type GatewayServiceConfig } from '../src/gateway.ts';
import { type FixtureSubgraph, type ReceivedRequest, startFixtureSubgraphs } from './fixture-subgraphs.ts';

/**
 * The fixture mesh for gateway tests: the `users` and `channels` fixture subgraphs on free ports, their
 * supergraph composed into a temporary directory, and a config that routes to them. `gatewayWith`
 * starts a gateway on that config with changes, for one test.
 */

export const CLAIMS_SECRET = 'gateway-test-claims-secret-0123456789abcdef';
const fixtureConfig = new URL('fixtures/supergraph.config.json', import.meta.url).pathname;

export interface FixtureMesh {
  config: GatewayServiceConfig;
  /** Every request the fixture subgraphs received, in order; tests clear it. */
  received: ReceivedRequest[];
  workDir: string;
  stop(): Promise<void>;
}

export async function startFixtureMesh(): Promise<FixtureMesh> {
  const workDir = await mkdtemp(join(tmpdir(), 'tidings-gateway-'));
  const config = await readSupergraphConfig(fixtureConfig);
  const composed = composeSupergraph((await loadSubgraphs(fixtureConfig, config)).subgraphs);
  if (!composed.ok) throw new Error(`fixture composition failed: ${JSON.stringify(composed.problems)}`);
  const supergraphPath = join(workDir, 'supergraph.graphql');
  await writeFile(supergraphPath, composed.supergraphSdl);

  const received: ReceivedRequest[] = [];
  const subgraphs: FixtureSubgraph[] = await startFixtureSubgraphs(CLAIMS_SECRET, received);
  return {
    config: {
      port: 0,
      host: '127.0.0.1',
      supergraphPath,
      // The composed supergraph routes to http://users:4001 etc.; these overrides are what make it work here.
      subgraphUrls: Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
      jwt: {
        key: { kind: 'shared-secret', secret: DEVELOPMENT_JWT.secret },
        issuer: DEVELOPMENT_JWT.issuer,
        audience: DEVELOPMENT_JWT.audience,
        clockToleranceSeconds: 30,
      },
      claimsSecret: CLAIMS_SECRET,
      production: false,
      maxDepth: 10,
      logLevel: 'silent',
    },
    received,
    workDir,
    async stop() {
      await Promise.all(subgraphs.map((subgraph) => subgraph.stop()));
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** Runs `use` against a gateway started on `config`, and stops it afterwards. */
export async function withGateway<T>(
  config: GatewayServiceConfig,
  use: (url: string) => Promise<T>,
): Promise<T> {
  const gateway = createGateway(config);
  try {
    const { url } = await gateway.start();
    return await use(url);
  } finally {
    await gateway.stop();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: assertions walk arbitrary response shapes.
export type Json = any;

/** POSTs `body` (a JSON value, or raw text) to `url`; returns the status, headers and parsed body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Json = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, body: parsed };
}
