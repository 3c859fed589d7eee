import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDingTalkAppClient, type DingTalkAppCredentials } from '@tidings/providers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorRequest } from '../emulator.ts';
import { createDingTalkAppEmulator, type DingTalkAppEmulator } from './emulator.ts';

const APP: DingTalkAppCredentials = {
  clientId: 'dingapp1',
  clientSecret: 's3cret',
  agentId: 9001,
  robotCode: 'dingapp1',
};

let server: Server | undefined;
let base = '';
let clock = Date.UTC(2026, 10, 22, 4, 0, 0);
let emulator: DingTalkAppEmulator;

/** The sandbox's HTTP shape in miniature: read the body, offer it to the emulator, write its answer. */
async function serve(e: DingTalkAppEmulator): Promise<string> {
  server = createServer((req, res) => {
    let bodyText = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      bodyText += chunk;
    });
    req.on('end', async () => {
      const request: EmulatorRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://sandbox.invalid'),
        headers: req.headers,
        bodyText,
      };
      const answer = (await e.handle(request)) ?? { status: 404, body: { error: 'not owned' } };
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      res
        .writeHead(answer.status, {
          'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json;charset=utf-8',
          ...answer.headers,
        })
        .end(text);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function setUp(options: Parameters<typeof createDingTalkAppEmulator>[0] = {}) {
  emulator = createDingTalkAppEmulator({ now: () => clock, ...options });
  base = await serve(emulator);
  const { clientId, ...app } = APP;
  expect((await call('PUT', `/_sandbox/dingtalk-app/apps/${clientId}`, app)).status).toBe(200);
  for (const [mobile, userid, resigned] of [
    ['+8613800000001', 'alice', false],
    ['13800000002', 'bob', false],
    ['+8613800000003', 'carol', true],
  ] as const) {
    expect((await call('PUT', '/_sandbox/dingtalk-app/people', { mobile, userid, resigned })).status).toBe(
      200,
    );
  }
  return createDingTalkAppClient({
    oapiBaseUrl: `${base}/dingtalk/oapi`,
    apiBaseUrl: `${base}/dingtalk/api`,
  });
}

const inbox = async (userid: string) =>
  (await call('GET', `/_sandbox/dingtalk-app/messages?userid=${userid}`)).body as {
    messages: Record<string, unknown>[];
    dropped: Record<string, unknown>[];
  };
const tokenFetches = async () =>
  (await call('GET', '/_sandbox/dingtalk-app/token-fetches')).body.tokenFetches;
const token = async () =>
  (
    await call('POST', '/dingtalk/api/v1.0/oauth2/accessToken', {
      appKey: APP.clientId,
      appSecret: APP.clientSecret,
    })
  ).body.accessToken as string;

beforeEach(() => {
  clock = Date.UTC(2026, 10, 22, 4, 0, 0);
});

afterEach(async () => {
  const current = server;
  server = undefined;
  if (!current) return;
  current.closeAllConnections();
  await new Promise((resolve) => current.close(resolve));
});

describe('DingTalk app emulator driven by the real client', () => {
  it('one token fetch for many calls; lookups found / not-found (unknown, resigned)', async () => {
    const client = await setUp();
    expect(await client.lookupUserIdByMobile(APP, '+8613800000001')).toEqual({
      kind: 'found',
      userid: 'alice',
    });
    expect(await client.lookupUserIdByMobile(APP, '+86 138 0000 0002')).toEqual({
      kind: 'found',
      userid: 'bob',
    });
    expect(await client.lookupUserIdByMobile(APP, '+8613999999999')).toMatchObject({ kind: 'not-found' });
    expect(await client.lookupUserIdByMobile(APP, '+8613800000003')).toMatchObject({ kind: 'not-found' });
    await client.sendWorkNotification(APP, ['alice'], { msgtype: 'text', content: 'T-1 at 04:00' });
    await client.sendRobotBatch(APP, ['bob'], { msgKey: 'sampleText', content: 'hi' });
    expect(await tokenFetches()).toEqual({ dingapp1: 1 });
  });

  it('work notification to 2 users lands in both inboxes, delivered with the task_id', async () => {
    const client = await setUp();
    const outcomes = await client.sendWorkNotification(APP, ['alice', 'bob'], {
      msgtype: 'markdown',
      title: 'Ticket T-7',
      text: '**T-7** was assigned to you · 2026-11-22T04:00Z',
    });
    expect(outcomes).toEqual([
      {
        userId: 'alice',
        outcome: { kind: 'delivered', httpStatus: 200, providerMessageId: expect.any(String) },
      },
      {
        userId: 'bob',
        outcome: { kind: 'delivered', httpStatus: 200, providerMessageId: expect.any(String) },
      },
    ]);
    for (const userid of ['alice', 'bob']) {
      const { messages } = await inbox(userid);
      expect(messages).toEqual([
        expect.objectContaining({
          channel: 'work-notification',
          agentId: 9001,
          taskId: Number(outcomes[0]?.outcome.kind === 'delivered' && outcomes[0].outcome.providerMessageId),
          msg: {
            msgtype: 'markdown',
            markdown: { title: 'Ticket T-7', text: expect.stringContaining('T-7') },
          },
        }),
      ]);
    }
  });

  it('robot batch of 25 is split 20 + 5; the unknown user is reported per user', async () => {
    const client = await setUp();
    const users = Array.from({ length: 25 }, (_, i) => (i === 22 ? 'ghost' : `user${i}`));
    for (const [i, userid] of users.entries()) {
      if (userid !== 'ghost') emulator.putPerson({ mobile: `1390000${String(i).padStart(4, '0')}`, userid });
    }
    const outcomes = await client.sendRobotBatch(APP, users, {
      msgKey: 'sampleMarkdown',
      title: 'T',
      text: 'x',
    });
    expect(outcomes.map((o) => o.userId)).toEqual(users);
    expect(outcomes.filter((o) => o.outcome.kind === 'delivered')).toHaveLength(24);
    expect(outcomes[22]?.outcome).toMatchObject({
      kind: 'permanent',
      code: 'invalidStaffId',
      reason: expect.stringContaining('ghost'),
    });
    const keys = new Set(
      outcomes.map((o) => (o.outcome.kind === 'delivered' ? o.outcome.providerMessageId : 'x')),
    );
    expect(keys.size).toBe(3); // two processQueryKeys (20 + 5) and the failure
    expect(emulator.messages.filter((m) => m.channel === 'robot')).toHaveLength(24);
    expect((await inbox('user0')).messages[0]).toMatchObject({
      channel: 'robot',
      robotCode: 'dingapp1',
      msgKey: 'sampleMarkdown',
      msgParam: { title: 'T', text: 'x' },
    });
  });

  it('an expired token is answered as invalid; the client reauthenticates and retries once', async () => {
    const client = await setUp();
    await client.sendWorkNotification(APP, ['alice'], { msgtype: 'text', content: 'first' });
    clock += 7201 * 1000; // the sandbox's clock passes expireIn; the client's cache still trusts the token
    const work = await client.sendWorkNotification(APP, ['alice'], { msgtype: 'text', content: 'second' });
    expect(work[0]?.outcome).toMatchObject({ kind: 'delivered' });
    emulator.revokeTokens();
    const robot = await client.sendRobotBatch(APP, ['alice'], { msgKey: 'sampleText', content: 'third' });
    expect(robot[0]?.outcome).toMatchObject({ kind: 'delivered' });
    expect(await tokenFetches()).toEqual({ dingapp1: 3 });
    expect((await inbox('alice')).messages).toHaveLength(3);
  });

  it('bad credentials → permanent, actionable', async () => {
    const client = await setUp();
    const outcomes = await client.sendRobotBatch({ ...APP, clientSecret: 'wrong' }, ['alice'], {
      msgKey: 'sampleText',
      content: 'x',
    });
    expect(outcomes[0]?.outcome).toMatchObject({
      kind: 'permanent',
      code: 'invalidClientIdOrSecret',
      reason: expect.stringContaining('Client Secret'),
    });
  });

  it('flow control fills flowControlledStaffIdList (retry); off when rate limits are off', async () => {
    const client = await setUp({ rateLimits: { robotMessagesPerUserPerMinute: 2 } });
    const send = () => client.sendRobotBatch(APP, ['alice', 'bob'], { msgKey: 'sampleText', content: 'x' });
    await send();
    emulator.putPerson({ mobile: '13800000009', userid: 'zed' });
    await client.sendRobotBatch(APP, ['alice'], { msgKey: 'sampleText', content: 'x' });
    const third = await send();
    expect(third.map((o) => o.outcome.kind)).toEqual(['retry', 'delivered']);
    expect(third[0]?.outcome).toMatchObject({ code: 'flowControlledStaffId' });
    clock += 60_000;
    expect((await send()).map((o) => o.outcome.kind)).toEqual(['delivered', 'delivered']);
    emulator.setRateLimits(false);
    for (let i = 0; i < 3; i++)
      expect((await send()).map((o) => o.outcome.kind)).toEqual(['delivered', 'delivered']);
  });
});

describe('DingTalk app emulator: the real errors', () => {
  it('new APIs read the token only from x-acs-dingtalk-access-token', async () => {
    await setUp();
    const t = await token();
    const body = {
      robotCode: 'dingapp1',
      userIds: ['alice'],
      msgKey: 'sampleText',
      msgParam: '{"content":"x"}',
    };
    const path = '/dingtalk/api/v1.0/robot/oToMessages/batchSend';
    for (const [p, headers] of [
      [`${path}?access_token=${t}`, {}],
      [path, { authorization: `Bearer ${t}` }],
      [path, {}],
    ] as const) {
      expect(await call('POST', p, body, headers)).toEqual({
        status: 400,
        body: expect.objectContaining({ code: 'AuthenticationFailed.MissingParameter' }),
      });
    }
    expect(await call('POST', path, body, { 'x-acs-dingtalk-access-token': 'nope' })).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 'InvalidAuthentication', message: '不合法的access_token' }),
    });
    expect((await call('POST', path, body, { 'x-acs-dingtalk-access-token': t })).status).toBe(200);
  });

  it('legacy APIs: unknown token → 88/40014; expireIn 7200; same token renewed while valid', async () => {
    await setUp();
    const first = await call('POST', '/dingtalk/api/v1.0/oauth2/accessToken', {
      appKey: 'dingapp1',
      appSecret: 's3cret',
    });
    expect(first.body).toEqual({ accessToken: expect.stringMatching(/^[0-9a-f]{32}$/), expireIn: 7200 });
    expect(await token()).toBe(first.body.accessToken);
    const answer = await call('POST', '/dingtalk/oapi/topapi/v2/user/getbymobile?access_token=bad', {
      mobile: '13800000001',
    });
    expect(answer).toEqual({
      status: 200,
      body: expect.objectContaining({ errcode: 88, sub_code: '40014' }),
    });
    const legacy = await call('GET', '/dingtalk/oapi/gettoken?appkey=dingapp1&appsecret=s3cret');
    expect(legacy.body).toMatchObject({ errcode: 0, access_token: first.body.accessToken, expires_in: 7200 });
    expect((await call('GET', '/dingtalk/oapi/gettoken?appkey=dingapp1&appsecret=x')).body).toMatchObject({
      errcode: 40096,
    });
  });

  it('batchSend validation: ≤20 userIds, msgParam a JSON string, robotCode owned, known msgKey', async () => {
    await setUp();
    const headers = { 'x-acs-dingtalk-access-token': await token() };
    const path = '/dingtalk/api/v1.0/robot/oToMessages/batchSend';
    const valid = {
      robotCode: 'dingapp1',
      userIds: ['alice'],
      msgKey: 'sampleText',
      msgParam: '{"content":"x"}',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ userIds: Array.from({ length: 21 }, (_, i) => `u${i}`) }, 'invalidParameter.userIds.overMax'],
      [{ userIds: [] }, 'invalidParameter.userIds.empty'],
      [{ msgParam: { content: 'x' } }, 'invalidParameter.msgParam.invalid'],
      [{ msgParam: 'not json' }, 'invalidParameter.msgParam.invalid'],
      [{ msgParam: '{"text":"x"}' }, 'invalidParameter.msgParam.invalid'],
      [{ robotCode: 'someone-elses-robot' }, 'invalidParameter.robotCode.auth'],
      [{ msgKey: 'fancy' }, 'invalidParameter.msgKey.invalid'],
    ];
    for (const [change, code] of cases) {
      expect(await call('POST', path, { ...valid, ...change }, headers)).toEqual({
        status: 400,
        body: expect.objectContaining({ code }),
      });
    }
    expect(emulator.messages).toHaveLength(0);
  });

  it('asyncsend_v2 validation; identical content to a user twice a day is answered success but dropped', async () => {
    await setUp();
    const path = `/dingtalk/oapi/topapi/message/corpconversation/asyncsend_v2?access_token=${await token()}`;
    const valid = {
      agent_id: 9001,
      userid_list: 'alice,nobody',
      msg: { msgtype: 'text', text: { content: 'same' } },
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ userid_list: ['alice'] }, 'userid_list'],
      [{ userid_list: Array.from({ length: 5001 }, (_, i) => `u${i}`).join(',') }, 'userid_list'],
      [{ userid_list: undefined }, 'userid_list'],
      [{ agent_id: 1 }, 'agent_id'],
      [{ agent_id: undefined }, 'agent_id'],
      [{ msg: { msgtype: 'markdown', markdown: { title: 'x' } } }, 'msg.markdown.text'],
      [{ msg: { msgtype: 'action_card', action_card: { title: 't', markdown: 'm' } } }, 'single_title'],
      [{ msg: { msgtype: 'sticker' } }, 'msg.msgtype'],
    ];
    for (const [change, field] of cases) {
      const answer = await call('POST', path, { ...valid, ...change });
      expect(answer.body).toMatchObject({ errcode: 400002, errmsg: expect.stringContaining(field) });
    }
    for (let i = 0; i < 2; i++) {
      expect((await call('POST', path, valid)).body).toMatchObject({
        errcode: 0,
        task_id: expect.any(Number),
      });
    }
    const alice = await inbox('alice');
    expect(alice.messages).toHaveLength(1);
    expect(alice.dropped).toEqual([expect.objectContaining({ reason: 'duplicate-content-today' })]);
    expect((await inbox('nobody')).dropped).toHaveLength(2);
    clock += 24 * 3600_000; // the next day (and a new token: the old one expired) the same content arrives again
    const nextDay = `/dingtalk/oapi/topapi/message/corpconversation/asyncsend_v2?access_token=${await token()}`;
    expect((await call('POST', path, valid)).body).toMatchObject({ errcode: 88, sub_code: '40014' });
    expect((await call('POST', nextDay, { ...valid, userid_list: 'alice' })).body).toMatchObject({
      errcode: 0,
    });
    expect((await inbox('alice')).messages).toHaveLength(2);
  });
});

