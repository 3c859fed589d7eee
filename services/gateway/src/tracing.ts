import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  context,
  contextFromHeaders,
  failSpan,
  type Span,
  SpanKind,
  trace,
  traceHeaders,
  tracer,
} from '@tidings/telemetry';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';

/**
 * The gateway's server span for one HTTP request: a child of the caller's `traceparent` if it sent one, and
 * the active context while the runtime handles the request, so the subgraph fetches nest under it. Names the
 * operation once it is known; never its variables or the caller's token.
 */
export function serveTraced(
  request: IncomingMessage,
  response: ServerResponse,
  handle: (request: IncomingMessage, response: ServerResponse) => unknown,
): void {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const span = tracer().startSpan(
    `${request.method ?? 'GET'} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': request.method ?? 'GET',
        'url.path': path,
        'tidings.component': 'gateway',
      },
    },
    contextFromHeaders(request.headers),
  );
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    span.setAttribute('http.response.status_code', response.statusCode);
    if (response.statusCode >= 500) failSpan(span, `HTTP ${response.statusCode}`);
    span.end();
  };
  response.once('finish', end);
  response.once('close', end);
  context.with(trace.setSpan(context.active(), span), () => handle(request, response));
}

/** A client span per subgraph fetch, whose context the fetch carries in `traceparent`. */
export function useTracePropagation(): GatewayPlugin {
  const subgraphOf = new WeakMap<object, string>();
  return {
    onSubgraphExecute({ subgraphName, executionRequest }) {
      subgraphOf.set(executionRequest, subgraphName);
    },
    onFetch({ url, executionRequest, options: init, setOptions }) {
      const subgraph = executionRequest ? subgraphOf.get(executionRequest) : undefined;
      // Fetches that serve no subgraph execution (loading the supergraph) are not traced.
      if (!subgraph) return;
      const target = new URL(url);
      const span: Span = tracer().startSpan(`${init.method ?? 'POST'} ${subgraph}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': init.method ?? 'POST',
          'server.address': target.hostname,
          'server.port': Number(target.port) || (target.protocol === 'https:' ? 443 : 80),
          'tidings.subgraph': subgraph,
        },
      });
      const headers = new Headers(init.headers);
      for (const [name, value] of Object.entries(traceHeaders(trace.setSpan(context.active(), span))))
        headers.set(name, value);
      setOptions({ ...init, headers: Object.fromEntries(headers) });
      return ({ response }) => {
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 500) failSpan(span, `HTTP ${response.status}`);
        span.end();
      };
    },
    onExecute({ args }) {
      // Names the server span after the operation: `mutation createChannel` rather than `POST /graphql`.
      const operation = (args.document as DocumentNode).definitions.find(
        (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
      );
      const span = trace.getActiveSpan();
      if (!span || !operation) return;
      const name = args.operationName ?? operation.name?.value;
      span.setAttributes({
        'graphql.operation.type': operation.operation,
        ...(name && { 'graphql.operation.name': name }),
      });
      span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
    },
  };
}
