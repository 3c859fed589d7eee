/**
 * Outbound allowlists: which non-public addresses Tidings may still send to. Two sources: the platform's
 * (the operator's `OUTBOUND_ALLOW`) and each tenant's (its settings). An entry is a CIDR (`10.20.0.0/16`,
 * `fd12:3456::/32`), a single address (`10.20.30.40`, `::1`) or a host name (`hooks.corp.example`, or
 * `*.corp.example` for its subdomains). Pure: no DNS.
 */
import {
  type AddressInfo,
  bareAddress,
  embeddedIpv4,
  formatIpv4,
  type IpBytes,
  inBlock,
  METADATA_ADDRESSES,
  parseIp,
} from './address.ts';

export type AllowlistScope = 'platform' | 'tenant';

export type AllowlistEntry =
  | { kind: 'cidr'; text: string; network: IpBytes; prefix: number }
  | { kind: 'host'; text: string; host: string; subdomains: boolean };

export type OutboundAllowlist = { readonly entries: readonly AllowlistEntry[] };

export const EMPTY_OUTBOUND_ALLOWLIST: OutboundAllowlist = { entries: [] };

/** Longest list accepted (tenant settings and OUTBOUND_ALLOW alike). */
export const MAX_ALLOWLIST_ENTRIES = 100;

/** A bad allowlist entry, naming it and saying what is wrong. */
export class InvalidAllowlistEntryError extends Error {
  override readonly name = 'InvalidAllowlistEntryError';
  readonly code = 'invalid_allowlist_entry';
  readonly entry: string;
  readonly reason: string;
  /** The entry's position in the list it came from. */
  readonly index: number;

  constructor(entry: string, reason: string, index = 0) {
    super(`outbound allowlist entry "${entry}" ${reason}`);
    this.entry = entry;
    this.reason = reason;
    this.index = index;
  }
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Addresses a tenant's entry must not cover: loopback, 'this host' and metadata services. Only the
 * operator can open them, through OUTBOUND_ALLOW (and a metadata address only by naming it exactly).
 */
const TENANT_FORBIDDEN: readonly { network: IpBytes; prefix: number; what: string }[] = [
  ...[
    ['127.0.0.0/8', 'loopback addresses'],
    ['0.0.0.0/8', "'this host' addresses"],
    ['::1/128', 'the IPv6 loopback address'],
    ['::/128', 'the unspecified IPv6 address'],
  ].map(([cidr, what]) => {
    const [address, prefix] = cidr!.split('/') as [string, string];
    return { network: parseIp(address)!, prefix: Number(prefix), what: what! };
  }),
  ...METADATA_ADDRESSES.map((address) => {
    const network = parseIp(address)!;
    return {
      network,
      prefix: network.family === 4 ? 32 : 128,
      what: `the cloud metadata address ${address}`,
    };
  }),
];

function overlaps(a: { network: IpBytes; prefix: number }, b: { network: IpBytes; prefix: number }): boolean {
  const shorter = Math.min(a.prefix, b.prefix);
  return inBlock(a.network, b.network, shorter);
}

/** One entry, or the reason it is not one. */
export function parseAllowlistEntry(
  text: string,
  scope: AllowlistScope,
  index = 0,
): { ok: true; entry: AllowlistEntry } | { ok: false; error: InvalidAllowlistEntryError } {
  const fail = (reason: string) => ({
    ok: false as const,
    error: new InvalidAllowlistEntryError(text, reason, index),
  });
  const trimmed = text.trim();
  if (trimmed === '') return fail('is empty');
  if (trimmed.length > 255) return fail('is longer than 255 characters');
  const slash = trimmed.indexOf('/');
  const looksLikeAddress = slash !== -1 || /^[\d.]+$/.test(trimmed) || trimmed.includes(':');
  if (looksLikeAddress) {
    const addressText = slash === -1 ? trimmed : trimmed.slice(0, slash);
    const network = parseIp(addressText);
    if (!network) {
      return fail(
        slash === -1
          ? 'is not an IP address, a CIDR range or a host name'
          : `is not a CIDR range: "${addressText}" is not an IP address`,
      );
    }
    const max = network.family === 4 ? 32 : 128;
    const prefixText = slash === -1 ? String(max) : trimmed.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) {
      return fail(`is not a CIDR range: the prefix length must be a whole number from 0 to ${max}`);
    }
    const prefix = Number(prefixText);
    if (!inBlock(network, { family: network.family, bytes: zeroHostBits(network, prefix) }, max)) {
      return fail(
        `has bits set after its /${prefix} prefix; did you mean ${formatNetwork(network, prefix)}/${prefix}?`,
      );
    }
    const entry = { kind: 'cidr' as const, text: `${bareAddress(addressText)}/${prefix}`, network, prefix };
    if (scope === 'tenant') {
      const forbidden = TENANT_FORBIDDEN.find((f) => overlaps(entry, f));
      if (forbidden) {
        return fail(
          `covers ${forbidden.what}, which a tenant cannot allow (only the platform's OUTBOUND_ALLOW can)`,
        );
      }
    }
    return { ok: true, entry };
  }
  const subdomains = trimmed.startsWith('*.');
  const host = (subdomains ? trimmed.slice(2) : trimmed).toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  if (host.length > 253 || labels.some((label) => !HOST_LABEL.test(label))) {
    return fail('is not an IP address, a CIDR range or a host name (letters, digits, hyphens and dots)');
  }
  if (/^\d+$/.test(labels.at(-1) ?? '')) return fail('is not a host name: its last label is a number');
  if (scope === 'tenant' && (host === 'localhost' || host.endsWith('.localhost'))) {
    return fail("names localhost, which a tenant cannot allow (only the platform's OUTBOUND_ALLOW can)");
  }
  return { ok: true, entry: { kind: 'host', text: subdomains ? `*.${host}` : host, host, subdomains } };
}

