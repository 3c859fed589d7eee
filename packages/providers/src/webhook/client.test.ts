import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookClient } from './client.ts';
import { verifyWebhookSignature } from './sign.ts';

type Seen = { headers: IncomingHttpHeaders; body: string };
let server: Server | undefined;

async function receiver(
  answer: (n: number) => { status: number; headers?: Record<string, string>; body?: string },
) {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      const a = answer(seen.length);
      res.writeHead(a.status, a.headers ?? {}).end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, seen };
}

afterEach(async () => {
  const current = server;
  server = undefined;
  if (!current) return;
  current.closeAllConnections();
  await new Promise((resolve) => current.close(resolve));
});

const secret = 'whsec_test_0123456789';
const event = { type: 'ticket.comment_added', deliveryId: 'dlv_1', ticket: { id: 't1' } };

describe('createWebhookClient', () => {
  it('sends a full, freshly signed body on every attempt (unlike SQLE, which may resend an empty one)', async () => {
    const { url, seen } = await receiver((n) => (n === 1 ? { status: 503 } : { status: 204 }));
    let clock = 1_700_000_000_000;
    const client = createWebhookClient({ now: () => clock });
    expect(await client.send({ url, secret }, event, { idempotencyKey: 'dlv_1' })).toMatchObject({
      kind: 'retry',
      code: 'http_503',
    });
    clock += 61_000;
    expect(await client.send({ url, secret }, event, { idempotencyKey: 'dlv_1' })).toEqual({
      kind: 'delivered',
      httpStatus: 204,
    });
    expect(seen).toHaveLength(2);
    for (const [i, attempt] of seen.entries()) {
      expect(attempt.body).toBe(JSON.stringify(event));
      expect(attempt.headers['content-type']).toBe('application/json');
      expect(attempt.headers['x-tidings-delivery-id']).toBe('dlv_1');
      expect(attempt.headers.authorization).toBeUndefined();
      expect(attempt.headers['x-tidings-timestamp']).toBe(String(1_700_000_000 + i * 61));
      expect(
        verifyWebhookSignature({
          secret,
          timestampHeader: attempt.headers['x-tidings-timestamp'],
          signatureHeader: attempt.headers['x-tidings-signature'],
          body: attempt.body,
          now: clock,
          toleranceSeconds: 120,
        }),
      ).toMatchObject({ ok: true });
    }
  });

  it('does not follow redirects', async () => {
    const { url, seen } = await receiver(() => ({
      status: 302,
      headers: { location: 'http://127.0.0.1:1/elsewhere' },
    }));
    const outcome = await createWebhookClient().send({ url, secret, bearerToken: 'tok' }, event, {
      idempotencyKey: 'k',
    });
    expect(outcome).toMatchObject({ kind: 'permanent', code: 'http_302' });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.authorization).toBe('Bearer tok');
  });

  it('reads only a bounded excerpt of a large error answer', async () => {
    const { url } = await receiver(() => ({ status: 422, body: 'e'.repeat(100_000) }));
    const outcome = await createWebhookClient().send({ url, secret }, event, { idempotencyKey: 'k' });
    expect(outcome).toMatchObject({ kind: 'permanent', code: 'http_422' });
    expect(outcome.kind === 'permanent' && outcome.reason.length).toBeLessThan(300);
  });

  it('network failures and timeouts are retried; invalid settings are permanent without a request', async () => {
    const refused = await createWebhookClient().send({ url: 'http://127.0.0.1:1/x', secret }, event, {
      idempotencyKey: 'k',
    });
    expect(refused).toMatchObject({ kind: 'retry', code: 'network', retryAfterSeconds: 30 });
    const { url, seen } = await receiver(() => ({ status: 200 }));
    server?.removeAllListeners('request');
    server?.on('request', () => {}); // never answers
    const slow = await createWebhookClient({ timeoutMs: 100 }).send({ url, secret }, event, {
      idempotencyKey: 'k',
    });
    expect(slow).toMatchObject({ kind: 'retry', code: 'timeout' });
    const invalid = await createWebhookClient().send({ url, secret: 'short' }, event, {
      idempotencyKey: 'k',
    });
    expect(invalid).toMatchObject({ kind: 'permanent', code: 'invalid_settings' });
    const badKey = await createWebhookClient().send({ url, secret }, event, { idempotencyKey: 'a b' });
    expect(badKey).toMatchObject({ kind: 'permanent', code: 'invalid_message' });
    expect(seen).toHaveLength(0);
  });
});