describe('DingTalk app emulator: control API and ownership', () => {
  it('bad control input → 400 naming the field', async () => {
    await setUp();
    expect(
      await call('PUT', '/_sandbox/dingtalk-app/apps/x', {
        clientSecret: 's',
        agentId: 'one',
        robotCode: 'r',
      }),
    ).toEqual({
      status: 400,
      body: {
        error: expect.stringContaining('agentId'),
        issues: [expect.objectContaining({ field: 'agentId' })],
      },
    });
    expect(
      (await call('PUT', '/_sandbox/dingtalk-app/people', { mobile: 'abc', userid: 'u' })).body,
    ).toMatchObject({
      issues: [{ field: 'mobile' }],
    });
    expect(
      (await call('PUT', '/_sandbox/dingtalk-app/people', { mobile: '13800000001', userid: 'u', x: 1 })).body,
    ).toMatchObject({
      issues: [{ field: 'x', message: 'unknown field' }],
    });
    expect((await call('PUT', '/_sandbox/dingtalk-app/people', '{nope')).status).toBe(400);
    expect((await call('GET', '/_sandbox/dingtalk-app/nothing')).status).toBe(404);
    expect((await call('DELETE', '/_sandbox/dingtalk-app/people')).status).toBe(405);
  });

  it('leaves the group robot and other vendors alone; reset keeps apps unless everything', async () => {
    emulator = createDingTalkAppEmulator({ now: () => clock });
    const request = (method: string, path: string): EmulatorRequest => ({
      method,
      url: new URL(path, 'http://sandbox.invalid'),
      headers: {},
      bodyText: '',
    });
    expect(emulator.vendor).toBe('dingtalk-app');
    expect(
      await emulator.handle(request('POST', '/dingtalk/oapi/robot/send?access_token=x')),
    ).toBeUndefined();
    expect(await emulator.handle(request('GET', '/_sandbox/dingtalk/robots'))).toBeUndefined();
    expect(await emulator.handle(request('POST', '/lark/open-apis/x'))).toBeUndefined();
    expect(await emulator.handle(request('POST', '/dingtalk/api/v1.0/nothing'))).toMatchObject({
      status: 404,
    });
    expect(await emulator.handle(request('GET', '/dingtalk/api/v1.0/oauth2/accessToken'))).toMatchObject({
      status: 405,
    });
    emulator.putApp('a', { clientSecret: 's', agentId: 1, robotCode: 'a' });
    emulator.putPerson({ mobile: '+8613800000001', userid: 'p' });
    emulator.reset(false);
    expect(emulator.apps.size).toBe(1);
    emulator.reset(true);
    expect(emulator.apps.size).toBe(0);
  });
});
