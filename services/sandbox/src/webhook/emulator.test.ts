import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// The providers' package entry does not export the webhook client yet, so it is imported by path.
import { createWebhookClient } from '@tidings/providers';
import { afterEach, describe, expect, it } from 'vitest';
import type { VendorEmulator } from '../emulator.ts';
import { createWebhookEmulator, type WebhookEmulator } from './emulator.ts';

let server: Server | undefined;

/** Serves one VendorEmulator over HTTP the way sandbox.ts offers requests to emulators. */
async function serve(emulator: VendorEmulator): Promise<string> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const answer = await emulator.handle({
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://sandbox.invalid'),
        headers: req.headers,
        bodyText: Buffer.concat(chunks).toString('utf8'),
      });
      if (!answer) {
        res.writeHead(404).end();
        return;
      }
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const type = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
      res.writeHead(answer.status, { 'content-type': type, ...answer.headers }).end(text);
    });
  });
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

const secret = 'whsec_sandbox_0123456789';
const event = {
  type: 'ticket.comment_added',
  deliveryId: 'dlv_1',
  occurredAt: '2026-11-22T04:00:00.000Z',
  tenantId: 'ten_1',
  projectId: 'prj_1',
  ticket: { id: 't1', key: 'OPS-1', title: 'Disk full', status: 'open', url: null },
  actor: null,
  recipients: [],
  change: {},
  attributes: {},
};

async function setup(endpoint: Record<string, unknown> = { secret }) {
  const emulator = createWebhookEmulator();
  const base = await serve(emulator);
  const put = await fetch(`${base}/_sandbox/webhook/endpoints/ep1`, {
    method: 'PUT',
    body: JSON.stringify(endpoint),
  });
  expect(put.status).toBe(200);
  return { emulator, base, url: `${base}/webhook/receive/ep1`, client: createWebhookClient() };
}

async function inbox(base: string, endpointId = 'ep1') {
  const response = await fetch(`${base}/_sandbox/webhook/deliveries?endpointId=${endpointId}`);
  return ((await response.json()) as { deliveries: WebhookEmulator['deliveries'] }).deliveries;
}

