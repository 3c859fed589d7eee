import { type Keyring, openSecret } from '@tidings/crypto';
import { createSmtpClient, type DeliveryOutcome } from '@tidings/providers';
import type { ChannelState, UserState } from '@tidings/state';
import { formatOfChannelKind } from '@tidings/templates';
import type { DeliveryJob } from '../jobs.ts';
import { type Audience, byAudience, type RenderedMessage, renderer } from '../rendering/message.ts';
import {
  renderDingTalkRobotOto,
  renderDingTalkWorkNotification,
  renderEmail,
  renderLarkAppCard,
  renderWeComAppMarkdown,
} from '../rendering/personal.ts';
import type { StateStore } from '../state/store.ts';
import { appCredentials, createAppClients } from './apps.ts';
import { type ProviderEndpoints, tenantAllowlistOf } from './handlers.ts';
import { type IdentityDirectory, undeliveredFor } from './identities.ts';
import { channelGone, prepareJob } from './prepare.ts';

/** One person a per-person job is for, with the id of their own delivery (and ledger row). */
export interface PersonalDelivery {
  userId: string;
  deliveryId: string;
}

const personUnknown: DeliveryOutcome = {
  kind: 'permanent',
  code: 'person-unknown',
  reason: 'Tidings has no profile for this person',
};

const unreported: DeliveryOutcome = {
  kind: 'permanent',
  code: 'no-answer',
  reason: 'the platform did not report on this person',
};

/**
 * Delivers to each person through an app or email: find the person on the platform (hand-set id, else
 * their phone or email looked up through the channel's app), render in their language, send, and report
 * an outcome per person — "not registered in DingTalk" for one never stops the others.
 */
export function createPersonalDelivery(options: {
  state: StateStore;
  keyring: Keyring;
  endpoints: ProviderEndpoints;
  identities: IdentityDirectory;
}) {
  const { state, keyring, endpoints, identities } = options;
  // One token cache for every app, shared with the identity lookups: one fetch per app per token lifetime.
  const { dingtalk, lark, wecom } = createAppClients(endpoints, identities.tokenCache);
  const credentials = appCredentials(keyring);
  const smtp = createSmtpClient({
    connectionTimeoutMs: endpoints.timeoutMs,
    ...(endpoints.outbound && { outbound: endpoints.outbound }),
  });
  const tenantAllowlist = tenantAllowlistOf(state);
  const open = (sealed: string) => openSecret(keyring, sealed);

  /** Sends one rendered message to a batch of reachable people; an outcome per person (by user id). */
  type SendBatch = (
    batch: readonly Reachable[],
    message: RenderedMessage,
    audience: Audience,
  ) => Promise<Map<string, DeliveryOutcome>>;

  /** How each per-person kind sends; null for kinds that post to a group. */
  function senderFor(channel: ChannelState): SendBatch | null {
    const config = channel.config;
    switch (config.kind) {
      case 'dingtalk-app': {
        const app = credentials.dingtalk(config);
        return async (batch, message) => {
          const userIds = [...new Set(batch.map((p) => p.platformUserId))];
          const results =
            config.mode === 'work-notification'
              ? await dingtalk.sendWorkNotification(app, userIds, renderDingTalkWorkNotification(message))
              : await dingtalk.sendRobotBatch(app, userIds, renderDingTalkRobotOto(message));
          return byPerson(batch, new Map(results.map((r) => [r.userId, r.outcome])));
        };
      }
      case 'lark-app': {
        const app = credentials.lark(config);
        return async (batch, message, audience) => {
          const card = renderLarkAppCard(message, audience.locale);
          const outcomes = new Map<string, DeliveryOutcome>();
          for (const person of batch) {
            // The person's delivery id is Lark's `uuid`: a resend within an hour is dropped by Lark.
            outcomes.set(
              person.userId,
              await lark.sendAppMessage(app, person.platformUserId, card, {
                idempotencyKey: person.deliveryId,
              }),
            );
          }
          return outcomes;
        };
      }
      case 'wecom-app': {
        const app = credentials.wecom(config);
        return async (batch, message) => {
          const sent = await wecom.sendAppMessage(app, {
            touser: [...new Set(batch.map((p) => p.platformUserId))],
            message: renderWeComAppMarkdown(message),
            ...(message.ticketUrl && { fullTextUrl: message.ticketUrl }),
          });
          // WeCom reports ids lower-cased.
          const byLower = new Map(sent.recipients.map((r) => [r.userid.toLowerCase(), r.outcome]));
          return new Map(
            batch.map((p) => [p.userId, byLower.get(p.platformUserId.toLowerCase()) ?? unreported]),
          );
        };
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
        return async (batch, message) => {
          const outcomes = new Map<string, DeliveryOutcome>();
          for (const person of batch) {
            outcomes.set(
              person.userId,
              await smtp.send(credentials, renderEmail(message, person.platformUserId), {
                idempotencyKey: person.deliveryId,
                tenantAllowlist: tenantAllowlist(channel.tenantId),
              }),
            );
          }
          return outcomes;
        };
      }
      default:
        return null;
    }
  }

  /**
   * Finds each person on the channel's platform (the identity directory), then sends to those found, one
   * rendering per language and time zone; everyone else gets the reason they were not reached.
   */
  async function deliverToPeople(
    job: DeliveryJob,
    people: PersonalDelivery[],
  ): Promise<Map<string, DeliveryOutcome>> {
    const channel = state.channel(job.channelId);
    if (!channel) return new Map(people.map(({ userId }) => [userId, channelGone]));
    const send = senderFor(channel);
    if (!send) {
      const outcome: DeliveryOutcome = {
        kind: 'permanent',
        code: 'not-a-personal-kind',
        reason: `${channel.config.kind} posts to a group, not to each person`,
      };
      return new Map(people.map(({ userId }) => [userId, outcome]));
    }
    const { recipients, settings, source } = prepareJob(
      state,
      job,
      people.map((p) => p.userId),
    );
    const outcomes = new Map<string, DeliveryOutcome>();
    const reachable: Reachable[] = [];
    for (const person of people) {
      const user = recipients.find((r) => r.id === person.userId);
      if (!user) {
        outcomes.set(person.userId, personUnknown);
        continue;
      }
      const identity = await identities.resolve(channel, user);
      if (identity.status === 'linked')
        reachable.push({ ...person, user, platformUserId: identity.platformUserId });
      else outcomes.set(person.userId, undeliveredFor(identity));
    }
    const format = formatOfChannelKind(channel.config.kind);
    for (const group of byAudience(reachable, settings)) {
      const message = renderer(source, format, group.audience)();
      const sent = await send(group.people, message, group.audience);
      for (const person of group.people) outcomes.set(person.userId, sent.get(person.userId) ?? unreported);
    }
    return outcomes;
  }

  return { deliverToPeople, close: async () => smtp.close() };
}

/** A person found on the channel's platform: whom to send to, and which delivery (ledger row) it is. */
interface Reachable extends PersonalDelivery {
  user: UserState;
  platformUserId: string;
}

/** Outcomes by platform id → by person (two profiles may share one platform account). */
function byPerson(batch: readonly Reachable[], byPlatformId: Map<string, DeliveryOutcome>) {
  return new Map(batch.map((p) => [p.userId, byPlatformId.get(p.platformUserId) ?? unreported]));
}
