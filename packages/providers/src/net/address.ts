/**
 * A pure classifier of IP addresses for outbound safety (SSRF): which range an address is in and how to
 * say so to a person. No DNS, no I/O.
 *
 * Ranges: RFC 6890 (special-purpose registries), RFC 1918 (private), RFC 6598 (shared/CGNAT), RFC 3927
 * (IPv4 link-local), RFC 4291 (IPv6 loopback, link-local, IPv4-mapped), RFC 4193 (unique-local), RFC 6052
 * (NAT64), RFC 3056 (6to4), RFC 5737/3849 (documentation), RFC 2544 (benchmarking).
 */
import { isIPv4, isIPv6 } from 'node:net';

export type AddressRange =
  | 'public'
  | 'loopback'
  | 'unspecified'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'shared'
  | 'metadata'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved';

/** Ranges only the platform's allowlist (OUTBOUND_ALLOW) can open: a tenant's allowlist never does. */
export const PLATFORM_ONLY_RANGES: ReadonlySet<AddressRange> = new Set([
  'loopback',
  'unspecified',
  'metadata',
]);

export type IpBytes = { family: 4 | 6; bytes: Uint8Array };

export type AddressInfo = {
  /** The address as given, lower-cased, without brackets or zone. */
  address: string;
  family: 4 | 6;
  range: AddressRange;
  /** "a private address", "a loopback address (IPv4 127.0.0.1 inside an IPv6 address)", ... */
  description: string;
  /** The IPv4 address an IPv6 address carries (IPv4-mapped, NAT64, 6to4), which is where packets go. */
  embeddedIpv4?: string;
};

const DESCRIPTIONS: Record<AddressRange, string> = {
  public: 'a public address',
  loopback: 'a loopback address',
  unspecified: "an unspecified ('this host') address",
  private: 'a private address',
  'link-local': 'a link-local address',
  'unique-local': 'a unique-local (private) IPv6 address',
  shared: 'a carrier-grade NAT (shared) address',
  metadata: 'a cloud metadata service address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  documentation: 'a documentation address (never routed)',
  benchmarking: 'a benchmarking address (never routed)',
  reserved: 'a reserved address',
};

/**
 * Cloud instance metadata services, which hand out credentials to whoever asks from inside the machine:
 * AWS/GCP/Azure/OpenStack 169.254.169.254, AWS ECS 169.254.170.2, EKS pod identity 169.254.170.23,
 * Tencent Cloud 169.254.0.23, Alibaba Cloud 100.100.100.200, Oracle Cloud 192.0.0.192, AWS IMDS over IPv6.
 */
export const METADATA_ADDRESSES: readonly string[] = [
  '169.254.169.254',
  '169.254.170.2',
  '169.254.170.23',
  '169.254.0.23',
  '100.100.100.200',
  '192.0.0.192',
  'fd00:ec2::254',
  'fd00:ec2::23',
];

type Block = { network: IpBytes; prefix: number; range: AddressRange };

function block(text: string, range: AddressRange): Block {
  const [address, prefix] = text.split('/') as [string, string];
  return { network: parseIp(address)!, prefix: Number(prefix), range };
}

/** First match wins, so more specific blocks come first. */
const IPV4_BLOCKS: readonly Block[] = [
  block('0.0.0.0/8', 'unspecified'),
  block('10.0.0.0/8', 'private'),
  block('100.64.0.0/10', 'shared'),
  block('127.0.0.0/8', 'loopback'),
  block('169.254.0.0/16', 'link-local'),
  block('172.16.0.0/12', 'private'),
  block('192.0.0.0/24', 'reserved'),
  block('192.0.2.0/24', 'documentation'),
  block('192.88.99.0/24', 'reserved'),
  block('192.168.0.0/16', 'private'),
  block('198.18.0.0/15', 'benchmarking'),
  block('198.51.100.0/24', 'documentation'),
  block('203.0.113.0/24', 'documentation'),
  block('224.0.0.0/4', 'multicast'),
  block('255.255.255.255/32', 'broadcast'),
  block('240.0.0.0/4', 'reserved'),
];

const IPV6_BLOCKS: readonly Block[] = [
  block('::/128', 'unspecified'),
  block('::1/128', 'loopback'),
  block('64:ff9b:1::/48', 'private'),
  // IPv4-compatible (deprecated) and the rest of ::/8 other than ::ffff:0:0/96 (handled before this list).
  block('::/8', 'reserved'),
  block('100::/64', 'reserved'),
  block('2001::/32', 'reserved'),
  block('2001:db8::/32', 'documentation'),
  block('fc00::/7', 'unique-local'),
  block('fe80::/10', 'link-local'),
  block('fec0::/10', 'private'),
  block('ff00::/8', 'multicast'),
];

