import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { TicketEventSchema } from '@tidings/events';
import type { UserState } from '@tidings/state';
import type { DeliveryJob } from '../jobs.ts';
import { describeEvent } from '../rendering/describe.ts';
import type { StateStore } from '../state/store.ts';

/** What every channel kind needs to render a job: the event, the people as Tidings knows them, the words. */
export function prepareJob(state: StateStore, job: DeliveryJob, userIds: readonly string[]) {
  const event = fromJson(TicketEventSchema, job.event as JsonValue);
  const recipients = userIds
    .map((id) => state.user(job.tenantId, id))
    .filter((user): user is UserState => user !== undefined);
  const actor = event.actor?.id ? state.user(job.tenantId, event.actor.id) : undefined;
  const description = describeEvent(
    event,
    actor?.name || event.actor?.displayName || event.actor?.id || 'Someone',
  );
  const occurredAt = event.occurredAt ? timestampDate(event.occurredAt).toISOString() : job.routedAt;
  return { event, recipients, actor, description, occurredAt };
}

export const channelGone = {
  kind: 'permanent',
  code: 'channel-gone',
  reason: 'the channel was deleted before the message was sent',
} as const;
