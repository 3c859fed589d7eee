import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson, postJsonToTenantTarget } from './http.ts';
import { EMPTY_OUTBOUND_ALLOWLIST, LOOPBACK_OUTBOUND_ALLOWLIST } from './net/check.ts';

let server: Server | undefined;

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const current = server;
  server = undefined;
  if (!current) return;
  current.closeAllConnections();
  await new Promise((resolve) => current.close(resolve));
});

describe('postJson', () => {
  it('posts the body and headers and returns status, content type and body text', async () => {
    let seen: { method?: string; url?: string; contentType?: string; body: string } = { body: '' };
    const url = await listen((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        seen = { method: req.method, url: req.url, contentType: req.headers['content-type'], body };
        res.writeHead(201, { 'content-type': 'application/json' }).end('{"errcode":0}');
      });
    });
    const result = await postJson(
      `${url}/x?a=1`,
      '{"a":1}',
      { 'content-type': 'application/json' },
      { timeoutMs: 2000 },
    );
    expect(result).toEqual({
      kind: 'response',
      status: 201,
      contentType: 'application/json',
      bodyText: '{"errcode":0}',
    });
    expect(seen).toEqual({ method: 'POST', url: '/x?a=1', contentType: 'application/json', body: '{"a":1}' });
  });

  it('does not follow redirects', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    });
    expect(await postJson(url, '{}', {}, { timeoutMs: 2000 })).toMatchObject({
      kind: 'response',
      status: 302,
    });
  });

  it('a refused connection → retry with code network and the cause in the reason', async () => {
    const url = await listen(() => {});
    const closing = server;
    server = undefined;
    await new Promise((resolve) => closing?.close(resolve));
    const result = await postJson(url, '{}', {}, { timeoutMs: 2000 });
    expect(result).toMatchObject({ kind: 'retry', code: 'network', retryAfterSeconds: 30 });
    expect(result.kind === 'retry' && result.reason).toMatch(/^network error: .*ECONNREFUSED/);
  });

  it('no answer in time → retry with code timeout', async () => {
    const url = await listen(() => {});
    expect(await postJson(url, '{}', {}, { timeoutMs: 100 })).toEqual({
      kind: 'retry',
      code: 'timeout',
      retryAfterSeconds: 30,
      reason: 'no answer within 100 ms; the vendor may be slow or unreachable',
    });
  });

  it('a body that stalls after the headers → retry with code timeout', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"errcode"');
    });
    expect(await postJson(url, '{}', {}, { timeoutMs: 150 })).toMatchObject({
      kind: 'retry',
      code: 'timeout',
    });
  });
});

describe('postJsonToTenantTarget', () => {
  it('checks a tenant-supplied URL before sending: refused in production, sent when allowed', async () => {
    let requests = 0;
    const url = await listen((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const refused = await postJsonToTenantTarget(
      `${url}/hook`,
      '{}',
      {},
      {
        timeoutMs: 2000,
        outbound: { platform: EMPTY_OUTBOUND_ALLOWLIST },
      },
    );
    expect(refused).toMatchObject({ kind: 'permanent', code: 'outbound_refused' });
    expect(refused.kind === 'permanent' && refused.reason).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(requests).toBe(0);
    const private10 = await postJsonToTenantTarget(
      'http://10.0.0.1/hook',
      '{}',
      {},
      {
        timeoutMs: 2000,
        outbound: { platform: LOOPBACK_OUTBOUND_ALLOWLIST },
      },
    );
    expect(private10).toMatchObject({ kind: 'permanent', code: 'outbound_refused' });
    const sent = await postJsonToTenantTarget(
      `${url}/hook`,
      '{}',
      {},
      {
        timeoutMs: 2000,
        outbound: { platform: LOOPBACK_OUTBOUND_ALLOWLIST },
      },
    );
    expect(sent).toMatchObject({ kind: 'response', status: 200 });
    expect(requests).toBe(1);
  });
});
