import { createHash, randomBytes } from 'node:crypto';
import { type Keyring, openSecret } from '@tidings/crypto';
import {
  createDingTalkAppClient,
  createDingTalkRobotClient,
  createLarkClient,
  createSmtpClient,
  createWebhookClient,
  createWeComClient,
  type DeliveryOutcome,
  platformMobile,
  type SmtpTransportOptions,
  TokenCache,
} from '@tidings/providers';
import type { ChannelConfig } from '@tidings/state';
import { type ChannelOutbound, createChannelOutbound } from '../outbound/index.ts';
import {
  type CheckedTarget,
  checkTarget,
  dingTalkOtoTestMessage,
  dingTalkRobotTestMessage,
  dingTalkWorkTestMessage,
  displayName,
  emailTestMessage,
  keywordsOf,
  larkTestMessage,
  type TestTarget,
  testMessageWords,
  webhookTestEvent,
  weComAppTestMessage,
  weComRobotTestMessage,
} from './plan.ts';
import {
  type Destination,
  failureSummary,
  invalidTarget,
  notFound,
  outcomeResult,
  sentence,
  type TestSendResult,
} from './summary.ts';

export type TestSenderOptions = {
  keyring: Keyring;
  /** Vendor hosts; unset in production. The sandbox: `{url}/dingtalk/oapi`, `{url}/dingtalk/api`, `{url}/lark`, `{url}/wecom`. */
  baseUrls?: { dingtalkOapi?: string; dingtalkApi?: string; lark?: string; wecom?: string };
  /** Per HTTP request (and each SMTP stage). Defaults to each provider's 10 s. */
  timeoutMs?: number;
  /**
   * Where app tokens are kept between tests (default: one of this sender's own). Entries are keyed by app AND
   * a hash of the secret under test, so a token fetched with an older secret never lets a test pass.
   */
  tokenCache?: TokenCache;
  /** Only for test mail servers with self-signed certificates (the sandbox). */
  smtp?: Pick<SmtpTransportOptions, 'rejectUnauthorized'>;
  /** Clock for the message's timestamp. Defaults to `Date.now`. */
  now?: () => number;
  /**
   * Which webhook and SMTP targets may be reached (the platform's and each tenant's allowlists). Default:
   * loopback only, for the sandbox (services pass the one from their environment).
   */
  outbound?: ChannelOutbound;
};

/**
 * The channel to test: its config (secrets sealed), its tenant (whose outbound allowlist applies) and,
 * for the message, its name and id when known.
 */
export type TestChannel = { config: ChannelConfig; tenantId?: string; name?: string; id?: string };

export type TestSender = {
  /** The outbound policy test sends are held to; creating a channel checks its target with it too. */
  readonly outbound: ChannelOutbound;
  /** Sends one test message now and says what happened. Never throws for vendor, network or secret problems. */
  send(channel: TestChannel, target: TestTarget): Promise<TestSendResult>;
  /** Closes pooled SMTP connections. */
  close(): Promise<void>;
};

/** Thrown inside `send` when a sealed secret cannot be opened; turned into a result, never shown raw. */
class SecretUnreadable extends Error {}

