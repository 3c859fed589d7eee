/**
 * The test suite's network guard: no test may send a packet to an address outside 127.0.0.0/8 and ::1.
 * Installed in every test worker through vitest's `setupFiles` (vitest.config.ts → network-guard-setup.ts).
 *
 * It patches the places a packet can leave from:
 * - `dns.lookup` / `dns.promises.lookup` (net, http, undici and the global fetch resolve through it; checked
 *   by patching: net.js reads `dns.lookup` at call time): a name other than `localhost` (and the test
 *   infrastructure's own hosts) is refused, and so is an answer outside loopback;
 * - `dns.resolve*` and `dns.Resolver` (c-ares, which sends UDP to the system's name server itself);
 * - `net.Socket.prototype.connect` (every TCP and TLS client: net.connect, tls.connect, http, undici's
 *   connector, the global fetch, kafkajs, postgres.js), including a `lookup` passed in its options;
 * - `dgram.Socket.prototype.send` / `connect`.
 * An attempt throws a NetworkGuardError and is recorded; `assertNoViolations()` (run after each test by the
 * setup file) fails the test even when the code under test caught the error.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

export class NetworkGuardError extends Error {
  override readonly name = 'NetworkGuardError';
  readonly code = 'ENETWORKGUARD';
  /** What was being reached: a host name, an address, `address:port`. */
  readonly target: string;

  constructor(target: string, how: string) {
    super(
      `network guard: a test tried to reach ${target} (${how}); tests may only reach 127.0.0.0/8 and ::1. ` +
        'Resolve test host names through an injected lookup, or use a loopback address.',
    );
    this.target = target;
  }
}

export type NetworkGuardOptions = {
  /**
   * Host names (and addresses) the test infrastructure itself lives at when it came from the environment
   * (KAFKA_BROKERS / DATABASE_URL naming another machine): reachable, and nothing else is.
   */
  infrastructureHosts?: readonly string[];
};

export type NetworkGuard = {
  /** Every attempt refused since install (or since the last take). */
  violations(): readonly NetworkGuardError[];
  /** Returns the violations and forgets them (a test that provokes one on purpose takes it). */
  takeViolations(): NetworkGuardError[];
  /** Throws the first violation recorded (and forgets them all), if any. */
  assertNoViolations(): void;
  uninstall(): void;
};

/** Whether an address (not a name) is loopback: 127.0.0.0/8, ::1, or 127.x mapped into IPv6. */
export function isLoopbackIp(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (!net.isIPv6(bare)) return false;
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  return mapped ? mapped[1]!.startsWith('127.') : false;
}

const RESOLVE_METHODS = [
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCaa',
  'resolveCname',
  'resolveMx',
  'resolveNaptr',
  'resolveNs',
  'resolvePtr',
  'resolveSoa',
  'resolveSrv',
  'resolveTxt',
  'reverse',
] as const;

type Patch = { target: object; key: string; original: unknown };

let installed: NetworkGuard | undefined;

