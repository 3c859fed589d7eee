import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDingTalkRobotClient } from './client.ts';

type Seen = { url: string; contentType: string | undefined; body: string };
let server: Server | undefined;

async function fakeDingTalk(answer: { status: number; contentType: string; body: string }) {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ url: req.url ?? '', contentType: req.headers['content-type'], body });
      res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oapi`, seen };
}

afterEach(async () => {
  const current = server;
  server = undefined;
  if (!current) return;
  current.closeAllConnections();
  await new Promise((resolve) => current.close(resolve));
});

describe('createDingTalkRobotClient', () => {
  it('signs with the clock at send time, posts the vendor JSON and classifies the answer', async () => {
    const { baseUrl, seen } = await fakeDingTalk({
      status: 200,
      contentType: 'application/json;charset=utf-8',
      body: '{"errcode":0,"errmsg":"ok"}',
    });
    let clock = 0;
    const client = createDingTalkRobotClient({ baseUrl, now: () => clock });
    clock = 1600000000003; // the time of the send, not of client creation, is signed
    const outcome = await client.send(
      { accessToken: 'tok', secret: 'SECtest' },
      { msgtype: 'markdown', title: 'T', text: 'body' },
      { idempotencyKey: 'k1' },
    );
    expect(outcome).toEqual({ kind: 'delivered', httpStatus: 200 });
    expect(seen).toEqual([
      {
        url: '/oapi/robot/send?access_token=tok&timestamp=1600000000003&sign=grA0ZRsx9a7%2FcTk%2FaA5I%2BBR1saCzjuyhjTLjSTgnGTQ%3D',
        contentType: 'application/json; charset=utf-8',
        body: '{"msgtype":"markdown","markdown":{"title":"T","text":"body"},"msgUuid":"k1"}',
      },
    ]);
  });

  it('returns the classified failure instead of throwing', async () => {
    const { baseUrl } = await fakeDingTalk({
      status: 200,
      contentType: 'application/json',
      body: '{"errcode":310000,"errmsg":"sign not match"}',
    });
    const outcome = await createDingTalkRobotClient({ baseUrl }).send(
      { accessToken: 'tok', secret: 'SECwrong' },
      { msgtype: 'text', content: 'x' },
    );
    expect(outcome).toMatchObject({
      kind: 'permanent',
      code: '310000',
      reason: expect.stringMatching(/^signature/),
    });
  });

  it('a network failure is a retry outcome', async () => {
    const outcome = await createDingTalkRobotClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 }).send(
      { accessToken: 'tok' },
      { msgtype: 'text', content: 'x' },
    );
    expect(outcome).toMatchObject({ kind: 'retry', code: 'network' });
  });
});
