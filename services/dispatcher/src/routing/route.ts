import { toJson } from '@bufbuild/protobuf';
import { eventTypeOf, type TicketEvent, TicketEventSchema } from '@tidings/events';
import type { ChannelState, RecipientRole } from '@tidings/state';
import { type DeliveryJob, deliveryIdFor, groupChannelKinds } from '../jobs.ts';
import type { StateStore, StoredRule } from '../state/store.ts';

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

/** Why a rule did not match the event. */
export type RuleMismatch = 'disabled' | 'event-type' | 'status-filter' | 'step-filter';

export interface RuleTrace {
  rule: StoredRule;
  matched: boolean;
  mismatch?: RuleMismatch;
  detail?: string;
}

/** Why a rule's channel produced no job: the seed of "why didn't I get a notification?". */
export interface SkippedChannel {
  ruleId: string;
  channelId: string;
  reason:
    | 'channel-unknown'
    | 'channel-other-tenant'
    | 'channel-disabled'
    | 'kind-disabled'
    | 'project-not-connected'
    | 'service-disabled'
    | 'no-recipients';
  /** The notification service the channel came from, when not listed on the rule itself. */
  serviceId?: string;
}

/**
 * Why a person a matching rule named is not among a channel's recipients. `channelId` null: on none of
 * that rule's channels (they are the actor, muted the project or event type, or unfollowed the ticket).
 */
export interface RemovedPerson {
  userId: string;
  ruleId: string;
  channelId: string | null;
  reason: 'is-actor' | 'muted-project' | 'muted-event-type' | 'muted-channel' | 'unfollowed';
}

/** One channel that will carry the event: a group post, or per-person messages. */
export interface ChannelDelivery {
  channel: ChannelState;
  /** Group kinds post once to their group or endpoint; the others message each recipient. */
  audience: 'group' | 'person';
  recipientUserIds: string[];
  ruleIds: string[];
  /** The first matching rule on this channel that names a template. */
  templateId: string | null;
  /** Any matching rule on this channel asks for @all. */
  mentionAll: boolean;
}

/** Every decision routing made for one event; the router sends from it, explain explains it. */
export interface RouteTrace {
  eventType: string;
  rules: RuleTrace[];
  deliveries: ChannelDelivery[];
  skippedChannels: SkippedChannel[];
  removedPeople: RemovedPerson[];
  /** Everyone the decision looked at: the actor, the ticket's people, every rule's named people. */
  consideredUserIds: string[];
}

export interface RouteResult {
  jobs: DeliveryJob[];
  skipped: SkippedChannel[];
  trace: RouteTrace;
}

/** The ticket's status after the change: the snapshot's, else the status change's target. */
export function statusAfter(event: TicketEvent): string {
  if (event.ticket?.status) return event.ticket.status;
  return event.change.case === 'statusChanged' ? event.change.value.toStatus : '';
}

/** The ticket's current workflow step (id and name): the snapshot's, else the step change's target. */
export function currentStep(event: TicketEvent): { id: string; name: string } | undefined {
  const step =
    event.ticket?.currentStep ??
    (event.change.case === 'workflowStepChanged' ? event.change.value.toStep : undefined);
  return step && (step.id || step.name) ? { id: step.id, name: step.name } : undefined;
}

export function matchRule(event: TicketEvent, rule: StoredRule, eventType = eventTypeOf(event)): RuleTrace {
  if (!rule.enabled) return { rule, matched: false, mismatch: 'disabled', detail: 'the rule is disabled' };
  if (!rule.eventTypes.includes(eventType)) {
    return {
      rule,
      matched: false,
      mismatch: 'event-type',
      detail: `the rule is for ${rule.eventTypes.join(', ')}, not ${eventType}`,
    };
  }
  const status = statusAfter(event);
  if (rule.statuses.length > 0 && !rule.statuses.includes(status)) {
    return {
      rule,
      matched: false,
      mismatch: 'status-filter',
      detail: `the ticket's status is ${status ? `"${status}"` : 'unknown'}; the rule wants ${rule.statuses.map((s) => `"${s}"`).join(', ')}`,
    };
  }
  const step = currentStep(event);
  if (rule.steps.length > 0 && !(step && (rule.steps.includes(step.id) || rule.steps.includes(step.name)))) {
    return {
      rule,
      matched: false,
      mismatch: 'step-filter',
      detail: `the ticket's workflow step is ${step ? `"${step.name || step.id}"` : 'unknown'}; the rule wants ${rule.steps.map((s) => `"${s}"`).join(', ')}`,
    };
  }
  return { rule, matched: true };
}

/**
 * The ticket's watchers as Tidings counts them: the producer's list, plus people following the ticket or
 * its project, minus people who unfollowed. A ticket-level watch wins over a project-level one.
 */
