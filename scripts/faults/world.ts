// What every fault run sets up and sends: one tenant of its own with four people, a DingTalk group robot
// (which sends a platform idempotency key, msgUuid) and a webhook, both connected to the run's projects
// through one rule; valid comment events that name an actor and a watcher who muted the projects; and
// malformed events of four kinds.
import { randomBytes } from 'node:crypto';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import {
  createTicketEvent,
  encodeTicketEvent,
  JSON_CONTENT_TYPE,
  PROTOBUF_CONTENT_TYPE,
  type TicketEventInit,
} from '@tidings/events';
import {
  type ChannelState,
  channelStateKey,
  type PreferencesState,
  type ProjectChannelState,
  preferencesStateKey,
  projectChannelStateKey,
  type RuleState,
  ruleStateKey,
  type StateTopicName,
  type UserState,
  userStateKey,
} from '@tidings/state';
import { deliveryIdFor } from '../../services/dispatcher/src/jobs.ts';

/** Header on every event a run produces: `<runId>/<kind>/<index>`, so the DLQ can be matched to it. */
export const CASE_HEADER = 'x-tidings-fault-case';

export interface Person {
  id: string;
  name: string;
  /** E.164; the DingTalk robot mentions `phone` without +86. */
  phone: string;
  /** What a robot message shows when it mentions this person. */
  mobile: string;
}

export interface World {
  runId: string;
  tenantId: string;
  projectIds: string[];
  people: {
    /** Created each ticket: told. */
    creator: Person;
    /** Assigned: told. */
    assignee: Person;
    /** Assigned too, but made every change: never told. */
    actor: Person;
    /** Watches every ticket but muted the projects: never told. */
    muter: Person;
  };
  robot: { channelId: string; accessToken: string; secret: string };
  webhook: { channelId: string; endpointId: string; secret: string };
  ruleId: string;
}

export function createWorld(runId: string, projects = 3): World {
  const person = (role: string, n: number): Person => {
    const national = `1390000${String(n).padStart(4, '0')}`;
    return { id: `${role}-${runId}`, name: `${role} ${runId}`, phone: `+86${national}`, mobile: national };
  };
  // Different digits per run, so one run's people are never found in another run's messages.
  const base = Number.parseInt(runId.replace(/[^0-9a-f]/g, '').slice(-3) || '0', 16) % 2000;
  return {
    runId,
    tenantId: `faults-${runId}`,
    projectIds: Array.from({ length: projects }, (_, i) => `fp${i}-${runId}`),
    people: {
      creator: person('creator', base * 4 + 1),
      assignee: person('assignee', base * 4 + 2),
      actor: person('actor', base * 4 + 3),
      muter: person('muter', base * 4 + 4),
    },
    robot: { channelId: `robot-${runId}`, accessToken: `robot-${runId}`, secret: `SEC${runId}` },
    webhook: {
      channelId: `webhook-${runId}`,
      endpointId: `endpoint-${runId}`,
      secret: `whsec_${runId}_0123456789`,
    },
    ruleId: `rule-${runId}`,
  };
}

export interface StateMessage {
  entity: StateTopicName;
  key: string;
  value: unknown;
}