/** Installs the guard once per process; a second call returns the first guard. */
export function installNetworkGuard(options: NetworkGuardOptions = {}): NetworkGuard {
  if (installed) return installed;
  const infrastructure = new Set((options.infrastructureHosts ?? []).map((h) => h.toLowerCase()));
  /** Addresses the infrastructure's names resolved to: connecting to them is allowed too. */
  const infrastructureAddresses = new Set<string>(
    [...infrastructure].filter((host) => net.isIP(host.replace(/^\[|\]$/g, '')) !== 0),
  );
  const recorded: NetworkGuardError[] = [];
  const patches: Patch[] = [];

  const refuse = (target: string, how: string): NetworkGuardError => {
    const error = new NetworkGuardError(target, how);
    recorded.push(error);
    return error;
  };
  const nameAllowed = (name: string) => {
    const host = name
      .replace(/^\[|\]$/g, '')
      .toLowerCase()
      .replace(/\.$/, '');
    if (net.isIP(host)) return isLoopbackIp(host) || infrastructureAddresses.has(host);
    return host === 'localhost' || infrastructure.has(host);
  };
  const addressAllowed = (address: string) => isLoopbackIp(address) || infrastructureAddresses.has(address);

  function patch<T extends object>(target: T, key: string, replacement: (original: never) => unknown): void {
    const original = (target as Record<string, unknown>)[key];
    if (typeof original !== 'function') return;
    patches.push({ target, key, original });
    (target as Record<string, unknown>)[key] = replacement(original as never);
  }

  /** Checks a lookup's answer: loopback (or the infrastructure's) only. */
  function checkAnswer(hostname: string, answer: unknown): NetworkGuardError | undefined {
    const list: unknown[] = Array.isArray(answer) ? answer : [answer];
    for (const item of list) {
      const address = typeof item === 'string' ? item : (item as { address?: unknown })?.address;
      if (typeof address !== 'string' || address === '') continue;
      if (addressAllowed(address) || (infrastructure.has(hostname.toLowerCase()) && rememberInfra(address))) {
        continue;
      }
      return refuse(`${hostname} → ${address}`, 'a lookup answered a non-loopback address');
    }
    return undefined;
  }
  function rememberInfra(address: string): boolean {
    infrastructureAddresses.add(address);
    return true;
  }

  // dns.lookup(hostname[, options], callback)
  patch(
    dns,
    'lookup',
    (original: typeof dns.lookup) =>
      function guardedLookup(this: unknown, hostname: string, ...rest: unknown[]) {
        const callback = rest.at(-1) as (...args: unknown[]) => void;
        if (!nameAllowed(String(hostname))) {
          const error = refuse(String(hostname), 'dns.lookup');
          if (typeof callback === 'function') {
            process.nextTick(() => callback(error));
            return undefined;
          }
          throw error;
        }
        const args = [...rest];
        if (typeof callback === 'function') {
          args[args.length - 1] = (error: unknown, address: unknown, family: unknown) => {
            const refused = error ? undefined : checkAnswer(String(hostname), address);
            if (refused) callback(refused);
            else callback(error, address, family);
          };
        }
        return (original as (...a: unknown[]) => unknown).call(this, hostname, ...args);
      },
  );
  patch(
    dns.promises,
    'lookup',
    (original: typeof dns.promises.lookup) =>
      async function guardedPromiseLookup(this: unknown, hostname: string, ...rest: unknown[]) {
        if (!nameAllowed(String(hostname))) throw refuse(String(hostname), 'dns.promises.lookup');
        const answer = await (original as (...a: unknown[]) => Promise<unknown>).call(
          this,
          hostname,
          ...rest,
        );
        const refused = checkAnswer(String(hostname), answer);
        if (refused) throw refused;
        return answer;
      },
  );
  // c-ares: every resolve* asks the configured name server over UDP, wherever it is.
  const resolverTargets: object[] = [
    dns,
    dns.promises,
    dns.Resolver.prototype,
    dns.promises.Resolver.prototype,
  ];
  for (const target of resolverTargets) {
    for (const method of RESOLVE_METHODS) {
      patch(
        target,
        method,
        (original: (...a: unknown[]) => unknown) =>
          function guardedResolve(this: unknown, name: string, ...rest: unknown[]) {
            if (infrastructure.has(String(name).toLowerCase())) return original.call(this, name, ...rest);
            const promised = target === dns.promises || target === dns.promises.Resolver.prototype;
            const callback = rest.at(-1);
            const answer = (error: unknown, value?: unknown) => {
              if (promised) return error ? Promise.reject(error) : Promise.resolve(value);
              if (typeof callback === 'function') {
                process.nextTick(() => (callback as (e: unknown, v?: unknown) => void)(error, value));
                return undefined;
              }
              throw error;
            };
            // smtp-server (the sandbox's mail server) asks for its client's name: a loopback client is
            // `localhost`, answered here rather than by a PTR query to the system's name server.
            if (method === 'reverse' && isLoopbackIp(String(name))) return answer(null, ['localhost']);
            return answer(refuse(String(name), `dns.${method} (asks a name server)`));
          },
      );
    }
  }

  // net.Socket#connect: net.connect passes one normalised [options, callback] array; direct callers pass
  // (options[, cb]), (port[, host][, cb]) or (path[, cb]).
  patch(
    net.Socket.prototype,
    'connect',
    (original: (...a: unknown[]) => unknown) =>
      function guardedConnect(this: net.Socket, ...args: unknown[]) {
        const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
        let host: string | undefined;
        let options: Record<string, unknown> | undefined;
        if (typeof first === 'object' && first !== null) {
          options = first as Record<string, unknown>;
          if (typeof options.path === 'string') return original.apply(this, args);
          host = typeof options.host === 'string' ? options.host : 'localhost';
        } else if (typeof first === 'string' && Number.isNaN(Number(first))) {
          return original.apply(this, args); // a unix socket path
        } else {
          const second = Array.isArray(args[0]) ? undefined : args[1];
          host = typeof second === 'string' ? second : 'localhost';
        }
        const bare = host.replace(/^\[|\]$/g, '');
        if (net.isIP(bare)) {
          if (!addressAllowed(bare)) throw refuse(bare, 'socket connect');
        } else if (options && typeof options.lookup === 'function') {
          // A custom lookup (undici's guarded connector, say): its answer must be loopback too.
          const lookup = options.lookup as (...a: unknown[]) => unknown;
          options.lookup = (hostname: string, lookupOptions: unknown, callback: (...a: unknown[]) => void) =>
            lookup(hostname, lookupOptions, (error: unknown, address: unknown, family: unknown) => {
              const refused = error ? undefined : checkAnswer(hostname, address);
              if (refused) callback(refused);
              else callback(error, address, family);
            });
        } else if (!nameAllowed(bare)) {
          throw refuse(bare, 'socket connect');
        }
        return original.apply(this, args);
      },
  );

  // UDP: send(msg[, offset, length][, port][, address][, callback]) and connect(port[, address][, cb]).
  patch(
    dgram.Socket.prototype,
    'send',
    (original: (...a: unknown[]) => unknown) =>
      function guardedSend(this: dgram.Socket, ...args: unknown[]) {
        const address = args.slice(1).find((a) => typeof a === 'string') as string | undefined;
        if (address !== undefined && !nameAllowed(address)) throw refuse(address, 'UDP send');
        return original.apply(this, args);
      },
  );
  patch(
    dgram.Socket.prototype,
    'connect',
    (original: (...a: unknown[]) => unknown) =>
      function guardedUdpConnect(this: dgram.Socket, ...args: unknown[]) {
        const address = typeof args[1] === 'string' ? args[1] : 'localhost';
        if (!nameAllowed(address)) throw refuse(address, 'UDP connect');
        return original.apply(this, args);
      },
  );

  // ESM named imports of builtins (`import { lookup } from 'node:dns'`) see the patches only after this.
  syncBuiltinESMExports();

  installed = {
    violations: () => [...recorded],
    takeViolations: () => recorded.splice(0, recorded.length),
    assertNoViolations() {
      const [first] = recorded.splice(0, recorded.length);
      if (first) throw first;
    },
    uninstall() {
      for (const { target, key, original } of patches.reverse()) {
        (target as Record<string, unknown>)[key] = original;
      }
      syncBuiltinESMExports();
      installed = undefined;
    },
  };
  return installed;
}

/** The guard installed in this process, if any (test/security uses it to prove it works). */
export function networkGuard(): NetworkGuard | undefined {
  return installed;
}

/** The hosts named by KAFKA_BROKERS-style `host:port,…` lists and database URLs. */
export function hostsOf(kafkaBrokers: string | undefined, databaseUrl: string | undefined): string[] {
  const hosts: string[] = [];
  for (const broker of (kafkaBrokers ?? '').split(',')) {
    const trimmed = broker.trim();
    if (!trimmed) continue;
    const match = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed) ?? /^([^:]+)(?::\d+)?$/.exec(trimmed);
    if (match?.[1]) hosts.push(match[1]);
  }
  if (databaseUrl) {
    try {
      const url = new URL(databaseUrl);
      if (url.hostname) hosts.push(url.hostname.replace(/^\[|\]$/g, ''));
      const socketHost = url.searchParams.get('host');
      if (socketHost && !socketHost.startsWith('/')) hosts.push(socketHost);
    } catch {
      // Not a URL: nothing to allow.
    }
  }
  return hosts;
}
