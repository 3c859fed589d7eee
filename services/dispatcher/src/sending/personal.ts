import { type Keyring, openSecret } from '@tidings/crypto';
import {
  createDingTalkAppClient,
  createLarkClient,
  createSmtpClient,
  createWeComClient,
  type DeliveryOutcome,
  TokenCache,
} from '@tidings/providers';
import type { ChannelState, UserState } from '@tidings/state';
import type { DeliveryJob } from '../jobs.ts';
import {
  renderDingTalkWorkNotification,
  renderEmail,
  renderLarkAppCard,
  renderWeComAppMarkdown,
} from '../rendering/personal.ts';
import type { StateStore } from '../state/store.ts';
import type { ProviderEndpoints } from './handlers.ts';
import { type IdentityDirectory, type IdentityResolution, undeliveredFor } from './identities.ts';
import { channelGone, prepareJob } from './prepare.ts';

/** One person a per-person job is for, with the id of their own delivery (and ledger row). */
export interface PersonalDelivery {
  userId: string;
  deliveryId: string;
}

const unreported: DeliveryOutcome = {
  kind: 'permanent',
  code: 'no-answer',
  reason: 'the platform did not report on this person',
};

/**
 * Delivers to each person through an app or email: find the person on the platform from the phone or
 * email on their Tidings profile (cached per credential), then send, and report an outcome per person —
 * "not registered in DingTalk" for one never stops the others.
 */
