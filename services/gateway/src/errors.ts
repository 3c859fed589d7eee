// graphql's CommonJS entry by name: it is what `graphql` resolves to under Node, and so the copy GraphQL
// Yoga recognises errors of (instanceof). Under vitest a bare `graphql` import in our source resolves to
// the ESM copy instead, whose errors Yoga would treat as unexpected (500) and not clean of `extensions.http`.
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type GraphQLErrorOptions } from 'graphql/index.js';

/** The typed codes the gateway's own limits answer with (`extensions.code`); clients branch on these. */
export type LimitCode =
  | 'DEPTH_LIMIT_EXCEEDED'
  | 'COST_LIMIT_EXCEEDED'
  | 'ALIAS_LIMIT_EXCEEDED'
  | 'RATE_LIMITED'
  | 'REQUEST_TOO_LARGE'
  | 'LENGTH_REQUIRED'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_REQUIRED';

/**
 * A refusal by one of the gateway's limits: a GraphQL error with a typed code and the HTTP status the
 * response gets (GraphQL Yoga reads `extensions.http` and leaves it out of the body), so a refused
 * operation is a 4xx with a reason, never a 500 or a 200 that looks like success.
 */
export function limitError(
  message: string,
  code: LimitCode,
  options: {
    status?: number;
    headers?: Record<string, string>;
    details?: Record<string, unknown>;
    nodes?: GraphQLErrorOptions['nodes'];
  } = {},
): GraphQLError {
  return new GraphQLError(message, {
    ...(options.nodes ? { nodes: options.nodes } : {}),
    extensions: {
      code,
      ...options.details,
      // spec: false keeps GraphQL Yoga from applying the GraphQL-over-HTTP status rules (200 for application/json).
      http: {
        status: options.status ?? 400,
        spec: false,
        ...(options.headers ? { headers: options.headers } : {}),
      },
    },
  });
}

/** The same refusal as a plain HTTP response, for checks made before GraphQL Yoga sees the request. */
export function limitResponse(
  message: string,
  code: LimitCode,
  status: number,
  details: Record<string, unknown> = {},
): { status: number; headers: Record<string, string>; body: string } {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ errors: [{ message, extensions: { code, ...details } }] }),
  };
}

/**
 * Gives a code to the request errors graphql-js leaves without one: an operation that fails before any
 * field runs (a variable of the wrong type, a required variable missing) comes back with no data and
 * untyped errors; they become `BAD_USER_INPUT`, so every refusal of bad input carries a code.
 */
export function useTypedRequestErrors(): GatewayPlugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!result || Symbol.asyncIterator in result) return;
          if ('data' in result && result.data !== undefined) return;
          const errors = result.errors;
          if (!errors?.some((error) => error.extensions?.code === undefined)) return;
          setResult({
            ...result,
            errors: errors.map((error) =>
              error.extensions?.code === undefined
                ? new GraphQLError(error.message, {
                    nodes: error.nodes,
                    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
                  })
                : error,
            ),
          });
        },
      };
    },
  };
}
