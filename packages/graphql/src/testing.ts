import { type Claims, forwardedClaimsHeaders } from '@tidings/auth';
import { readTopic, type TopicMessage } from '@tidings/testkit';

/**
 * Helpers for subgraph tests (import from `@tidings/graphql/testing`): a client that calls a subgraph
 * the way the gateway does, and a reader for state topics.
 */

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

export type Caller = Claims | 'anonymous' | { forgedFor: Claims };

/** Posts one operation to `url` with the claims headers the gateway would add, signed with `secret`. */
export function subgraphClient(url: string, secret: string) {
  return async function request<Data = Record<string, unknown>>(
    caller: Caller,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<Data>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (caller !== 'anonymous') {
      Object.assign(
        headers,
        'forgedFor' in caller
          ? forwardedClaimsHeaders(caller.forgedFor, `not-${secret}`)
          : forwardedClaimsHeaders(caller, secret),
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
