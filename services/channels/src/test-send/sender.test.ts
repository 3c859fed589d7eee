import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { type RunningSandbox, startSandbox } from '@tidings/sandbox';
import type { ChannelConfig } from '@tidings/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @tidings/sandbox exports only startSandbox; the SMTP emulator is reached by path.
import { type RunningSmtpEmulator, startSmtpEmulator } from '../../../sandbox/src/smtp/index.ts';
import { createTestSender, type TestSender } from './index.ts';

/**
 * Every kind against the real sandbox emulators (no Kafka, no Postgres): one successful test send each,
 * checked in the emulator's inbox, and one meaningful failure with its summary.
 */

const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
const seal = (plain: string) => sealSecret(keyring, plain);

let sandbox: RunningSandbox;
let smtp: RunningSmtpEmulator;
let sender: TestSender;

async function control(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    ...(body !== undefined && {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const list = async (path: string, field = 'messages') =>
  (await control('GET', path))[field] as Record<string, unknown>[];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  smtp = await startSmtpEmulator({ users: { 'tidings@example.com': 'right-code' } });
  sender = createTestSender({
    keyring,
    baseUrls: {
      dingtalkOapi: `${sandbox.url}/dingtalk/oapi`,
      dingtalkApi: `${sandbox.url}/dingtalk/api`,
      lark: `${sandbox.url}/lark`,
      wecom: `${sandbox.url}/wecom`,
    },
    timeoutMs: 5000,
  });

  await control('PUT', '/_sandbox/dingtalk/robots/ding-robot-1', { secret: 'SECright', keywords: ['alert'] });
  await control('PUT', '/_sandbox/dingtalk-app/apps/ding-client', {
    clientSecret: 'ding-secret',
    agentId: 1001,
    robotCode: 'ding-client',
  });
  await control('PUT', '/_sandbox/dingtalk-app/people', { mobile: '+8613800000002', userid: 'zhangsan' });
  await control('PUT', '/_sandbox/lark/bots/lark-hook-1', { secret: 'lark-sign', keywords: ['alert'] });
  await control('PUT', '/_sandbox/lark/apps/cli_tidings', { appSecret: 'lark-app-secret' });
  await control('PUT', '/_sandbox/lark/people', {
    openId: 'ou_alice',
    email: 'alice@example.com',
    mobile: '+8613800000003',
  });
  await control('PUT', '/_sandbox/wecom/apps/ww-corp/1000002', { corpSecret: 'wecom-secret' });
  await control('PUT', '/_sandbox/wecom/members', {
    userid: 'lisi',
    mobile: '13800000004',
    email: 'lisi@example.com',
  });
  await control('PUT', '/_sandbox/wecom/robots/wecom-key-1', {});
  await control('PUT', '/_sandbox/webhook/endpoints/ep-1', {
    secret: 'webhook-secret-0123456789',
    bearerToken: 'bearer-abc',
  });
});

afterAll(async () => {
  await sender?.close();
  await Promise.all([sandbox?.stop(), smtp?.stop()]);
});

describe('dingtalk-robot', () => {
  const config = (secret: string): ChannelConfig => ({
    kind: 'dingtalk-robot',
    keywords: ['alert'],
    accessToken: seal('ding-robot-1'),
    signingSecret: seal(secret),
  });

  it('posts a signed markdown test with the keyword to the group, and can mention a phone', async () => {
    const result = await sender.send({ config: config('SECright'), name: 'Ops room' }, { kind: 'group' });
    expect(result).toEqual({ ok: true, summary: 'Delivered to the group.' });
    const mention = await sender.send(
      { config: config('SECright') },
      { kind: 'phone', phone: '+8613800000001' },
    );
    expect(mention).toEqual({ ok: true, summary: 'Delivered to the group, mentioning +8613800000001.' });

    const messages = await list('/_sandbox/dingtalk/robot-messages?accessToken=ding-robot-1');
    expect(messages).toHaveLength(2);
    type RobotBody = { msgtype: string; markdown: { text: string }; at?: unknown };
    const [first, second] = messages.map((m) => m.body as RobotBody);
    expect(first?.msgtype).toBe('markdown');
    expect(first?.markdown.text).toContain('alert');
    expect(first?.markdown.text).toContain('“Ops room”');
    expect(first?.markdown.text).toMatch(/Sent \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · ref [0-9a-f]{8}/);
    expect(second?.at).toEqual({ atMobiles: ['13800000001'] });
    expect(second?.markdown.text).toContain('@13800000001');
    expect(first?.markdown.text).not.toBe(second?.markdown.text);
  });

  it('says the signature did not match when the signing secret is wrong', async () => {
    const result = await sender.send({ config: config('SECwrong') }, { kind: 'group' });
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: '310000' });
    expect(result.summary).toMatch(
      /^DingTalk rejected the test message \(310000\): signature does not match: check the robot's signing secret/,
    );
  });

  it('says when a throttled robot can be tried again', async () => {
    await control('POST', '/_sandbox/faults', {
      accessToken: 'ding-robot-1',
      errcode: 130101,
      errmsg: 'send too fast',
    });
    const result = await sender.send({ config: config('SECright') }, { kind: 'group' });
    expect(result).toMatchObject({ ok: false, kind: 'retry', code: '130101' });
    expect(result.summary).toMatch(
      /^DingTalk did not take the test message this time \(130101\): robot throttled .*; try again in 10 min\.$/,
    );
  });

  it('refuses an email target with a reason', async () => {
    const result = await sender.send(
      { config: config('SECright') },
      { kind: 'email', email: 'a@example.com' },
    );
    expect(result).toMatchObject({ ok: false, kind: 'invalid-target' });
    expect(result.summary).toContain('can only post to its own group');
  });
});

