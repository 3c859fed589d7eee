import {
  createDingTalkRobotClient,
  type DeliveryOutcome,
  type DingTalkRobotClient,
  signDingTalkRobot,
} from '@tidings/providers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './sandbox.ts';

const SECRET = 'SECsandbox0123456789';
const START = Date.UTC(2026, 0, 15, 9, 0, 0);

let running: RunningSandbox;
let clock: number;
let client: DingTalkRobotClient;
let base: string;

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${running.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function messages(accessToken?: string) {
  const query = accessToken ? `?accessToken=${encodeURIComponent(accessToken)}` : '';
  const { body } = await control('GET', `/_sandbox/dingtalk/robot-messages${query}`);
  return body.messages as Array<{
    id: string;
    receivedAt: string;
    accessToken: string;
    signed: boolean;
    body: unknown;
  }>;
}

async function rawSend(query: string, body: string) {
  const response = await fetch(`${base}/robot/send?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return (await response.json()) as { errcode: number; errmsg: string };
}

const text = (content: string) => ({ msgtype: 'text' as const, content });

beforeEach(async () => {
  clock = START;
  running = await startSandbox({ now: () => clock });
  base = `${running.url}/dingtalk/oapi`;
  client = createDingTalkRobotClient({ baseUrl: base, now: () => clock, timeoutMs: 2000 });
  await control('PUT', '/_sandbox/dingtalk/robots/signed', { secret: SECRET });
  await control('PUT', '/_sandbox/dingtalk/robots/plain', {});
  await control('PUT', '/_sandbox/dingtalk/robots/keyworded', { keywords: ['[Tidings]', 'alert'] });
});

afterEach(async () => {
  await running.stop();
});

describe('DingTalk robot emulation driven by @tidings/providers', () => {
  it('accepts a correctly signed markdown message and lists it', async () => {
    const outcome = await client.send(
      { accessToken: 'signed', secret: SECRET },
      {
        msgtype: 'markdown',
        title: 'Ticket #7',
        text: '### Ticket #7\n<b>escaped</b>',
        at: { atUserIds: ['u1'] },
      },
    );
    expect(outcome).toEqual({ kind: 'delivered', httpStatus: 200 });
    expect(await messages('signed')).toEqual([
      {
        id: 'msg_1',
        receivedAt: '2026-01-15T09:00:00.000Z',
        accessToken: 'signed',
        signed: true,
        body: {
          msgtype: 'markdown',
          markdown: { title: 'Ticket #7', text: '### Ticket #7\n<b>escaped</b>' },
          at: { atUserIds: ['u1'] },
        },
      },
    ]);
    const page = await (await fetch(`${running.url}/`)).text();
    expect(page).toContain('&lt;b&gt;escaped&lt;/b&gt;');
    expect(page).not.toContain('<b>escaped</b>');
  });

  it('works with the default wall clock on both sides', async () => {
    const realTime = await startSandbox();
    try {
      await fetch(`${realTime.url}/_sandbox/dingtalk/robots/r`, {
        method: 'PUT',
        body: JSON.stringify({ secret: SECRET }),
      });
      const outcome = await createDingTalkRobotClient({ baseUrl: `${realTime.url}/dingtalk/oapi` }).send(
        { accessToken: 'r', secret: SECRET },
        text('hello'),
      );
      expect(outcome).toEqual({ kind: 'delivered', httpStatus: 200 });
    } finally {
      await realTime.stop();
    }
  });

  it('wrong secret → 310000 sign not match, classified permanent with a signature reason', async () => {
    const outcome = await client.send({ accessToken: 'signed', secret: 'SECwrong' }, text('x'));
    expect(outcome).toEqual({
      kind: 'permanent',
      code: '310000',
      reason:
        "signature does not match: check the robot's signing secret (the whole string starting with SEC)",
      httpStatus: 200,
    });
    expect(await messages()).toEqual([]);
  });

  it('a signed robot rejects unsigned and double-encoded requests', async () => {
    const body = JSON.stringify({ msgtype: 'text', text: { content: 'x' } });
    expect(await rawSend('access_token=signed', body)).toEqual({ errcode: 310000, errmsg: 'sign not match' });
    const sign = encodeURIComponent(encodeURIComponent(signDingTalkRobot(SECRET, clock)));
    expect(await rawSend(`access_token=signed&timestamp=${clock}&sign=${sign}`, body)).toEqual({
      errcode: 310000,
      errmsg: 'sign not match',
    });
    // A `+` left unencoded decodes to a space: also a mismatch. Find a timestamp whose sign has a `+`.
    let ts = clock;
    while (!signDingTalkRobot(SECRET, ts).includes('+')) ts += 1;
    const plusSign = encodeURIComponent(signDingTalkRobot(SECRET, ts)).replaceAll('%2B', '+');
    expect(await rawSend(`access_token=signed&timestamp=${ts}&sign=${plusSign}`, body)).toEqual({
      errcode: 310000,
      errmsg: 'sign not match',
    });
    const encodedOnce = encodeURIComponent(signDingTalkRobot(SECRET, ts));
    expect(await rawSend(`access_token=signed&timestamp=${ts}&sign=${encodedOnce}`, body)).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
  });

  it('stale timestamp → 310000 invalid timestamp, classified permanent with a clock reason', async () => {
    const skewed = createDingTalkRobotClient({ baseUrl: base, now: () => clock - 61 * 60_000 });
    const outcome = await skewed.send({ accessToken: 'signed', secret: SECRET }, text('x'));
    expect(outcome).toMatchObject({ kind: 'permanent', code: '310000' });
    expect(outcome.kind === 'permanent' && outcome.reason).toMatch(/clock is more than 1 hour off/);

    const slightlyAhead = createDingTalkRobotClient({ baseUrl: base, now: () => clock + 59 * 60_000 });
    expect(await slightlyAhead.send({ accessToken: 'signed', secret: SECRET }, text('x'))).toMatchObject({
      kind: 'delivered',
    });
  });

  it('keywords missing → 310000 keywords not in content; a keyword in the title is enough', async () => {
    const outcome = await client.send(
      { accessToken: 'keyworded' },
      { msgtype: 'markdown', title: 'Hi', text: 'body' },
    );
    expect(outcome).toMatchObject({ kind: 'permanent', code: '310000' });
    expect(outcome.kind === 'permanent' && outcome.reason).toMatch(/^message lacks the robot's keywords/);
    expect(
      await client.send(
        { accessToken: 'keyworded' },
        { msgtype: 'markdown', title: '[Tidings] Hi', text: 'body' },
      ),
    ).toMatchObject({ kind: 'delivered' });
    expect(await client.send({ accessToken: 'keyworded' }, text('disk alert'))).toMatchObject({
      kind: 'delivered',
    });
    expect(await messages('keyworded')).toHaveLength(2);
  });

  it('the 21st message in a rolling minute throttles the robot for 10 minutes (retry after 600 s)', async () => {
    for (let i = 0; i < 20; i++) {
      expect(await client.send({ accessToken: 'plain' }, text(`m${i}`))).toMatchObject({ kind: 'delivered' });
      clock += 1000;
    }
    expect(await client.send({ accessToken: 'plain' }, text('m20'))).toEqual({
      kind: 'retry',
      retryAfterSeconds: 600,
      code: '410100',
      reason:
        'robot throttled by DingTalk: more than 20 messages a minute; it accepts messages again after 10 minutes',
      httpStatus: 200,
    });
    const throttledAt = clock;
    clock = throttledAt + 10 * 60_000 - 1;
    expect(await client.send({ accessToken: 'plain' }, text('still'))).toMatchObject({
      kind: 'retry',
      code: '410100',
    });
    // Other robots are not affected.
    expect(await client.send({ accessToken: 'keyworded' }, text('alert'))).toMatchObject({
      kind: 'delivered',
    });
    clock = throttledAt + 10 * 60_000;
    expect(await client.send({ accessToken: 'plain' }, text('again'))).toMatchObject({ kind: 'delivered' });
    expect(await messages('plain')).toHaveLength(21);
    const { body } = await control('GET', '/_sandbox/requests');
    const results = (body.requests as Array<{ result: string }>).map((r) => r.result);
    expect(results.filter((r) => r === 'rejected')).toHaveLength(2);
  });

  it('the window is rolling: 20 a minute apart is fine', async () => {
    for (let i = 0; i < 20; i++) await client.send({ accessToken: 'plain' }, text(`a${i}`));
    clock += 60_000;
    for (let i = 0; i < 20; i++) {
      expect(await client.send({ accessToken: 'plain' }, text(`b${i}`))).toMatchObject({ kind: 'delivered' });
    }
  });

  it('rate limits can be switched off for throughput runs', async () => {
    expect(await control('PUT', '/_sandbox/settings', { rateLimits: false })).toEqual({
      status: 200,
      body: { rateLimits: false },
    });
    for (let i = 0; i < 30; i++) {
      expect(await client.send({ accessToken: 'plain' }, text(`m${i}`))).toMatchObject({ kind: 'delivered' });
    }
    const off = await startSandbox({ rateLimits: false });
    expect(off.sandbox.settings.rateLimits).toBe(false);
    await off.stop();
  });

  it('unknown access token → 300001, classified permanent', async () => {
    expect(await client.send({ accessToken: 'nobody' }, text('x'))).toEqual({
      kind: 'permanent',
      code: '300001',
      reason: 'robot access token does not exist: check the webhook URL, or the robot was removed',
      httpStatus: 200,
    });
  });

  it('a repeated msgUuid is answered ok but recorded once', async () => {
    const send = () => client.send({ accessToken: 'plain' }, text('once'), { idempotencyKey: 'notif-1' });
    expect(await send()).toMatchObject({ kind: 'delivered' });
    expect(await send()).toMatchObject({ kind: 'delivered' });
    expect(
      await client.send({ accessToken: 'plain' }, text('other'), { idempotencyKey: 'notif-2' }),
    ).toMatchObject({
      kind: 'delivered',
    });
    // The same key on another robot is a different message.
    expect(
      await client.send({ accessToken: 'signed', secret: SECRET }, text('once'), {
        idempotencyKey: 'notif-1',
      }),
    ).toMatchObject({ kind: 'delivered' });
    expect((await messages('plain')).map((m) => (m.body as { msgUuid: string }).msgUuid)).toEqual([
      'notif-1',
      'notif-2',
    ]);
    const { body } = await control('GET', '/_sandbox/requests');
    expect((body.requests as Array<{ result: string }>).map((r) => r.result)).toEqual([
      'accepted',
      'duplicate',
      'accepted',
      'accepted',
    ]);
  });

  it('bad JSON and unknown msgtype get the real errcodes', async () => {
    expect(await rawSend('access_token=plain', '{not json')).toEqual({
      errcode: 40035,
      errmsg: '缺少参数 json',
    });
    expect((await rawSend('access_token=plain', '{"msgtype":"video","video":{}}')).errcode).toBe(400105);
    expect(
      (await rawSend('access_token=plain', '{"msgtype":"markdown","markdown":{"text":"x"}}')).errcode,
    ).toBe(400402);
    const { body } = await control('GET', '/_sandbox/requests');
    expect(body.requests).toHaveLength(3);
    expect(body.requests).toMatchObject([
      { result: 'rejected', bodyText: '{not json', answer: { httpStatus: 200, body: { errcode: 40035 } } },
      { result: 'rejected', answer: { body: { errcode: 400105 } } },
      { result: 'rejected', answer: { body: { errcode: 400402 } } },
    ]);
  });

  describe('fault injection', () => {
    it('the next N requests for a robot fail with the given errcode', async () => {
      const { status, body } = await control('POST', '/_sandbox/faults', {
        accessToken: 'plain',
        count: 2,
        errcode: -1,
        errmsg: '系统繁忙',
      });
      expect(status).toBe(201);
      expect(body.fault).toMatchObject({ remaining: 2, errcode: -1 });
      expect(await client.send({ accessToken: 'keyworded' }, text('alert'))).toMatchObject({
        kind: 'delivered',
      });
      expect(await client.send({ accessToken: 'plain' }, text('1'))).toMatchObject({
        kind: 'retry',
        code: '-1',
      });
      expect(await client.send({ accessToken: 'plain' }, text('2'))).toMatchObject({
        kind: 'retry',
        code: '-1',
      });
      expect(await client.send({ accessToken: 'plain' }, text('3'))).toMatchObject({ kind: 'delivered' });
      expect((await control('GET', '/_sandbox/faults')).body.faults).toEqual([]);
    });

    it('an HTTP status fault for every robot', async () => {
      await control('POST', '/_sandbox/faults', { httpStatus: 502 });
      expect(await client.send({ accessToken: 'plain' }, text('x'))).toMatchObject({
        kind: 'retry',
        code: 'http_502',
        httpStatus: 502,
      });
      expect(await client.send({ accessToken: 'plain' }, text('x'))).toMatchObject({ kind: 'delivered' });
      const { body } = await control('GET', '/_sandbox/requests');
      expect(body.requests).toMatchObject([
        { result: 'fault', answer: { httpStatus: 502, body: '502 Bad Gateway' } },
        { result: 'accepted' },
      ]);
    });

    it('a dropped connection and a slow answer become network / timeout retries', async () => {
      await control('POST', '/_sandbox/faults', { drop: true });
      expect(await client.send({ accessToken: 'plain' }, text('x'))).toMatchObject({
        kind: 'retry',
        code: 'network',
      });
      await control('POST', '/_sandbox/faults', { delayMs: 500 });
      const impatient = createDingTalkRobotClient({ baseUrl: base, now: () => clock, timeoutMs: 100 });
      const outcome: DeliveryOutcome = await impatient.send({ accessToken: 'plain' }, text('x'));
      expect(outcome).toMatchObject({ kind: 'retry', code: 'timeout' });
    });

    async function larkAppSend(content: string) {
      await control('PUT', '/_sandbox/lark/apps/cli_a1', { appSecret: 'app-secret' });
      await control('PUT', '/_sandbox/lark/people', { openId: 'ou_alice' });
      const token = await fetch(`${running.url}/lark/open-apis/auth/v3/tenant_access_token/internal`, {
        method: 'POST',
        body: JSON.stringify({ app_id: 'cli_a1', app_secret: 'app-secret' }),
      });
      const { tenant_access_token } = (await token.json()) as { tenant_access_token: string };
      return fetch(`${running.url}/lark/open-apis/im/v1/messages?receive_id_type=open_id`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant_access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          receive_id: 'ou_alice',
          msg_type: 'text',
          content: JSON.stringify({ text: content }),
        }),
      });
    }

    const wecomRobotSend = (content: string) =>
      fetch(`${running.url}/wecom/cgi-bin/webhook/send?key=robot-1`, {
        method: 'POST',
        body: JSON.stringify({ msgtype: 'text', text: { content } }),
      });

    it('a Lark app send answered 503 by a vendor fault, then succeeding', async () => {
      const { status, body } = await control('POST', '/_sandbox/faults', {
        vendor: 'lark',
        match: '/im/v1/messages',
        httpStatus: 503,
      });
      expect(status).toBe(201);
      expect(body.fault).toMatchObject({ vendor: 'lark', match: '/im/v1/messages', remaining: 1 });
      const faulted = await larkAppSend('hello');
      expect(faulted.status).toBe(503);
      expect(await faulted.text()).toBe('503 Service Unavailable');
      const ok = await larkAppSend('hello');
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ code: 0 });
      const { body: log } = await control('GET', '/_sandbox/requests');
      expect(log.requests).toMatchObject([
        {
          result: 'fault',
          path: '/lark/open-apis/im/v1/messages',
          answer: { httpStatus: 503 },
          faultId: (body.fault as { id: string }).id,
        },
      ]);
      // The token fetch (not matched) was not faulted; the robot is not affected by a Lark fault.
      expect(await client.send({ accessToken: 'plain' }, text('x'))).toMatchObject({ kind: 'delivered' });
    });

    it('latency for a vendor: the answer comes late but is the real one', async () => {
      await control('PUT', '/_sandbox/wecom/robots/robot-1', {});
      await control('POST', '/_sandbox/faults', { vendor: 'wecom', delayMs: 300 });
      const started = performance.now();
      const answer = await wecomRobotSend('slow');
      expect(performance.now() - started).toBeGreaterThanOrEqual(280);
      expect(await answer.json()).toMatchObject({ errcode: 0 });
      const fast = performance.now();
      await wecomRobotSend('fast');
      expect(performance.now() - fast).toBeLessThan(280);
    });

    it('an outage window for WeCom fails every request until it ends', async () => {
      await control('PUT', '/_sandbox/wecom/robots/robot-1', {});
      const { body } = await control('POST', '/_sandbox/faults', { vendor: 'wecom', outageMs: 60_000 });
      expect(body.fault).toMatchObject({ outageUntil: new Date(clock + 60_000).toISOString() });
      for (let i = 0; i < 3; i++) expect((await wecomRobotSend(`down ${i}`)).status).toBe(503);
      expect((await fetch(`${running.url}/wecom/cgi-bin/gettoken?corpid=x&corpsecret=y`)).status).toBe(503);
      // Other vendors are up.
      expect(await client.send({ accessToken: 'plain' }, text('x'))).toMatchObject({ kind: 'delivered' });
      clock += 60_000;
      expect(await (await wecomRobotSend('back')).json()).toMatchObject({ errcode: 0 });
      expect((await control('GET', '/_sandbox/faults')).body.faults).toEqual([]);
    });

    it('an outage can drop connections instead', async () => {
      await control('POST', '/_sandbox/faults', { vendor: 'webhook', outageMs: 1000, drop: true });
      await expect(
        fetch(`${running.url}/webhook/receive/ep-1`, { method: 'POST', body: '{}' }),
      ).rejects.toThrow();
      const { body } = await control('GET', '/_sandbox/requests');
      expect(body.requests).toMatchObject([{ result: 'fault', answer: null, path: '/webhook/receive/ep-1' }]);
    });

    it('a fault matched by path only applies to any vendor with that path', async () => {
      await control('POST', '/_sandbox/faults', { match: '/cgi-bin/gettoken', httpStatus: 500, count: 2 });
      expect((await fetch(`${running.url}/wecom/cgi-bin/gettoken?corpid=x&corpsecret=y`)).status).toBe(500);
      // Neither the robot nor a Lark request matches the path.
      expect(await client.send({ accessToken: 'plain' }, text('x'))).toMatchObject({ kind: 'delivered' });
      expect((await larkAppSend('x')).status).toBe(200);
      expect((await control('GET', '/_sandbox/faults')).body.faults).toMatchObject([{ remaining: 1 }]);
      const { body } = await control('GET', '/_sandbox/faults');
      expect((body.faults as Array<Record<string, unknown>>)[0]).not.toHaveProperty('vendor');
    });

    it('an errcode fault for the DingTalk enterprise app answers in its JSON shape', async () => {
      await control('POST', '/_sandbox/faults', { vendor: 'dingtalk-app', errcode: 90018 });
      const answer = await fetch(`${running.url}/dingtalk/oapi/gettoken?appkey=x&appsecret=y`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ errcode: 90018, errmsg: 'sandbox injected fault' });
    });
  });
});

describe('control API', () => {
  it.each([
    ['PUT', '/_sandbox/dingtalk/robots/x', { keywords: 'alert' }, 'keywords'],
    [
      'PUT',
      '/_sandbox/dingtalk/robots/x',
      { keywords: Array.from({ length: 11 }, (_, i) => `k${i}`) },
      'keywords',
    ],
    ['PUT', '/_sandbox/dingtalk/robots/x', { secret: '' }, 'secret'],
    ['PUT', '/_sandbox/dingtalk/robots/x', { keyword: ['a'] }, 'keyword'],
    ['PUT', '/_sandbox/dingtalk/robots/x', '{oops', '(body)'],
    ['POST', '/_sandbox/faults', { count: 1 }, 'errcode'],
    ['POST', '/_sandbox/faults', { errcode: 1, count: 0 }, 'count'],
    ['POST', '/_sandbox/faults', { httpStatus: 99 }, 'httpStatus'],
    ['POST', '/_sandbox/faults', { vendor: 'slack', errcode: 1 }, 'vendor'],
    ['POST', '/_sandbox/faults', { match: '', errcode: 1 }, 'match'],
    ['POST', '/_sandbox/faults', { outageMs: 0 }, 'outageMs'],
    ['PUT', '/_sandbox/settings', { rateLimits: 'yes' }, 'rateLimits'],
    ['POST', '/_sandbox/reset', { robots: 1 }, 'robots'],
  ])('%s %s %j → 400 naming %s', async (method, path, body, field) => {
    const answer = await control(method, path, body);
    expect(answer.status).toBe(400);
    expect((answer.body.issues as Array<{ field: string }>).map((issue) => issue.field)).toContain(field);
    expect(answer.body.error).toContain(field);
  });

  it('lists, replaces and deletes robots', async () => {
    await control('PUT', '/_sandbox/dingtalk/robots/plain', { keywords: ['k'] });
    const { body } = await control('GET', '/_sandbox/dingtalk/robots');
    expect(body.robots).toEqual([
      { accessToken: 'signed', secret: SECRET, keywords: [], throttledUntil: null },
      { accessToken: 'plain', keywords: ['k'], throttledUntil: null },
      { accessToken: 'keyworded', keywords: ['[Tidings]', 'alert'], throttledUntil: null },
    ]);
    expect((await control('DELETE', '/_sandbox/dingtalk/robots/plain')).status).toBe(200);
    expect((await control('DELETE', '/_sandbox/dingtalk/robots/plain')).status).toBe(404);
    expect(await client.send({ accessToken: 'plain' }, text('k'))).toMatchObject({ code: '300001' });
  });

  it('reset clears messages, requests and faults but keeps robots unless asked', async () => {
    await client.send({ accessToken: 'plain' }, text('x'));
    await control('POST', '/_sandbox/faults', { errcode: 1, count: 5 });
    expect(await control('POST', '/_sandbox/reset')).toEqual({
      status: 200,
      body: { reset: true, robotsCleared: false },
    });
    expect(await messages()).toEqual([]);
    expect((await control('GET', '/_sandbox/requests')).body.requests).toEqual([]);
    expect((await control('GET', '/_sandbox/faults')).body.faults).toEqual([]);
    expect(await client.send({ accessToken: 'plain' }, text('x'))).toMatchObject({ kind: 'delivered' });

    await control('POST', '/_sandbox/reset', { robots: true });
    expect((await control('GET', '/_sandbox/dingtalk/robots')).body.robots).toEqual([]);
  });

  it('unknown paths and methods', async () => {
    expect((await control('GET', '/_sandbox/nope')).status).toBe(404);
    expect((await control('GET', '/dingtalk/oapi/robot/send')).status).toBe(405);
  });
});

describe('inbox page', () => {
  let inboxRunning: RunningSandbox;
  let inboxClock: number;
  beforeEach(async () => {
    inboxClock = START;
    inboxRunning = await startSandbox({ now: () => inboxClock, rateLimits: false });
  });
  afterEach(async () => {
    await inboxRunning.stop();
  });
  const put = (path: string, body: unknown) =>
    fetch(`${inboxRunning.url}${path}`, { method: 'PUT', body: JSON.stringify(body) });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${inboxRunning.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const page = async () => {
    const response = await fetch(`${inboxRunning.url}/`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    return response.text();
  };

  it("shows every vendor's messages, newest first, roughly as the platform renders them", async () => {
    await put('/_sandbox/dingtalk/robots/r1', {});
    await post('/dingtalk/oapi/robot/send?access_token=r1', {
      msgtype: 'markdown',
      markdown: {
        title: 'Ticket #7',
        text: '## Ticket #7\n**urgent** see [the ticket](https://t.example/7)\n> quoted @13800000000',
      },
      at: { atMobiles: ['13800000000'] },
    });
    inboxClock += 1000;
    await put('/_sandbox/lark/bots/hook-1', {});
    await post('/lark/open-apis/bot/v2/hook/hook-1', {
      msg_type: 'interactive',
      card: {
        header: { title: { tag: 'plain_text', content: 'Lark card title' }, template: 'blue' },
        elements: [
          { tag: 'div', text: { tag: 'lark_md', content: '**Lark body**' } },
          {
            tag: 'action',
            actions: [
              {
                tag: 'button',
                text: { tag: 'plain_text', content: 'Open ticket' },
                url: 'https://t.example/8',
              },
            ],
          },
        ],
      },
    });
    inboxClock += 1000;
    await put('/_sandbox/wecom/robots/wk', {});
    await post('/wecom/cgi-bin/webhook/send?key=wk', {
      msgtype: 'text',
      text: { content: 'WeCom hello', mentioned_list: ['lisi', '@all'] },
    });
    inboxClock += 1000;
    await put('/_sandbox/webhook/endpoints/ep-1', {});
    await post(
      '/webhook/receive/ep-1',
      { type: 'ticket.commented', id: 7 },
      {
        'content-type': 'application/json',
        'x-tidings-delivery-id': 'd-1',
      },
    );

    const html = await page();
    // Newest first: webhook, WeCom, Lark, DingTalk.
    const order = ['ticket.commented', 'WeCom hello', 'Lark card title', 'Ticket #7'].map((t) =>
      html.indexOf(t),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // DingTalk markdown as HTML with the mention highlighted.
    expect(html).toContain('<h4>Ticket #7</h4>');
    expect(html).toContain('<strong>urgent</strong>');
    expect(html).toContain(
      '<a href="https://t.example/7" target="_blank" rel="noopener noreferrer">the ticket</a>',
    );
    expect(html).toMatch(/<blockquote>quoted <span class="mention">@13800000000<\/span><\/blockquote>/);
    // Lark card: header, body, button.
    expect(html).toContain('<div class="card-header tone-blue">Lark card title</div>');
    expect(html).toContain('<strong>Lark body</strong>');
    expect(html).toContain('<a class="button" href="https://t.example/8"');
    // WeCom text with its mentions.
    expect(html).toContain('<span class="mention">@lisi</span>');
    expect(html).toContain('<span class="mention">@all</span>');
    // Webhook: pretty JSON and its badge (no secret configured: unsigned).
    expect(html).toContain('&quot;type&quot;: &quot;ticket.commented&quot;');
    expect(html).toContain('unsigned');
  });

  it('escapes message content everywhere: no markup gets through', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await put('/_sandbox/dingtalk/robots/r1', {});
    await post('/dingtalk/oapi/robot/send?access_token=r1', {
      msgtype: 'markdown',
      markdown: { title: evil, text: `# ${evil}\n[click](javascript:alert(3)) **${evil}**\n> ${evil}` },
    });
    await put('/_sandbox/lark/bots/hook-1', {});
    await post('/lark/open-apis/bot/v2/hook/hook-1', {
      msg_type: 'interactive',
      card: {
        header: { title: { content: evil }, template: 'red" onclick="x' },
        elements: [
          { tag: 'markdown', content: evil },
          {
            tag: 'action',
            actions: [{ tag: 'button', text: { content: evil }, url: 'javascript:alert(4)' }],
          },
        ],
      },
    });
    await put('/_sandbox/wecom/robots/wk', {});
    await post('/wecom/cgi-bin/webhook/send?key=wk', { msgtype: 'markdown', markdown: { content: evil } });
    await put('/_sandbox/webhook/endpoints/ep-1', {});
    await post(
      '/webhook/receive/ep-1',
      { note: evil },
      {
        'content-type': 'application/json',
        'x-tidings-delivery-id': evil,
      },
    );
    const html = await page();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).not.toContain('onclick="x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Every vendor's message is on the page (so each was escaped, not left out).
    for (const vendor of ['dingtalk-robot', 'lark', 'wecom', 'webhook']) {
      expect(html).toContain(`<article class="message vendor-${vendor}">`);
    }
  });

  it('with nothing received says so', async () => {
    expect(await page()).toContain('No messages yet.');
  });
});
