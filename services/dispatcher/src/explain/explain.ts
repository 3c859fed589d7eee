import type { TicketEvent } from '@tidings/events';
import type { ChannelState } from '@tidings/state';
import { type RemovedPerson, type RuleMismatch, type SkippedChannel, traceEvent } from '../routing/route.ts';
import type { IdentityDirectory, IdentityResolution } from '../sending/identities.ts';
import type { StateStore } from '../state/store.ts';

export type { IdentityResolution };
/** The senders' identity directory: explain finds people exactly as a delivery would. */
export type IdentityResolver = Pick<IdentityDirectory, 'resolve'>;

export type RuleMismatchCode = 'DISABLED' | 'EVENT_TYPE' | 'STATUS_FILTER' | 'STEP_FILTER';
export type PersonSkipReason =
  | 'IS_ACTOR'
  | 'MUTED_PROJECT'
  | 'MUTED_EVENT_TYPE'
  | 'MUTED_CHANNEL'
  | 'UNFOLLOWED'
  | 'UNKNOWN_USER'
  | 'NOT_ON_PLATFORM'
  | 'NO_CONTACT_POINT'
  | 'PLATFORM_ERROR';
export type ChannelSkipReason =
  | 'UNKNOWN_CHANNEL'
  | 'CHANNEL_DISABLED'
  | 'KIND_DISABLED'
  | 'PROJECT_NOT_CONNECTED'
  | 'SERVICE_DISABLED'
  | 'NO_RECIPIENTS';

export interface RuleExplanation {
  ruleId: string;
  matched: boolean;
  reason: RuleMismatchCode | null;
  detail: string | null;
}

export interface ExplainedNotification {
  channelId: string;
  audience: 'GROUP' | 'PERSON';
  userId: string | null;
  platformUserId: string | null;
  mentionedUserIds: string[];
  mentionAll: boolean;
  ruleIds: string[];
}

export interface SkippedPerson {
  userId: string;
  /** Whether Tidings has a profile for the id (the GraphQL `user` is null otherwise). */
  known: boolean;
  channelId: string | null;
  reason: PersonSkipReason;
  detail: string;
}

export interface ExplainedChannelSkip {
  channelId: string;
  /** False for ids that name no channel of the tenant: nothing about them may be shown. */
  known: boolean;
  ruleId: string;
  reason: ChannelSkipReason;
  detail: string;
}

export interface EventExplanation {
  eventType: string;
  rules: RuleExplanation[];
  notifications: ExplainedNotification[];
  skippedPeople: SkippedPerson[];
  skippedChannels: ExplainedChannelSkip[];
}

const mismatchCodes: Record<RuleMismatch, RuleMismatchCode> = {
  disabled: 'DISABLED',
  'event-type': 'EVENT_TYPE',
  'status-filter': 'STATUS_FILTER',
  'step-filter': 'STEP_FILTER',
};

const removalReasons: Record<RemovedPerson['reason'], PersonSkipReason> = {
  'is-actor': 'IS_ACTOR',
  'muted-project': 'MUTED_PROJECT',
  'muted-event-type': 'MUTED_EVENT_TYPE',
  'muted-channel': 'MUTED_CHANNEL',
  unfollowed: 'UNFOLLOWED',
};

const resolutionReasons = {
  'not-found': 'NOT_ON_PLATFORM',
  'no-contact-point': 'NO_CONTACT_POINT',
  'platform-error': 'PLATFORM_ERROR',
} as const satisfies Record<string, PersonSkipReason>;

/** Group kinds whose posts @-mention people by phone; the others name people (Lark bots) or list them. */
const mentionsByPhone = new Set(['dingtalk-robot', 'wecom-robot']);

/** Looking people up costs platform API calls; a few at a time keeps one explain from hitting rate limits. */
const LOOKUPS_AT_ONCE = 8;

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

function channelSkip(skip: SkippedChannel, state: StateStore): ExplainedChannelSkip {
  const channel = state.channel(skip.channelId);
  const name = channel ? `"${channel.name}"` : 'the channel';
  const base = { channelId: skip.channelId, ruleId: skip.ruleId, known: true };
  switch (skip.reason) {
    case 'channel-unknown':
    case 'channel-other-tenant':
      // Another tenant's channel is, for this tenant, a channel that does not exist.
      return {
        ...base,
        known: false,
        reason: 'UNKNOWN_CHANNEL',
        detail: 'the rule names a channel that no longer exists',
      };
    case 'channel-disabled':
      return { ...base, reason: 'CHANNEL_DISABLED', detail: `${name} is configured but not enabled` };
    case 'kind-disabled':
      return {
        ...base,
        reason: 'KIND_DISABLED',
        detail: `${channel?.config.kind ?? 'this kind of'} channels are switched off for the tenant`,
      };
    case 'project-not-connected':
      return {
        ...base,
        reason: 'PROJECT_NOT_CONNECTED',
        detail: `${name} is not connected to the event's project; a project owner or tenant admin can connect it`,
      };
    case 'service-disabled': {
      const service = skip.serviceId ? state.notificationService(skip.serviceId) : undefined;
      return {
        ...base,
        reason: 'SERVICE_DISABLED',
        detail: `${name} comes from ${service ? `the notification service "${service.name}"` : 'a notification service'}, which is not enabled`,
      };
    }
    case 'no-recipients':
      return {
        ...base,
        reason: 'NO_RECIPIENTS',
        detail: `${name} messages each person, and the rule leaves nobody to message`,
      };
  }
}