/** The configuration, as the subgraphs would publish it to the compacted state topics. */
export function stateMessages(world: World, sandboxUrl: string): StateMessage[] {
  const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
  const now = new Date().toISOString();
  const { tenantId } = world;
  const users: UserState[] = Object.values(world.people).map((p) => ({
    tenantId,
    id: p.id,
    name: p.name,
    email: null,
    phone: p.phone,
    locale: 'en',
    timeZone: 'UTC',
    updatedAt: now,
  }));
  const channels: ChannelState[] = [
    {
      tenantId,
      id: world.robot.channelId,
      name: 'fault robot',
      enabled: true,
      config: {
        kind: 'dingtalk-robot',
        keywords: [],
        accessToken: sealSecret(keyring, world.robot.accessToken),
        signingSecret: sealSecret(keyring, world.robot.secret),
      },
      updatedAt: now,
    },
    {
      tenantId,
      id: world.webhook.channelId,
      name: 'fault webhook',
      enabled: true,
      config: {
        kind: 'webhook',
        url: `${sandboxUrl}/webhook/receive/${world.webhook.endpointId}`,
        secret: sealSecret(keyring, world.webhook.secret),
        bearerToken: null,
      },
      updatedAt: now,
    },
  ];
  const links: ProjectChannelState[] = world.projectIds.flatMap((projectId) =>
    channels.map((channel) => ({ tenantId, projectId, channelId: channel.id, connectedAt: now })),
  );
  const rule: RuleState = {
    tenantId,
    id: world.ruleId,
    name: 'fault rule',
    projectIds: world.projectIds,
    eventTypes: ['commentAdded'],
    roles: ['creator', 'assignees', 'watchers'],
    userIds: [],
    channelIds: channels.map((channel) => channel.id),
    serviceIds: [],
    statuses: [],
    steps: [],
    templateId: null,
    mentionAll: false,
    excludeActor: true,
    enabled: true,
    updatedAt: now,
  };
  const muted: PreferencesState = {
    tenantId,
    userId: world.people.muter.id,
    mutedProjectIds: world.projectIds,
    mutedEventTypes: [],
    mutedChannelIds: [],
    updatedAt: now,
  };
  return [
    ...users.map((value) => ({ entity: 'users' as const, key: userStateKey(value), value })),
    ...channels.map((value) => ({ entity: 'channels' as const, key: channelStateKey(value), value })),
    ...links.map((value) => ({
      entity: 'projectChannels' as const,
      key: projectChannelStateKey(value),
      value,
    })),
    { entity: 'rules', key: ruleStateKey(rule), value: rule },
    { entity: 'preferences', key: preferencesStateKey(muted), value: muted },
  ];
}

export const eventIdOf = (world: World, index: number) => `${world.runId}-e${index}`;

/**
 * Text that valid event `index`'s comment carries and no other event's does (letters close the number, so
 * `n1end` is not found in `n10end`): what tells, in a digest's sections, which events a message carries.
 */
export const eventMarker = (world: World, index: number) => `ref${world.runId}n${index}end`;

/** Finds the markers of valid events in a message's text: the event indices it carries. */
export function markedEvents(world: World, text: string): number[] {
  const pattern = new RegExp(`ref${world.runId}n(\\d+)end`, 'g');
  return [...text.matchAll(pattern)].map((match) => Number(match[1]));
}

/** Valid event `index`: a comment by the actor, on a ticket the creator made and the muter watches. */
export function validEvent(world: World, index: number): TicketEventInit {
  const { creator, assignee, actor, muter } = world.people;
  return {
    eventId: eventIdOf(world, index),
    tenantId: world.tenantId,
    projectId: world.projectIds[index % world.projectIds.length]!,
    occurredAt: timestampNow(),
    actor: { id: actor.id, displayName: actor.name },
    ticket: {
      id: `t${index}`,
      key: `FLT-${index}`,
      title: `Fault run ticket ${index}`,
      url: `https://tracker.example/FLT-${index}`,
      creator: { id: creator.id },
      assignees: [{ id: assignee.id }, { id: actor.id }],
      watchers: [{ id: muter.id }],
    },
    change: {
      case: 'commentAdded',
      value: { commentId: `c${index}`, body: `Comment ${index} (${eventMarker(world, index)})` },
    },
  };
}

/** The ledger ids of event `index`'s two deliveries: what the sandbox should receive, once each. */
export function expectedDeliveries(world: World, index: number): { robot: string; webhook: string } {
  const at = (channelId: string) =>
    deliveryIdFor({ tenantId: world.tenantId, eventId: eventIdOf(world, index), channelId, target: 'group' });
  return { robot: at(world.robot.channelId), webhook: at(world.webhook.channelId) };
}

export const malformedKinds = ['random-bytes', 'wrong-types', 'missing-ids', 'huge'] as const;
export type MalformedKind = (typeof malformedKinds)[number];

