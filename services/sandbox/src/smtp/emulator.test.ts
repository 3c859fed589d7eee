// The providers' package entry does not export the SMTP client yet, so it is imported by path.
import { createSmtpClient, type SmtpClient } from '@tidings/providers';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSmtpEmulator, type SmtpEmulatorOptions, startSmtpEmulator } from './emulator.ts';

let emulator: RunningSmtpEmulator | undefined;
let client: SmtpClient | undefined;

afterEach(async () => {
  client?.close();
  client = undefined;
  await emulator?.stop();
  emulator = undefined;
});

async function setup(
  options: SmtpEmulatorOptions = {},
  clientOptions: Parameters<typeof createSmtpClient>[0] = {},
) {
  emulator = await startSmtpEmulator({ users: { 'bot@tidings.test': 'auth-code-1' }, ...options });
  client = createSmtpClient({ rejectUnauthorized: false, ...clientOptions });
  const credentials = {
    host: '127.0.0.1',
    port: emulator.port,
    security: 'none' as const,
    user: 'bot@tidings.test',
    password: 'auth-code-1',
    from: 'Tidings <bot@tidings.test>',
  };
  return { emulator, client, credentials };
}

const message = {
  to: ['ann@example.test', 'bob@example.test'],
  subject: 'Ticket #42: comment added',
  html: '<p>Ann <b>commented</b> on #42</p>',
  text: 'Ann commented on #42',
};