export function createPersonalDelivery(options: {
  state: StateStore;
  keyring: Keyring;
  endpoints: ProviderEndpoints;
  identities: IdentityDirectory;
}) {
  const { state, keyring, endpoints, identities } = options;
  const timeout = { timeoutMs: endpoints.timeoutMs };
  // One token cache for every app: keys are vendor-prefixed; one fetch per app per token lifetime.
  const tokenCache = new TokenCache();
  const dingtalk = createDingTalkAppClient({
    oapiBaseUrl: endpoints.dingtalk.baseUrl,
    ...(endpoints.dingtalk.apiBaseUrl && { apiBaseUrl: endpoints.dingtalk.apiBaseUrl }),
    tokenCache,
    ...timeout,
  });
  const lark = createLarkClient({
    ...(endpoints.lark.baseUrl && { baseUrl: endpoints.lark.baseUrl }),
    tokenCache,
    ...timeout,
  });
  const wecom = createWeComClient({ baseUrl: endpoints.wecom.baseUrl, tokenCache, ...timeout });
  const smtp = createSmtpClient({ connectionTimeoutMs: endpoints.timeoutMs });
  const open = (sealed: string) => openSecret(keyring, sealed);

  /** Each person's id on the channel's platform, through the directory (hand-set, cached or looked up). */
  async function resolve(
    channel: ChannelState,
    people: UserState[],
  ): Promise<Map<string, IdentityResolution>> {
    const result = new Map<string, IdentityResolution>();
    for (const person of people) result.set(person.id, await identities.resolve(channel, person));
    return result;
  }

  /** Sends to everyone with an identity; everyone else gets the reason they were not reached. */
  async function sendToResolved(
    people: PersonalDelivery[],
    found: Map<string, IdentityResolution>,
    send: (
      platformIds: string[],
      deliveryIdOf: (platformId: string) => string,
    ) => Promise<Map<string, DeliveryOutcome>>,
  ): Promise<Map<string, DeliveryOutcome>> {
    const outcomes = new Map<string, DeliveryOutcome>();
    const userOf = new Map<string, PersonalDelivery>();
    for (const person of people) {
      const identity = found.get(person.userId);
      if (!identity) {
        outcomes.set(person.userId, {
          kind: 'permanent',
          code: 'person-unknown',
          reason: 'Tidings has no profile for this person',
        });
      } else if (identity.status !== 'linked') outcomes.set(person.userId, undeliveredFor(identity));
      else userOf.set(identity.platformUserId, person);
    }
    if (userOf.size === 0) return outcomes;
    const sent = await send([...userOf.keys()], (platformId) => userOf.get(platformId)!.deliveryId);
    for (const [platformId, person] of userOf)
      outcomes.set(person.userId, sent.get(platformId) ?? unreported);
    return outcomes;
  }

  async function deliverToPeople(
    job: DeliveryJob,
    people: PersonalDelivery[],
  ): Promise<Map<string, DeliveryOutcome>> {
    const channel = state.channel(job.channelId);
    if (!channel) return new Map(people.map(({ userId }) => [userId, channelGone]));
    const { recipients, description, occurredAt } = prepareJob(
      state,
      job,
      people.map((p) => p.userId),
    );
    const config = channel.config;
    switch (config.kind) {
      case 'dingtalk-app': {
        const credentials = {
          clientId: config.clientId,
          clientSecret: open(config.clientSecret),
          agentId: config.agentId,
          robotCode: config.robotCode,
        };
        const found = await resolve(channel, recipients);
        return sendToResolved(people, found, async (userIds) => {
          const message = renderDingTalkWorkNotification(description, occurredAt);
          const results =
            config.mode === 'work-notification'
              ? await dingtalk.sendWorkNotification(credentials, userIds, message)
              : await dingtalk.sendRobotBatch(credentials, userIds, {
                  msgKey: 'sampleMarkdown',
                  title: message.msgtype === 'markdown' ? message.title : description.title,
                  text: message.msgtype === 'markdown' ? message.text : description.headline,
                });
          return new Map(results.map((r) => [r.userId, r.outcome]));
        });
      }
      case 'lark-app': {
        const app = { appId: config.appId, appSecret: open(config.appSecret), baseUrl: config.host };
        const found = await resolve(channel, recipients);
        return sendToResolved(people, found, async (openIds, deliveryIdOf) => {
          const message = renderLarkAppCard(description, occurredAt);
          const outcomes = new Map<string, DeliveryOutcome>();
          for (const openId of openIds) {
            // The person's delivery id is Lark's `uuid`: a resend within an hour is dropped by Lark.
            outcomes.set(
              openId,
              await lark.sendAppMessage(app, openId, message, { idempotencyKey: deliveryIdOf(openId) }),
            );
          }
          return outcomes;
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
        const found = await resolve(channel, recipients);
        return sendToResolved(people, found, async (userIds) => {
          const sent = await wecom.sendAppMessage(credentials, {
            touser: userIds,
            message: renderWeComAppMarkdown(description, occurredAt),
            ...(description.ticketUrl && { fullTextUrl: description.ticketUrl }),
          });
          // WeCom reports ids lower-cased.
          const byLower = new Map(sent.recipients.map((r) => [r.userid.toLowerCase(), r.outcome]));
          return new Map(userIds.map((id) => [id, byLower.get(id.toLowerCase()) ?? unreported]));
        });
      }
      case 'smtp': {
        const credentials = {
          host: config.host,
          port: config.port,
          security: config.security,
          ...(config.user && { user: config.user }),
          ...(config.password && { password: open(config.password) }),
          from: config.from,
        };
        const outcomes = new Map<string, DeliveryOutcome>();
        for (const { userId, deliveryId } of people) {
          const email = recipients.find((r) => r.id === userId)?.email;
          outcomes.set(
            userId,
            !email
              ? {
                  kind: 'permanent',
                  code: 'no-contact-point',
                  reason: "no email address on the person's Tidings profile",
                }
              : await smtp.send(credentials, renderEmail(description, occurredAt, email!), {
                  idempotencyKey: deliveryId,
                }),
          );
        }
        return outcomes;
      }
      default: {
        const outcome: DeliveryOutcome = {
          kind: 'permanent',
          code: 'not-a-personal-kind',
          reason: `${config.kind} posts to a group, not to each person`,
        };
        return new Map(people.map(({ userId }) => [userId, outcome]));
      }
    }
  }

  return { deliverToPeople, close: async () => smtp.close() };
}