describe('dingtalk-app', () => {
  const config = (mode: 'work-notification' | 'robot-oto', secret = 'ding-secret'): ChannelConfig => ({
    kind: 'dingtalk-app',
    clientId: 'ding-client',
    clientSecret: seal(secret),
    agentId: 1001,
    robotCode: 'ding-client',
    mode,
  });

  it('looks the phone up and sends a work notification; a userid gets a 1:1 robot message', async () => {
    const byPhone = await sender.send(
      { config: config('work-notification') },
      { kind: 'phone', phone: '+8613800000002' },
    );
    expect(byPhone).toMatchObject({ ok: true, providerMessageId: expect.any(String) });
    expect(byPhone.summary).toBe(
      "DingTalk accepted the work notification for +8613800000002 (DingTalk userid zhangsan); it arrives in DingTalk's work notifications within a minute.",
    );
    const byUser = await sender.send(
      { config: config('robot-oto') },
      { kind: 'platformUser', id: 'zhangsan' },
    );
    expect(byUser).toMatchObject({ ok: true, summary: 'Delivered to DingTalk userid zhangsan.' });

    const messages = await list('/_sandbox/dingtalk-app/messages?userid=zhangsan');
    expect(messages.map((m) => m.channel)).toEqual(['work-notification', 'robot']);
    expect(messages[0]?.msg).toMatchObject({ msgtype: 'markdown' });
    expect(messages[1]).toMatchObject({ msgKey: 'sampleMarkdown' });
  });

  it('says clearly when the phone is not registered', async () => {
    const result = await sender.send(
      { config: config('work-notification') },
      { kind: 'phone', phone: '+8613900000009' },
    );
    expect(result).toMatchObject({ ok: false, kind: 'not-found' });
    expect(result.summary).toMatch(/^Phone \+8613900000009 is not registered in DingTalk for this app/);
  });

  it('names wrong app credentials, even after a token was fetched with the right ones', async () => {
    const result = await sender.send(
      { config: config('work-notification', 'wrong') },
      { kind: 'platformUser', id: 'zhangsan' },
    );
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: 'invalidClientIdOrSecret' });
    expect(result.summary).toContain('check the Client ID (AppKey) and Client Secret');
  });

  it('refuses the group as a target', async () => {
    const result = await sender.send({ config: config('robot-oto') }, { kind: 'group' });
    expect(result).toMatchObject({ ok: false, kind: 'invalid-target' });
  });
});

describe('lark-bot', () => {
  const config = (secret: string): ChannelConfig => ({
    kind: 'lark-bot',
    host: 'https://open.feishu.cn',
    hookId: seal('lark-hook-1'),
    signingSecret: seal(secret),
    keywords: ['alert'],
  });

  it('posts a signed card with the keyword to the group', async () => {
    const result = await sender.send({ config: config('lark-sign'), name: 'Lark ops' }, { kind: 'group' });
    expect(result).toEqual({ ok: true, summary: 'Delivered to the group.' });
    const messages = await list('/_sandbox/lark/messages?hookId=lark-hook-1');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ msgType: 'interactive', signed: true });
    expect(JSON.stringify(messages[0]?.body)).toContain('Tidings test: Lark ops');
  });

  it('says the signature did not match when the secret is wrong', async () => {
    const result = await sender.send({ config: config('wrong') }, { kind: 'group' });
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: '19021' });
    expect(result.summary).toMatch(
      /^Lark\/Feishu rejected the test message: signature rejected \(19021\): check the bot's signing secret/,
    );
  });

  it('refuses a phone target (Lark bots mention by open_id only)', async () => {
    const result = await sender.send(
      { config: config('lark-sign') },
      { kind: 'phone', phone: '+8613800000003' },
    );
    expect(result).toMatchObject({ ok: false, kind: 'invalid-target' });
  });
});

