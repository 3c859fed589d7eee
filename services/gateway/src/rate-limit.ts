import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Claims } from '@tidings/auth';
import {
  type DocumentNode,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { limitError } from './errors.ts';

/**
 * A per-tenant token bucket on mutations. Each tenant's bucket holds up to `perMinute` tokens and refills
 * continuously at `perMinute` a minute, so a tenant may burst a minute's worth and then goes at the rate.
 * State is per gateway replica: with N replicas a tenant gets up to N times the rate, which is the price
 * of needing no shared store; the limit is a guard against runaway clients, not a billing meter.
 */

export interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  updatedAtMs: number;
}

export type Take = { ok: true; bucket: Bucket } | { ok: false; bucket: Bucket; retryAfterSeconds: number };

/** Takes `cost` tokens from `bucket` (a full one when absent) at `nowMs`; pure. */
export function takeTokens(bucket: Bucket | undefined, cost: number, perMinute: number, nowMs: number): Take {
  const ratePerMs = perMinute / 60_000;
  const elapsed = bucket ? Math.max(0, nowMs - bucket.updatedAtMs) : 0;
  const tokens = bucket ? Math.min(perMinute, bucket.tokens + elapsed * ratePerMs) : perMinute;
  if (tokens >= cost) return { ok: true, bucket: { tokens: tokens - cost, updatedAtMs: nowMs } };
  // A cost above the whole bucket can never be met; say when a full bucket would be there anyway.
  const missing = Math.min(cost, perMinute) - tokens;
  return {
    ok: false,
    bucket: { tokens, updatedAtMs: nowMs },
    retryAfterSeconds: Math.max(1, Math.ceil(missing / ratePerMs / 1000)),
  };
}

export interface RateLimiter {
  take(key: string, cost: number): Take;
}

/** Buckets by key. A bucket idle for a minute is full again, so it is forgotten rather than kept. */
export function createRateLimiter(options: { perMinute: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  let lastSweepMs = now();
  return {
    take(key, cost) {
      const at = now();
      if (at - lastSweepMs > 60_000) {
        for (const [name, bucket] of buckets) if (at - bucket.updatedAtMs > 60_000) buckets.delete(name);
        lastSweepMs = at;
      }
      const result = takeTokens(buckets.get(key), cost, options.perMinute, at);
      buckets.set(key, result.bucket);
      return result;
    },
  };
}

/** The root fields of a mutation (each is one change), following fragments at the root. */
export function mutationFieldCount(
  operation: OperationDefinitionNode,
  fragments: Map<string, SelectionSetNode>,
): number {
  const count = (selectionSet: SelectionSetNode, visiting: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) total += 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += count(selection.selectionSet, visiting);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visiting.has(selection.name.value)) continue;
        visiting.add(selection.name.value);
        total += count(fragment, visiting);
        visiting.delete(selection.name.value);
      }
    }
    return total;
  };
  return count(operation.selectionSet, new Set());
}

export interface MutationRateLimitOptions {
  perMinute: number;
  /** The verified caller of a request (from the authentication plugin); null when anonymous. */
  callerOf(context: unknown): Claims | null;
  now?: () => number;
}

/**
 * Limits mutations per tenant: each root mutation field takes a token from the caller's tenant's bucket
 * (anonymous callers share one bucket: the subgraphs refuse their mutations anyway, but each still costs a
 * round trip). A refusal is `RATE_LIMITED`, HTTP 429 with `Retry-After`, before any subgraph is called.
 * Queries are not limited here: their cost is bounded by the cost limit.
 */
export function useMutationRateLimit(options: MutationRateLimitOptions): GatewayPlugin {
  const limiter = createRateLimiter({
    perMinute: options.perMinute,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const document: DocumentNode = args.document;
      const fragments = new Map<string, SelectionSetNode>();
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION)
          fragments.set(definition.name.value, definition.selectionSet);
      }
      const caller = options.callerOf(args.contextValue);
      const tenant = caller?.tenantId ?? null;
      const taken = limiter.take(
        tenant === null ? 'anonymous' : `tenant:${tenant}`,
        mutationFieldCount(operation, fragments),
      );
      if (taken.ok) return;
      const who = tenant === null ? 'anonymous callers' : `tenant "${tenant}"`;
      setResultAndStopExecution({
        errors: [
          limitError(
            `Too many mutations for ${who}: at most ${options.perMinute} a minute; retry in ${taken.retryAfterSeconds} s.`,
            'RATE_LIMITED',
            {
              status: 429,
              headers: { 'retry-after': String(taken.retryAfterSeconds) },
              details: { retryAfterSeconds: taken.retryAfterSeconds, limitPerMinute: options.perMinute },
            },
          ),
        ],
      });
    },
  };
}
