// The state a benchmark loads and the events it sends. One "main" tenant holds the configuration the events
// match: a pool of people with DingTalk and WeCom ids, one channel per per-person batch platform (DingTalk
// work notifications, DingTalk one-to-one robot messages, WeCom app), connected to the event projects, and
// one rule naming them. Everything else (other tenants, and the main tenant's other projects) is filler of
// the sizes asked for: it is there to be held in memory and indexed, and is never matched by an event.
//
// Each event tells `recipients` people on each main channel: its ticket's creator, one assignee (the other
// assignee is the actor, left out), and watchers from the pool, among them a fixed "sentinel" person who is
// on every event, so the sentinel's inbox at the sandbox has one message per event and channel (latency).
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { createTicketEvent, encodeTicketEvent, type TicketEventInit } from '@tidings/events';
import {
  type ChannelState,
  channelStateKey,
  type IdentityState,
  identityStateKey,
  type PreferencesState,
  type ProjectChannelState,
  preferencesStateKey,
  projectChannelStateKey,
  type RuleState,
  ruleStateKey,
  type StateTopicName,
  type UserState,
  userStateKey,
  type WatchState,
  watchStateKey,
} from '@tidings/state';

/** The per-person platforms that take one message for a batch of people. */
export const batchKinds = ['dingtalk-work', 'dingtalk-oto', 'wecom-app'] as const;
export type BatchKind = (typeof batchKinds)[number];

export interface Sizes {
  tenants: number;
  users: number;
  channels: number;
  rules: number;
  watches: number;
  /** Projects per tenant that filler rules, links and watches are spread over. */
  projects: number;
}

export interface BenchWorld {
  runId: string;
  tenantId: string;
  /** Projects the events go to (several, so the events spread over the topic's partitions). */
  eventProjectIds: string[];
  /** People the events name, in the main tenant; each has a DingTalk and a WeCom id. */
  pool: string[];
  sentinel: string;
  actor: string;
  recipients: number;
  kinds: BatchKind[];
  channels: Record<BatchKind, MainChannel>;
  sizes: Sizes;
}

export interface MainChannel {
  channelId: string;
  /** DingTalk clientId, or WeCom corpId. */
  appId: string;
  secret: string;
  agentId: number;
  robotCode: string;
}

/** A person's id on DingTalk and WeCom: derived from the user id, so the bare pipe needs no lookup. */
export const platformUserId = (userId: string) => `pu_${userId}`;

export function createBenchWorld(options: {
  runId: string;
  sizes: Sizes;
  recipients: number;
  kinds: BatchKind[];
}): BenchWorld {
  const { runId, recipients } = options;
  if (recipients < 3) throw new Error('--recipients must be at least 3 (creator, assignee, sentinel)');
  const poolSize = Math.max(100, recipients * 4);
  const pool = Array.from({ length: poolSize }, (_, i) => `u${i}`);
  const channel = (kind: BatchKind, n: number): MainChannel => ({
    channelId: `main-${kind}-${runId}`,
    appId: kind === 'wecom-app' ? `ww${runId}${n}` : `ding${runId}${n}`,
    secret: `secret-${kind}-${runId}`,
    agentId: 1000 + n,
    robotCode: `robot${runId}${n}`,
  });
  return {
    runId,
    tenantId: `bench-${runId}`,
    eventProjectIds: Array.from({ length: 12 }, (_, i) => `ep${i}`),
    pool,
    sentinel: pool[0]!,
    actor: pool[1]!,
    recipients,
    kinds: options.kinds,
    channels: {
      'dingtalk-work': channel('dingtalk-work', 1),
      'dingtalk-oto': channel('dingtalk-oto', 2),
      'wecom-app': channel('wecom-app', 3),
    },
    sizes: options.sizes,
  };
}

