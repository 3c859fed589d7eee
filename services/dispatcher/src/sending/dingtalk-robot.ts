import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import type { Keyring } from '@tidings/crypto';
import { openSecret } from '@tidings/crypto';
import { TicketEventSchema } from '@tidings/events';
import { createDingTalkRobotClient, type DeliveryOutcome } from '@tidings/providers';
import type { UserState } from '@tidings/state';
import type { DeliveryJob } from '../jobs.ts';
import { renderDingTalkRobotMarkdown } from '../rendering/dingtalk-robot.ts';
import type { StateStore } from '../state/store.ts';
import type { ChannelHandler } from './sender.ts';

/** Posts a job to a DingTalk custom group robot, mentioning its recipients by mobile. */
export function createDingTalkRobotHandler(options: {
  state: StateStore;
  keyring: Keyring;
  baseUrl: string;
  timeoutMs?: number;
}): ChannelHandler {
  const client = createDingTalkRobotClient({
    baseUrl: options.baseUrl,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  return {
    async deliver(job: DeliveryJob): Promise<DeliveryOutcome> {
      const channel = options.state.channel(job.channelId);
      if (channel?.config.kind !== 'dingtalk-robot') {
        return {
          kind: 'permanent',
          code: 'channel-gone',
          reason: 'the channel was deleted before the message was sent',
        };
      }
      const event = fromJson(TicketEventSchema, job.event as JsonValue);
      const recipients = job.recipientUserIds
        .map((id) => options.state.user(job.tenantId, id))
        .filter((user): user is UserState => user !== undefined);
      const actor = event.actor?.id ? options.state.user(job.tenantId, event.actor.id) : undefined;
      const message = renderDingTalkRobotMarkdown({
        event,
        recipients,
        actorName: actor?.name || event.actor?.displayName || event.actor?.id || 'Someone',
        keywords: channel.config.keywords,
      });
      const { accessToken, signingSecret } = channel.config;
      return client.send(
        {
          accessToken: openSecret(options.keyring, accessToken),
          ...(signingSecret && { secret: openSecret(options.keyring, signingSecret) }),
        },
        message,
        { idempotencyKey: job.deliveryId },
      );
    },
  };
}