function removalDetail(reason: RemovedPerson['reason'], who: string, channel?: ChannelState): string {
  switch (reason) {
    case 'is-actor':
      return `${who} caused the event; rules do not notify people of their own changes unless they say so`;
    case 'muted-project':
      return `${who} muted the event's project`;
    case 'muted-event-type':
      return `${who} muted this kind of event`;
    case 'muted-channel':
      return `${who} muted ${channel ? `"${channel.name}"` : 'this channel'}`;
    case 'unfollowed':
      return `${who} unfollowed the ticket (or its project), so is no longer one of its watchers`;
  }
}

/**
 * Who would be notified of an event, through which channel, and why each other person would not: the
 * router's own decision (traceEvent), plus whether each person can be reached on each per-person
 * channel's platform. Nothing is sent; identity lookups may ask the platforms, as sending would.
 */
export async function explainEvent(
  event: TicketEvent,
  state: StateStore,
  identities: IdentityResolver,
): Promise<EventExplanation> {
  const trace = traceEvent(event, state);
  const tenantId = event.tenantId;
  const userOf = (id: string) => state.user(tenantId, id);
  const nameOf = (id: string) => userOf(id)?.name ?? id;
  const notifications: ExplainedNotification[] = [];
  const skippedPeople: SkippedPerson[] = [];
  const seen = new Set<string>();
  const skipPerson = (userId: string, channelId: string | null, reason: PersonSkipReason, detail: string) => {
    const key = `${userId}\u0000${channelId}\u0000${reason}`;
    if (seen.has(key)) return;
    seen.add(key);
    skippedPeople.push({ userId, known: userOf(userId) !== undefined, channelId, reason, detail });
  };
  const unknownUser = (userId: string, channelId: string) =>
    skipPerson(
      userId,
      channelId,
      'UNKNOWN_USER',
      `${userId} has no Tidings profile, so cannot be reached or mentioned`,
    );

  for (const delivery of trace.deliveries) {
    const { channel } = delivery;
    if (delivery.audience === 'group') {
      const mentioned: string[] = [];
      for (const id of delivery.recipientUserIds) {
        const user = userOf(id);
        if (!user) unknownUser(id, channel.id);
        else if (mentionsByPhone.has(channel.config.kind) && !user.phone) {
          skipPerson(
            id,
            channel.id,
            'NO_CONTACT_POINT',
            `${user.name} is notified in the post to "${channel.name}" but cannot be @-mentioned: no phone on their Tidings profile`,
          );
        } else mentioned.push(id);
      }
      notifications.push({
        channelId: channel.id,
        audience: 'GROUP',
        userId: null,
        platformUserId: null,
        mentionedUserIds: mentioned,
        mentionAll: delivery.mentionAll,
        ruleIds: delivery.ruleIds,
      });
      continue;
    }
    const answers = await mapLimited(delivery.recipientUserIds, LOOKUPS_AT_ONCE, async (id) => {
      const user = userOf(id);
      if (!user) return { id, user, resolution: undefined };
      return { id, user, resolution: await identities.resolve(channel, user) };
    });
    for (const { id, user, resolution } of answers) {
      if (!user || !resolution) {
        unknownUser(id, channel.id);
        continue;
      }
      if (resolution.status === 'linked') {
        notifications.push({
          channelId: channel.id,
          audience: 'PERSON',
          userId: id,
          platformUserId: resolution.platformUserId,
          mentionedUserIds: [],
          mentionAll: false,
          ruleIds: delivery.ruleIds,
        });
      } else {
        skipPerson(id, channel.id, resolutionReasons[resolution.status], resolution.reason);
      }
    }
  }

  // People a matching rule named but left out: on no channel at all, or on some of the rule's channels.
  const recipientsOn = new Map(trace.deliveries.map((d) => [d.channel.id, new Set(d.recipientUserIds)]));
  const notifiedAnywhere = (id: string) => [...recipientsOn.values()].some((ids) => ids.has(id));
  for (const removed of trace.removedPeople) {
    const who = nameOf(removed.userId);
    const reason = removalReasons[removed.reason];
    if (removed.channelId) {
      if (!recipientsOn.get(removed.channelId)?.has(removed.userId))
        skipPerson(
          removed.userId,
          removed.channelId,
          reason,
          removalDetail(removed.reason, who, state.channel(removed.channelId)),
        );
      continue;
    }
    if (!notifiedAnywhere(removed.userId)) {
      skipPerson(removed.userId, null, reason, removalDetail(removed.reason, who));
      continue;
    }
    // Told through another rule's channel: say which of this rule's channels leave them out.
    for (const delivery of trace.deliveries) {
      if (delivery.ruleIds.includes(removed.ruleId) && !delivery.recipientUserIds.includes(removed.userId))
        skipPerson(removed.userId, delivery.channel.id, reason, removalDetail(removed.reason, who));
    }
  }

  // Anyone else the ticket or a rule names who has no Tidings profile: say so, rather than nothing.
  const explained = new Set(skippedPeople.map((person) => person.userId));
  for (const id of trace.consideredUserIds) {
    if (userOf(id) || explained.has(id) || notifiedAnywhere(id)) continue;
    skipPerson(id, null, 'UNKNOWN_USER', `${id} has no Tidings profile`);
  }

  return {
    eventType: trace.eventType,
    rules: trace.rules.map((rule) => ({
      ruleId: rule.rule.id,
      matched: rule.matched,
      reason: rule.mismatch ? mismatchCodes[rule.mismatch] : null,
      detail: rule.detail ?? null,
    })),
    notifications,
    skippedPeople,
    skippedChannels: trace.skippedChannels.map((skip) => channelSkip(skip, state)),
  };
}