export type AllowlistParseResult =
  | { ok: true; allowlist: OutboundAllowlist }
  | { ok: false; errors: InvalidAllowlistEntryError[] };

/** Every entry parsed; every bad one reported (each naming itself). Duplicates are dropped. */
export function parseOutboundAllowlist(
  entries: readonly string[],
  scope: AllowlistScope,
): AllowlistParseResult {
  const errors: InvalidAllowlistEntryError[] = [];
  const parsed: AllowlistEntry[] = [];
  if (entries.length > MAX_ALLOWLIST_ENTRIES) {
    errors.push(
      new InvalidAllowlistEntryError(
        String(entries[MAX_ALLOWLIST_ENTRIES]),
        `is one too many: at most ${MAX_ALLOWLIST_ENTRIES} entries`,
        MAX_ALLOWLIST_ENTRIES,
      ),
    );
  }
  entries.forEach((text, index) => {
    const result = parseAllowlistEntry(text, scope, index);
    if (!result.ok) errors.push(result.error);
    else if (!parsed.some((entry) => entry.text === result.entry.text)) parsed.push(result.entry);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, allowlist: { entries: parsed } };
}

/** `OUTBOUND_ALLOW`'s format: comma-separated entries, blanks ignored. */
export function splitAllowlistText(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** The entries as text, in the canonical form they were stored in. */
export function allowlistEntries(allowlist: OutboundAllowlist): string[] {
  return allowlist.entries.map((entry) => entry.text);
}

/**
 * Whether the list lets Tidings reach `address` for `host`. A metadata address is matched only by an
 * entry naming exactly that address: no range and no host name opens it.
 */
export function allowlistAllows(
  allowlist: OutboundAllowlist | undefined,
  address: AddressInfo,
  host: string,
): boolean {
  if (!allowlist) return false;
  const ip = parseIp(address.address);
  if (!ip) return false;
  const v4 = embeddedIpv4(ip);
  const candidates: IpBytes[] = v4 ? [ip, { family: 4, bytes: v4 }] : [ip];
  const name = bareAddress(host).replace(/\.$/, '');
  return allowlist.entries.some((entry) => {
    if (entry.kind === 'cidr') {
      const exact = entry.prefix === (entry.network.family === 4 ? 32 : 128);
      if (address.range === 'metadata' && !exact) return false;
      return candidates.some((candidate) => inBlock(candidate, entry.network, entry.prefix));
    }
    if (address.range === 'metadata') return false;
    return entry.subdomains ? name.endsWith(`.${entry.host}`) : name === entry.host;
  });
}

/** Joins allowlists (the platform's with a tenant's, say). */
export function mergeAllowlists(...lists: (OutboundAllowlist | undefined)[]): OutboundAllowlist {
  return { entries: lists.flatMap((list) => list?.entries ?? []) };
}

function zeroHostBits(network: IpBytes, prefix: number): Uint8Array {
  const bytes = Uint8Array.from(network.bytes);
  for (let bit = prefix; bit < bytes.length * 8; bit++) {
    bytes[bit >> 3]! &= ~(0x80 >> (bit & 7));
  }
  return bytes;
}

function formatNetwork(network: IpBytes, prefix: number): string {
  const bytes = zeroHostBits(network, prefix);
  if (network.family === 4) return formatIpv4(bytes);
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}
