import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenCache } from '../token-cache.ts';
import { createLarkClient } from './client.ts';

type Seen = { method: string; url: string; authorization: string | undefined; body: string };
type Answer = { status: number; contentType?: string; headers?: Record<string, string>; body: unknown };
let server: Server | undefined;

/** A scripted fake: answers are taken in order; the last one repeats. */
async function fakeLark(answers: Answer[]) {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body,
      });
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      res
        .writeHead(answer.status, {
          'content-type': answer.contentType ?? 'application/json; charset=utf-8',
          ...answer.headers,
        })
        .end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/lark`, seen };
}

afterEach(async () => {
  const current = server;
  server = undefined;
  if (!current) return;
  current.closeAllConnections();
  await new Promise((resolve) => current.close(resolve));
});

const TOKEN = { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: 't-1', expire: 7200 } };
const APP = { appId: 'cli_1', appSecret: 'sec' };

describe('createLarkClient', () => {
  it('sendBotMessage signs with seconds at send time, sign in the body', async () => {
    const { baseUrl, seen } = await fakeLark([{ status: 200, body: { code: 0, msg: 'success', data: {} } }]);
    const client = createLarkClient({ baseUrl, now: () => 100_999 });
    const outcome = await client.sendBotMessage(
      { hookId: 'h1', secret: 'demo' },
      { type: 'text', text: 'hi' },
    );
    expect(outcome).toEqual({ kind: 'delivered', httpStatus: 200 });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/lark/open-apis/bot/v2/hook/h1',
        authorization: undefined,
        body: '{"timestamp":"100","sign":"jquNHnVOwmDRfw+vqTIrY5dooJAgi5EcRtLsQE4wfXg=","msg_type":"text","content":{"text":"hi"}}',
      },
    ]);
  });

  it('bot rate limit honours x-ogw-ratelimit-reset; plain-text 404 does not throw', async () => {
    const { baseUrl } = await fakeLark([
      { status: 429, headers: { 'x-ogw-ratelimit-reset': '9' }, body: { code: 99991400, msg: 'limit' } },
      { status: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found' },
    ]);
    const client = createLarkClient({ baseUrl });
    expect(await client.sendBotMessage({ hookId: 'h' }, { type: 'text', text: 'x' })).toMatchObject({
      kind: 'retry',
      retryAfterSeconds: 9,
    });
    expect(await client.sendBotMessage({ hookId: 'h' }, { type: 'text', text: 'x' })).toMatchObject({
      kind: 'permanent',
      code: 'http_404',
    });
  });

  it('sendAppMessage fetches a token once, sends with Bearer, content string and uuid', async () => {
    const { baseUrl, seen } = await fakeLark([
      TOKEN,
      { status: 200, body: { code: 0, msg: 'success', data: { message_id: 'om_1' } } },
      { status: 200, body: { code: 0, msg: 'success', data: { message_id: 'om_2' } } },
    ]);
    const client = createLarkClient({ baseUrl });
    expect(
      await client.sendAppMessage(APP, 'ou_1', { type: 'text', text: 'a' }, { idempotencyKey: 'k1' }),
    ).toEqual({
      kind: 'delivered',
      httpStatus: 200,
      providerMessageId: 'om_1',
    });
    await client.sendAppMessage(APP, 'ou_1', { type: 'text', text: 'b' }, { idempotencyKey: 'k2' });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/lark/open-apis/auth/v3/tenant_access_token/internal',
        authorization: undefined,
        body: '{"app_id":"cli_1","app_secret":"sec"}',
      },
      {
        method: 'POST',
        url: '/lark/open-apis/im/v1/messages?receive_id_type=open_id',
        authorization: 'Bearer t-1',
        body: '{"receive_id":"ou_1","msg_type":"text","content":"{\\"text\\":\\"a\\"}","uuid":"k1"}',
      },
      {
        method: 'POST',
        url: '/lark/open-apis/im/v1/messages?receive_id_type=open_id',
        authorization: 'Bearer t-1',
        body: '{"receive_id":"ou_1","msg_type":"text","content":"{\\"text\\":\\"b\\"}","uuid":"k2"}',
      },
    ]);
  });

  it('a token error invalidates the token and retries exactly once', async () => {
    const { baseUrl, seen } = await fakeLark([
      TOKEN,
      { status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization' } },
      { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: 't-2', expire: 7200 } },
      { status: 200, body: { code: 0, msg: 'success', data: { message_id: 'om_1' } } },
    ]);
    const tokenCache = new TokenCache();
    const client = createLarkClient({ baseUrl, tokenCache });
    expect(
      await client.sendAppMessage(APP, 'ou_1', { type: 'text', text: 'a' }, { idempotencyKey: 'k' }),
    ).toMatchObject({
      kind: 'delivered',
    });
    expect(seen.map((s) => s.authorization)).toEqual([undefined, 'Bearer t-1', undefined, 'Bearer t-2']);
    expect(tokenCache.fetches.get('lark:cli_1')).toBe(2);
  });

  it('a second token error is returned, not looped on', async () => {
    const { baseUrl, seen } = await fakeLark([
      TOKEN,
      { status: 400, body: { code: 99991661, msg: 'Missing access token' } },
      TOKEN,
      { status: 400, body: { code: 99991661, msg: 'Missing access token' } },
      { status: 200, body: { code: 0 } },
    ]);
    const outcome = await createLarkClient({ baseUrl }).sendAppMessage(
      APP,
      'ou_1',
      { type: 'text', text: 'a' },
      { idempotencyKey: 'k' },
    );
    expect(outcome).toMatchObject({ kind: 'reauthenticate', code: '99991661' });
    expect(seen).toHaveLength(4);
  });

  it('bad credentials (10003) → permanent, no send attempted', async () => {
    const { baseUrl, seen } = await fakeLark([{ status: 200, body: { code: 10003, msg: 'invalid param' } }]);
    const outcome = await createLarkClient({ baseUrl }).sendAppMessage(
      APP,
      'ou_1',
      { type: 'text', text: 'a' },
      { idempotencyKey: 'k' },
    );
    expect(outcome).toMatchObject({ kind: 'permanent', code: '10003' });
    expect(seen).toHaveLength(1);
  });

  it('lookupOpenIds splits > 50 emails, keeps per-input results, rejects bad mobiles locally', async () => {
    const emails = Array.from({ length: 51 }, (_, i) => `u${i}@x.cn`);
    const { baseUrl, seen } = await fakeLark([
      TOKEN,
      {
        status: 200,
        body: {
          code: 0,
          data: {
            user_list: [
              { user_id: 'ou_0', email: 'u0@x.cn', status: { is_resigned: false } },
              { user_id: 'ou_m', mobile: '+6591234567', status: { is_resigned: true } },
              { email: 'u1@x.cn' },
            ],
          },
        },
      },
      { status: 200, body: { code: 0, data: { user_list: [{ user_id: 'ou_50', email: 'u50@x.cn' }] } } },
    ]);
    const result = await createLarkClient({ baseUrl }).lookupOpenIds(APP, {
      emails,
      mobiles: ['+65 9123 4567', '91234567'],
    });
    expect(seen).toHaveLength(3);
    expect(JSON.parse(seen[1]!.body)).toMatchObject({ mobiles: ['+6591234567'], include_resigned: true });
    expect(JSON.parse(seen[1]!.body).emails).toHaveLength(50);
    expect(JSON.parse(seen[2]!.body)).toEqual({ emails: ['u50@x.cn'], include_resigned: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byInput = (key: string) => result.results.find((r) => Object.values(r.input)[0] === key);
    expect(byInput('u0@x.cn')).toMatchObject({ result: 'found', openId: 'ou_0' });
    expect(byInput('u50@x.cn')).toMatchObject({ result: 'found', openId: 'ou_50' });
    expect(byInput('u1@x.cn')).toMatchObject({ result: 'not_found', reason: expect.stringMatching(/scope/) });
    expect(byInput('+65 9123 4567')).toMatchObject({ result: 'resigned', openId: 'ou_m' });
    expect(byInput('91234567')).toMatchObject({
      result: 'not_found',
      reason: expect.stringMatching(/country code/),
    });
    expect(result.results).toHaveLength(53);
  });

  it("host: the hook's own baseUrl unless the client overrides it (sandbox routing)", async () => {
    const { baseUrl, seen } = await fakeLark([{ status: 200, body: { code: 0, msg: 'success' } }]);
    expect(
      await createLarkClient().sendBotMessage({ hookId: 'a', baseUrl }, { type: 'text', text: 'x' }),
    ).toMatchObject({
      kind: 'delivered',
    });
    expect(
      await createLarkClient({ baseUrl }).sendBotMessage(
        { hookId: 'b', baseUrl: 'https://open.feishu.cn' },
        { type: 'text', text: 'x' },
      ),
    ).toMatchObject({ kind: 'delivered' });
    expect(seen.map((s) => s.url)).toEqual([
      '/lark/open-apis/bot/v2/hook/a',
      '/lark/open-apis/bot/v2/hook/b',
    ]);
  });

  it('lookup results keep input order, local rejections included; no inputs → no calls', async () => {
    const { baseUrl, seen } = await fakeLark([
      TOKEN,
      { status: 200, body: { code: 0, data: { user_list: [{ user_id: 'ou_b', email: 'b@x.cn' }] } } },
    ]);
    const client = createLarkClient({ baseUrl });
    expect(await client.lookupOpenIds(APP, {})).toEqual({ ok: true, results: [] });
    expect(seen).toHaveLength(0);
    const result = await client.lookupOpenIds(APP, { emails: ['not-an-email', ' b@x.cn'] });
    expect(result).toEqual({
      ok: true,
      results: [
        {
          input: { email: 'not-an-email' },
          result: 'not_found',
          reason: '"not-an-email" is not an email address',
        },
        { input: { email: ' b@x.cn' }, result: 'found', openId: 'ou_b' },
      ],
    });
  });

  it('network failure is a retry outcome, never a throw', async () => {
    const client = createLarkClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });
    expect(await client.sendBotMessage({ hookId: 'h' }, { type: 'text', text: 'x' })).toMatchObject({
      kind: 'retry',
      code: 'network',
    });
    expect(
      await client.sendAppMessage(APP, 'ou', { type: 'text', text: 'x' }, { idempotencyKey: 'k' }),
    ).toMatchObject({
      kind: 'retry',
      code: 'network',
    });
    expect(await client.lookupOpenIds(APP, { emails: ['a@b.c'] })).toMatchObject({
      ok: false,
      outcome: { kind: 'retry', code: 'network' },
    });
  });
});