export interface RawEvent {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * Malformed event `index` of `kind`, keyed like the valid events (by project), so it lands in the same
 * partitions as they do and a poison pill would hold them up.
 *   random-bytes  binary noise declared as protobuf;
 *   wrong-types   protobuf-JSON whose fields have the wrong JSON types;
 *   missing-ids   a well-formed protobuf TicketEvent without one of its required ids;
 *   huge          300-900 KB: noise, or an event whose event id is that long (ids are limited to 200).
 */
export function malformedEvent(
  world: World,
  kind: MalformedKind,
  index: number,
  random: () => number,
): RawEvent {
  const key = world.projectIds[index % world.projectIds.length]!;
  const headers = (contentType: string) => ({
    'content-type': contentType,
    [CASE_HEADER]: `${world.runId}/${kind}/${index}`,
  });
  const event = (change: (init: TicketEventInit) => void) => {
    const init = validEvent(world, index);
    init.eventId = `${world.runId}-m${index}`;
    change(init);
    return Buffer.from(encodeTicketEvent(createTicketEvent(init)));
  };
  switch (kind) {
    case 'random-bytes':
      return {
        key,
        value: randomBytes(16 + Math.floor(random() * 2048)),
        headers: headers(PROTOBUF_CONTENT_TYPE),
      };
    case 'wrong-types': {
      const shapes = [
        { eventId: 12345, tenantId: world.tenantId, projectId: key },
        { eventId: `${world.runId}-m${index}`, tenantId: [world.tenantId], projectId: key },
        { eventId: `${world.runId}-m${index}`, tenantId: world.tenantId, projectId: key, ticket: 'FLT-1' },
        { eventId: `${world.runId}-m${index}`, occurredAt: 'yesterday', commentAdded: { body: 7 } },
      ];
      const shape = shapes[index % shapes.length];
      return { key, value: Buffer.from(JSON.stringify(shape)), headers: headers(JSON_CONTENT_TYPE) };
    }
    case 'missing-ids': {
      const removals: Array<(init: TicketEventInit) => void> = [
        (init) => {
          init.eventId = '';
        },
        (init) => {
          init.tenantId = '';
        },
        (init) => {
          init.projectId = '';
        },
        (init) => {
          if (init.ticket) init.ticket.id = '';
        },
      ];
      return {
        key,
        value: event(removals[index % removals.length]!),
        headers: headers(PROTOBUF_CONTENT_TYPE),
      };
    }
    case 'huge': {
      const size = 300_000 + Math.floor(random() * 600_000);
      const value =
        index % 2 === 0
          ? randomBytes(size)
          : event((init) => {
              init.eventId = `${world.runId}-m${index}-${'x'.repeat(size)}`;
            });
      return { key, value, headers: headers(PROTOBUF_CONTENT_TYPE) };
    }
  }
}

/**
 * A valid event carrying a huge payload: a comment of 700-900 KB pasted from a CSV export. It fits Kafka's
 * 1 MB message limit as protobuf, but 7 of every 10 characters are quotes or newlines, which JSON escapes,
 * so a delivery job that embeds the event as JSON is over 1 MB (about 1.2-1.5 MB).
 */
export function hugeCommentEvent(world: World, index: number, random: () => number): TicketEventInit {
  const size = 700_000 + Math.floor(random() * 200_000);
  const row = '"7","",""\n';
  const init = validEvent(world, index);
  init.eventId = `${world.runId}-h${index}`;
  init.change = {
    case: 'commentAdded',
    value: { commentId: `h${index}`, body: row.repeat(Math.ceil(size / row.length)).slice(0, size) },
  };
  return init;
}

/** Ledger ids of huge event `index`'s two deliveries. */
export function hugeDeliveries(world: World, index: number): { robot: string; webhook: string } {
  const at = (channelId: string) =>
    deliveryIdFor({
      tenantId: world.tenantId,
      eventId: `${world.runId}-h${index}`,
      channelId,
      target: 'group',
    });
  return { robot: at(world.robot.channelId), webhook: at(world.webhook.channelId) };
}
