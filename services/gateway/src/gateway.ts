import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createGatewayRuntime, createLoggerFromLogging } from '@graphql-hive/gateway-runtime';
import { createJwtVerifier, type JwtVerifierOptions } from '@tidings/auth';
import { callerOf, useCallerAuthentication } from './authentication.ts';
import { useDepthLimit } from './depth-limit.ts';
import { useTypedRequestErrors } from './errors.ts';
import { type PersistedOperations, persistedDocumentsOption } from './persisted-operations.ts';
import { useQueryLimits } from './query-limits.ts';
import { useMutationRateLimit } from './rate-limit.ts';
import { requestSizeRefusal } from './request-size.ts';
import { serveTraced, useTracePropagation } from './tracing.ts';

export interface GatewayServiceConfig {
  port: number;
  host: string;
  /** The composed supergraph (graphql/supergraph.graphql). */
  supergraphPath: string;
  /** Routing URL overrides by subgraph name; subgraphs not listed use the URL written in the supergraph. */
  subgraphUrls: Record<string, string>;
  jwt: JwtVerifierOptions;
  /** HMAC secret shared with the subgraphs for the forwarded claims headers. */
  claimsSecret: string;
  /** Production hides GraphiQL and the landing page and masks unexpected errors. */
  production: boolean;
  /** Answer introspection queries (GRAPHQL_INTROSPECTION); defaults to off in production, on elsewhere. */
  introspection?: boolean;
  maxDepth: number;
  /** Any limit left out is DEFAULT_GATEWAY_LIMITS'. */
  limits?: Partial<GatewayLimits>;
  /** A manifest of persisted operations; with `only`, nothing else is accepted. */
  persistedOperations?: { operations: PersistedOperations; only: boolean };
  /** The clock of the mutation rate limit (tests pass their own). */
  now?: () => number;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export interface GatewayLimits {
  /** Maximum static cost of an operation (query-limits.ts). */
  maxCost: number;
  /** The size assumed for an unpaginated list of objects when costing. */
  listSize: number;
  maxAliases: number;
  /** Operations per HTTP request; 1 turns request batching off. */
  maxBatch: number;
  maxBodyBytes: number;
  /** Root mutation fields a tenant may run per minute (token bucket). */
  mutationsPerMinute: number;
}

/** The limits' defaults (the environment's defaults too; see the README's table). */
export const DEFAULT_GATEWAY_LIMITS: GatewayLimits = {
  maxCost: 10_000,
  listSize: 10,
  maxAliases: 20,
  maxBatch: 1,
  maxBodyBytes: 1024 * 1024,
  mutationsPerMinute: 600,
};

export interface Gateway {
  /** Listens (port 0 picks a free port) once the supergraph has loaded; resolves with the GraphQL URL. */
  start(): Promise<{ url: string }>;
  /** Stops accepting requests, lets in-flight ones finish for up to `graceMs`, then disposes the runtime. */
  stop(graceMs?: number): Promise<void>;
}

/** Subgraph name → routing URL as written in the supergraph (`@join__graph(name:, url:)`). */
export function supergraphRoutes(supergraphSdl: string): Record<string, string> {
  const routes: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g)) {
    if (match[1] !== undefined && match[2] !== undefined) routes[match[1]] = match[2];
  }
  return routes;
}

export function createGateway(config: GatewayServiceConfig): Gateway {
  const log = createLoggerFromLogging(config.logLevel === 'silent' ? false : config.logLevel);
  const supergraphPath = resolve(config.supergraphPath);
  const verify = createJwtVerifier(config.jwt);
  const limits: GatewayLimits = { ...DEFAULT_GATEWAY_LIMITS, ...config.limits };
  const introspection = config.introspection ?? !config.production;

  const runtime = createGatewayRuntime({
    supergraph: supergraphPath,
    logging: log,
    transportEntries: Object.fromEntries(
      Object.entries(config.subgraphUrls).map(([subgraph, location]) => [subgraph, { location }]),
    ),
    healthCheckEndpoint: '/healthz',
    // The runtime's readiness check passes once the supergraph has loaded.
    readinessCheckEndpoint: '/readyz',
    graphiql: !config.production,
    landingPage: !config.production,
    ...(introspection ? {} : { disableIntrospection: {} }),
    batching: limits.maxBatch > 1 ? { limit: limits.maxBatch } : false,
    ...(config.persistedOperations
      ? {
          persistedDocuments: persistedDocumentsOption(
            config.persistedOperations.operations,
            config.persistedOperations.only,
          ),
        }
      : {}),
    plugins: () => [
      useCallerAuthentication({ verify, claimsSecret: config.claimsSecret }),
      useTypedRequestErrors(),
      useDepthLimit(config.maxDepth),
      useQueryLimits(limits),
      useMutationRateLimit({
        perMinute: limits.mutationsPerMinute,
        callerOf,
        ...(config.now ? { now: config.now } : {}),
      }),
      // Last: its onFetch adds `traceparent` to the headers the others have settled.
      useTracePropagation(),
    ],
  });
  const server = createServer((request, response) => {
    // The body limit is checked on the headers, before the runtime reads a byte of the body.
    const refusal = requestSizeRefusal(request.method, request.headers, limits.maxBodyBytes);
    if (!refusal) {
      serveTraced(request, response, runtime);
      return;
    }
    // The body is left unread, so the connection cannot carry another request.
    response.writeHead(refusal.status, { ...refusal.headers, connection: 'close' });
    response.end(refusal.body);
  });

  return {
    async start() {
      // Fail here, with the reason, rather than answer every request with an error.
      const supergraphSdl = await readFile(supergraphPath, 'utf8').catch((error: unknown) => {
        throw new Error(`cannot read the supergraph at ${supergraphPath}: ${error}`);
      });
      await runtime.getSchema();
      const routes = supergraphRoutes(supergraphSdl);
      for (const subgraph of Object.keys(config.subgraphUrls)) {
        if (!(subgraph in routes)) {
          log.warn({ subgraph }, 'a URL override names a subgraph that is not in the supergraph; ignored');
        }
      }
      for (const [subgraph, url] of Object.entries(routes)) {
        log.info({ subgraph, url: config.subgraphUrls[subgraph] ?? url }, 'routing subgraph');
      }

      await new Promise<void>((done, fail) => {
        server.once('error', fail);
        server.listen(config.port, config.host, () => {
          server.off('error', fail);
          done();
        });
      });
      const { port } = server.address() as AddressInfo;
      const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/graphql`;
      log.info({ url, production: config.production }, 'gateway listening');
      return { url };
    },

    async stop(graceMs = 10_000) {
      if (server.listening) {
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeIdleConnections();
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        await closed;
        clearTimeout(deadline);
      }
      await runtime.dispose();
    },
  };
}
