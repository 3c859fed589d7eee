/**
 * The connect-time half of outbound safety. An undici Agent whose connector refuses an IP literal outside
 * the policy and whose `lookup` re-checks every address the name resolves to at the moment of connecting,
 * so a name that resolved to a public address for checkTarget and to a private one now (DNS rebinding)
 * never gets a socket. The refusal reaches fetch's caller as the error's `cause` (an OutboundRefusedError).
 */
import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { bareAddress, classifyAddress } from './address.ts';
import { allowlistEntries } from './allowlist.ts';
import {
  OutboundLookupError,
  type OutboundPolicy,
  OutboundRefusedError,
  refusal,
  systemLookup,
} from './check.ts';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net.connect/tls.connect: resolves through the policy's lookup, refuses when any address
 * is outside the policy, and answers in the form net asked for (one address, or all with `all: true`).
 */
export function guardedLookup(policy: OutboundPolicy) {
  const lookup = policy.lookup ?? systemLookup;
  return (hostname: string, options: LookupOptions | number | undefined, callback: LookupCallback): void => {
    const wanted = typeof options === 'object' ? options : {};
    lookup(hostname).then(
      (resolved) => {
        const usable = resolved.filter((r) => !wanted.family || r.family === wanted.family);
        for (const r of resolved) {
          const info = classifyAddress(r.address);
          const refused = info
            ? refusal(hostname, info, policy)
            : new OutboundLookupError(hostname, 'EBADRESP', r.address);
          if (refused) {
            callback(refused as NodeJS.ErrnoException, wanted.all ? [] : '', 0);
            return;
          }
        }
        if (usable.length === 0) {
          callback(new OutboundLookupError(hostname, 'ENOTFOUND', 'no usable address') as never, '', 0);
          return;
        }
        if (wanted.all)
          callback(
            null,
            usable.map((r) => ({ address: r.address, family: r.family })),
          );
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, wanted.all ? [] : '', 0),
    );
  };
}

/** An undici dispatcher that only opens connections the policy allows. */
export function createGuardedAgent(
  policy: OutboundPolicy,
  options: { connectTimeoutMs?: number } = {},
): Agent {
  const base = buildConnector({
    lookup: guardedLookup(policy) as never,
    ...(options.connectTimeoutMs !== undefined && { timeout: options.connectTimeoutMs }),
  });
  const connect: buildConnector.connector = (connectOptions, callback) => {
    const host = bareAddress(connectOptions.hostname);
    const literal = classifyAddress(host);
    if (literal) {
      // net.connect skips `lookup` for an IP literal: check it here, before any socket exists.
      const refused = refusal(host, literal, policy);
      if (refused) {
        callback(refused, null);
        return;
      }
    }
    base(connectOptions, callback);
  };
  return new Agent({ connect });
}

/**
 * Guarded agents, one per distinct policy (most tenants have no allowlist and share one), least recently
 * used closed beyond `max`.
 */
export class GuardedAgents {
  readonly #agents = new Map<string, Agent>();
  readonly #max: number;

  constructor(max = 64) {
    this.#max = max;
  }

  for(policy: OutboundPolicy): Agent {
    const key = JSON.stringify([
      allowlistEntries(policy.platform),
      policy.tenant ? allowlistEntries(policy.tenant) : [],
    ]);
    const existing = this.#agents.get(key);
    if (existing) {
      this.#agents.delete(key);
      this.#agents.set(key, existing);
      return existing;
    }
    const agent = createGuardedAgent(policy);
    this.#agents.set(key, agent);
    while (this.#agents.size > this.#max) {
      const [oldestKey, oldest] = this.#agents.entries().next().value!;
      this.#agents.delete(oldestKey);
      void oldest.close().catch(() => {});
    }
    return agent;
  }

  async close(): Promise<void> {
    const agents = [...this.#agents.values()];
    this.#agents.clear();
    await Promise.all(agents.map((agent) => agent.close().catch(() => {})));
  }
}

/** A fetch whose connections go through `agent` (undici's own fetch: the global one may be another undici). */
export function fetchThrough(agent: Agent): typeof fetch {
  return ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
    undiciFetch(
      input as never,
      { ...(init as object), dispatcher: agent } as never,
    )) as unknown as typeof fetch;
}

/** The OutboundRefusedError (or OutboundLookupError) behind a fetch failure, when that is what it was. */
export function outboundErrorOf(error: unknown): OutboundRefusedError | OutboundLookupError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundRefusedError || e instanceof OutboundLookupError) return e;
  }
  return undefined;
}
