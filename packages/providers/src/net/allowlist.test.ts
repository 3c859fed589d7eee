import { describe, expect, it } from 'vitest';
import { classifyAddress } from './address.ts';
import {
  allowlistAllows,
  allowlistEntries,
  InvalidAllowlistEntryError,
  parseAllowlistEntry,
  parseOutboundAllowlist,
  splitAllowlistText,
} from './allowlist.ts';

const allowlist = (entries: string[], scope: 'platform' | 'tenant' = 'platform') => {
  const parsed = parseOutboundAllowlist(entries, scope);
  if (!parsed.ok) throw parsed.errors[0];
  return parsed.allowlist;
};
const allows = (entries: string[], address: string, host = address) =>
  allowlistAllows(allowlist(entries), classifyAddress(address)!, host);

describe('parseOutboundAllowlist', () => {
  it('reads CIDRs, single addresses and host names into canonical entries', () => {
    expect(
      allowlistEntries(
        allowlist([
          '10.20.0.0/16',
          ' 10.1.2.3 ',
          '::1',
          '[fd12::1]',
          'FD12:3456::/32',
          'Hooks.Corp.Example.',
          '*.corp.example',
        ]),
      ),
    ).toEqual([
      '10.20.0.0/16',
      '10.1.2.3/32',
      '::1/128',
      'fd12::1/128',
      'fd12:3456::/32',
      'hooks.corp.example',
      '*.corp.example',
    ]);
  });

  it('names every bad entry with a typed error saying what is wrong', () => {
    const parsed = parseOutboundAllowlist(
      [
        '10.0.0.0/8',
        '10.0.0.0/33',
        '10.0.0/8',
        '10.0.0.1/8',
        'not a host!',
        'http://x.example/',
        '',
        'fd00::/129',
      ],
      'platform',
    );
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors.every((error) => error instanceof InvalidAllowlistEntryError)).toBe(true);
    expect(errors.map((error) => [error.index, error.entry])).toEqual([
      [1, '10.0.0.0/33'],
      [2, '10.0.0/8'],
      [3, '10.0.0.1/8'],
      [4, 'not a host!'],
      [5, 'http://x.example/'],
      [6, ''],
      [7, 'fd00::/129'],
    ]);
    expect(errors[0]!.message).toBe(
      'outbound allowlist entry "10.0.0.0/33" is not a CIDR range: the prefix length must be a whole number from 0 to 32',
    );
    expect(errors[2]!.message).toBe(
      'outbound allowlist entry "10.0.0.1/8" has bits set after its /8 prefix; did you mean 10.0.0.0/8?',
    );
  });

  it("refuses tenant entries that would open loopback, 'this host' or a metadata service", () => {
    for (const entry of [
      '127.0.0.0/8',
      '127.0.0.1',
      '0.0.0.0/0',
      '::1',
      '::/0',
      '169.254.0.0/16',
      '100.64.0.0/10',
      'fd00::/8',
      'localhost',
    ]) {
      const result = parseAllowlistEntry(entry, 'tenant');
      expect(result.ok, entry).toBe(false);
      expect(!result.ok && result.error.message).toMatch(
        /a tenant cannot allow \(only the platform's OUTBOUND_ALLOW can\)/,
      );
    }
    expect(parseAllowlistEntry('169.254.10.0/24', 'tenant').ok).toBe(true);
    expect(parseAllowlistEntry('10.0.0.0/8', 'tenant').ok).toBe(true);
    expect(parseAllowlistEntry('127.0.0.0/8', 'platform').ok).toBe(true);
  });

  it('splits OUTBOUND_ALLOW text on commas', () => {
    expect(splitAllowlistText(' 127.0.0.0/8, ::1 ,,hooks.example ')).toEqual([
      '127.0.0.0/8',
      '::1',
      'hooks.example',
    ]);
  });
});

describe('allowlistAllows', () => {
  it('matches CIDRs, including an IPv4 range for its IPv4-mapped IPv6 form', () => {
    expect(allows(['10.0.0.0/8'], '10.1.2.3')).toBe(true);
    expect(allows(['10.0.0.0/8'], '::ffff:10.1.2.3')).toBe(true);
    expect(allows(['10.0.0.0/8'], '192.168.0.1')).toBe(false);
    expect(allows(['fd12::/16'], 'fd12:1::5')).toBe(true);
    expect(allows(['fd12::/16'], 'fd13::5')).toBe(false);
  });

  it('matches host names exactly, or their subdomains with *.', () => {
    expect(allows(['hooks.corp.example'], '10.0.0.5', 'hooks.corp.example')).toBe(true);
    expect(allows(['hooks.corp.example'], '10.0.0.5', 'evil.hooks.corp.example')).toBe(false);
    expect(allows(['*.corp.example'], '10.0.0.5', 'a.b.corp.example')).toBe(true);
    expect(allows(['*.corp.example'], '10.0.0.5', 'corp.example')).toBe(false);
  });

  it('opens a metadata address only by naming it exactly', () => {
    expect(allows(['169.254.0.0/16'], '169.254.169.254')).toBe(false);
    expect(allows(['metadata.internal'], '169.254.169.254', 'metadata.internal')).toBe(false);
    expect(allows(['169.254.169.254'], '169.254.169.254')).toBe(true);
  });
});
