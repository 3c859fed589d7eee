import { describe, expect, it } from 'vitest';
import { TokenCache } from '../token-cache.ts';
import { createWeComClient, type WeComAppCredentials } from './client.ts';

type Seen = { method: string; url: string; body: string | undefined };

/** A scripted fetch: answers in order, records every request exactly as sent. */
function scripted(answers: Array<unknown | Error>) {
  const seen: Seen[] = [];
  const queue = [...answers];
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({ method: init?.method ?? 'GET', url: String(input), body: init?.body as string | undefined });
    const next = queue.shift();
    if (next === undefined) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return new Response(JSON.stringify(next), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { seen, fetch: fakeFetch };
}

const APP: WeComAppCredentials = { corpId: 'ww1', corpSecret: 's3cret', agentId: 1000002, safe: false };
const BASE = 'http://127.0.0.1:9/wecom';
const TOKEN = { errcode: 0, errmsg: 'ok', access_token: 'tok1', expires_in: 7200 };

describe('createWeComClient', () => {
  it('GETs the token once (expires_in), then POSTs the exact message JSON', async () => {
    const { seen, fetch } = scripted([
      TOKEN,
      { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: 'm1' },
      { errcode: 0, errmsg: 'ok', msgid: 'm2' },
    ]);
    const client = createWeComClient({ baseUrl: BASE, fetch });
    const first = await client.sendAppMessage(APP, {
      touser: ['alice'],
      message: { msgtype: 'text', content: 'hi' },
    });
    await client.sendAppMessage(APP, {
      touser: ['bob'],
      message: { msgtype: 'markdown', content: '**hi**' },
    });
    expect(first.recipients).toEqual([
      { userid: 'alice', outcome: { kind: 'delivered', httpStatus: 200, providerMessageId: 'm1' } },
    ]);
    expect(seen).toEqual([
      { method: 'GET', url: `${BASE}/cgi-bin/gettoken?corpid=ww1&corpsecret=s3cret`, body: undefined },
      {
        method: 'POST',
        url: `${BASE}/cgi-bin/message/send?access_token=tok1`,
        body: '{"touser":"alice","msgtype":"text","agentid":1000002,"text":{"content":"hi"},"safe":0,"enable_duplicate_check":1,"duplicate_check_interval":1800}',
      },
      {
        method: 'POST',
        url: `${BASE}/cgi-bin/message/send?access_token=tok1`,
        body: '{"touser":"bob","msgtype":"markdown","agentid":1000002,"markdown":{"content":"**hi**"},"safe":0,"enable_duplicate_check":1,"duplicate_check_interval":1800}',
      },
    ]);
  });

  it('on 42001 invalidates the token, refetches and retries once', async () => {
    const { seen, fetch } = scripted([
      TOKEN,
      { errcode: 42001, errmsg: 'access_token expired' },
      { ...TOKEN, access_token: 'tok2' },
      { errcode: 0, errmsg: 'ok' },
    ]);
    const result = await createWeComClient({ baseUrl: BASE, fetch }).sendAppMessage(APP, {
      touser: ['a'],
      message: { msgtype: 'text', content: 'x' },
    });
    expect(result.batches[0]?.outcome.kind).toBe('delivered');
    expect(seen.map((s) => s.url.replace(BASE, ''))).toEqual([
      '/cgi-bin/gettoken?corpid=ww1&corpsecret=s3cret',
      '/cgi-bin/message/send?access_token=tok1',
      '/cgi-bin/gettoken?corpid=ww1&corpsecret=s3cret',
      '/cgi-bin/message/send?access_token=tok2',
    ]);
  });

  it('a second token error is reauthenticate, with no third attempt', async () => {
    const { seen, fetch } = scripted([
      TOKEN,
      { errcode: 40014, errmsg: 'invalid access_token' },
      { ...TOKEN, access_token: 'tok2' },
      { errcode: 40014, errmsg: 'invalid access_token' },
    ]);
    const result = await createWeComClient({ baseUrl: BASE, fetch }).sendAppMessage(APP, {
      touser: ['a'],
      message: { msgtype: 'text', content: 'x' },
    });
    expect(result.recipients[0]?.outcome).toMatchObject({ kind: 'reauthenticate', code: '40014' });
    expect(seen).toHaveLength(4);
  });

  it('a failed token fetch is the outcome of every recipient (wrong secret: permanent, not retried)', async () => {
    const { seen, fetch } = scripted([{ errcode: 40001, errmsg: 'invalid credential' }]);
    const result = await createWeComClient({ baseUrl: BASE, fetch }).sendAppMessage(APP, {
      touser: ['a', 'b'],
      message: { msgtype: 'text', content: 'x' },
    });
    expect(result.recipients.map((r) => r.outcome.kind)).toEqual(['permanent', 'permanent']);
    expect(seen).toHaveLength(1);
  });

  it('splits 1001 recipients into two calls sharing one token', async () => {
    const { seen, fetch } = scripted([TOKEN, { errcode: 0, errmsg: 'ok' }, { errcode: 0, errmsg: 'ok' }]);
    const touser = Array.from({ length: 1001 }, (_, i) => `u${i}`);
    const result = await createWeComClient({ baseUrl: BASE, fetch }).sendAppMessage(APP, {
      touser,
      message: { msgtype: 'text', content: 'x' },
    });
    expect(result.batches.map((b) => b.touser.length)).toEqual([1000, 1]);
    expect(result.recipients).toHaveLength(1001);
    expect(JSON.parse(seen[2]?.body ?? '{}').touser).toBe('u1000');
  });

  it('never throws on network failure', async () => {
    const { fetch } = scripted([new TypeError('fetch failed')]);
    const result = await createWeComClient({ baseUrl: BASE, fetch }).sendAppMessage(APP, {
      touser: ['a'],
      message: { msgtype: 'text', content: 'x' },
    });
    expect(result.recipients[0]?.outcome).toMatchObject({ kind: 'retry', code: 'network' });
  });

  it('a gettoken timeout is a retry with code timeout, for every recipient', async () => {
    const { fetch } = scripted([
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    ]);
    const result = await createWeComClient({ baseUrl: BASE, fetch, timeoutMs: 50 }).sendAppMessage(APP, {
      touser: ['a', 'b'],
      message: { msgtype: 'text', content: 'x' },
    });
    expect(result.recipients.map((r) => r.outcome)).toEqual([
      expect.objectContaining({ kind: 'retry', code: 'timeout' }),
      expect.objectContaining({ kind: 'retry', code: 'timeout' }),
    ]);
  });

  it('a token answer without expires_in (grafana read expire_in) is not trusted', async () => {
    const { fetch } = scripted([{ errcode: 0, errmsg: 'ok', access_token: 't', expire_in: 7200 }]);
    const result = await createWeComClient({ baseUrl: BASE, fetch }).sendAppMessage(APP, {
      touser: ['a'],
      message: { msgtype: 'text', content: 'x' },
    });
    expect(result.recipients[0]?.outcome).toMatchObject({ kind: 'retry', code: 'invalid_response' });
  });

  it('shares tokens through an injected TokenCache keyed per corpId+agentId', async () => {
    const cache = new TokenCache();
    const { seen, fetch } = scripted([TOKEN, { errcode: 0, errmsg: 'ok' }, { errcode: 0, errmsg: 'ok' }]);
    await createWeComClient({ baseUrl: BASE, fetch, tokenCache: cache }).sendAppMessage(APP, {
      touser: ['a'],
      message: { msgtype: 'text', content: 'x' },
    });
    await createWeComClient({ baseUrl: BASE, fetch, tokenCache: cache }).sendAppMessage(APP, {
      touser: ['a'],
      message: { msgtype: 'text', content: 'y' },
    });
    expect(seen.filter((s) => s.url.includes('gettoken'))).toHaveLength(1);
    expect(cache.fetches.get('wecom:ww1:1000002')).toBe(1);
  });

  it('lookups: exact bodies, found / not found / error', async () => {
    const { seen, fetch } = scripted([
      TOKEN,
      { errcode: 0, errmsg: 'ok', userid: 'zhangsan' },
      { errcode: 46004, errmsg: 'user no exist' },
      { errcode: 60020, errmsg: 'not allow to access from your ip, from ip: 1.2.3.4' },
    ]);
    const client = createWeComClient({ baseUrl: BASE, fetch });
    expect(await client.lookupUserId(APP, { mobile: '13800000000' })).toEqual({
      kind: 'found',
      userid: 'zhangsan',
    });
    expect(await client.lookupUserId(APP, { email: 'a@corp.example' })).toMatchObject({ kind: 'not_found' });
    expect(await client.lookupUserId(APP, { email: 'b@gmail.example', emailType: 'personal' })).toMatchObject(
      {
        kind: 'error',
        outcome: { kind: 'permanent', code: '60020' },
      },
    );
    expect(seen.slice(1).map((s) => [s.url.replace(BASE, ''), s.body])).toEqual([
      ['/cgi-bin/user/getuserid?access_token=tok1', '{"mobile":"13800000000"}'],
      ['/cgi-bin/user/get_userid_by_email?access_token=tok1', '{"email":"a@corp.example","email_type":1}'],
      ['/cgi-bin/user/get_userid_by_email?access_token=tok1', '{"email":"b@gmail.example","email_type":2}'],
    ]);
  });

  it('robot: posts to webhook/send with the key, no token', async () => {
    const { seen, fetch } = scripted([{ errcode: 0, errmsg: 'ok' }]);
    const outcome = await createWeComClient({ baseUrl: BASE, fetch }).sendRobotMessage(
      { key: 'k-1' },
      { msgtype: 'text', content: 'hi', mentionedMobileList: ['@all'] },
    );
    expect(outcome).toEqual({ kind: 'delivered', httpStatus: 200 });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${BASE}/cgi-bin/webhook/send?key=k-1`,
        body: '{"msgtype":"text","text":{"content":"hi","mentioned_mobile_list":["@all"]}}',
      },
    ]);
  });
});