const GLOBAL_UNICAST_V6 = block('2000::/3', 'public');

/** Parses a textual IPv4 or IPv6 address (brackets and a zone id allowed); undefined when it is not one. */
export function parseIp(text: string): IpBytes | undefined {
  const address = bareAddress(text);
  if (isIPv4(address)) return { family: 4, bytes: Uint8Array.from(address.split('.').map(Number)) };
  if (!isIPv6(address)) return undefined;
  let head = address;
  let tailV4: number[] = [];
  const lastColon = address.lastIndexOf(':');
  const maybeV4 = address.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    tailV4 = maybeV4.split('.').map(Number);
    head = `${address.slice(0, lastColon + 1)}${tailV4.length ? '0:0' : ''}`;
  }
  const [left = '', right] = head.split('::') as [string, string | undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const leftGroups = groups(left);
  const rightGroups = right === undefined ? [] : groups(right);
  const missing = 8 - leftGroups.length - rightGroups.length;
  const all =
    right === undefined ? leftGroups : [...leftGroups, ...new Array(missing).fill(0), ...rightGroups];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    bytes[i * 2] = (group >> 8) & 0xff;
    bytes[i * 2 + 1] = group & 0xff;
  });
  if (tailV4.length === 4) bytes.set(tailV4, 12);
  return { family: 6, bytes };
}

/** `[::1]` → `::1`, `fe80::1%eth0` → `fe80::1`, lower-cased. */
export function bareAddress(text: string): string {
  let address = text.trim().toLowerCase();
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  const zone = address.indexOf('%');
  return zone === -1 ? address : address.slice(0, zone);
}

/** Whether `address` lies inside `network`/`prefix` (same family only). */
export function inBlock(address: IpBytes, network: IpBytes, prefix: number): boolean {
  if (address.family !== network.family) return false;
  let bits = prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((address.bytes[i] ?? 0) & mask) !== ((network.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

export function formatIpv4(bytes: Uint8Array): string {
  return [...bytes].join('.');
}

function ipv4Range(bytes: Uint8Array): AddressRange {
  const address: IpBytes = { family: 4, bytes };
  const text = formatIpv4(bytes);
  if (METADATA_ADDRESSES.includes(text)) return 'metadata';
  return IPV4_BLOCKS.find((b) => inBlock(address, b.network, b.prefix))?.range ?? 'public';
}

/**
 * The IPv4 address an IPv6 address delivers to, when it carries one: IPv4-mapped (::ffff:a.b.c.d, which
 * a dual-stack socket sends over IPv4), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
 */
export function embeddedIpv4(address: IpBytes): Uint8Array | undefined {
  if (address.family !== 6) return undefined;
  const b = address.bytes;
  const zeros = (from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12, 16);
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12))
    return b.slice(12, 16);
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6);
  return undefined;
}

/** Classifies an IP address; undefined when `text` is not an IP address (a host name, say). */
export function classifyAddress(text: string): AddressInfo | undefined {
  const parsed = parseIp(text);
  if (!parsed) return undefined;
  const address = bareAddress(text);
  if (parsed.family === 4) {
    const range = ipv4Range(parsed.bytes);
    return { address, family: 4, range, description: DESCRIPTIONS[range] };
  }
  const embedded = embeddedIpv4(parsed);
  if (embedded) {
    const range = ipv4Range(embedded);
    const v4 = formatIpv4(embedded);
    return {
      address,
      family: 6,
      range,
      description:
        range === 'public'
          ? DESCRIPTIONS.public
          : `${DESCRIPTIONS[range]} (IPv4 ${v4} inside an IPv6 address)`,
      embeddedIpv4: v4,
    };
  }
  const canonical = METADATA_ADDRESSES.filter((m) => m.includes(':')).some((m) =>
    parseIp(m)!.bytes.every((byte, i) => byte === parsed.bytes[i]),
  );
  if (canonical) return { address, family: 6, range: 'metadata', description: DESCRIPTIONS.metadata };
  const found = IPV6_BLOCKS.find((b) => inBlock(parsed, b.network, b.prefix));
  // Only 2000::/3 is assigned for global unicast; anything else not listed is not a place to send to.
  const range =
    found?.range ??
    (inBlock(parsed, GLOBAL_UNICAST_V6.network, GLOBAL_UNICAST_V6.prefix) ? 'public' : 'reserved');
  return { address, family: 6, range, description: DESCRIPTIONS[range] };
}

export function isLoopbackAddress(text: string): boolean {
  return classifyAddress(text)?.range === 'loopback';
}
