/**
 * Outbound safety for targets a tenant supplies (webhook URLs, SMTP hosts): resolve the host, classify
 * every address it resolves to, and refuse private, loopback, link-local, metadata and other non-public
 * addresses unless an allowlist says otherwise. Connections then re-check at connect time
 * (./guarded-fetch.ts), so a name that resolves differently the second time (DNS rebinding) gains nothing.
 */
import dns from 'node:dns';
import { type AddressInfo, bareAddress, classifyAddress, PLATFORM_ONLY_RANGES } from './address.ts';
import {
  allowlistAllows,
  EMPTY_OUTBOUND_ALLOWLIST,
  type OutboundAllowlist,
  parseOutboundAllowlist,
  splitAllowlistText,
} from './allowlist.ts';

export type ResolvedAddress = { address: string; family: number };

/** Resolves a host name to every address it has. Injected in tests; defaults to the system resolver. */
export type OutboundLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** Which non-public addresses may be reached, and how names are resolved. */
export type OutboundPolicy = {
  /** The operator's allowlist (OUTBOUND_ALLOW): the only one that can open loopback. */
  platform: OutboundAllowlist;
  /** The tenant's allowlist (tenant settings): opens private ranges, never loopback or metadata. */
  tenant?: OutboundAllowlist;
  lookup?: OutboundLookup;
};

/**
 * The platform allowlist used when a service does not pass one: loopback only, for the sandbox and local
 * receivers. Services pass the one from their environment, which in production is empty (loopback refused).
 */
export const LOOPBACK_OUTBOUND_ALLOWLIST: OutboundAllowlist = (() => {
  const parsed = parseOutboundAllowlist(['127.0.0.0/8', '::1'], 'platform');
  if (!parsed.ok) throw parsed.errors[0];
  return parsed.allowlist;
})();

export { EMPTY_OUTBOUND_ALLOWLIST };

/**
 * The platform allowlist from the environment: `OUTBOUND_ALLOW` (comma-separated CIDRs, addresses and host
 * names, or `none`) when set; unset, loopback (127.0.0.0/8 and ::1) outside production, where the
 * sandbox and local receivers live, and nothing in production, where loopback is refused.
 */
export function platformOutboundAllowlist(
  value: string | undefined,
  nodeEnv: string,
): ReturnType<typeof parseOutboundAllowlist> {
  if (value === undefined) {
    return {
      ok: true,
      allowlist: nodeEnv === 'production' ? EMPTY_OUTBOUND_ALLOWLIST : LOOPBACK_OUTBOUND_ALLOWLIST,
    };
  }
  // An empty variable counts as unset (see @tidings/config), so "nothing at all" is written `none`.
  if (value.trim().toLowerCase() === 'none') return { ok: true, allowlist: EMPTY_OUTBOUND_ALLOWLIST };
  return parseOutboundAllowlist(splitAllowlistText(value), 'platform');
}

/** The system resolver, every address, read at call time (so a test's guard on dns.promises.lookup sees it). */
export const systemLookup: OutboundLookup = (hostname) =>
  dns.promises.lookup(hostname, { all: true, order: 'verbatim' });

/** A target refused by the outbound policy. Permanent: the same target is refused the same way next time. */
export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError';
  readonly code = 'outbound_refused';
  /** The host as configured (a name or an address). */
  readonly host: string;
  /** The address that was refused. */
  readonly address: string;
  readonly range: AddressInfo['range'];

  constructor(host: string, address: AddressInfo, message: string) {
    super(message);
    this.host = host;
    this.address = address.address;
    this.range = address.range;
  }
}

/** The host could not be resolved; may be passing (the DNS server), may be a typo. */
export class OutboundLookupError extends Error {
  override readonly name = 'OutboundLookupError';
  readonly host: string;
  /** The resolver's code: ENOTFOUND, EAI_AGAIN, ... */
  readonly code: string;

