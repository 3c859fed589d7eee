import { type Keyring, openSecret } from '@tidings/crypto';
import {
  createDingTalkAppClient,
  createLarkClient,
  createSmtpClient,
  createWeComClient,
  type DeliveryOutcome,
  platformMobile,
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
import { type Identity, IdentityCache, noContact, notOnPlatform } from './identities.ts';
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
}) {
  const { state, keyring, endpoints } = options;
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
  const identities = new IdentityCache();
  const open = (sealed: string) => openSecret(keyring, sealed);

  async function resolve(
    channel: ChannelState,
    people: UserState[],
    lookup: (person: UserState) => Promise<Identity>,
  ): Promise<Map<string, Identity>> {
    const result = new Map<string, Identity>();
    for (const person of people) {
      const key = `${channel.id}/${person.phone ?? ''}/${person.email ?? ''}`;
      let identity = identities.get(key);
      if (!identity) {
        identity = await lookup(person);
        identities.set(key, identity);
      }
      result.set(person.id, identity);
    }
    return result;
  }

  /** Sends to everyone with an identity; everyone else gets the reason they were not reached. */
  async function sendToResolved(
    people: PersonalDelivery[],
    found: Map<string, Identity>,
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
      } else if (!identity.ok) outcomes.set(person.userId, identity.outcome);
      else userOf.set(identity.platformId, person);
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
        const found = await resolve(channel, recipients, async (person) => {
          if (!person.phone) return noContact('phone', 'DingTalk');
          const result = await dingtalk.lookupUserIdByMobile(credentials, person.phone);
          if (result.kind === 'found') return { ok: true, platformId: result.userid };
          if (result.kind === 'not-found')
            return notOnPlatform(`phone ${person.phone}`, 'DingTalk', result.reason);
          return { ok: false, outcome: result.outcome };
        });
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
        const found = await resolve(channel, recipients, async (person) => {
          if (!person.email && !person.phone) return noContact('phone or email', 'Lark/Feishu');
          // Either may be the one registered in Lark: ask for both in one call, take whichever is found.
          const lookup = await lark.lookupOpenIds(app, {
            emails: person.email ? [person.email] : [],
            mobiles: person.phone ? [person.phone] : [],
          });
          if (!lookup.ok) return { ok: false, outcome: lookup.outcome };
          for (const result of lookup.results) {
            if (result.result === 'found') return { ok: true, platformId: result.openId };
          }
          const contact = [person.email, person.phone].filter(Boolean).join(' or ');
          const first = lookup.results[0];
          return notOnPlatform(
            contact,
            'Lark/Feishu',
            first && first.result !== 'found' ? first.reason : 'not found',
          );
        });
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
        const found = await resolve(channel, recipients, async (person) => {
          const lookup = person.phone
            ? { mobile: platformMobile(person.phone) }
            : person.email
              ? { email: person.email }
              : null;
          if (!lookup) return noContact('phone or email', 'WeCom');
          const result = await wecom.lookupUserId(credentials, lookup);
          if (result.kind === 'found') return { ok: true, platformId: result.userid };
          if (result.kind === 'not_found')
            return notOnPlatform(person.phone ?? person.email ?? '', 'WeCom', result.reason);
          return { ok: false, outcome: result.outcome };
        });
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
          const identity = email ? undefined : noContact('email address');
          outcomes.set(
            userId,
            identity && !identity.ok
              ? identity.outcome
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
