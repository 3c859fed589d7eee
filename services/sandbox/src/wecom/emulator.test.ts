import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWeComClient, utf8Length, type WeComAppCredentials } from '@tidings/providers';
import { afterEach, describe, expect, it } from 'vitest';
import { createWeComEmulator, type WeComEmulator } from './emulator.ts';

let server: Server | undefined;

/** Serves the emulator like the sandbox does: read the body, hand it over with the peer address. */
async function serve(emulator: WeComEmulator): Promise<string> {
  server = createServer((req, res) => {
    let bodyText = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      bodyText += chunk;
    });
    req.on('end', async () => {
      const answer = await emulator.handle({
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://sandbox.invalid'),
        headers: req.headers,
        bodyText,
        ...(req.socket.remoteAddress !== undefined && { remoteAddress: req.socket.remoteAddress }),
      });
      if (!answer) {
        res.writeHead(404).end();
        return;
      }
      res
        .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
        .end(JSON.stringify(answer.body));
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

const APP: WeComAppCredentials = { corpId: 'ww-corp', corpSecret: 'sec-1', agentId: 1000002, safe: false };

async function setup(options: { rateLimits?: boolean; now?: () => number; trustedIps?: string[] } = {}) {
  const emulator = createWeComEmulator({
    rateLimits: options.rateLimits ?? true,
    ...(options.now && { now: options.now }),
  });
  const base = await serve(emulator);
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}/_sandbox/wecom${path}`, {
      method,
      ...(body !== undefined && {
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  expect(
    (
      await control('PUT', `/apps/${APP.corpId}/${APP.agentId}`, {
        corpSecret: APP.corpSecret,
        ...(options.trustedIps && { trustedIps: options.trustedIps }),
      })
    ).status,
  ).toBe(200);
  for (const member of [
    { userid: 'ZhangSan', mobile: '13800000001', email: 'zhangsan@corp.example' },
    { userid: 'lisi', mobile: '13800000002' },
  ]) {
    expect((await control('PUT', '/members', member)).status).toBe(200);
  }
  const client = createWeComClient({ baseUrl: `${base}/wecom` });
  const inbox = async (query: string) =>
    (await control('GET', `/messages?${query}`)).body.messages as Array<Record<string, unknown>>;
  return { emulator, base, control, client, inbox };
}

describe('WeCom emulator driven by the real client', () => {
  it('reuses one token across sends (gettoken is a GET) and records per-member inboxes', async () => {
    const { client, control, inbox } = await setup();
    for (const content of ['one', 'two', 'three']) {
      const result = await client.sendAppMessage(APP, {
        touser: ['ZhangSan'],
        message: { msgtype: 'text', content },
      });
      expect(result.recipients[0]?.outcome.kind).toBe('delivered');
    }
    const fetches = (await control('GET', '/token-fetches')).body.tokenFetches as Array<
      Record<string, unknown>
    >;
    expect(fetches).toEqual([expect.objectContaining({ method: 'GET', corpId: 'ww-corp', errcode: 0 })]);
    expect(
      (await inbox('userid=zhangsan')).map((m) => (m.body as { text: { content: string } }).text.content),
    ).toEqual(['one', 'two', 'three']);
  });

  it('answers POST gettoken with 43001 (grafana bug) and wrong secrets with 40001', async () => {
    const { base } = await setup();
    const post = await fetch(`${base}/wecom/cgi-bin/gettoken?corpid=ww-corp&corpsecret=sec-1`, {
      method: 'POST',
    });
    expect(await post.json()).toMatchObject({ errcode: 43001 });
    const client = createWeComClient({ baseUrl: `${base}/wecom` });
    const result = await client.sendAppMessage(
      { ...APP, corpSecret: 'wrong' },
      { touser: ['lisi'], message: { msgtype: 'text', content: 'x' } },
    );
    expect(result.recipients[0]?.outcome).toMatchObject({ kind: 'permanent', code: '40001' });
  });

  it('a batch with one invalid user: the others delivered, the invalid one permanent', async () => {
    const { client, inbox } = await setup();
    const result = await client.sendAppMessage(APP, {
      touser: ['ZhangSan', 'Ghost', 'lisi'],
      message: { msgtype: 'text', content: 'db down' },
    });
    expect(result.recipients.map((r) => [r.userid, r.outcome.kind])).toEqual([
      ['ZhangSan', 'delivered'],
      ['Ghost', 'permanent'],
      ['lisi', 'delivered'],
    ]);
    const ghost = result.recipients[1]?.outcome;
    expect(ghost?.kind === 'permanent' && ghost.reason).toContain('not a member visible to the app');
    expect(await inbox('userid=lisi')).toHaveLength(1);
    expect(await inbox('userid=ghost')).toHaveLength(0);

    const none = await client.sendAppMessage(APP, {
      touser: ['x', 'y'],
      message: { msgtype: 'text', content: 'z' },
    });
    expect(none.recipients.map((r) => r.outcome)).toEqual([
      expect.objectContaining({ kind: 'permanent', code: '81013' }),
      expect.objectContaining({ kind: 'permanent', code: '81013' }),
    ]);
  });

  it('60020 from an untrusted IP: permanent, names the IP and trusted IPs, not retried', async () => {
    const { client, emulator } = await setup({ trustedIps: ['203.0.113.7'] });
    const result = await client.sendAppMessage(APP, {
      touser: ['lisi'],
      message: { msgtype: 'text', content: 'x' },
    });
    const outcome = result.recipients[0]?.outcome;
    expect(outcome).toMatchObject({ kind: 'permanent', code: '60020' });
    expect(outcome?.kind === 'permanent' && outcome.reason).toContain('(127.0.0.1)');
    expect(outcome?.kind === 'permanent' && outcome.reason).toContain('trusted IPs');
    expect(emulator.tokenFetches).toHaveLength(1); // no refetch, no retry
    expect(emulator.messages).toHaveLength(0);
  });

  it('duplicate check: an identical request within the interval is not delivered again', async () => {
    let clock = 1_800_000_000_000;
    const { client, inbox, emulator } = await setup({ now: () => clock });
    const send = () =>
      client.sendAppMessage(APP, {
        touser: ['lisi'],
        message: { msgtype: 'text', content: 'same' },
        duplicateCheckIntervalSeconds: 600,
      });
    expect((await send()).recipients[0]?.outcome.kind).toBe('delivered');
    expect((await send()).recipients[0]?.outcome.kind).toBe('delivered');
    expect(await inbox('userid=lisi')).toHaveLength(1);
    expect(emulator.report().duplicatesSuppressed).toBe(1);
    clock += 601_000;
    await send();
    expect(await inbox('userid=lisi')).toHaveLength(2);
  });

  it('an early-expired token: the client refetches and retries once', async () => {
    const { client, control, inbox } = await setup();
    await client.sendAppMessage(APP, { touser: ['lisi'], message: { msgtype: 'text', content: 'a' } });
    expect((await control('POST', `/apps/${APP.corpId}/${APP.agentId}/expire-tokens`, {})).body).toEqual({
      expired: 1,
    });
    const result = await client.sendAppMessage(APP, {
      touser: ['lisi'],
      message: { msgtype: 'text', content: 'b' },
    });
    expect(result.recipients[0]?.outcome.kind).toBe('delivered');
    const fetches = (await control('GET', '/token-fetches')).body.tokenFetches as unknown[];
    expect(fetches).toHaveLength(2);
    expect(await inbox('userid=lisi')).toHaveLength(2);
  });

  it('truncates Chinese text by UTF-8 bytes; the emulator accepts it (it would answer 45002 otherwise)', async () => {
    const { client, inbox } = await setup();
    const content = '生产数据库主节点磁盘使用率超过百分之九十五'.repeat(40); // 2520 chars, 7560 bytes
    const result = await client.sendAppMessage(APP, {
      touser: ['lisi'],
      message: { msgtype: 'text', content },
      fullTextUrl: 'https://tidings.example/tickets/42',
    });
    expect(result.recipients[0]?.outcome.kind).toBe('delivered');
    const [message] = await inbox('userid=lisi');
    const delivered = (message!.body as { text: { content: string } }).text.content;
    expect(utf8Length(delivered)).toBeLessThanOrEqual(2048);
    expect(utf8Length(delivered)).toBeGreaterThan(2000);
    expect(delivered.endsWith('view full ticket: https://tidings.example/tickets/42')).toBe(true);
    expect(delivered).not.toContain('\uFFFD');
  });

  it('textcard: title and description cut to 128 B / 512 B are accepted; @all reaches every member', async () => {
    const { client, emulator } = await setup();
    const result = await client.sendAppMessage(
      { ...APP, safe: true },
      {
        touser: ['@all'],
        message: {
          msgtype: 'textcard',
          title: '工单标题'.repeat(20),
          description: '工单描述'.repeat(100),
          url: 'https://tidings.example/tickets/7',
        },
      },
    );
    expect(result.recipients).toEqual([
      { userid: '@all', outcome: expect.objectContaining({ kind: 'delivered' }) },
    ]);
    expect(emulator.messages.map((m) => m.userid)).toEqual(['ZhangSan', 'lisi']);
    const body = emulator.messages[0]?.body as {
      safe: number;
      textcard: { title: string; description: string };
    };
    expect(body.safe).toBe(1);
    expect(utf8Length(body.textcard.title)).toBeLessThanOrEqual(128);
    expect(utf8Length(body.textcard.description)).toBeLessThanOrEqual(512);
  });

  it('per-member 30/min: the excess is silently dropped but counted in the report', async () => {
    const { client, emulator, inbox } = await setup();
    for (let i = 0; i < 32; i++) {
      const result = await client.sendAppMessage(APP, {
        touser: ['lisi'],
        message: { msgtype: 'text', content: `n${i}` },
      });
      expect(result.recipients[0]?.outcome.kind).toBe('delivered'); // the platform says ok regardless
    }
    expect(await inbox('userid=lisi')).toHaveLength(30);
    expect(emulator.report().droppedByRateLimit).toHaveLength(2);
    emulator.setRateLimits(false);
    await client.sendAppMessage(APP, { touser: ['lisi'], message: { msgtype: 'text', content: 'free' } });
    expect(await inbox('userid=lisi')).toHaveLength(31);
  });

  it('lookups by mobile and email: found / not found', async () => {
    const { client } = await setup();
    expect(await client.lookupUserId(APP, { mobile: '13800000002' })).toEqual({
      kind: 'found',
      userid: 'lisi',
    });
    expect(await client.lookupUserId(APP, { email: 'ZhangSan@corp.example' })).toEqual({
      kind: 'found',
      userid: 'ZhangSan',
    });
    expect(await client.lookupUserId(APP, { mobile: '13900000000' })).toMatchObject({ kind: 'not_found' });
  });

  it('robot: text with mentioned_mobile_list and markdown with <@userid>; 93000; 20/min → 45009', async () => {
    const { client, control, inbox, emulator } = await setup();
    expect((await control('PUT', '/robots/rk-1', {})).status).toBe(200);
    const robot = { key: 'rk-1' };
    expect(
      await client.sendRobotMessage(robot, {
        msgtype: 'text',
        content: 'on call, please look',
        mentionedList: ['lisi'],
        mentionedMobileList: ['13800000001', '@all'],
      }),
    ).toEqual({ kind: 'delivered', httpStatus: 200 });
    expect(
      await client.sendRobotMessage(robot, { msgtype: 'markdown', content: '**P1** <@lisi> ack?' }),
    ).toMatchObject({
      kind: 'delivered',
    });
    expect((await inbox('robotKey=rk-1')).map((m) => m.body)).toEqual([
      {
        msgtype: 'text',
        text: {
          content: 'on call, please look',
          mentioned_list: ['lisi'],
          mentioned_mobile_list: ['13800000001', '@all'],
        },
      },
      { msgtype: 'markdown', markdown: { content: '**P1** <@lisi> ack?' } },
    ]);
    expect(
      await client.sendRobotMessage({ key: 'removed' }, { msgtype: 'text', content: 'x' }),
    ).toMatchObject({
      kind: 'permanent',
      code: '93000',
    });
    for (let i = 2; i < 20; i++) await client.sendRobotMessage(robot, { msgtype: 'text', content: `n${i}` });
    expect(await client.sendRobotMessage(robot, { msgtype: 'text', content: 'one too many' })).toMatchObject({
      kind: 'retry',
      code: '45009',
      retryAfterSeconds: 60,
    });
    expect(emulator.report().robotThrottled).toBe(1);
  });

  it('validates the vendor request like the real API: touser ≤ 1000, agentid, byte limits', async () => {
    const { base, emulator } = await setup();
    const tokenAnswer = await fetch(`${base}/wecom/cgi-bin/gettoken?corpid=ww-corp&corpsecret=sec-1`);
    const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };
    const post = async (body: unknown) =>
      (await (
        await fetch(`${base}/wecom/cgi-bin/message/send?access_token=${token}`, {
          method: 'POST',
          body: JSON.stringify(body),
        })
      ).json()) as { errcode: number };
    const base1 = { msgtype: 'text', agentid: APP.agentId, text: { content: 'x' } };
    const many = Array.from({ length: 1001 }, (_, i) => `u${i}`).join('|');
    expect((await post({ ...base1, touser: many })).errcode).toBe(40032);
    expect((await post({ ...base1, touser: 'lisi', agentid: 1 })).errcode).toBe(40056);
    expect((await post({ ...base1, touser: 'lisi', text: { content: '长'.repeat(683) } })).errcode).toBe(
      45002,
    );
    expect((await post({ ...base1, touser: 'LISI|ghost' })) as unknown).toMatchObject({
      errcode: 0,
      invaliduser: 'ghost',
    });
    const missing = await fetch(`${base}/wecom/cgi-bin/message/send`, { method: 'POST', body: '{}' });
    expect(await missing.json()).toMatchObject({ errcode: 41001 });
    expect(emulator.messages).toHaveLength(1);
  });

  it('bad control input → 400 naming the field; reset keeps configuration unless everything', async () => {
    const { control, emulator } = await setup();
    expect(await control('PUT', '/apps/ww-corp/abc', { corpSecret: 's' })).toMatchObject({
      status: 400,
      body: { issues: [{ field: 'agentId' }] },
    });
    expect(await control('PUT', '/apps/ww-corp/1', { corpSecret: '' })).toMatchObject({
      status: 400,
      body: { issues: [{ field: 'corpSecret' }] },
    });
    expect(await control('PUT', '/members', { userid: 'a', mobil: '1' })).toMatchObject({
      status: 400,
      body: { issues: [{ field: 'mobil', message: 'unknown field' }] },
    });
    expect(await control('PUT', '/members', '{not json')).toMatchObject({
      status: 400,
      body: { issues: [{ field: '(body)' }] },
    });
    expect(await control('POST', '/apps/ww-corp/1000002/expire-tokens', { errcode: 1 })).toMatchObject({
      status: 400,
      body: { issues: [{ field: 'errcode' }] },
    });
    emulator.reset(false);
    expect(emulator.apps.size).toBe(1);
    emulator.reset(true);
    expect(emulator.apps.size).toBe(0);
    expect(
      emulator.handle({ method: 'GET', url: new URL('http://x/elsewhere'), headers: {}, bodyText: '' }),
    ).toBe(undefined);
  });
});