  constructor(host: string, code: string, detail: string) {
    super(`could not resolve ${host} (${code}${detail && detail !== code ? `: ${detail}` : ''})`);
    this.host = host;
    this.code = code;
  }

  /** The name certainly does not exist (rather than the resolver failing). */
  get notFound(): boolean {
    return this.code === 'ENOTFOUND' || this.code === 'ENODATA';
  }
}

export type CheckedTarget = {
  /** The host as given (brackets and zone removed). */
  host: string;
  /** Every address it resolved to, each allowed. An IP literal is its own only address. */
  addresses: AddressInfo[];
};

/**
 * Why `address` (for `host`) is refused under `policy`, or undefined when it is allowed.
 * Public addresses are always allowed; the platform allowlist can open anything (a metadata address only
 * when named exactly); the tenant's can open private ranges but never loopback, 'this host' or metadata.
 */
export function refusal(
  host: string,
  address: AddressInfo,
  policy: OutboundPolicy,
): OutboundRefusedError | undefined {
  if (address.range === 'public') return undefined;
  if (allowlistAllows(policy.platform, address, host)) return undefined;
  const platformOnly = PLATFORM_ONLY_RANGES.has(address.range);
  if (!platformOnly && allowlistAllows(policy.tenant, address, host)) return undefined;
  const bare = bareAddress(host);
  const subject =
    bare === address.address ? address.address : `${bare} resolves to ${address.address}, which`;
  const remedy =
    address.range === 'metadata'
      ? "Tidings never sends to it (only the platform's OUTBOUND_ALLOW naming this exact address could allow it)"
      : platformOnly
        ? "only the platform's OUTBOUND_ALLOW setting can allow it, not a tenant's allowlist"
        : "add it to the tenant's outbound allowlist to allow it";
  return new OutboundRefusedError(bare, address, `${subject} is ${address.description}; ${remedy}`);
}

/**
 * Resolves `host` (a name or an IP literal, brackets allowed) and checks every address. Throws
 * OutboundRefusedError when any address is refused (an attacker's name may list a public address beside
 * a private one), OutboundLookupError when the name does not resolve.
 */
export async function checkHost(host: string, policy: OutboundPolicy): Promise<CheckedTarget> {
  const bare = bareAddress(host).replace(/\.$/, '');
  const literal = classifyAddress(bare);
  let addresses: AddressInfo[];
  if (literal) addresses = [literal];
  else {
    let resolved: readonly ResolvedAddress[];
    try {
      resolved = await (policy.lookup ?? systemLookup)(bare);
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      throw new OutboundLookupError(
        bare,
        typeof code === 'string' ? code : 'ELOOKUP',
        error instanceof Error ? error.message : String(error),
      );
    }
    if (resolved.length === 0) throw new OutboundLookupError(bare, 'ENODATA', 'no addresses');
    addresses = resolved.map((r) => {
      const info = classifyAddress(r.address);
      if (!info) throw new OutboundLookupError(bare, 'EBADRESP', `the resolver answered "${r.address}"`);
      return info;
    });
  }
  for (const address of addresses) {
    const refused = refusal(bare, address, policy);
    if (refused) throw refused;
  }
  return { host: bare, addresses };
}

/** checkHost for a URL's host: the check made before any connection to a webhook target. */
export async function checkTarget(url: string | URL, policy: OutboundPolicy): Promise<CheckedTarget> {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return checkHost(parsed.hostname, policy);
}

/** The tenant's allowlist entries as stored in its settings, parsed; entries that no longer parse are skipped. */
export function tenantAllowlistFrom(
  entries: readonly string[] | null | undefined,
): OutboundAllowlist | undefined {
  if (!entries || entries.length === 0) return undefined;
  const parsed = parseOutboundAllowlist(entries, 'tenant');
  if (parsed.ok) return parsed.allowlist;
  const good = entries.filter((_, index) => !parsed.errors.some((error) => error.index === index));
  const retry = parseOutboundAllowlist(good, 'tenant');
  return retry.ok ? retry.allowlist : undefined;
}