export function watchersOf(
  event: TicketEvent,
  state: StateStore,
): { watchers: Set<string>; unfollowed: Set<string> } {
  const ticketId = event.ticket?.id ?? '';
  const decided = new Map<string, { following: boolean; level: 'ticket' | 'project' }>();
  for (const watch of state.watchesFor(event.tenantId, ticketId, event.projectId)) {
    const level = watch.targetKind;
    const previous = decided.get(watch.userId);
    if (previous?.level === 'ticket' && level === 'project') continue;
    decided.set(watch.userId, { following: watch.following, level });
  }
  const watchers = new Set<string>();
  const unfollowed = new Set<string>();
  for (const user of event.ticket?.watchers ?? []) if (user.id) watchers.add(user.id);
  for (const [userId, { following }] of decided) {
    if (following) watchers.add(userId);
    else if (watchers.delete(userId)) unfollowed.add(userId);
  }
  return { watchers, unfollowed };
}

/** The user ids a rule's roles, explicit users and services name for this event, in a stable order. */
export function namedPeople(
  event: TicketEvent,
  rule: Pick<StoredRule, 'roles' | 'userIds' | 'serviceIds' | 'tenantId'>,
  state: StateStore,
  watchers: Set<string> = watchersOf(event, state).watchers,
): string[] {
  const ticket = event.ticket;
  const byRole: Record<RecipientRole, () => Array<string | undefined>> = {
    creator: () => [ticket?.creator?.id],
    assignees: () => (ticket?.assignees ?? []).map((user) => user.id),
    watchers: () => [...watchers],
    stepAssignees: () => (ticket?.currentStep?.assignees ?? []).map((user) => user.id),
  };
  const ids = new Set<string>();
  for (const role of rule.roles) for (const id of byRole[role]()) if (id) ids.add(id);
  for (const id of rule.userIds) ids.add(id);
  for (const service of enabledServices(rule, state)) for (const id of service.memberUserIds) ids.add(id);
  return [...ids];
}

function enabledServices(rule: Pick<StoredRule, 'serviceIds' | 'tenantId'>, state: StateStore) {
  return rule.serviceIds
    .map((id) => state.notificationService(id))
    .filter((service) => service !== undefined && service.tenantId === rule.tenantId && service.enabled)
    .map((service) => service!);
}

/** The rule's channels: its own and those of its enabled services; disabled services' channels apart. */
function channelsOf(rule: StoredRule, state: StateStore) {
  const channels = new Map<string, string | undefined>();
  for (const id of rule.channelIds) channels.set(id, undefined);
  for (const service of enabledServices(rule, state))
    for (const id of service.channelIds) if (!channels.has(id)) channels.set(id, service.id);
  const disabled = new Map<string, string>();
  for (const id of rule.serviceIds) {
    const service = state.notificationService(id);
    if (!service || service.tenantId !== rule.tenantId || service.enabled) continue;
    for (const channelId of service.channelIds)
      if (!channels.has(channelId) && !disabled.has(channelId)) disabled.set(channelId, service.id);
  }
  return { channels, disabled };
}

function channelProblem(
  event: TicketEvent,
  channelId: string,
  state: StateStore,
): SkippedChannel['reason'] | null {
  const channel = state.channel(channelId);
  if (!channel) return 'channel-unknown';
  if (channel.tenantId !== event.tenantId) return 'channel-other-tenant';
  if (!channel.enabled) return 'channel-disabled';
  if (!state.channelKindEnabled(event.tenantId, channel.config.kind)) return 'kind-disabled';
  if (!state.isConnected(event.tenantId, event.projectId, channelId)) return 'project-not-connected';
  return null;
}

/**
 * Decides who hears about an event through which channel (ARCHITECTURE §6.1), recording why every other
 * rule, channel and person did not count. Pure. Several rules naming the same channel merge into one
 * delivery, so a group gets one message per event however many rules matched.
 */