export function createTestSender(options: TestSenderOptions): TestSender {
  const { keyring, baseUrls = {} } = options;
  const now = options.now ?? Date.now;
  const timeout = options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
  const tokenCache = options.tokenCache ?? new TokenCache();
  const outbound = options.outbound ?? createChannelOutbound();
  const clientOutbound = { allow: outbound.platform, ...(outbound.lookup && { lookup: outbound.lookup }) };
  const dingtalkRobot = createDingTalkRobotClient({
    ...(baseUrls.dingtalkOapi !== undefined && { baseUrl: baseUrls.dingtalkOapi }),
    ...timeout,
  });
  // App clients are made per send, with tokens scoped to the secret being tested (see ScopedTokenCache).
  const dingtalkApp = (tokens: TokenCache) =>
    createDingTalkAppClient({
      ...(baseUrls.dingtalkOapi !== undefined && { oapiBaseUrl: baseUrls.dingtalkOapi }),
      ...(baseUrls.dingtalkApi !== undefined && { apiBaseUrl: baseUrls.dingtalkApi }),
      tokenCache: tokens,
      ...timeout,
    });
  const lark = (tokens?: TokenCache) =>
    createLarkClient({
      ...(baseUrls.lark !== undefined && { baseUrl: baseUrls.lark }),
      ...(tokens && { tokenCache: tokens }),
      ...timeout,
    });
  const wecom = (tokens?: TokenCache) =>
    createWeComClient({
      ...(baseUrls.wecom !== undefined && { baseUrl: baseUrls.wecom }),
      ...(tokens && { tokenCache: tokens }),
      ...timeout,
    });
  const larkBot = lark();
  const wecomRobot = wecom();
  const scoped = (secret: string) => new ScopedTokenCache(tokenCache, secret);
  const smtp = createSmtpClient({
    // A test is one message: one connection, not a pool of five.
    maxConnections: 1,
    ...(options.smtp?.rejectUnauthorized !== undefined && {
      rejectUnauthorized: options.smtp.rejectUnauthorized,
    }),
    ...(options.timeoutMs !== undefined && {
      connectionTimeoutMs: options.timeoutMs,
      greetingTimeoutMs: options.timeoutMs,
      socketTimeoutMs: options.timeoutMs,
    }),
    outbound: clientOutbound,
  });
  // Both check the target (resolving it) before connecting, and never connect to a refused address.
  const webhook = createWebhookClient({ ...timeout, outbound: clientOutbound });

  async function send(channel: TestChannel, target: TestTarget): Promise<TestSendResult> {
    const { config } = channel;
    const tenantAllowlist = channel.tenantId ? outbound.tenantAllowlist(channel.tenantId) : undefined;
    const checked = checkTarget(config.kind, target);
    if (!checked.ok) return invalidTarget(checked.summary);
    const sentAt = new Date(now());
    const reference = randomBytes(4).toString('hex');
    const deliveryId = `tidings-test-${sentAt.getTime()}-${reference}`;
    const channelName = displayName({ channelName: channel.name, kind: config.kind });
    const words = testMessageWords({
      channelName: channel.name,
      kind: config.kind,
      sentAt,
      reference,
      keywords: keywordsOf(config),
    });
    // Every secret opened for this send, so that no summary can carry one (a vendor might echo it back).
    const opened: string[] = [];
    const open = (sealed: string): string => {
      let plain: string;
      try {
        plain = openSecret(keyring, sealed);
      } catch (error) {
        // openSecret's messages name the key id at most, never key or secret material.
        throw new SecretUnreadable(error instanceof Error ? error.message : 'unreadable sealed secret');
      }
      opened.push(plain);
      return plain;
    };
    let result: TestSendResult;
    try {
      result = await deliver(config, checked.target);
    } catch (error) {
      result =
        error instanceof SecretUnreadable
          ? {
              ok: false,
              kind: 'permanent',
              code: 'secret_unreadable',
              summary: sentence(
                `Tidings could not open this channel's stored credentials (${error.message}): enter the secrets again and save the channel`,
              ),
            }
          : {
              ok: false,
              kind: 'permanent',
              code: 'internal_error',
              summary: sentence(
                `Tidings failed while sending the test (${error instanceof Error ? error.message : String(error)}); this is a Tidings bug, please report it`,
              ),
            };
    }
    return { ...result, summary: redact(result.summary, opened) };

    async function deliver(config: ChannelConfig, to: CheckedTarget): Promise<TestSendResult> {
      const groupDestination: Destination =
        to.kind === 'group-mention' ? { kind: 'group-mention', phone: to.phone } : { kind: 'group' };
      switch (config.kind) {
        case 'dingtalk-robot': {
          const outcome = await dingtalkRobot.send(
            {
              accessToken: open(config.accessToken),
              ...(config.signingSecret !== null && { secret: open(config.signingSecret) }),
            },
            dingTalkRobotTestMessage(words, to.kind === 'group-mention' ? to.phone : undefined),
            { idempotencyKey: deliveryId },
          );
          return outcomeResult(config.kind, outcome, groupDestination);
        }
        case 'lark-bot': {
          const outcome = await larkBot.sendBotMessage(
            {
              hookId: open(config.hookId),
              baseUrl: config.host,
              ...(config.signingSecret !== null && { secret: open(config.signingSecret) }),
            },
            larkTestMessage(words),
          );
          return outcomeResult(config.kind, outcome, groupDestination);
        }
        case 'wecom-robot': {
          const outcome = await wecomRobot.sendRobotMessage(
            { key: open(config.key) },
            weComRobotTestMessage(words, to.kind === 'group-mention' ? to.phone : undefined),
          );
          return outcomeResult(config.kind, outcome, groupDestination);
        }
        case 'webhook': {
          const outcome = await webhook.send(
            {
              url: config.url,
              secret: open(config.secret),
              ...(config.bearerToken !== null && { bearerToken: open(config.bearerToken) }),
            },
            webhookTestEvent(words, { deliveryId, sentAt, channelId: channel.id, channelName }),
            { idempotencyKey: deliveryId, ...(tenantAllowlist && { tenantAllowlist }) },
          );
          return outcomeResult(config.kind, outcome, { kind: 'webhook' });
        }
        case 'smtp': {
          if (to.kind !== 'email') return invalidTarget('An email channel needs an email address');
          const outcome = await smtp.send(
            {
              host: config.host,
              port: config.port,
              security: config.security,
              ...(config.user !== null && { user: config.user }),
              ...(config.password !== null && { password: open(config.password) }),
              from: config.from,
            },
            emailTestMessage(words, to.email),
            { idempotencyKey: deliveryId, ...(tenantAllowlist && { tenantAllowlist }) },
          );
          return outcomeResult(config.kind, outcome, { kind: 'person', given: to.email });
        }
        case 'dingtalk-app': {
          const credentials = {
            clientId: config.clientId,
            clientSecret: open(config.clientSecret),
            agentId: config.agentId,
            robotCode: config.robotCode,
          };
          const dingtalk = dingtalkApp(scoped(credentials.clientSecret));
          let userId: string;
          let given: string;
          if (to.kind === 'phone') {
            const lookup = await dingtalk.lookupUserIdByMobile(credentials, to.phone);
            if (lookup.kind === 'not-found') return notFound(config.kind, to.phone, 'phone', '60121');
            if (lookup.kind === 'error') return lookupFailure(config.kind, lookup.outcome);
            userId = lookup.userid;
            given = to.phone;
          } else if (to.kind === 'platformUser') {
            userId = to.id;
            given = `DingTalk userid ${to.id}`;
          } else {
            return invalidTarget('A DingTalk app needs a phone number or a DingTalk userid');
          }
          const destination: Destination = {
            kind: 'person',
            given,
            ...(to.kind === 'phone' && { platformId: userId, platformIdName: 'DingTalk userid' }),
          };
          const outcomes =
            config.mode === 'work-notification'
              ? await dingtalk.sendWorkNotification(credentials, [userId], dingTalkWorkTestMessage(words))
              : await dingtalk.sendRobotBatch(credentials, [userId], dingTalkOtoTestMessage(words));
          return outcomeResult(config.kind, firstOutcome(outcomes), destination, config.mode);
        }
        case 'lark-app': {
          const app = { appId: config.appId, appSecret: open(config.appSecret), baseUrl: config.host };
          const larkApp = lark(scoped(app.appSecret));
          let openId: string;
          let given: string;
          if (to.kind === 'phone' || to.kind === 'email') {
            const by = to.kind;
            given = to.kind === 'phone' ? to.phone : to.email;
            const lookup = await larkApp.lookupOpenIds(
              app,
              to.kind === 'phone' ? { mobiles: [to.phone] } : { emails: [to.email] },
            );
            if (!lookup.ok) return lookupFailure(config.kind, lookup.outcome);
            const found = lookup.results[0];
            if (!found || found.result === 'not_found') return notFound(config.kind, given, by);
            if (found.result === 'resigned') {
              return {
                ok: false,
                kind: 'not-found',
                code: 'resigned',
                summary: sentence(`The Lark/Feishu user with ${by} ${given} has left the company (resigned)`),
              };
            }
            openId = found.openId;
          } else if (to.kind === 'platformUser') {
            openId = to.id;
            given = `open_id ${to.id}`;
          } else {
            return invalidTarget('A Lark/Feishu app needs a phone number, an email address or an open_id');
          }
          const outcome = await larkApp.sendAppMessage(app, openId, larkTestMessage(words), {
            idempotencyKey: deliveryId,
          });
          return outcomeResult(config.kind, outcome, {
            kind: 'person',
            given,
            ...(to.kind !== 'platformUser' && { platformId: openId, platformIdName: 'open_id' }),
          });
        }
        case 'wecom-app': {
          const credentials = {
            corpId: config.corpId,
            corpSecret: open(config.corpSecret),
            agentId: config.agentId,
            safe: config.safe,
            ...(config.proxyUrl && { proxyUrl: config.proxyUrl }),
          };
          const wecomApp = wecom(scoped(credentials.corpSecret));
          let userId: string;
          let given: string;
          if (to.kind === 'phone' || to.kind === 'email') {
            given = to.kind === 'phone' ? to.phone : to.email;
            const lookup = await wecomApp.lookupUserId(
              credentials,
              to.kind === 'phone' ? { mobile: platformMobile(to.phone) } : { email: to.email },
            );
            if (lookup.kind === 'not_found') return notFound(config.kind, given, to.kind, lookup.code);
            if (lookup.kind === 'error') return lookupFailure(config.kind, lookup.outcome);
            userId = lookup.userid;
          } else if (to.kind === 'platformUser') {
            userId = to.id;
            given = `WeCom userid ${to.id}`;
          } else {
            return invalidTarget('A WeCom app needs a phone number, an email address or a WeCom userid');
          }
          const result = await wecomApp.sendAppMessage(credentials, {
            touser: [userId],
            message: weComAppTestMessage(words),
          });
          const outcome = result.recipients[0]?.outcome ?? result.batches[0]?.outcome;
          return outcomeResult(config.kind, outcome ?? noOutcome(), {
            kind: 'person',
            given,
            ...(to.kind !== 'platformUser' && { platformId: userId, platformIdName: 'WeCom userid' }),
          });
        }
      }
    }
  }

  return {
    outbound,
    send,
    async close() {
      smtp.close();
      await webhook.close();
    },
  };
}