describe('lark-app', () => {
  const config = (): ChannelConfig => ({
    kind: 'lark-app',
    host: 'https://open.feishu.cn',
    appId: 'cli_tidings',
    appSecret: seal('lark-app-secret'),
  });

  it('looks the email up and sends a card to the person', async () => {
    const result = await sender.send({ config: config() }, { kind: 'email', email: 'alice@example.com' });
    expect(result).toMatchObject({
      ok: true,
      summary: 'Delivered to alice@example.com (open_id ou_alice).',
      providerMessageId: expect.stringMatching(/^om_/),
    });
    const messages = await list('/_sandbox/lark/messages?openId=ou_alice');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ msgType: 'interactive', appId: 'cli_tidings' });
  });

  it('says clearly when the phone is not registered', async () => {
    const result = await sender.send({ config: config() }, { kind: 'phone', phone: '+8613900000009' });
    expect(result).toMatchObject({ ok: false, kind: 'not-found' });
    expect(result.summary).toMatch(/^Phone \+8613900000009 is not registered in Lark\/Feishu for this app/);
  });
});

describe('wecom-app', () => {
  const config = (secret = 'wecom-secret'): ChannelConfig => ({
    kind: 'wecom-app',
    corpId: 'ww-corp',
    corpSecret: seal(secret),
    agentId: 1000002,
    safe: false,
  });

  it('looks the phone up (as WeCom stores mainland numbers) and sends markdown', async () => {
    const result = await sender.send({ config: config() }, { kind: 'phone', phone: '+8613800000004' });
    expect(result).toMatchObject({ ok: true, summary: 'Delivered to +8613800000004 (WeCom userid lisi).' });
    const messages = await list('/_sandbox/wecom/messages?userid=lisi');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'app', msgtype: 'markdown' });
  });

  it('names a wrong corp secret, even after a token was fetched with the right one', async () => {
    const result = await sender.send(
      { config: config('wrong') },
      { kind: 'email', email: 'lisi@example.com' },
    );
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: '40001' });
    expect(result.summary).toContain('check corpId and corpSecret');
  });

  it('names a userid the app cannot see', async () => {
    const result = await sender.send({ config: config() }, { kind: 'platformUser', id: 'wangwu' });
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: '81013' });
    expect(result.summary).toBe(
      'WeCom rejected the test message: none of the recipients is a member visible to the app (81013): check the userids and the app’s visible range.',
    );
  });

  it('says clearly when the email is not registered', async () => {
    const result = await sender.send({ config: config() }, { kind: 'email', email: 'nobody@example.com' });
    expect(result).toMatchObject({ ok: false, kind: 'not-found' });
    expect(result.summary).toMatch(/^Email nobody@example.com is not registered in WeCom for this app/);
  });
});

describe('wecom-robot', () => {
  const config = (key: string): ChannelConfig => ({ kind: 'wecom-robot', key: seal(key) });

  it('posts markdown to the group, and text mentioning a phone', async () => {
    expect(await sender.send({ config: config('wecom-key-1') }, { kind: 'group' })).toEqual({
      ok: true,
      summary: 'Delivered to the group.',
    });
    expect(
      await sender.send({ config: config('wecom-key-1') }, { kind: 'phone', phone: '+8613800000004' }),
    ).toMatchObject({ ok: true });
    const messages = await list('/_sandbox/wecom/messages?robotKey=wecom-key-1');
    expect(messages.map((m) => m.msgtype)).toEqual(['markdown', 'text']);
    expect(messages[1]?.body).toMatchObject({ text: { mentioned_mobile_list: ['13800000004'] } });
  });

  it('names an unknown robot key', async () => {
    const result = await sender.send({ config: config('no-such-key') }, { kind: 'group' });
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: '93000' });
    expect(result.summary).toMatch(
      /^WeCom rejected the test message: .*\(93000\): add a robot again and update its webhook URL\.$/,
    );
  });
});