/** The people event `index` tells on each main channel (creator first), without the actor. */
export function recipientsOf(world: BenchWorld, index: number): string[] {
  // Everyone but the sentinel, the actor and the muter (the pool's last), in a window that moves per event.
  const others = world.pool.slice(2, -1);
  const people = [world.sentinel];
  for (let k = 0; people.length < world.recipients; k++)
    people.push(others[(index * 7 + k) % others.length]!);
  // creator, assignee, then watchers (the sentinel among them)
  return [people[1]!, people[2]!, people[0]!, ...people.slice(3)];
}

/** Text only event `index` carries, found again in what the sandbox received. */
export const eventMarker = (world: BenchWorld, index: number) => `bm${world.runId}n${index}e`;

export function markedEvent(world: BenchWorld, text: string): number | undefined {
  const match = new RegExp(`bm${world.runId}n(\\d+)e`).exec(text);
  return match ? Number(match[1]) : undefined;
}

export function benchEvent(world: BenchWorld, index: number, occurredAtMs: number): TicketEventInit {
  const [creator, assignee, ...watchers] = recipientsOf(world, index);
  return {
    eventId: `${world.runId}-e${index}`,
    tenantId: world.tenantId,
    projectId: world.eventProjectIds[index % world.eventProjectIds.length]!,
    occurredAt: timestampFromMs(occurredAtMs),
    actor: { id: world.actor, displayName: 'Bench actor' },
    ticket: {
      id: `t${index}`,
      key: `BEN-${index}`,
      title: `Benchmark ticket ${index}`,
      url: `https://tracker.example/BEN-${index}`,
      status: 'open',
      priority: 'P2',
      creator: { id: creator! },
      assignees: [{ id: assignee! }, { id: world.actor }],
      watchers: watchers.map((id) => ({ id })),
    },
    change: {
      case: 'commentAdded',
      value: { commentId: `c${index}`, body: `Looked at the logs (${eventMarker(world, index)})` },
    },
  };
}

/** Event `index` as the bytes producers put on the topic. */
export function encodedBenchEvent(world: BenchWorld, index: number, occurredAtMs: number): Buffer {
  return Buffer.from(encodeTicketEvent(createTicketEvent(benchEvent(world, index, occurredAtMs))));
}

export interface StateMessage {
  entity: StateTopicName;
  key: string;
  value: unknown;
}

/**
 * Every state message of the world, as the subgraphs would publish them: the main tenant's configuration,
 * then the filler. Sizes count everything (the main tenant's people and channels included).
 */