describe('webhook client against the webhook emulator', () => {
  it('a signed delivery is verified, accepted and listed in the inbox', async () => {
    const { url, base, client } = await setup({ secret, bearerToken: 'tok-1' });
    const outcome = await client.send({ url, secret, bearerToken: 'tok-1' }, event, {
      idempotencyKey: 'dlv_1',
    });
    expect(outcome).toEqual({ kind: 'delivered', httpStatus: 200 });
    expect(await inbox(base)).toEqual([
      expect.objectContaining({ endpointId: 'ep1', deliveryId: 'dlv_1', signed: true, body: event }),
    ]);
  });

  it('a wrong secret is refused with 401, which is permanent', async () => {
    const { url, base, client, emulator } = await setup();
    const outcome = await client.send({ url, secret: 'another_secret_0123456' }, event, {
      idempotencyKey: 'k',
    });
    expect(outcome).toMatchObject({ kind: 'permanent', code: 'http_401', httpStatus: 401 });
    expect(outcome.kind === 'permanent' && outcome.reason).toMatch(/signature mismatch/);
    expect(await inbox(base)).toEqual([]);
    expect(emulator.attempts).toMatchObject([
      { result: 'rejected', status: 401, error: 'signature mismatch' },
    ]);
  });

  it('a wrong bearer token or a stale timestamp is refused with 401', async () => {
    const { url, client } = await setup({ secret, bearerToken: 'tok-1' });
    expect(
      await client.send({ url, secret, bearerToken: 'tok-2' }, event, { idempotencyKey: 'k' }),
    ).toMatchObject({
      kind: 'permanent',
      code: 'http_401',
    });
    const late = createWebhookClient({ now: () => Date.now() - 10 * 60_000 });
    const outcome = await late.send({ url, secret, bearerToken: 'tok-1' }, event, { idempotencyKey: 'k' });
    expect(outcome.kind === 'permanent' && outcome.reason).toMatch(/more than 300 s away/);
  });

  it('429 with Retry-After is retried after that delay', async () => {
    const { url, client } = await setup({ secret, respondWith: { status: 429, retryAfter: '7' } });
    expect(await client.send({ url, secret }, event, { idempotencyKey: 'k' })).toMatchObject({
      kind: 'retry',
      retryAfterSeconds: 7,
      code: 'http_429',
    });
  });

  it('503 is retried', async () => {
    const { url, client } = await setup({ secret, respondWith: { status: 503 } });
    expect(await client.send({ url, secret }, event, { idempotencyKey: 'k' })).toMatchObject({
      kind: 'retry',
      retryAfterSeconds: 30,
      code: 'http_503',
    });
  });

  it('a redirect is permanent and not followed', async () => {
    const { url, client, emulator } = await setup({
      secret,
      respondWith: { status: 307, location: '/webhook/receive/ep2' },
    });
    emulator.putEndpoint('ep2', { secret });
    expect(await client.send({ url, secret }, event, { idempotencyKey: 'k' })).toMatchObject({
      kind: 'permanent',
      code: 'http_307',
    });
    expect(emulator.attempts.map((a) => a.endpointId)).toEqual(['ep1']);
  });

  it('a duplicate delivery id is answered 200 but recorded once', async () => {
    const { url, base, client, emulator } = await setup();
    for (let i = 0; i < 2; i++) {
      expect(await client.send({ url, secret }, event, { idempotencyKey: 'dlv_same' })).toMatchObject({
        kind: 'delivered',
      });
    }
    expect(await client.send({ url, secret }, event, { idempotencyKey: 'dlv_other' })).toMatchObject({
      kind: 'delivered',
    });
    expect((await inbox(base)).map((d) => d.deliveryId)).toEqual(['dlv_same', 'dlv_other']);
    expect(emulator.attempts.map((a) => a.result)).toEqual(['accepted', 'duplicate', 'accepted']);
  });
});

describe('webhook emulator controls', () => {
  const request = (method: string, path: string, bodyText = '', headers: Record<string, string> = {}) => ({
    method,
    url: new URL(path, 'http://sandbox.invalid'),
    headers,
    bodyText,
  });

  it('validates endpoint bodies, naming unknown fields', async () => {
    const emulator = createWebhookEmulator();
    const answer = await emulator.handle(request('PUT', '/_sandbox/webhook/endpoints/e', '{"secert":"x"}'));
    expect(answer).toMatchObject({
      status: 400,
      body: { issues: [{ field: 'secert', message: 'unknown field' }] },
    });
  });

  it('unsigned endpoints still require JSON and a delivery id; unknown endpoints are 404; reset forgets', async () => {
    const emulator = createWebhookEmulator();
    emulator.putEndpoint('open', {});
    expect(await emulator.handle(request('POST', '/webhook/receive/nope', '{}'))).toMatchObject({
      status: 404,
    });
    expect(
      await emulator.handle(
        request('POST', '/webhook/receive/open', 'hello', { 'content-type': 'application/json' }),
      ),
    ).toMatchObject({ status: 400 });
    expect(await emulator.handle(request('POST', '/webhook/receive/open', '{}'))).toMatchObject({
      status: 415,
    });
    const ok = request('POST', '/webhook/receive/open', '{}', {
      'content-type': 'application/json',
      'x-tidings-delivery-id': 'd1',
    });
    expect(await emulator.handle(ok)).toMatchObject({ status: 200 });
    expect(emulator.deliveries).toMatchObject([{ deliveryId: 'd1', signed: false }]);
    emulator.reset(false);
    expect(emulator.deliveries).toEqual([]);
    expect(await emulator.handle(ok)).toMatchObject({ status: 200, body: { ok: true } });
    expect(emulator.deliveries).toHaveLength(1);
    emulator.reset(true);
    expect(emulator.endpoints.size).toBe(0);
    expect(await emulator.handle(request('GET', '/dingtalk/oapi/robot/send'))).toBeUndefined();
  });
});