/**
 * Tokens keyed by the app AND the secret under test. Provider clients key tokens by app id alone, so a token
 * fetched before someone changed the secret would let a test pass without ever presenting the new secret:
 * here a different secret always means a fresh token fetch, which is what checks it. Same secret, same
 * token: repeated tests do not hammer the vendor's token endpoint. Only a hash of the secret is kept.
 */
class ScopedTokenCache extends TokenCache {
  private readonly inner: TokenCache;
  private readonly scope: string;

  constructor(inner: TokenCache, secret: string) {
    super();
    this.inner = inner;
    this.scope = createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 32);
  }

  override get(credential: string, fetchToken: Parameters<TokenCache['get']>[1]) {
    return this.inner.get(`${credential}#${this.scope}`, fetchToken);
  }

  override invalidate(credential: string, token: string): void {
    this.inner.invalidate(`${credential}#${this.scope}`, token);
  }
}

/** Replaces every opened secret in `text` (longest first, so one inside another goes too). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 6) out = out.split(secret).join('[secret]');
  }
  return out;
}

function firstOutcome(outcomes: readonly { outcome: DeliveryOutcome }[]): DeliveryOutcome {
  return outcomes[0]?.outcome ?? noOutcome();
}

function noOutcome(): DeliveryOutcome {
  return {
    kind: 'permanent',
    code: 'no_outcome',
    reason: 'the provider reported no outcome for the recipient (a Tidings bug)',
  };
}

/** A lookup that failed for another reason than "nobody has this": credentials, permissions, network. */
function lookupFailure(
  kind: ChannelConfig['kind'],
  outcome: Exclude<DeliveryOutcome, { kind: 'delivered' }>,
): TestSendResult {
  return {
    ok: false,
    kind: outcome.kind,
    code: outcome.code,
    summary: failureSummary(kind, outcome).replace('the test message', 'the user lookup'),
  };
}