describe('SMTP client against the SMTP emulator', () => {
  it('authenticates and delivers HTML with a text alternative, the Message-ID from the key and the delivery id', async () => {
    const { emulator, client, credentials } = await setup();
    const outcome = await client.send(credentials, message, { idempotencyKey: 'dlv_1' });
    expect(outcome).toEqual({
      kind: 'delivered',
      httpStatus: 250,
      providerMessageId: 'SBX1',
      smtpResponse: '250 OK: queued as SBX1',
      rejectedRecipients: [],
    });
    expect(emulator.messages).toHaveLength(1);
    const mail = emulator.messages[0];
    expect(mail).toMatchObject({
      envelope: { mailFrom: 'bot@tidings.test', rcptTo: ['ann@example.test', 'bob@example.test'] },
      authUser: 'bot@tidings.test',
      from: '"Tidings" <bot@tidings.test>',
      to: ['ann@example.test', 'bob@example.test'],
      subject: 'Ticket #42: comment added',
      text: 'Ann commented on #42',
      html: '<p>Ann <b>commented</b> on #42</p>',
      messageId: '<tidings.dlv_1@tidings.test>',
    });
    expect(mail?.headers['x-tidings-delivery-id']).toBe('dlv_1');
    expect(mail?.headers['content-type']).toMatch(/^multipart\/alternative;/);
  });

  it('a retry of the same delivery carries the same Message-ID', async () => {
    const { emulator, client, credentials } = await setup();
    await client.send(credentials, message, { idempotencyKey: 'tenant:7/delivery:9' });
    await client.send(credentials, message, { idempotencyKey: 'tenant:7/delivery:9' });
    const [first, second] = emulator.messages;
    expect(first?.messageId).toMatch(/^<tidings\.h\.[0-9a-f]{40}@tidings\.test>$/);
    expect(second?.messageId).toBe(first?.messageId);
  });

  it('a wrong authorisation code is a permanent authentication failure', async () => {
    const { emulator, client, credentials } = await setup();
    const outcome = await client.send({ ...credentials, password: 'wrong' }, message, {
      idempotencyKey: 'k',
    });
    expect(outcome).toEqual({
      kind: 'permanent',
      code: 'smtp_535',
      reason:
        'authentication failed: check the user and authorisation code (server said: 535 5.7.8 Error: authentication failed)',
    });
    expect(emulator.messages).toEqual([]);
  });

  it('451 is retried later; the next attempt is delivered', async () => {
    const { emulator, client, credentials } = await setup();
    emulator.failNext(1, 451, '4.7.1 Greylisted, please try again later');
    expect(await client.send(credentials, message, { idempotencyKey: 'k' })).toEqual({
      kind: 'retry',
      retryAfterSeconds: 300,
      code: 'smtp_451',
      reason: 'the mail server deferred the message: 451 4.7.1 Greylisted, please try again later',
    });
    expect(await client.send(credentials, message, { idempotencyKey: 'k' })).toMatchObject({
      kind: 'delivered',
    });
    expect(emulator.messages).toHaveLength(1);
  });

  it("550 is permanent with the server's text", async () => {
    const { emulator, client, credentials } = await setup();
    emulator.failNext(1, 550, '5.7.1 Message rejected as spam');
    expect(await client.send(credentials, message, { idempotencyKey: 'k' })).toEqual({
      kind: 'permanent',
      code: 'smtp_550',
      reason: 'the mail server rejected the message: 550 5.7.1 Message rejected as spam',
    });
  });

  it('reuses one pooled connection for five messages and one transport per credential', async () => {
    const { emulator, client, credentials } = await setup();
    for (let i = 1; i <= 5; i++) {
      expect(await client.send(credentials, message, { idempotencyKey: `k${i}` })).toMatchObject({
        kind: 'delivered',
      });
    }
    expect(emulator.connections()).toBe(1);
    expect(new Set(emulator.messages.map((m) => m.sessionId)).size).toBe(1);
    expect(client.poolCount()).toBe(1);
    await client.send({ ...credentials, password: 'wrong' }, message, { idempotencyKey: 'k6' });
    expect(client.poolCount()).toBe(2);
  });

  it('invalid settings are permanent before any connection', async () => {
    const { emulator, client, credentials } = await setup();
    const outcome = await client.send({ ...credentials, from: 'nobody' }, message, { idempotencyKey: 'k' });
    expect(outcome).toMatchObject({ kind: 'permanent', code: 'invalid_settings' });
    expect(emulator.connections()).toBe(0);
  });

  it('STARTTLS with the test certificate: delivered when self-signed is allowed, permanent otherwise', async () => {
    const { emulator, credentials } = await setup({ tls: 'starttls' });
    const tlsCredentials = { ...credentials, security: 'starttls' as const };
    const lenient = createSmtpClient({ rejectUnauthorized: false });
    const strict = createSmtpClient();
    try {
      expect(await lenient.send(tlsCredentials, message, { idempotencyKey: 'k' })).toMatchObject({
        kind: 'delivered',
      });
      expect(emulator.messages[0]?.secure).toBe(true);
      const outcome = await strict.send(tlsCredentials, message, { idempotencyKey: 'k' });
      expect(outcome).toMatchObject({ kind: 'permanent' });
      expect(outcome.kind !== 'delivered' && outcome.reason).toMatch(/^TLS failed/);
    } finally {
      lenient.close();
      strict.close();
    }
  });

  it('implicit TLS (the 465 mode) with the test certificate', async () => {
    const { emulator, client, credentials } = await setup({ tls: 'implicit' });
    expect(
      await client.send({ ...credentials, security: 'tls' }, message, { idempotencyKey: 'k' }),
    ).toMatchObject({
      kind: 'delivered',
    });
    expect(emulator.messages[0]?.secure).toBe(true);
  });

  it('concurrent sends stay within maxConnections', async () => {
    const { emulator, client, credentials } = await setup({}, { maxConnections: 2 });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.send(credentials, message, { idempotencyKey: `k${i}` })),
    );
    expect(outcomes.every((o) => o.kind === 'delivered')).toBe(true);
    expect(emulator.messages).toHaveLength(10);
    expect(emulator.connections()).toBeLessThanOrEqual(2);
  });

  it('requireTLS: a server without STARTTLS fails the send instead of sending in clear', async () => {
    const { emulator, client, credentials } = await setup();
    const outcome = await client.send({ ...credentials, security: 'starttls' }, message, {
      idempotencyKey: 'k',
    });
    expect(outcome.kind).toBe('permanent');
    expect(emulator.messages).toEqual([]);
  });

  it('stop() does not wait for a client that keeps its pooled connection open', async () => {
    const { emulator, client, credentials } = await setup();
    await client.send(credentials, message, { idempotencyKey: 'k' });
    const started = Date.now();
    await emulator.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a refused connection is retried', async () => {
    const { emulator, client, credentials } = await setup();
    await emulator.stop();
    const outcome = await client.send(credentials, message, { idempotencyKey: 'k' });
    expect(outcome).toMatchObject({ kind: 'retry', code: 'network', retryAfterSeconds: 30 });
    expect(outcome.kind !== 'delivered' && outcome.reason).toMatch(/ECONNREFUSED/);
  });
});
