// Outbound safety (SSRF): webhook and SMTP targets that resolve to loopback, private, link-local or metadata
// addresses are refused with a clear error before any connection; redirects are reported, never followed.
// Nothing here sends a packet off loopback: names resolve through injected lookups, and the suite's network
// guard (packages/testkit/src/network-guard.ts, installed by vitest.config.ts) fails any test that tries.
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { createDispatcher, type Dispatcher } from '@tidings/dispatcher';
import { createTicketEventProducer } from '@tidings/events';
import { InputProblems } from '@tidings/graphql';
import { createKafka, type Producer } from '@tidings/kafka';
import {
  checkTarget,
  createSmtpClient,
  createWebhookClient,
  EMPTY_OUTBOUND_ALLOWLIST,
  LOOPBACK_OUTBOUND_ALLOWLIST,
  type OutboundLookup,
  OutboundRefusedError,
  parseOutboundAllowlist,
} from '@tidings/providers';
import { startSandbox } from '@tidings/sandbox';
import { type ChannelState, stateTopics as defaultStateTopics, type StateTopicName } from '@tidings/state';
import {
  createTestDatabase,
  NetworkGuardError,
  networkGuard,
  type TestDatabase,
  testInfrastructure,
  uniqueName,
  waitFor,
} from '@tidings/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createChannelOutbound, createTestSender } from '../../services/channels/src/test-send/index.ts';

const production = { platform: EMPTY_OUTBOUND_ALLOWLIST };
const development = { platform: LOOPBACK_OUTBOUND_ALLOWLIST };
const secret = 'ssrf-test-secret-0123456789';
const event = { type: 'ticket.comment_added' };

/** A resolver that knows only these names (no DNS). */
const names =
  (table: Record<string, string[]>): OutboundLookup =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
const lookup = names({
  'hooks.internal.example': ['10.0.0.7'],
  'metadata.internal.example': ['169.254.169.254'],
  'mail.internal.example': ['192.168.10.25'],
  'hooks.example.com': ['93.184.215.14'],
});

/** The guard is installed in every worker; these tests also check it recorded nothing they did not expect. */
function guard() {
  const installed = networkGuard();
  if (!installed) throw new Error('the network guard is not installed (vitest.config.ts setupFiles)');
  return installed;
}

