import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// The real client, by path: the providers barrel does not export Lark until the integrator wires it in.
import { createLarkClient, type LarkClient } from '@tidings/providers';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenCache } from '../../../../packages/providers/src/token-cache.ts';
import { botSignatureValid, createLarkEmulator, type LarkEmulator } from './emulator.ts';

let server: Server | undefined;

/** Serves one emulator on 127.0.0.1:0 the way the sandbox hands requests to a VendorEmulator. */
async function serve(emulator: LarkEmulator) {
  server = createServer((req, res) => {
    let bodyText = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      bodyText += chunk;
    });
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const answer = await emulator.handle({ method: req.method ?? '', url, headers: req.headers, bodyText });
      if (!answer) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not an emulator path');
      const text = typeof answer.body === 'string';
      res
        .writeHead(answer.status, {
          'content-type': text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
          ...answer.headers,
        })
        .end(text ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${origin}/_sandbox/lark${path}`, {
      method,
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { origin, baseUrl: `${origin}/lark`, control };
}

afterEach(async () => {
  const current = server;
  server = undefined;
  if (!current) return;
  current.closeAllConnections();
  await new Promise((resolve) => current.close(resolve));
});

const APP = { appId: 'cli_a1', appSecret: 'app-secret' };

async function setup(
  options: {
    rateLimits?: boolean;
    now?: () => number;
    client?: Partial<Parameters<typeof createLarkClient>[0]>;
  } = {},
) {
  const emulator = createLarkEmulator({
    rateLimits: options.rateLimits ?? false,
    ...(options.now && { now: options.now }),
  });
  const served = await serve(emulator);
  const client: LarkClient = createLarkClient({ baseUrl: served.baseUrl, ...options.client });
  return { emulator, client, ...served };
}

describe('Lark emulator: custom bot', () => {
  it('accepts a signed post from the real client and records it', async () => {
    const { client, control } = await setup();
    expect((await control('PUT', '/bots/hook-1', { secret: 'demo' })).status).toBe(200);
    const outcome = await client.sendBotMessage(
      { hookId: 'hook-1', secret: 'demo' },
      { type: 'card', title: 'Ticket #7', markdown: '**review** please', ticketUrl: 'https://t.example/7' },
    );
    expect(outcome).toEqual({ kind: 'delivered', httpStatus: 200 });
    const inbox = await control('GET', '/messages?hookId=hook-1');
    expect(inbox.body.messages).toMatchObject([
      {
        hookId: 'hook-1',
        signed: true,
        msgType: 'interactive',
        body: { card: { header: { title: { content: 'Ticket #7' } } } },
      },
    ]);
  });

  it('wrong secret → 19021 permanent; stale timestamp too', async () => {
    let clock = Date.now();
    const { client, control } = await setup({ now: () => clock });
    await control('PUT', '/bots/h', { secret: 'right' });
    const wrong = await client.sendBotMessage({ hookId: 'h', secret: 'wrong' }, { type: 'text', text: 'x' });
    expect(wrong).toMatchObject({
      kind: 'permanent',
      code: '19021',
      reason: expect.stringMatching(/signing secret/),
    });
    clock += 2 * 60 * 60_000; // the sandbox clock is 2 h ahead of the client's
    expect(
      await client.sendBotMessage({ hookId: 'h', secret: 'right' }, { type: 'text', text: 'x' }),
    ).toMatchObject({
      code: '19021',
    });
  });

  it('keywords: 19024 without one, delivered with one; unknown hook → 19001', async () => {
    const { client, control } = await setup();
    await control('PUT', '/bots/k', { keywords: ['Tidings'] });
    expect(await client.sendBotMessage({ hookId: 'k' }, { type: 'text', text: 'hello' })).toMatchObject({
      kind: 'permanent',
      code: '19024',
    });
    expect(
      await client.sendBotMessage({ hookId: 'k' }, { type: 'post', title: 'Tidings: #7', text: 'x' }),
    ).toMatchObject({
      kind: 'delivered',
    });
    expect(await client.sendBotMessage({ hookId: 'nope' }, { type: 'text', text: 'x' })).toMatchObject({
      kind: 'permanent',
      code: '19001',
    });
  });

  it('rate limits: 6th message within a second → 11232 retry', async () => {
    const { client, control } = await setup({ rateLimits: true, now: () => 1_700_000_000_000 });
    await control('PUT', '/bots/r', {});
    const outcomes = [];
    for (let i = 0; i < 6; i++)
      outcomes.push(await client.sendBotMessage({ hookId: 'r' }, { type: 'text', text: `${i}` }));
    expect(outcomes.slice(0, 5).every((o) => o.kind === 'delivered')).toBe(true);
    expect(outcomes[5]).toMatchObject({ kind: 'retry', code: '11232' });
  });

  it('raw bodies over 20 KB → 9499; the client truncates instead', async () => {
    const { client, control, baseUrl } = await setup();
    await control('PUT', '/bots/big', {});
    const raw = await fetch(`${baseUrl}/open-apis/bot/v2/hook/big`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msg_type: 'text', content: { text: 'x'.repeat(21 * 1024) } }),
    });
    expect(await raw.json()).toEqual({ code: 9499, msg: 'Bad Request' });
    expect(
      await client.sendBotMessage(
        { hookId: 'big' },
        { type: 'text', text: 'x'.repeat(50_000), ticketUrl: 'https://t/1' },
      ),
    ).toMatchObject({ kind: 'delivered' });
  });
});

describe('Lark emulator: app', () => {
  async function withApp(options: Parameters<typeof setup>[0] = {}) {
    const env = await setup(options);
    await env.control('PUT', `/apps/${APP.appId}`, { appSecret: APP.appSecret });
    await env.control('PUT', '/people', {
      openId: 'ou_alice',
      email: 'alice@corp.cn',
      mobile: '13800138000',
    });
    await env.control('PUT', '/people', { openId: 'ou_bob', mobile: '+6591234567', resigned: true });
    await env.control('PUT', '/people', { openId: 'ou_carol', email: 'carol@corp.cn', stoppedBot: true });
    return env;
  }

  it('lookup by email and mobile: found, resigned, not found, +cc needed', async () => {
    const { client } = await withApp();
    const result = await client.lookupOpenIds(APP, {
      emails: ['Alice@corp.cn', 'nobody@corp.cn'],
      mobiles: ['+86 138 0013 8000', '+65 9123 4567', '91234567'],
    });
    expect(result).toEqual({
      ok: true,
      results: [
        { input: { email: 'Alice@corp.cn' }, result: 'found', openId: 'ou_alice' },
        { input: { email: 'nobody@corp.cn' }, result: 'not_found', reason: expect.stringMatching(/scope/) },
        { input: { mobile: '+86 138 0013 8000' }, result: 'found', openId: 'ou_alice' },
        {
          input: { mobile: '+65 9123 4567' },
          result: 'resigned',
          openId: 'ou_bob',
          reason: expect.any(String),
        },
        { input: { mobile: '91234567' }, result: 'not_found', reason: expect.stringMatching(/country code/) },
      ],
    });
  });

  it('batch_get_id enforces ≤ 50 emails; the client splits 120 into 3 calls', async () => {
    const { client, baseUrl, control } = await withApp();
    const emails = Array.from({ length: 120 }, (_, i) => `u${i}@corp.cn`);
    const result = await client.lookupOpenIds(APP, { emails });
    expect(result.ok && result.results.length).toBe(120);
    const token = ((await control('GET', '/token-fetches')).body.tokenFetches as { token: string }[])[0]!
      .token;
    const raw = await fetch(`${baseUrl}/open-apis/contact/v3/users/batch_get_id?user_id_type=open_id`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ emails, include_resigned: true }),
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ code: 99992402 });
  });

  it('app send with uuid dedupe, one token across sends', async () => {
    const { client, control } = await withApp();
    const send = (key: string) =>
      client.sendAppMessage(APP, 'ou_alice', { type: 'text', text: `hi ${key}` }, { idempotencyKey: key });
    const first = await send('notif-1');
    expect(first).toMatchObject({ kind: 'delivered', providerMessageId: expect.stringMatching(/^om_/) });
    const again = await send('notif-1');
    expect(again).toEqual(first);
    expect(await send('notif-2')).toMatchObject({ kind: 'delivered' });
    const inbox = (await control('GET', '/messages?openId=ou_alice')).body.messages as {
      uuid: string;
      content: unknown;
    }[];
    expect(inbox.map((m) => m.uuid)).toEqual(['notif-1', 'notif-2']);
    expect(inbox[0]!.content).toEqual({ text: 'hi notif-1' });
    expect((await control('GET', '/token-fetches')).body.tokenFetches).toHaveLength(1);
  });

  it('token endpoint: same token while ≥ 30 min remain, a new one after; 10003 for a bad secret', async () => {
    let clock = 1_700_000_000_000;
    const { baseUrl, client } = await withApp({ now: () => clock });
    const fetchToken = async () =>
      (await (
        await fetch(`${baseUrl}/open-apis/auth/v3/tenant_access_token/internal`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ app_id: APP.appId, app_secret: APP.appSecret }),
        })
      ).json()) as { tenant_access_token: string; expire: number };
    const a = await fetchToken();
    expect(a.expire).toBe(7200);
    clock += 60 * 60_000;
    const b = await fetchToken();
    expect(b).toMatchObject({ tenant_access_token: a.tenant_access_token, expire: 3600 });
    clock += 31 * 60_000;
    const c = await fetchToken();
    expect(c.tenant_access_token).not.toBe(a.tenant_access_token);
    expect(c.expire).toBe(7200);
    expect(
      await client.sendAppMessage(
        { ...APP, appSecret: 'bad' },
        'ou_alice',
        { type: 'text', text: 'x' },
        { idempotencyKey: 'k' },
      ),
    ).toMatchObject({ kind: 'permanent', code: '10003' });
  });

  it('an expired token → 99991663 → the client refetches and its one retry succeeds', async () => {
    let clock = Date.now();
    const tokenCache = new TokenCache(); // its own clock is real time: it still believes the token is fresh
    const { client, control } = await withApp({ now: () => clock, client: { tokenCache } });
    const send = (key: string) =>
      client.sendAppMessage(APP, 'ou_alice', { type: 'text', text: key }, { idempotencyKey: key });
    expect(await send('a')).toMatchObject({ kind: 'delivered' });
    clock += 3 * 60 * 60_000; // the vendor's token expired
    expect(await send('b')).toMatchObject({ kind: 'delivered' });
    const fetches = (await control('GET', '/token-fetches')).body.tokenFetches as { reused: boolean }[];
    expect(fetches.map((f) => f.reused)).toEqual([false, false]);
    expect(tokenCache.fetches.get(`lark:${APP.appId}`)).toBe(2);
  });

  it('missing bearer → 99991661 on the raw API', async () => {
    const { baseUrl } = await withApp();
    const raw = await fetch(`${baseUrl}/open-apis/im/v1/messages?receive_id_type=open_id`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 't-no-bearer-prefix' },
      body: '{}',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ code: 99991661 });
  });

  it('per-user reasons: 230029 resigned, 230053 stopped the bot, 230034 unknown open_id', async () => {
    const { client } = await withApp();
    const send = (openId: string) =>
      client.sendAppMessage(APP, openId, { type: 'text', text: 'x' }, { idempotencyKey: openId });
    expect(await send('ou_bob')).toMatchObject({
      kind: 'permanent',
      code: '230029',
      reason: expect.stringMatching(/left the company/),
    });
    expect(await send('ou_carol')).toMatchObject({
      kind: 'permanent',
      code: '230053',
      reason: expect.stringMatching(/stopped the bot/),
    });
    expect(await send('ou_ghost')).toMatchObject({ kind: 'permanent', code: '230034' });
  });

  it('content must be a JSON string; cards and posts from the client are accepted', async () => {
    const { baseUrl, client, control } = await withApp();
    expect(
      await client.sendAppMessage(
        APP,
        'ou_alice',
        { type: 'card', title: 'T', markdown: 'm', ticketUrl: 'https://t/1' },
        { idempotencyKey: 'c' },
      ),
    ).toMatchObject({ kind: 'delivered' });
    expect(
      await client.sendAppMessage(
        APP,
        'ou_alice',
        { type: 'post', title: 'T', text: 'm' },
        { idempotencyKey: 'p' },
      ),
    ).toMatchObject({ kind: 'delivered' });
    const token = ((await control('GET', '/token-fetches')).body.tokenFetches as { token: string }[])[0]!
      .token;
    const raw = await fetch(`${baseUrl}/open-apis/im/v1/messages?receive_id_type=open_id`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ receive_id: 'ou_alice', msg_type: 'text', content: { text: 'object' } }),
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ code: 230001, msg: expect.stringMatching(/JSON string/) });
  });

  it('5 QPS per user → 230020 (HTTP 400) → retry', async () => {
    const { client } = await withApp({ rateLimits: true, now: () => 1_700_000_000_000 });
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(
        await client.sendAppMessage(
          APP,
          'ou_alice',
          { type: 'text', text: 'x' },
          { idempotencyKey: `q${i}` },
        ),
      );
    }
    expect(outcomes.slice(0, 5).every((o) => o.kind === 'delivered')).toBe(true);
    expect(outcomes[5]).toMatchObject({
      kind: 'retry',
      code: '230020',
      httpStatus: 400,
      retryAfterSeconds: 2,
    });
  });
});

describe('Lark emulator: controls and routing', () => {
  it('bad control input → 400 naming the field', async () => {
    const { control } = await setup();
    expect(await control('PUT', '/people', { openId: 'bob', resigned: 'yes' })).toMatchObject({
      status: 400,
      body: { issues: [{ field: 'openId' }, { field: 'resigned' }] },
    });
    expect(await control('PUT', '/apps/cli_x', {})).toMatchObject({
      status: 400,
      body: { issues: [{ field: 'appSecret' }] },
    });
    expect(await control('PUT', '/bots/h', { keywords: ['a'], secrte: 'x' })).toMatchObject({
      status: 400,
      body: { issues: [{ field: 'secrte', message: 'unknown field' }] },
    });
  });

  it('unknown API path → plain-text 404, classified without parsing; other vendors untouched', async () => {
    const { baseUrl, emulator } = await setup();
    const raw = await fetch(`${baseUrl}/open-apis/nope`, { method: 'POST', body: '{}' });
    expect(raw.status).toBe(404);
    expect(raw.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await raw.text()).toBe('404 page not found');
    expect(
      emulator.handle({
        method: 'POST',
        url: new URL('http://x/dingtalk/oapi/robot/send'),
        headers: {},
        bodyText: '',
      }),
    ).toBeUndefined();
    const wrongBase = createLarkClient({ baseUrl: `${baseUrl}/extra` });
    expect(await wrongBase.sendBotMessage({ hookId: 'h' }, { type: 'text', text: 'x' })).toMatchObject({
      kind: 'permanent',
      code: 'http_404',
    });
  });

  it('reset forgets messages and tokens, keeps configuration unless everything', async () => {
    const { emulator, client, control } = await setup();
    await control('PUT', '/bots/h', {});
    await client.sendBotMessage({ hookId: 'h' }, { type: 'text', text: 'x' });
    emulator.reset(false);
    expect(emulator.botMessages).toHaveLength(0);
    expect(emulator.bots.has('h')).toBe(true);
    emulator.reset(true);
    expect(emulator.bots.size).toBe(0);
  });
});

describe('botSignatureValid (independent of the provider signer)', () => {
  it.each([
    ['100', 'jquNHnVOwmDRfw+vqTIrY5dooJAgi5EcRtLsQE4wfXg='],
    [1599360473, 'l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8='],
  ])('accepts the reference vector ts %s within the hour, rejects it outside', (ts, sign) => {
    const at = Number(ts) * 1000;
    expect(botSignatureValid('demo', ts, sign, at + 3599_000)).toBe(true);
    expect(botSignatureValid('demo', ts, sign, at + 3601_000)).toBe(false);
    expect(botSignatureValid('other', ts, sign, at)).toBe(false);
    expect(botSignatureValid('demo', ts, encodeURIComponent(sign), at)).toBe(false);
  });
});
