import { describe, expect, it } from 'vitest';
import { classifyAddress, embeddedIpv4, parseIp } from './address.ts';

const rangeOf = (address: string) => classifyAddress(address)?.range;

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['93.184.215.14', 'public'],
    ['1.1.1.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['100.128.0.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['192.0.0.192', 'metadata'],
    ['172.15.255.255', 'public'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ])('IPv4 %s is %s', (address, range) => {
    expect(rangeOf(address)).toBe(range);
  });

  it.each([
    ['2606:4700:4700::1111', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['fc00::1', 'unique-local'],
    ['fd00::1', 'unique-local'],
    ['fd00:ec2::254', 'metadata'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:0:4136:e378::1', 'reserved'],
    ['100::1', 'reserved'],
    ['::10.0.0.1', 'reserved'],
    ['4000::1', 'reserved'],
  ])('IPv6 %s is %s', (address, range) => {
    expect(rangeOf(address)).toBe(range);
  });

  it('classifies an IPv6 address by the IPv4 address it carries (mapped, NAT64, 6to4)', () => {
    expect(classifyAddress('::ffff:10.0.0.1')).toEqual({
      address: '::ffff:10.0.0.1',
      family: 6,
      range: 'private',
      description: 'a private address (IPv4 10.0.0.1 inside an IPv6 address)',
      embeddedIpv4: '10.0.0.1',
    });
    expect(rangeOf('::ffff:a00:1')).toBe('private');
    expect(rangeOf('[::FFFF:127.0.0.1]')).toBe('loopback');
    expect(rangeOf('::ffff:169.254.169.254')).toBe('metadata');
    expect(rangeOf('0:0:0:0:0:ffff:c0a8:0101')).toBe('private');
    expect(rangeOf('::ffff:8.8.8.8')).toBe('public');
    expect(rangeOf('64:ff9b::10.1.2.3')).toBe('private');
    expect(rangeOf('64:ff9b::8.8.8.8')).toBe('public');
    expect(rangeOf('64:ff9b:1::1')).toBe('private');
    expect(rangeOf('2002:7f00:1::')).toBe('loopback');
    expect(rangeOf('2002:a9fe:a9fe::1')).toBe('metadata');
    expect(rangeOf('2002:0808:0808::1')).toBe('public');
  });

  it('describes each range for a person', () => {
    expect(classifyAddress('10.0.0.1')?.description).toBe('a private address');
    expect(classifyAddress('169.254.169.254')?.description).toBe('a cloud metadata service address');
    expect(classifyAddress('127.0.0.1')?.description).toBe('a loopback address');
    expect(classifyAddress('fd00::1')?.description).toBe('a unique-local (private) IPv6 address');
  });

  it('is undefined for anything that is not an IP address', () => {
    for (const text of [
      'example.com',
      'localhost',
      '10.0.0',
      '10.0.0.256',
      '2130706433',
      '0x7f.1',
      '',
      ':::1',
    ]) {
      expect(classifyAddress(text)).toBeUndefined();
    }
  });
});

describe('parseIp', () => {
  it('expands IPv6 with :: and a dotted tail', () => {
    expect([...parseIp('::ffff:10.0.0.1')!.bytes]).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 10, 0, 0, 1,
    ]);
    expect([...parseIp('1:2:3:4:5:6:7:8')!.bytes]).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect([...parseIp('fe80::')!.bytes].slice(0, 2)).toEqual([0xfe, 0x80]);
    expect(embeddedIpv4(parseIp('::1')!)).toBeUndefined();
  });
});