describe('webhook targets', () => {
  const client = (allow = EMPTY_OUTBOUND_ALLOWLIST) => createWebhookClient({ outbound: { allow, lookup } });
  const send = (url: string, allow?: typeof EMPTY_OUTBOUND_ALLOWLIST) =>
    client(allow).send({ url, secret }, event, { idempotencyKey: 'ssrf-1' });

  it.each([
    [
      'http://127.0.0.1:8080/hook',
      "127.0.0.1 is a loopback address; only the platform's OUTBOUND_ALLOW setting can allow it, not a tenant's allowlist",
    ],
    [
      'https://10.0.0.1/hook',
      "10.0.0.1 is a private address; add it to the tenant's outbound allowlist to allow it",
    ],
    [
      'http://169.254.169.254/latest/meta-data/',
      "169.254.169.254 is a cloud metadata service address; Tidings never sends to it (only the platform's OUTBOUND_ALLOW naming this exact address could allow it)",
    ],
    [
      'https://hooks.internal.example/tidings',
      "hooks.internal.example resolves to 10.0.0.7, which is a private address; add it to the tenant's outbound allowlist to allow it",
    ],
    [
      'https://metadata.internal.example/',
      'metadata.internal.example resolves to 169.254.169.254, which is a cloud metadata service address',
    ],
    [
      'https://[::ffff:10.0.0.1]/hook',
      "::ffff:a00:1 is a private address (IPv4 10.0.0.1 inside an IPv6 address); add it to the tenant's outbound allowlist to allow it",
    ],
    [
      'https://[fd00::1]/hook',
      "fd00::1 is a unique-local (private) IPv6 address; add it to the tenant's outbound allowlist",
    ],
    ['http://[::1]:8080/hook', '::1 is a loopback address'],
    ['http://0.0.0.0:8080/hook', "0.0.0.0 is an unspecified ('this host') address"],
    ['http://100.100.100.200/latest/meta-data/', '100.100.100.200 is a cloud metadata service address'],
  ])('production refuses %s before connecting, saying why', async (url, reason) => {
    const outcome = await send(url);
    expect(outcome).toMatchObject({ kind: 'permanent', code: 'outbound_refused' });
    expect(outcome.kind === 'permanent' && outcome.reason).toContain(reason);
    expect(guard().violations()).toEqual([]);
  });

  it('127.0.0.1 is refused under the production policy and allowed under the development and test allowlist', async () => {
    await expect(checkTarget('http://127.0.0.1:8080/', production)).rejects.toBeInstanceOf(
      OutboundRefusedError,
    );
    await expect(checkTarget('http://127.0.0.1:8080/', development)).resolves.toMatchObject({
      host: '127.0.0.1',
    });
    const receiver = await startReceiver((_request, response) => response.writeHead(204).end());
    try {
      expect(await send(`${receiver.url}/hook`)).toMatchObject({
        kind: 'permanent',
        code: 'outbound_refused',
      });
      expect(receiver.requests).toBe(0);
      expect(await send(`${receiver.url}/hook`, LOOPBACK_OUTBOUND_ALLOWLIST)).toMatchObject({
        kind: 'delivered',
      });
      expect(receiver.requests).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it("a tenant's allowlist opens its private ranges, never loopback or metadata", async () => {
    const parsed = parseOutboundAllowlist(['10.0.0.0/8'], 'tenant');
    if (!parsed.ok) throw parsed.errors[0];
    const tenant = parsed.allowlist;
    await expect(
      checkTarget('https://hooks.internal.example/', { ...production, tenant, lookup }),
    ).resolves.toBeDefined();
    await expect(checkTarget('http://127.0.0.1/', { ...production, tenant })).rejects.toThrow(/loopback/);
    expect(parseOutboundAllowlist(['127.0.0.0/8'], 'tenant')).toMatchObject({ ok: false });
    expect(parseOutboundAllowlist(['169.254.0.0/16'], 'tenant')).toMatchObject({ ok: false });
  });

  it('a redirect to a private address is reported and not followed', async () => {
    const receiver = await startReceiver((_request, response) =>
      response.writeHead(302, { location: 'http://10.0.0.1/' }).end(),
    );
    try {
      const outcome = await send(`${receiver.url}/hook`, LOOPBACK_OUTBOUND_ALLOWLIST);
      expect(outcome).toEqual({
        kind: 'permanent',
        code: 'http_302',
        httpStatus: 302,
        reason:
          'the receiver answered with a redirect (HTTP 302) to http://10.0.0.1/, which is not followed: configure the final URL',
      });
      expect(receiver.requests).toBe(1);
      // Following it would have meant a connection to 10.0.0.1, which the guard would have recorded.
      expect(guard().violations()).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('the HTTP connection re-checks the address at connect time (DNS rebinding)', async () => {
    const receiver = await startReceiver((_request, response) => response.writeHead(204).end());
    try {
      let calls = 0;
      // The name server says loopback when checkTarget asks, and a private address when the socket asks.
      const rebinding: OutboundLookup = async () => [
        { address: calls++ === 0 ? '127.0.0.1' : '10.0.0.1', family: 4 },
      ];
      const outcome = await createWebhookClient({
        outbound: { allow: LOOPBACK_OUTBOUND_ALLOWLIST, lookup: rebinding },
      }).send({ url: `http://rebind.example:${receiver.port}/hook`, secret }, event, { idempotencyKey: 'k' });
      expect(outcome).toMatchObject({ kind: 'permanent', code: 'outbound_refused' });
      expect(outcome.kind === 'permanent' && outcome.reason).toContain(
        'rebind.example resolves to 10.0.0.1, which is a private address',
      );
      expect(calls).toBe(2);
      expect(receiver.requests).toBe(0);
    } finally {
      await receiver.close();
    }
  });
});

describe('SMTP hosts', () => {
  const smtp = createSmtpClient({ outbound: { allow: EMPTY_OUTBOUND_ALLOWLIST, lookup } });
  afterAll(() => smtp.close());
  const message = { to: 'a@example.com', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' };
  const credentials = (host: string) => ({
    host,
    port: 587,
    security: 'starttls' as const,
    from: 'bot@example.com',
  });

  it.each([
    ['10.0.0.1', '10.0.0.1 is a private address'],
    ['127.0.0.1', '127.0.0.1 is a loopback address'],
    ['169.254.169.254', '169.254.169.254 is a cloud metadata service address'],
    ['mail.internal.example', 'mail.internal.example resolves to 192.168.10.25, which is a private address'],
    ['[fd00::1]', 'fd00::1 is a unique-local (private) IPv6 address'],
  ])('refuses %s before connecting', async (host, reason) => {
    const outcome = await smtp.send(credentials(host), message, { idempotencyKey: 'k' });
    expect(outcome).toMatchObject({ kind: 'permanent', code: 'outbound_refused' });
    expect(outcome.kind === 'permanent' && outcome.reason).toContain(reason);
    expect(smtp.poolCount()).toBe(0);
  });
});

describe('channels: saving and testing', () => {
  const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
  const outbound = createChannelOutbound({ allow: EMPTY_OUTBOUND_ALLOWLIST, lookup });

  it('a webhook or SMTP channel whose target resolves to a refused address is not saved (typed error)', async () => {
    const problems = new InputProblems();
    await outbound.checkChannel(
      'tenant-a',
      { kind: 'webhook', url: 'https://hooks.internal.example/x', secret: 's', bearerToken: null },
      problems,
    );
    await outbound.checkChannel(
      'tenant-a',
      {
        kind: 'smtp',
        host: '169.254.169.254',
        port: 587,
        security: 'starttls',
        user: null,
        password: null,
        from: 'a@example.com',
      },
      problems,
    );
    await outbound.checkChannel(
      'tenant-a',
      { kind: 'webhook', url: 'https://nowhere.example/x', secret: 's', bearerToken: null },
      problems,
    );
    expect(problems.list).toEqual([
      {
        field: ['url'],
        code: 'OUTBOUND_REFUSED',
        message:
          "hooks.internal.example resolves to 10.0.0.7, which is a private address; add it to the tenant's outbound allowlist to allow it",
      },
      {
        field: ['host'],
        code: 'OUTBOUND_REFUSED',
        message:
          "169.254.169.254 is a cloud metadata service address; Tidings never sends to it (only the platform's OUTBOUND_ALLOW naming this exact address could allow it)",
      },
      {
        field: ['url'],
        code: 'UNRESOLVABLE',
        message: 'nowhere.example does not resolve: check the host name',
      },
    ]);
    const fine = new InputProblems();
    await outbound.checkChannel(
      'tenant-a',
      { kind: 'webhook', url: 'https://hooks.example.com/x', secret: 's', bearerToken: null },
      fine,
    );
    expect(fine.list).toEqual([]);
  });

  it("the tenant's allowlist from its settings snapshot opens its private range for that tenant only", async () => {
    outbound.tenants.apply(
      'tenant-b',
      JSON.stringify({
        tenantId: 'tenant-b',
        ticketUrlPrefix: null,
        defaultLocale: 'en',
        defaultTimeZone: 'UTC',
        outboundAllow: ['10.0.0.0/8'],
        updatedAt: new Date().toISOString(),
      }),
    );
    const config = {
      kind: 'webhook' as const,
      url: 'https://hooks.internal.example/x',
      secret: 's',
      bearerToken: null,
    };
    const b = new InputProblems();
    await outbound.checkChannel('tenant-b', config, b);
    expect(b.list).toEqual([]);
    const a = new InputProblems();
    await outbound.checkChannel('tenant-a', config, a);
    expect(a.list.map((p) => p.code)).toEqual(['OUTBOUND_REFUSED']);
    outbound.tenants.apply('tenant-b', null);
  });

  it('testChannel never connects to a refused target, and says why', async () => {
    const sender = createTestSender({ keyring, outbound });
    try {
      const result = await sender.send(
        {
          tenantId: 'tenant-a',
          config: {
            kind: 'webhook',
            url: 'http://169.254.169.254/latest/meta-data/iam/',
            secret: sealSecret(keyring, secret),
            bearerToken: null,
          },
        },
        { kind: 'group' },
      );
      expect(result).toMatchObject({ ok: false, kind: 'permanent', code: 'outbound_refused' });
      expect(result.summary).toBe(
        "Tidings did not send the test message, refused by the outbound policy: 169.254.169.254 is a cloud metadata service address; Tidings never sends to it (only the platform's OUTBOUND_ALLOW naming this exact address could allow it).",
      );
      const mail = await sender.send(
        {
          tenantId: 'tenant-a',
          config: {
            kind: 'smtp',
            host: 'mail.internal.example',
            port: 587,
            security: 'starttls',
            user: null,
            password: null,
            from: 'bot@example.com',
          },
        },
        { kind: 'email', email: 'someone@example.com' },
      );
      expect(mail).toMatchObject({ ok: false, code: 'outbound_refused' });
      expect(mail.summary).toContain(
        'mail.internal.example resolves to 192.168.10.25, which is a private address',
      );
    } finally {
      await sender.close();
    }
  });
});

describe('the network guard', () => {
  afterEach(() => {
    // The attempts below are made on purpose; what the guard recorded is checked in each test and taken.
    guard().takeViolations();
  });

  it('fails a connection to 10.0.0.1 with its own error, before any packet', () => {
    const socket = new net.Socket();
    expect(() => socket.connect({ host: '10.0.0.1', port: 80 })).toThrow(NetworkGuardError);
    socket.destroy();
    expect(() => net.connect(443, '169.254.169.254')).toThrow(
      /network guard: a test tried to reach 169\.254\.169\.254/,
    );
    expect(
      guard()
        .violations()
        .map((v) => v.target),
    ).toEqual(['10.0.0.1', '169.254.169.254']);
  });

  it('fails a lookup of a name outside loopback, and a fetch that would need one', async () => {
    const { lookup: dnsLookup } = await import('node:dns/promises');
    await expect(dnsLookup('hooks.example.com')).rejects.toBeInstanceOf(NetworkGuardError);
    const error = await fetch('http://10.0.0.1/').catch((e: unknown) => e);
    expect((error as { cause?: unknown }).cause).toBeInstanceOf(NetworkGuardError);
    expect(
      guard()
        .violations()
        .map((v) => v.target),
    ).toEqual(['hooks.example.com', '10.0.0.1']);
  });

  it('records an attempt the code under test swallowed, so the test still fails', async () => {
    await fetch('http://10.0.0.1/').catch(() => {});
    expect(() => guard().assertNoViolations()).toThrow(NetworkGuardError);
  });

  it('lets loopback through', async () => {
    const receiver = await startReceiver((_request, response) => response.end('ok'));
    try {
      expect(await (await fetch(`http://localhost:${receiver.port}/`)).text()).toBe('ok');
      expect(guard().violations()).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});

describe('the dispatcher', () => {
  let dispatcher: Dispatcher | undefined;
  let producer: Producer | undefined;
  let database: TestDatabase | undefined;
  let stopSandbox: (() => Promise<void>) | undefined;

  afterAll(async () => {
    await dispatcher?.stop();
    await producer?.disconnect();
    await database?.drop();
    await stopSandbox?.();
  });

  it('a webhook channel whose URL resolves to a private address ends as a permanent failure with the reason', async () => {
    const { kafkaBrokers } = testInfrastructure();
    const brokers = kafkaBrokers.split(',');
    const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
    const tenantId = uniqueName('tenant-ssrf');
    const prefix = `${uniqueName('ssrf')}.`;
    const stateTopics = Object.fromEntries(
      Object.keys(defaultStateTopics).map((entity) => [entity, `${prefix}${entity}`]),
    ) as Record<StateTopicName, string>;
    const sandbox = await startSandbox();
    stopSandbox = () => sandbox.stop();
    database = await createTestDatabase('ssrf');
    const kafka = createKafka({ brokers, clientId: 'ssrf-test' });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    dispatcher = createDispatcher({
      kafkaBrokers: brokers,
      database: { url: database.url },
      keyring,
      components: { router: true, senders: ['webhook'] },
      instanceId: 'ssrf',
      topicPartitions: 1,
      kafkaPrefix: prefix,
      stateTopics,
      retryPolicy: {
        maxAttempts: 3,
        baseDelaySeconds: 1,
        maxDelaySeconds: 60,
        maxAgeSeconds: 3600,
        delayScale: 0.001,
      },
      providers: {
        dingtalk: { baseUrl: `${sandbox.url}/dingtalk/oapi` },
        lark: { baseUrl: `${sandbox.url}/lark` },
        wecom: { baseUrl: `${sandbox.url}/wecom` },
        timeoutMs: 5_000,
        // What the environment gives outside production: loopback (the sandbox) and nothing else.
        outbound: { allow: LOOPBACK_OUTBOUND_ALLOWLIST, lookup },
      },
    });
    await dispatcher.start();
    const now = new Date().toISOString();
    const publish = (entity: StateTopicName, key: string, value: unknown) =>
      producer!.send({ topic: stateTopics[entity], messages: [{ key, value: JSON.stringify(value) }] });
    await publish('users', `${tenantId}/creator`, {
      tenantId,
      id: 'creator',
      name: 'creator',
      email: null,
      phone: null,
      locale: 'en',
      timeZone: 'UTC',
      updatedAt: now,
    });
    const channel: ChannelState = {
      tenantId,
      id: 'internal-hook',
      name: 'internal hook',
      enabled: true,
      config: {
        kind: 'webhook',
        url: 'https://hooks.internal.example/tidings',
        secret: sealSecret(keyring, secret),
        bearerToken: null,
      },
      updatedAt: now,
    };
    await publish('channels', channel.id, channel);
    await publish('projectChannels', `${tenantId}/p-ssrf/${channel.id}`, {
      tenantId,
      projectId: 'p-ssrf',
      channelId: channel.id,
      connectedAt: now,
    });
    await publish('rules', 'r-ssrf', {
      tenantId,
      id: 'r-ssrf',
      name: 'r-ssrf',
      projectIds: ['p-ssrf'],
      eventTypes: ['commentAdded'],
      roles: ['creator'],
      userIds: [],
      channelIds: [channel.id],
      serviceIds: [],
      statuses: [],
      steps: [],
      templateId: null,
      mentionAll: false,
      excludeActor: true,
      enabled: true,
      updatedAt: now,
    });
    await waitFor('state applied', () => dispatcher!.state.rule('r-ssrf') !== undefined);
    const events = createTicketEventProducer({ producer, topic: `${prefix}tidings.ticket-events.v1` });
    await events.emit({
      eventId: 'evt-ssrf',
      tenantId,
      projectId: 'p-ssrf',
      occurredAt: timestampNow(),
      actor: { id: 'someone-else' },
      ticket: { id: 't-1', key: 'OPS-1', title: 'Disk full', creator: { id: 'creator' } },
      change: { case: 'commentAdded', value: { commentId: 'c1', body: 'hello' } },
    });
    const row = async () =>
      (
        (await dispatcher!
          .database()!
          .db.execute(
            sql`select status, attempts, last_code, last_reason from dispatcher.deliveries where tenant_id = ${tenantId} and event_id = 'evt-ssrf'`,
          )) as unknown as Array<Record<string, unknown>>
      )[0];
    await waitFor('the delivery failed', async () => (await row())?.status === 'failed');
    expect(await row()).toEqual({
      status: 'failed',
      attempts: 1,
      last_code: 'outbound_refused',
      last_reason:
        "refused by the outbound policy: hooks.internal.example resolves to 10.0.0.7, which is a private address; add it to the tenant's outbound allowlist to allow it",
    });
    expect(guard().violations()).toEqual([]);
  });
});

async function startReceiver(
  handler: (
    request: import('node:http').IncomingMessage,
    response: import('node:http').ServerResponse,
  ) => void,
): Promise<{ url: string; port: number; requests: number; close(): Promise<void> }> {
  const state = { requests: 0 };
  const server: Server = createServer((request, response) => {
    state.requests++;
    request.resume();
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