describe('smtp', () => {
  const config = (password: string): ChannelConfig => ({
    kind: 'smtp',
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: 'tidings@example.com',
    password: seal(password),
    from: 'Tidings <tidings@example.com>',
  });

  it('sends an HTML + text test email', async () => {
    const result = await sender.send(
      { config: config('right-code'), name: 'Mail' },
      { kind: 'email', email: 'bob@example.com' },
    );
    expect(result).toMatchObject({
      ok: true,
      summary: 'The mail server accepted the test email for bob@example.com.',
    });
    const mail = smtp.messages.find((m) => m.envelope.rcptTo.includes('bob@example.com'));
    expect(mail?.subject).toBe('Tidings test: Mail');
    expect(mail?.html).toContain('<h2>Tidings test: Mail</h2>');
    expect(mail?.text).toContain('This is a test message from Tidings');
    expect(mail?.authUser).toBe('tidings@example.com');
  });

  it('says authentication failed on a wrong password', async () => {
    const result = await sender.send(
      { config: config('wrong-code') },
      { kind: 'email', email: 'bob@example.com' },
    );
    expect(result).toMatchObject({ ok: false, kind: 'permanent' });
    expect(result.summary).toMatch(
      /^The mail server rejected the test message \(.+\): authentication failed: check the user and authorisation code/,
    );
  });

  it('refuses a phone target', async () => {
    const result = await sender.send(
      { config: config('right-code') },
      { kind: 'phone', phone: '+8613800000004' },
    );
    expect(result).toMatchObject({ ok: false, kind: 'invalid-target' });
  });
});

describe('webhook', () => {
  const config = (secret: string): ChannelConfig => ({
    kind: 'webhook',
    url: `${sandbox.url}/webhook/receive/ep-1`,
    secret: seal(secret),
    bearerToken: seal('bearer-abc'),
  });

  it('posts a signed tidings.test event', async () => {
    const result = await sender.send(
      { config: config('webhook-secret-0123456789'), name: 'Hook', id: 'ch_1' },
      { kind: 'group' },
    );
    expect(result).toEqual({
      ok: true,
      summary: 'Delivered to the webhook URL: the receiver answered with success.',
    });
    const deliveries = await list('/_sandbox/webhook/deliveries?endpointId=ep-1', 'deliveries');
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.body).toMatchObject({
      type: 'tidings.test',
      channel: { id: 'ch_1', name: 'Hook', kind: 'webhook' },
    });
  });

  it('reports the receiver refusing a wrong signature', async () => {
    const result = await sender.send({ config: config('another-secret-0123456789') }, { kind: 'group' });
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: 'http_401' });
    expect(result.summary).toMatch(/^The webhook receiver rejected the test message \(http_401\)/);
  });
});

describe('webhook failures', () => {
  it('never returns a secret a receiver echoes back', async () => {
    await control('PUT', '/_sandbox/webhook/endpoints/ep-echo', {
      respondWith: { status: 400, body: 'refused: bearer bearer-echo-secret-123 is not allowed here' },
    });
    const result = await sender.send(
      {
        config: {
          kind: 'webhook',
          url: `${sandbox.url}/webhook/receive/ep-echo`,
          secret: seal('webhook-secret-0123456789'),
          bearerToken: seal('bearer-echo-secret-123'),
        },
      },
      { kind: 'group' },
    );
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: 'http_400' });
    expect(result.summary).toContain('refused: bearer [secret] is not allowed here');
    expect(result.summary).not.toContain('bearer-echo-secret-123');
  });

  it('says Tidings could not reach an unreachable URL', async () => {
    const closed = await startSandbox({ port: 0 });
    const url = `${closed.url}/webhook/receive/ep-1`;
    await closed.stop();
    const result = await sender.send(
      { config: { kind: 'webhook', url, secret: seal('webhook-secret-0123456789'), bearerToken: null } },
      { kind: 'group' },
    );
    expect(result).toMatchObject({ ok: false, kind: 'retry', code: 'network' });
    expect(result.summary).toMatch(
      /^Tidings could not reach the webhook URL: network error: .+; try again in \d+ s\.$/,
    );
  });
});

describe('secrets', () => {
  it('reports a secret sealed under a key this keyring lacks, without throwing', async () => {
    const other = parseKeyring(`other:${Buffer.alloc(32, 9).toString('base64')}`);
    const result = await sender.send(
      { config: { kind: 'wecom-robot', key: sealSecret(other, 'wecom-key-1') } },
      { kind: 'group' },
    );
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code: 'secret_unreadable' });
    expect(result.summary).toContain('which is not in the keyring');
    expect(result.summary).not.toContain('wecom-key-1');
  });
});