export function traceEvent(event: TicketEvent, state: StateStore): RouteTrace {
  const eventType = eventTypeOf(event);
  const rules = state
    .rulesForProject(event.tenantId, event.projectId)
    // Stable whatever order the state arrived in, so "the first rule naming a template" is the same everywhere.
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { watchers, unfollowed } = watchersOf(event, state);
  const actorId = event.actor?.id || undefined;
  const considered = new Set<string>();
  if (actorId) considered.add(actorId);
  const ticket = event.ticket;
  for (const id of [
    ticket?.creator?.id,
    ...(ticket?.assignees ?? []).map((u) => u.id),
    ...(ticket?.watchers ?? []).map((u) => u.id),
    ...(ticket?.currentStep?.assignees ?? []).map((u) => u.id),
  ])
    if (id) considered.add(id);

  const traces: RuleTrace[] = [];
  const perChannel = new Map<string, ChannelDelivery>();
  /** channel → its recipients so far, so merging many rules' people stays linear. */
  const recipientsOn = new Map<string, Set<string>>();
  const skippedChannels: SkippedChannel[] = [];
  const removedPeople: RemovedPerson[] = [];

  for (const rule of rules) {
    const named = namedPeople(event, rule, state, watchers);
    for (const id of named) considered.add(id);
    const trace = matchRule(event, rule, eventType);
    traces.push(trace);
    if (!trace.matched) continue;

    // The unfollowed are gone from the watchers; they still count as named, to say why.
    if (rule.roles.includes('watchers')) {
      for (const id of unfollowed) {
        considered.add(id);
        if (!named.includes(id))
          removedPeople.push({ userId: id, ruleId: rule.id, channelId: null, reason: 'unfollowed' });
      }
    }
    const recipients: string[] = [];
    for (const id of named) {
      const preferences = state.preferences(event.tenantId, id);
      const reason: RemovedPerson['reason'] | null =
        rule.excludeActor && id === actorId
          ? 'is-actor'
          : preferences?.mutedProjectIds.includes(event.projectId)
            ? 'muted-project'
            : preferences?.mutedEventTypes.includes(eventType)
              ? 'muted-event-type'
              : null;
      if (reason) removedPeople.push({ userId: id, ruleId: rule.id, channelId: null, reason });
      else recipients.push(id);
    }

    const { channels, disabled } = channelsOf(rule, state);
    for (const [channelId, serviceId] of disabled)
      skippedChannels.push({ ruleId: rule.id, channelId, reason: 'service-disabled', serviceId });
    for (const [channelId, serviceId] of channels) {
      const problem = channelProblem(event, channelId, state);
      if (problem) {
        skippedChannels.push({
          ruleId: rule.id,
          channelId,
          reason: problem,
          ...(serviceId && { serviceId }),
        });
        continue;
      }
      const channel = state.channel(channelId)!;
      const onChannel = recipients.filter((id) => {
        const muted = state.preferences(event.tenantId, id)?.mutedChannelIds.includes(channelId);
        if (muted) removedPeople.push({ userId: id, ruleId: rule.id, channelId, reason: 'muted-channel' });
        return !muted;
      });
      const group = groupChannelKinds.has(channel.config.kind);
      // A group post goes out once a rule matches, even with nobody to mention (seed 004's pipeline robots).
      if (!group && onChannel.length === 0) {
        skippedChannels.push({
          ruleId: rule.id,
          channelId,
          reason: 'no-recipients',
          ...(serviceId && { serviceId }),
        });
        continue;
      }
      let delivery = perChannel.get(channelId);
      if (!delivery) {
        delivery = {
          channel,
          audience: group ? 'group' : 'person',
          recipientUserIds: [],
          ruleIds: [],
          templateId: null,
          mentionAll: false,
        };
        perChannel.set(channelId, delivery);
        recipientsOn.set(channelId, new Set());
      }
      const seen = recipientsOn.get(channelId)!;
      for (const id of onChannel) {
        if (seen.has(id)) continue;
        seen.add(id);
        delivery.recipientUserIds.push(id);
      }
      delivery.ruleIds.push(rule.id);
      delivery.templateId ??= rule.templateId;
      delivery.mentionAll ||= rule.mentionAll;
    }
  }

  return {
    eventType,
    rules: traces,
    deliveries: [...perChannel.values()],
    skippedChannels,
    removedPeople,
    consideredUserIds: [...considered],
  };
}

/** The delivery jobs for a routing decision: one per group channel, batches of people for the others. */
export function jobsFor(event: TicketEvent, trace: RouteTrace, routedAt: Date): DeliveryJob[] {
  const eventJson = trace.deliveries.length > 0 ? toJson(TicketEventSchema, event) : null;
  return trace.deliveries.flatMap((delivery): DeliveryJob[] => {
    const { channel } = delivery;
    // A group channel posts once to its group or endpoint, naming or mentioning the recipients. A
    // per-person channel delivers to each of them: jobs carry batches, the sender keeps a row per person.
    const batches =
      delivery.audience === 'group'
        ? [{ target: 'group', recipients: delivery.recipientUserIds }]
        : chunk(delivery.recipientUserIds, PEOPLE_PER_JOB).map((batch, index) => ({
            target: `people:${index}`,
            recipients: batch,
          }));
    return batches.map(({ target, recipients }) => ({
      version: 1,
      deliveryId: deliveryIdFor({
        tenantId: event.tenantId,
        eventId: event.eventId,
        channelId: channel.id,
        target,
      }),
      eventId: event.eventId,
      tenantId: event.tenantId,
      projectId: event.projectId,
      ticketId: event.ticket?.id ?? '',
      eventType: trace.eventType,
      channelId: channel.id,
      channelKind: channel.config.kind,
      credentialId: channel.id,
      target,
      recipientUserIds: recipients,
      ruleIds: delivery.ruleIds,
      templateId: delivery.templateId,
      mentionAll: delivery.mentionAll,
      event: eventJson,
      routedAt: routedAt.toISOString(),
    }));
  });
}

/** Routes an event: the decision, and the jobs it makes. */
export function routeEvent(event: TicketEvent, state: StateStore, routedAt: Date): RouteResult {
  const trace = traceEvent(event, state);
  return { jobs: jobsFor(event, trace, routedAt), skipped: trace.skippedChannels, trace };
}
