import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWeComClient } from './client.ts';

/** A real forward proxy (HTTP CONNECT), counting the tunnels it opened. */
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];
/** A stand-in WeCom answering gettoken and message/send. */
let wecom: Server;
let wecomUrl: string;

beforeAll(async () => {
  wecom = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/cgi-bin/gettoken'))
      res.end('{"errcode":0,"access_token":"tok","expires_in":7200}');
    else res.end('{"errcode":0,"errmsg":"ok","invaliduser":"","msgid":"m1"}');
  });
  proxy = createServer();
  proxy.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
  });
  for (const server of [wecom, proxy])
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  wecomUrl = `http://127.0.0.1:${(wecom.address() as AddressInfo).port}`;
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const server of [proxy, wecom]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('WeCom app behind an outbound proxy', () => {
  it('sends the token request and the message through the proxy', async () => {
    const client = createWeComClient({ baseUrl: wecomUrl });
    const result = await client.sendAppMessage(
      { corpId: 'c', corpSecret: 's', agentId: 1, safe: false, proxyUrl },
      { touser: ['u1'], message: { msgtype: 'text', content: 'hi' } },
    );
    expect(result.recipients).toEqual([
      { userid: 'u1', outcome: expect.objectContaining({ kind: 'delivered' }) },
    ]);
    const target = new URL(wecomUrl).host;
    expect(tunnels.length).toBeGreaterThanOrEqual(1);
    expect(tunnels.every((t) => t === target)).toBe(true);
  });

  it('goes direct when the app has no proxy', async () => {
    const before = tunnels.length;
    const client = createWeComClient({ baseUrl: wecomUrl });
    const result = await client.sendAppMessage(
      { corpId: 'c2', corpSecret: 's', agentId: 1, safe: false },
      { touser: ['u1'], message: { msgtype: 'text', content: 'hi' } },
    );
    expect(result.recipients[0]!.outcome.kind).toBe('delivered');
    expect(tunnels.length).toBe(before);
  });
});
