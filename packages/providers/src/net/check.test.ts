import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type OutboundAllowlist, parseOutboundAllowlist } from './allowlist.ts';
import {
  checkHost,
  checkTarget,
  EMPTY_OUTBOUND_ALLOWLIST,
  LOOPBACK_OUTBOUND_ALLOWLIST,
  type OutboundLookup,
  OutboundLookupError,
  OutboundRefusedError,
  tenantAllowlistFrom,
} from './check.ts';
import { createGuardedAgent, fetchThrough, outboundErrorOf } from './guarded-fetch.ts';

const list = (entries: string[], scope: 'platform' | 'tenant'): OutboundAllowlist => {
  const parsed = parseOutboundAllowlist(entries, scope);
  if (!parsed.ok) throw parsed.errors[0];
  return parsed.allowlist;
};
/** A resolver that knows only these names (no DNS). */
const names =
  (table: Record<string, string[]>): OutboundLookup =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
const production = { platform: EMPTY_OUTBOUND_ALLOWLIST };

describe('checkTarget', () => {
  it('refuses a private literal with the address, the reason and the way to allow it', async () => {
    await expect(checkTarget('https://10.0.0.1/hook', production)).rejects.toThrow(
      "10.0.0.1 is a private address; add it to the tenant's outbound allowlist to allow it",
    );
    const error = await checkTarget('https://10.0.0.1/hook', production).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(error).toMatchObject({
      code: 'outbound_refused',
      host: '10.0.0.1',
      address: '10.0.0.1',
      range: 'private',
    });
  });

  it('names the host and the address it resolved to', async () => {
    const lookup = names({ 'hooks.internal.example': ['10.1.2.3'] });
    await expect(checkTarget('https://hooks.internal.example/x', { ...production, lookup })).rejects.toThrow(
      "hooks.internal.example resolves to 10.1.2.3, which is a private address; add it to the tenant's outbound allowlist to allow it",
    );
  });

  it('refuses a name when any one of its addresses is refused', async () => {
    const lookup = names({ 'mixed.example': ['93.184.215.14', '169.254.169.254'] });
    await expect(checkTarget('https://mixed.example/', { ...production, lookup })).rejects.toThrow(
      /mixed\.example resolves to 169\.254\.169\.254, which is a cloud metadata service address; Tidings never sends to it/,
    );
  });

  it('allows public addresses and returns what was checked', async () => {
    const lookup = names({
      'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    });
    const checked = await checkTarget('https://hooks.example.com/x', { ...production, lookup });
    expect(checked.host).toBe('hooks.example.com');
    expect(checked.addresses.map((a) => a.address)).toEqual([
      '93.184.215.14',
      '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
    ]);
  });

  it('loopback: refused in production, allowed by the development allowlist, never by a tenant', async () => {
    await expect(checkTarget('http://127.0.0.1:8080/', production)).rejects.toThrow(
      "127.0.0.1 is a loopback address; only the platform's OUTBOUND_ALLOW setting can allow it, not a tenant's allowlist",
    );
    await expect(checkTarget('http://[::1]:8080/', production)).rejects.toThrow(/::1 is a loopback address/);
    await expect(
      checkTarget('http://127.0.0.1:8080/', { platform: LOOPBACK_OUTBOUND_ALLOWLIST }),
    ).resolves.toBeDefined();
    await expect(
      checkTarget('http://[::1]:8080/', { platform: LOOPBACK_OUTBOUND_ALLOWLIST }),
    ).resolves.toBeDefined();
    // A tenant list cannot even be written to cover loopback; a host-name entry resolving there does not open it.
    const tenant = list(['sneaky.example'], 'tenant');
    const lookup = names({ 'sneaky.example': ['127.0.0.1'] });
    await expect(checkTarget('http://sneaky.example/', { ...production, tenant, lookup })).rejects.toThrow(
      /sneaky\.example resolves to 127\.0\.0\.1, which is a loopback address/,
    );
  });

  it("a tenant's allowlist opens private ranges and named hosts for that tenant", async () => {
    const tenant = list(['10.20.0.0/16', 'hooks.corp.example'], 'tenant');
    const lookup = names({ 'hooks.corp.example': ['192.168.7.7'] });
    await expect(checkTarget('https://10.20.1.1/', { ...production, tenant })).resolves.toBeDefined();
    await expect(
      checkTarget('https://[::ffff:10.20.1.1]/', { ...production, tenant }),
    ).resolves.toBeDefined();
    await expect(checkTarget('https://10.21.1.1/', { ...production, tenant })).rejects.toThrow(
      /10\.21\.1\.1 is a private/,
    );
    await expect(
      checkTarget('https://hooks.corp.example/', { ...production, tenant, lookup }),
    ).resolves.toBeDefined();
  });

  it('IPv6 forms of private addresses are refused', async () => {
    await expect(checkTarget('http://[::ffff:10.0.0.1]/', production)).rejects.toThrow(
      '::ffff:a00:1 is a private address (IPv4 10.0.0.1 inside an IPv6 address)',
    );
    await expect(checkTarget('http://[fd00::1]/', production)).rejects.toThrow(
      'fd00::1 is a unique-local (private) IPv6 address',
    );
    await expect(checkTarget('http://[fe80::1]/', production)).rejects.toThrow(
      'fe80::1 is a link-local address',
    );
  });

  it('a name that does not resolve is an OutboundLookupError with the resolver code', async () => {
    const error = await checkHost('nowhere.example', { ...production, lookup: names({}) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutboundLookupError);
    expect(error).toMatchObject({ code: 'ENOTFOUND', host: 'nowhere.example', notFound: true });
  });
});

describe('tenantAllowlistFrom', () => {
  it('keeps the entries that still parse', () => {
    expect(tenantAllowlistFrom(['10.0.0.0/8', '127.0.0.1'])?.entries.map((e) => e.text)).toEqual([
      '10.0.0.0/8',
    ]);
    expect(tenantAllowlistFrom([])).toBeUndefined();
    expect(tenantAllowlistFrom(null)).toBeUndefined();
  });
});

describe('the guarded agent (connect time)', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function receiver(): Promise<number> {
    server = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  it('connects to an allowed name, and refuses at connect time when the name now resolves elsewhere (rebinding)', async () => {
    const port = await receiver();
    let calls = 0;
    // First answer loopback (allowed here), then a private address: what a rebinding name server does.
    const lookup: OutboundLookup = async () => [
      { address: calls++ === 0 ? '127.0.0.1' : '10.0.0.1', family: 4 },
    ];
    const policy = { platform: LOOPBACK_OUTBOUND_ALLOWLIST, lookup };
    const first = createGuardedAgent(policy);
    const ok = await fetchThrough(first)(`http://rebind.example:${port}/`);
    expect(await ok.text()).toBe('ok');
    await first.close();
    const second = createGuardedAgent(policy);
    const error = await fetchThrough(second)(`http://rebind.example:${port}/`).catch((e: unknown) => e);
    await second.close();
    expect(outboundErrorOf(error)?.message).toBe(
      "rebind.example resolves to 10.0.0.1, which is a private address; add it to the tenant's outbound allowlist to allow it",
    );
  });

  it('refuses an IP literal before any socket exists', async () => {
    const agent = createGuardedAgent(production);
    const error = await fetchThrough(agent)('http://127.0.0.1:47123/').catch((e: unknown) => e);
    await agent.close();
    expect(outboundErrorOf(error)).toBeInstanceOf(OutboundRefusedError);
  });
});
