import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createTlsServer, type ServerOptions as TlsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { type Claims, FORWARDED_CLAIMS_REJECTION_MESSAGES, readForwardedClaims } from '@tidings/auth';
import { context, contextFromHeaders, failSpan, SpanKind, trace, tracer } from '@tidings/telemetry';
import { type GraphQLSchema, parse } from 'graphql';
import { createLogger, describeError, type Logger } from './logger.ts';

export interface SubgraphServerOptions<Context extends BaseContext> {
  /**
   * The subgraph's name as in the supergraph (`identity`, `channels`, …): for logs, and the audience the
   * gateway's signed claims header must name, so a header captured at one subgraph is refused at another.
   */
  name: string;
  /** The subgraph's SDL, starting with its federation `@link`. */
  typeDefs: string;
  resolvers: GraphQLResolverMap<Context>;
  /** Shared with the gateway: verifies the claims it forwards (`readForwardedClaims`). */
  claimsSecret: string;
  /** Called once per request; `claims` is null for an anonymous request. */
  buildContext(claims: Claims | null): Context | Promise<Context>;
  host: string;
  /** 0 picks a free port; the returned `url` has the real one. */
  port: number;
  logger?: Logger;
  /** Larger request bodies are refused with 413. */
  maxBodyBytes?: number;
  /**
   * Answer introspection queries. Off by default: clients never reach a subgraph directly and the gateway
   * composes from the SDL files, so nothing needs it; switch it on to debug a subgraph on its own.
   */
  introspection?: boolean;
  /**
   * The mTLS seam: with TLS options the subgraph serves HTTPS instead of HTTP (`requestCert: true` and `ca`
   * make it require a client certificate, e.g. the gateway's, before any request is read). The signed claims
   * header is checked either way; the gateway's side (a client certificate on its subgraph fetches) is
   * Hive Gateway's `customAgent`. Not used by the services today: see docs/security.md.
   */
  tls?: TlsServerOptions;
}

export interface RunningSubgraphServer {
  /** Where the GraphQL endpoint listens, e.g. `http://127.0.0.1:4001/graphql`. */
  url: string;
  stop(): Promise<void>;
}

export const GRAPHQL_PATH = '/graphql';
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function buildSubgraphSchemaFromSdl<Context>(
  typeDefs: string,
  resolvers: GraphQLResolverMap<Context>,
): GraphQLSchema {
  return buildSubgraphSchema([
    { typeDefs: parse(typeDefs), resolvers: resolvers as GraphQLResolverMap<unknown> },
  ]);
}

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly reason: string | undefined;
  constructor(status: number, code: string, message: string, reason?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.reason = reason;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: HttpError): void {
  const extensions = error.reason ? { code: error.code, reason: error.reason } : { code: error.code };
  sendJson(res, error.status, { errors: [{ message: error.message, extensions }] });
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `request body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves one federated subgraph over node:http: `POST|GET /graphql`, `GET /healthz` and `GET /readyz`. Every GraphQL
 * request's gateway-signed claims header is verified before anything else: a missing, forged, stale or
 * other-subgraph header is answered with 401 and never reaches a resolver, whereas the gateway's signed
 * anonymous marker gives an anonymous context. `/healthz` needs no header (probes do not pass the gateway).
 */
export async function createSubgraphServer<Context extends BaseContext>(
  options: SubgraphServerOptions<Context>,
): Promise<RunningSubgraphServer> {
  const logger = options.logger ?? createLogger(options.name);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const httpServer = options.tls ? createTlsServer(options.tls) : createServer();
  const apollo = new ApolloServer<Context>({
    schema: buildSubgraphSchemaFromSdl(options.typeDefs, options.resolvers),
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection ?? false,
    // Inline traces (ftv1) are for Apollo's own router and cloud; our gateway does not read them.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      {
        // Names the request's span after its operation (`mutation createChannel`); never its variables.
        async requestDidStart() {
          return {
            async didResolveOperation({ operation, operationName }) {
              const span = trace.getActiveSpan();
              if (!span || !operation) return;
              const name = operationName ?? operation.name?.value;
              span.setAttributes({
                'graphql.operation.type': operation.operation,
                ...(name && { 'graphql.operation.name': name }),
              });
              span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
            },
          };
        },
      },
    ],
    formatError(formatted, error) {
      if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
      // An unexpected failure: log what it was, and tell the client no more than that it happened.
      logger.error('resolver failed', { path: formatted.path, ...describeError(unwrapResolverError(error)) });
      return {
        message: 'internal error',
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    },
  });
  await apollo.start();

  let stopping: Promise<void> | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (url.pathname === '/readyz' && req.method === 'GET') {
      // Serving starts only once the service's database, topics and producer are up; stopping drains.
      sendJson(res, stopping ? 503 : 200, {
        status: stopping ? 'stopping' : 'ready',
        subgraph: options.name,
      });
      return;
    }
    if (url.pathname === '/healthz' && req.method === 'GET') {
      // The name lets a probe or a test client see which subgraph answers here (it is no secret: the
      // supergraph lists every subgraph); the test client signs its requests for this audience.
      sendJson(res, 200, { status: 'ok', subgraph: options.name });
      return;
    }
    if (url.pathname !== GRAPHQL_PATH) throw new HttpError(404, 'NOT_FOUND', `no route ${url.pathname}`);
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed`);
    }

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const forwarded = readForwardedClaims((name) => headers.get(name), options.claimsSecret, {
      audience: options.name,
    });
    if (!forwarded.ok) {
      logger.warn('rejected forwarded claims', {
        reason: forwarded.reason,
        remote: req.socket.remoteAddress,
      });
      throw new HttpError(
        401,
        'UNAUTHENTICATED',
        FORWARDED_CLAIMS_REJECTION_MESSAGES[forwarded.reason],
        forwarded.reason,
      );
    }

    let body: unknown;
    if (method === 'POST') {
      const text = await readBody(req, maxBodyBytes);
      const contentType = headers.get('content-type') ?? '';
      if (/^application\/(graphql-response\+)?json\b/i.test(contentType) && text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          throw new HttpError(400, 'BAD_REQUEST', 'the request body is not valid JSON');
        }
      } else {
        body = text;
      }
    }

    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: url.search, body },
      context: async () => options.buildContext(forwarded.claims),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /** `handle` in a server span, a child of the gateway's `traceparent`; probes are not traced. */
  function traced(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path !== GRAPHQL_PATH) return handle(req, res);
    const span = tracer().startSpan(
      `${req.method ?? 'GET'} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method ?? 'GET',
          'url.path': path,
          'tidings.subgraph': options.name,
        },
      },
      contextFromHeaders(req.headers),
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) failSpan(span, `HTTP ${res.statusCode}`);
      span.end();
    });
    return context.with(trace.setSpan(context.active(), span), () => handle(req, res));
  }

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    traced(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        sendError(res, error);
        return;
      }
      logger.error('request failed', describeError(error));
      sendError(res, new HttpError(500, 'INTERNAL_SERVER_ERROR', 'internal error'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  // A wildcard listener is reached through loopback from this host.
  const reachable =
    address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  const host = address.family === 'IPv6' ? `[${reachable}]` : reachable;
  const url = `${options.tls ? 'https' : 'http'}://${host}:${address.port}${GRAPHQL_PATH}`;
  logger.info('listening', { url });

  return {
    url,
    stop() {
      // The drain plugin closes the listener and waits for in-flight requests.
      stopping ??= apollo.stop();
      return stopping;
    },
  };
}
