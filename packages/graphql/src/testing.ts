import { type Claims, forwardedClaimsHeaders } from '@tidings/auth';
import { readTopic, type TopicMessage } from '@tidings/testkit';

/**
 * Helpers for subgraph tests (import from `@tidings/graphql/testing`): a client that calls a subgraph
 * the way the gateway does, and a reader for state topics.
 */

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: { code?: string; reason?: string };
  }>;
}

/**
 * Who calls: a caller's claims, `'anonymous'` (through the gateway without a token: a signed anonymous
 * marker), `'unsigned'` (no gateway header at all, as a direct call that bypassed the gateway), or
 * `{ forgedFor }` (claims signed with the wrong secret).
 */
export type Caller = Claims | 'anonymous' | 'unsigned' | { forgedFor: Claims };

export interface SubgraphClientOptions {
  /**
   * The subgraph's name, which the gateway signs into every header as its audience. When omitted, the
   * client asks the subgraph's `/healthz` (which names it) once, before its first request.
   */
  audience?: string;
}

async function subgraphNameAt(url: string): Promise<string> {
  const response = await fetch(new URL('/healthz', url));
  const body = (await response.json()) as { subgraph?: unknown };
  if (typeof body.subgraph !== 'string') {
    throw new Error(`${url}: /healthz does not name the subgraph; pass { audience } to subgraphClient`);
  }
  return body.subgraph;
}

/** Posts one operation to `url` with the claims headers the gateway would add, signed with `secret`. */
export function subgraphClient(url: string, secret: string, options: SubgraphClientOptions = {}) {
  let audience: Promise<string> | undefined;
  return async function request<Data = Record<string, unknown>>(
    caller: Caller,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<Data>> {
    audience ??= options.audience ? Promise.resolve(options.audience) : subgraphNameAt(url);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (caller === 'anonymous') {
      Object.assign(headers, forwardedClaimsHeaders(null, secret, await audience));
    } else if (caller !== 'unsigned') {
      Object.assign(
        headers,
        'forgedFor' in caller
          ? forwardedClaimsHeaders(caller.forgedFor, `not-${secret}`, await audience)
          : forwardedClaimsHeaders(caller, secret, await audience),
      );
    }
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<Data>, 'status'>;
    return { status: response.status, ...body };
  };
}

export interface StateMessage {
  key: string;
  /** Parsed JSON; null for a tombstone. */
  value: unknown;
  headers: Record<string, string>;
}

/**
 * Reads `topic` from the beginning until `done` holds for the messages with key `key` (in topic order),
 * and returns them; rejects after `timeoutMs`. Each call uses its own consumer group.
 */
export async function readStateMessages(options: {
  brokers: string[];
  topic: string;
  key: string;
  done: (messages: StateMessage[]) => boolean;
  timeoutMs?: number;
}): Promise<StateMessage[]> {
  const ofKey = (messages: TopicMessage[]): StateMessage[] =>
    messages
      .filter((message) => message.key === options.key)
      .map((message) => ({
        key: options.key,
        value: message.value === null ? null : JSON.parse(message.value),
        headers: message.headers,
      }));
  const messages = await readTopic({
    brokers: options.brokers,
    topic: options.topic,
    until: (read) => options.done(ofKey(read)),
    what: `matching state for key ${options.key}`,
    timeoutMs: options.timeoutMs ?? 20_000,
  });
  return ofKey(messages);
}

/** A logger that drops everything, for tests that check behaviour rather than logs. */
export const silentLogger = { info() {}, warn() {}, error() {} };