export function* stateMessages(world: BenchWorld): Generator<StateMessage> {
  const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
  const seal = (text: string) => sealSecret(keyring, text);
  const now = new Date().toISOString();
  const { sizes } = world;
  const tenantOf = (n: number) =>
    n % sizes.tenants === 0 ? world.tenantId : `${world.tenantId}-f${n % sizes.tenants}`;
  const projectOf = (n: number) => `fp${Math.floor(n / sizes.tenants) % sizes.projects}`;

  // People: the pool first (main tenant), then filler spread over the tenants.
  const person = (tenantId: string, id: string, n: number): StateMessage[] => {
    const user: UserState = {
      tenantId,
      id,
      name: `Person ${id}`,
      email: `${id}@${tenantId}.example`,
      phone: `+86139${String(n).padStart(8, '0')}`,
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      updatedAt: now,
    };
    const identity = (platform: 'dingtalk' | 'wecom'): IdentityState => ({
      tenantId,
      userId: id,
      platform,
      platformUserId: platformUserId(id),
      source: 'import',
      updatedAt: now,
    });
    return [
      { entity: 'users', key: userStateKey(user), value: user },
      ...(['dingtalk', 'wecom'] as const).map((platform) => {
        const value = identity(platform);
        return { entity: 'identities' as const, key: identityStateKey(value), value };
      }),
    ];
  };
  for (const [n, id] of world.pool.entries()) yield* person(world.tenantId, id, n);
  for (let n = world.pool.length; n < sizes.users; n++) yield* person(tenantOf(n), `fu${n}`, n);

  // The main channels, connected to the event projects, and the rule naming them.
  const mainChannels: ChannelState[] = world.kinds.map((kind) => {
    const c = world.channels[kind];
    const config: ChannelState['config'] =
      kind === 'wecom-app'
        ? { kind: 'wecom-app', corpId: c.appId, corpSecret: seal(c.secret), agentId: c.agentId, safe: false }
        : {
            kind: 'dingtalk-app',
            clientId: c.appId,
            clientSecret: seal(c.secret),
            agentId: c.agentId,
            robotCode: c.robotCode,
            mode: kind === 'dingtalk-work' ? 'work-notification' : 'robot-oto',
          };
    return { tenantId: world.tenantId, id: c.channelId, name: kind, enabled: true, config, updatedAt: now };
  });
  for (const value of mainChannels) yield { entity: 'channels', key: channelStateKey(value), value };
  for (const projectId of world.eventProjectIds) {
    for (const channel of mainChannels) {
      const value: ProjectChannelState = {
        tenantId: world.tenantId,
        projectId,
        channelId: channel.id,
        connectedAt: now,
      };
      yield { entity: 'projectChannels', key: projectChannelStateKey(value), value };
    }
  }
  const rule = (tenantId: string, id: string, projectIds: string[], channelIds: string[]): RuleState => ({
    tenantId,
    id,
    name: id,
    projectIds,
    eventTypes: ['commentAdded', 'statusChanged'],
    roles: ['creator', 'assignees', 'watchers'],
    userIds: [],
    channelIds,
    serviceIds: [],
    statuses: [],
    steps: [],
    templateId: null,
    mentionAll: false,
    excludeActor: true,
    enabled: true,
    updatedAt: now,
  });
  const main = rule(
    world.tenantId,
    `main-rule-${world.runId}`,
    world.eventProjectIds,
    mainChannels.map((c) => c.id),
  );
  yield { entity: 'rules', key: ruleStateKey(main), value: main };

  // Filler channels (group robots), each connected to one project of its tenant.
  for (let n = mainChannels.length; n < sizes.channels; n++) {
    const tenantId = tenantOf(n);
    const value: ChannelState = {
      tenantId,
      id: `fc${n}-${world.runId}`,
      name: `filler robot ${n}`,
      enabled: true,
      config: {
        kind: 'dingtalk-robot',
        keywords: [],
        accessToken: seal(`tok${n}`),
        signingSecret: seal(`SEC${n}`),
      },
      updatedAt: now,
    };
    yield { entity: 'channels', key: channelStateKey(value), value };
    const link: ProjectChannelState = {
      tenantId,
      projectId: projectOf(n),
      channelId: value.id,
      connectedAt: now,
    };
    yield { entity: 'projectChannels', key: projectChannelStateKey(link), value: link };
  }
  // Filler rules on filler projects, naming a filler channel of their tenant.
  const fillerChannels = Math.max(0, sizes.channels - mainChannels.length);
  for (let n = 1; n < sizes.rules; n++) {
    const tenantId = tenantOf(n);
    const channelN = fillerChannels > 0 ? mainChannels.length + (n % fillerChannels) : -1;
    const value = rule(
      tenantId,
      `fr${n}-${world.runId}`,
      [projectOf(n)],
      channelN < 0 ? [] : [`fc${channelN}-${world.runId}`],
    );
    yield { entity: 'rules', key: ruleStateKey(value), value };
  }
  // Filler watches: people following filler tickets.
  for (let n = 0; n < sizes.watches; n++) {
    const value: WatchState = {
      tenantId: tenantOf(n),
      userId: `fu${n % Math.max(1, sizes.users)}`,
      targetKind: 'ticket',
      targetId: `ft${n % 5000}`,
      following: true,
      updatedAt: now,
    };
    yield { entity: 'watches', key: watchStateKey(value), value };
  }
  // Someone in the main tenant who muted the event projects (never told; costs a lookup per event).
  const muted: PreferencesState = {
    tenantId: world.tenantId,
    userId: world.pool[world.pool.length - 1]!,
    mutedProjectIds: world.eventProjectIds,
    mutedEventTypes: [],
    mutedChannelIds: [],
    updatedAt: now,
  };
  yield { entity: 'preferences', key: preferencesStateKey(muted), value: muted };
}
