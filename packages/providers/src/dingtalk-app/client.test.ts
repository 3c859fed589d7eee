import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenCache } from '../token-cache.ts';
import { createDingTalkAppClient } from './client.ts';
import type { DingTalkAppCredentials } from './requests.ts';

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
type Reply = { status: number; body: unknown; contentType?: string };
let server: Server | undefined;

/** A scripted fake DingTalk: `route(seen)` answers each request. */
async function fakeDingTalk(route: (seen: Seen) => Reply) {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      const reply = route(request);
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { oapiBaseUrl: `${base}/oapi`, apiBaseUrl: `${base}/api`, seen };
}

afterEach(async () => {
  const current = server;
  server = undefined;
  if (!current) return;
  current.closeAllConnections();
  await new Promise((resolve) => current.close(resolve));
});

const APP: DingTalkAppCredentials = {
  clientId: 'dingapp',
  clientSecret: 'secret',
  agentId: 42,
  robotCode: 'dingapp',
};
const TOKEN_OK: Reply = { status: 200, body: { accessToken: 'tok1', expireIn: 7200 } };

describe('createDingTalkAppClient', () => {
  it('fetches one token for many calls and sends the exact vendor requests', async () => {
    const fake = await fakeDingTalk((r) => {
      if (r.url === '/api/v1.0/oauth2/accessToken') return TOKEN_OK;
      if (r.url.startsWith('/oapi/topapi/v2/user/getbymobile'))
        return { status: 200, body: { errcode: 0, errmsg: 'ok', result: { userid: 'u1' } } };
      if (r.url.startsWith('/oapi/topapi/message/corpconversation/asyncsend_v2'))
        return { status: 200, body: { errcode: 0, task_id: 777, request_id: 'r' } };
      return {
        status: 200,
        body: { processQueryKey: 'pqk', invalidStaffIdList: [], flowControlledStaffIdList: [] },
      };
    });
    const client = createDingTalkAppClient(fake);
    const [a, b] = await Promise.all([
      client.lookupUserIdByMobile(APP, '+86 138 0013 8000'),
      client.lookupUserIdByMobile(APP, '+8613800138000'),
    ]);
    expect(a).toEqual({ kind: 'found', userid: 'u1' });
    expect(b).toEqual({ kind: 'found', userid: 'u1' });
    const work = await client.sendWorkNotification(APP, ['u1', 'u2'], {
      msgtype: 'markdown',
      title: 'T',
      text: 'x',
    });
    expect(work).toEqual([
      { userId: 'u1', outcome: { kind: 'delivered', httpStatus: 200, providerMessageId: '777' } },
      { userId: 'u2', outcome: { kind: 'delivered', httpStatus: 200, providerMessageId: '777' } },
    ]);
    await client.sendRobotBatch(APP, ['u1'], { msgKey: 'sampleText', content: 'hi' });

    const tokenCalls = fake.seen.filter((r) => r.url === '/api/v1.0/oauth2/accessToken');
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]).toMatchObject({
      method: 'POST',
      body: '{"appKey":"dingapp","appSecret":"secret"}',
    });
    const [lookup, , notify, batch] = fake.seen.filter((r) => r !== tokenCalls[0]);
    expect(lookup).toMatchObject({
      method: 'POST',
      url: '/oapi/topapi/v2/user/getbymobile?access_token=tok1',
      body: '{"mobile":"13800138000","support_exclusive_account_search":false}',
    });
    expect(lookup?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(lookup?.headers['x-acs-dingtalk-access-token']).toBeUndefined();
    expect(notify).toMatchObject({
      url: '/oapi/topapi/message/corpconversation/asyncsend_v2?access_token=tok1',
      body: '{"agent_id":42,"userid_list":"u1,u2","msg":{"msgtype":"markdown","markdown":{"title":"T","text":"x"}}}',
    });
    expect(batch).toMatchObject({
      url: '/api/v1.0/robot/oToMessages/batchSend',
      body: '{"robotCode":"dingapp","userIds":["u1"],"msgKey":"sampleText","msgParam":"{\\"content\\":\\"hi\\"}"}',
    });
    expect(batch?.headers['x-acs-dingtalk-access-token']).toBe('tok1');
    expect(batch?.headers.authorization).toBeUndefined();
  });

  it('on an invalid token: invalidates it, fetches a new one and retries exactly once', async () => {
    let tokens = 0;
    const fake = await fakeDingTalk((r) => {
      if (r.url.includes('accessToken'))
        return { status: 200, body: { accessToken: `tok${++tokens}`, expireIn: 7200 } };
      if (r.url.startsWith('/oapi')) {
        return r.url.endsWith('tok1')
          ? { status: 200, body: { errcode: 88, sub_code: '40014', errmsg: '不合法的access_token' } }
          : { status: 200, body: { errcode: 0, task_id: 1 } };
      }
      return { status: 400, body: { code: 'InvalidAuthentication', message: '不合法的access_token' } };
    });
    const cache = new TokenCache();
    const client = createDingTalkAppClient({ ...fake, tokenCache: cache });
    const work = await client.sendWorkNotification(APP, ['u1'], { msgtype: 'text', content: 'x' });
    expect(work[0]?.outcome).toMatchObject({ kind: 'delivered', providerMessageId: '1' });
    expect(cache.fetches.get('dingtalk:dingapp')).toBe(2);

    // The new API keeps rejecting: one retry, then the reauthenticate outcome is returned.
    const robot = await client.sendRobotBatch(APP, ['u1'], { msgKey: 'sampleText', content: 'x' });
    expect(robot).toEqual([
      {
        userId: 'u1',
        outcome: expect.objectContaining({ kind: 'reauthenticate', code: 'InvalidAuthentication' }),
      },
    ]);
    expect(fake.seen.filter((r) => r.url.includes('batchSend'))).toHaveLength(2);
    expect(cache.fetches.get('dingtalk:dingapp')).toBe(3);
  });

  it('bad credentials → permanent for every recipient, nothing sent', async () => {
    const fake = await fakeDingTalk(() => ({
      status: 400,
      body: { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret', requestid: 'x' },
    }));
    const client = createDingTalkAppClient(fake);
    const outcomes = await client.sendRobotBatch(APP, ['a', 'b'], { msgKey: 'sampleText', content: 'x' });
    expect(outcomes.map((o) => o.outcome)).toEqual([
      expect.objectContaining({ kind: 'permanent', code: 'invalidClientIdOrSecret' }),
      expect.objectContaining({ kind: 'permanent', code: 'invalidClientIdOrSecret' }),
    ]);
    expect(await client.lookupUserIdByMobile(APP, '13800138000')).toMatchObject({
      kind: 'error',
      outcome: { kind: 'permanent', reason: expect.stringContaining('Client Secret') },
    });
    expect(fake.seen.every((r) => r.url.includes('accessToken'))).toBe(true);
  });

  it('splits robot batches at 20 and work notifications at 5000, outcomes in order', async () => {
    let batchNo = 0;
    const fake = await fakeDingTalk((r) => {
      if (r.url.includes('accessToken')) return TOKEN_OK;
      if (r.url.includes('asyncsend_v2')) return { status: 200, body: { errcode: 0, task_id: ++batchNo } };
      const { userIds } = JSON.parse(r.body) as { userIds: string[] };
      return {
        status: 200,
        body: { processQueryKey: `p${++batchNo}`, invalidStaffIdList: userIds.filter((u) => u === 'u7') },
      };
    });
    const client = createDingTalkAppClient(fake);
    const users = Array.from({ length: 25 }, (_, i) => `u${i}`);
    const robot = await client.sendRobotBatch(APP, users, { msgKey: 'sampleText', content: 'x' });
    expect(robot.map((o) => o.userId)).toEqual(users);
    expect(
      fake.seen.filter((r) => r.url.includes('batchSend')).map((r) => JSON.parse(r.body).userIds.length),
    ).toEqual([20, 5]);
    expect(robot[7]?.outcome).toMatchObject({ kind: 'permanent', code: 'invalidStaffId' });
    expect(robot[24]?.outcome).toMatchObject({ kind: 'delivered', providerMessageId: 'p2' });

    const many = Array.from({ length: 5001 }, (_, i) => `w${i}`);
    const work = await client.sendWorkNotification(APP, many, { msgtype: 'text', content: 'x' });
    const calls = fake.seen.filter((r) => r.url.includes('asyncsend_v2'));
    expect(calls.map((r) => (JSON.parse(r.body).userid_list as string).split(',').length)).toEqual([5000, 1]);
    expect(work[5000]?.outcome).toMatchObject({ providerMessageId: '4' });
  });

  it('invalid mobile → permanent without any request; not found → not-found', async () => {
    const fake = await fakeDingTalk((r) =>
      r.url.includes('accessToken')
        ? TOKEN_OK
        : { status: 200, body: { errcode: 60121, errmsg: '找不到该用户' } },
    );
    const client = createDingTalkAppClient(fake);
    expect(await client.lookupUserIdByMobile(APP, 'not a phone')).toMatchObject({
      kind: 'error',
      outcome: { kind: 'permanent', code: 'invalid_mobile' },
    });
    expect(fake.seen).toHaveLength(0);
    expect(await client.lookupUserIdByMobile(APP, '+8613800138000')).toMatchObject({ kind: 'not-found' });
  });

  it('work notification: a userid that is empty or holds a comma is refused per user, the rest sent', async () => {
    const fake = await fakeDingTalk((r) =>
      r.url.includes('accessToken') ? TOKEN_OK : { status: 200, body: { errcode: 0, task_id: 5 } },
    );
    const outcomes = await createDingTalkAppClient(fake).sendWorkNotification(APP, ['a', 'b,c', '', 'd'], {
      msgtype: 'text',
      content: 'x',
    });
    expect(outcomes.map((o) => [o.userId, o.outcome.kind])).toEqual([
      ['a', 'delivered'],
      ['b,c', 'permanent'],
      ['', 'permanent'],
      ['d', 'delivered'],
    ]);
    expect(JSON.parse(fake.seen.find((r) => r.url.includes('asyncsend_v2'))?.body ?? '{}').userid_list).toBe(
      'a,d',
    );
  });

  it('network failures are retry outcomes, not exceptions', async () => {
    const client = createDingTalkAppClient({
      oapiBaseUrl: 'http://127.0.0.1:1',
      apiBaseUrl: 'http://127.0.0.1:1',
      timeoutMs: 2000,
    });
    expect(await client.sendWorkNotification(APP, ['u'], { msgtype: 'text', content: 'x' })).toEqual([
      { userId: 'u', outcome: expect.objectContaining({ kind: 'retry', code: 'network' }) },
    ]);
  });
});
