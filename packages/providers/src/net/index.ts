export type { AddressInfo, AddressRange, IpBytes } from './address.ts';
export {
  bareAddress,
  classifyAddress,
  embeddedIpv4,
  isLoopbackAddress,
  METADATA_ADDRESSES,
  PLATFORM_ONLY_RANGES,
  parseIp,
} from './address.ts';
export type { AllowlistEntry, AllowlistParseResult, AllowlistScope, OutboundAllowlist } from './allowlist.ts';
export {
  allowlistAllows,
  allowlistEntries,
  EMPTY_OUTBOUND_ALLOWLIST,
  InvalidAllowlistEntryError,
  MAX_ALLOWLIST_ENTRIES,
  mergeAllowlists,
  parseAllowlistEntry,
  parseOutboundAllowlist,
  splitAllowlistText,
} from './allowlist.ts';
export type { CheckedTarget, OutboundLookup, OutboundPolicy, ResolvedAddress } from './check.ts';
export {
  checkHost,
  checkTarget,
  LOOPBACK_OUTBOUND_ALLOWLIST,
  OutboundLookupError,
  OutboundRefusedError,
  platformOutboundAllowlist,
  refusal,
  systemLookup,
  tenantAllowlistFrom,
} from './check.ts';
export {
  createGuardedAgent,
  fetchThrough,
  GuardedAgents,
  guardedLookup,
  outboundErrorOf,
} from './guarded-fetch.ts';
export { outboundOutcome } from './outcome.ts';
