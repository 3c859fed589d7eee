import { type Keyring, openSecret } from '@tidings/crypto';
import {
  createDingTalkRobotClient,
  createLarkClient,
  createWebhookClient,
  createWeComClient,
  type DeliveryOutcome,
} from '@tidings/providers';
import { formatOfChannelKind } from '@tidings/templates';
import type { DeliveryJob } from '../jobs.ts';
import { renderDingTalkRobotMarkdown } from '../rendering/dingtalk-robot.ts';
import { renderLarkBotCard } from '../rendering/lark-bot.ts';
import { groupAudience, renderer } from '../rendering/message.ts';
import { renderWebhookEvent } from '../rendering/webhook.ts';
import { renderWeComRobotText } from '../rendering/wecom-robot.ts';
import type { StateStore } from '../state/store.ts';
import type { IdentityDirectory } from './identities.ts';
import { createPersonalDelivery } from './personal.ts';
import { channelGone, prepareJob } from './prepare.ts';
import type { ChannelHandler } from './sender.ts';

export interface ProviderEndpoints {
  /** `baseUrl` is the oapi host; `apiBaseUrl` the newer api.dingtalk.com host (apps only). */
  dingtalk: { baseUrl: string; apiBaseUrl?: string };
  /** Unset in production: each Lark bot goes to the host in its own webhook URL (Feishu or Lark). */
  lark: { baseUrl?: string };
  wecom: { baseUrl: string };
  timeoutMs: number;
}

/**
 * Delivers a job through whichever kind of channel it names: opens the channel's sealed credentials,
 * renders the event through the tenant's templates for that platform, and sends with the delivery id as
 * the platform's idempotency key where it has one. Group kinds post once, in the tenant's language;
 * per-person kinds (apps, email) first find each person through the identity directory, then deliver to
 * each in their own language, reporting per person.
 */
export function createChannelHandler(options: {
  state: StateStore;
  keyring: Keyring;
  endpoints: ProviderEndpoints;
  /** Where per-person channels find people (and publish what they learnt); shared with explain. */
  identities: IdentityDirectory;
}): ChannelHandler {
  const { state, keyring, endpoints } = options;
  const personal = createPersonalDelivery(options);
  const timeout = { timeoutMs: endpoints.timeoutMs };
  const dingtalkRobot = createDingTalkRobotClient({ baseUrl: endpoints.dingtalk.baseUrl, ...timeout });
  const lark = createLarkClient({
    ...(endpoints.lark.baseUrl && { baseUrl: endpoints.lark.baseUrl }),
    ...timeout,
  });
  const wecom = createWeComClient({ baseUrl: endpoints.wecom.baseUrl, ...timeout });
  const webhook = createWebhookClient(timeout);
  const open = (sealed: string) => openSecret(keyring, sealed);

  return {
    deliverToPeople: personal.deliverToPeople,
    close: personal.close,
    async deliver(job: DeliveryJob): Promise<DeliveryOutcome> {
      const channel = state.channel(job.channelId);
      if (!channel) return channelGone;
      const { event, recipients, actor, settings, source } = prepareJob(state, job, job.recipientUserIds);
      // Group messages are read by many: the tenant's language and time zone.
      const audience = groupAudience(settings);
      const config = channel.config;
      const render = renderer(source, formatOfChannelKind(config.kind), audience);
      const idempotency = { idempotencyKey: job.deliveryId };
      // Where a message cut to the platform's size limit sends the reader for the rest.
      const fullText = source.ticketUrl ? { fullTextUrl: source.ticketUrl } : {};
      switch (config.kind) {
        case 'dingtalk-robot':
          return dingtalkRobot.send(
            {
              accessToken: open(config.accessToken),
              ...(config.signingSecret && { secret: open(config.signingSecret) }),
            },
            renderDingTalkRobotMarkdown(render, recipients, {
              mentionAll: job.mentionAll,
              keywords: config.keywords,
            }),
            { ...idempotency, ...fullText },
          );
        case 'lark-bot':
          return lark.sendBotMessage(
            {
              hookId: open(config.hookId),
              baseUrl: config.host,
              ...(config.signingSecret && { secret: open(config.signingSecret) }),
            },
            renderLarkBotCard(
              render,
              recipients.map((user) => ({
                user,
                openId: state.identity(user.tenantId, user.id, 'lark')?.platformUserId ?? null,
              })),
              { mentionAll: job.mentionAll, keywords: config.keywords, locale: audience.locale },
            ),
          );
        case 'wecom-robot':
          return wecom.sendRobotMessage(
            { key: open(config.key) },
            renderWeComRobotText(render, recipients, { mentionAll: job.mentionAll }),
            fullText,
          );
        case 'webhook':
          return webhook.send(
            {
              url: config.url,
              secret: open(config.secret),
              ...(config.bearerToken && { bearerToken: open(config.bearerToken) }),
            },
            renderWebhookEvent({ event, deliveryId: job.deliveryId, actor, recipients, render }),
            idempotency,
          );
        default:
          return {
            kind: 'permanent',
            code: 'not-a-group-kind',
            reason: `${config.kind} delivers to each person, not to a group`,
          };
      }
    },
  };
}
