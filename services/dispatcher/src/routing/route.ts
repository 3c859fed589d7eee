import { toJson } from '@bufbuild/protobuf';
import { eventTypeOf, type TicketEvent, TicketEventSchema } from '@tidings/events';
import type { RecipientRole, RuleState } from '@tidings/state';
import { type DeliveryJob, deliveryIdFor, groupChannelKinds } from '../jobs.ts';
import type { StateStore } from '../state/store.ts';

/**
 * People per per-person job. Platforms take larger batches (DingTalk 5000, WeCom 1000 a call); this bounds
 * the work one Kafka message carries, so a crash repeats little.
 */
export const PEOPLE_PER_JOB = 100;

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Why a rule's channel produced no job: the seed of "why didn't I get a notification?". */
export interface SkippedChannel {
  ruleId: string;
  channelId: string;
  reason:
    | 'channel-unknown'
    | 'channel-disabled'
    | 'channel-other-tenant'
    | 'project-not-connected'
    | 'no-recipients';
}

export interface RouteResult {
  jobs: DeliveryJob[];
  skipped: SkippedChannel[];
}

/** The user ids a rule's roles and explicit users name for this event, in a stable order. */
export function recipientsOf(
  event: TicketEvent,
  rule: Pick<RuleState, 'roles' | 'userIds' | 'excludeActor'>,
): string[] {
  const ticket = event.ticket;
  const byRole: Record<RecipientRole, () => Array<{ id: string } | undefined>> = {
    creator: () => [ticket?.creator],
    assignees: () => ticket?.assignees ?? [],
    watchers: () => ticket?.watchers ?? [],
    stepAssignees: () => ticket?.currentStep?.assignees ?? [],
  };
  const ids = new Set<string>();
  for (const role of rule.roles) {
    for (const user of byRole[role]()) if (user?.id) ids.add(user.id);
  }
  for (const id of rule.userIds) ids.add(id);
  if (rule.excludeActor && event.actor?.id) ids.delete(event.actor.id);
  return [...ids];
}

/**
 * Decides who hears about an event through which channel (ARCHITECTURE §6.1). Pure. Several rules naming
 * the same channel merge into one job, so a group gets one message per event however many rules matched.
 */
export function routeEvent(event: TicketEvent, state: StateStore, routedAt: Date): RouteResult {
  const eventType = eventTypeOf(event);
  const perChannel = new Map<string, { recipients: Set<string>; ruleIds: string[] }>();
  const skipped: SkippedChannel[] = [];

  for (const rule of state.rulesForProject(event.tenantId, event.projectId)) {
    if (!rule.enabled || !rule.eventTypes.includes(eventType)) continue;
    const recipients = recipientsOf(event, rule);
    for (const channelId of rule.channelIds) {
      const channel = state.channel(channelId);
      const reason: SkippedChannel['reason'] | null = !channel
        ? 'channel-unknown'
        : channel.tenantId !== event.tenantId
          ? 'channel-other-tenant'
          : !channel.enabled
            ? 'channel-disabled'
            : !state.isConnected(event.tenantId, event.projectId, channelId)
              ? 'project-not-connected'
              : recipients.length === 0
                ? 'no-recipients'
                : null;
      if (reason) {
        skipped.push({ ruleId: rule.id, channelId, reason });
        continue;
      }
      const entry = perChannel.get(channelId) ?? { recipients: new Set<string>(), ruleIds: [] };
      for (const id of recipients) entry.recipients.add(id);
      entry.ruleIds.push(rule.id);
      perChannel.set(channelId, entry);
    }
  }

  const eventJson = perChannel.size > 0 ? toJson(TicketEventSchema, event) : null;
  const jobs = [...perChannel].flatMap(([channelId, entry]): DeliveryJob[] => {
    const channel = state.channel(channelId)!;
    const recipients = [...entry.recipients];
    // A group channel posts once to its group or endpoint, naming or mentioning the recipients. A
    // per-person channel delivers to each of them: jobs carry batches, the sender keeps a row per person.
    const batches = groupChannelKinds.has(channel.config.kind)
      ? [{ target: 'group', recipients }]
      : chunk(recipients, PEOPLE_PER_JOB).map((batch, index) => ({
          target: `people:${index}`,
          recipients: batch,
        }));
    return batches.map(({ target, recipients: batch }) => ({
      version: 1,
      deliveryId: deliveryIdFor({ tenantId: event.tenantId, eventId: event.eventId, channelId, target }),
      eventId: event.eventId,
      tenantId: event.tenantId,
      projectId: event.projectId,
      ticketId: event.ticket?.id ?? '',
      eventType,
      channelId,
      channelKind: channel.config.kind,
      credentialId: channelId,
      target,
      recipientUserIds: batch,
      ruleIds: entry.ruleIds,
      event: eventJson,
      routedAt: routedAt.toISOString(),
    }));
  });
  return { jobs, skipped };
}
