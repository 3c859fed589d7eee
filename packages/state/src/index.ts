import { z } from 'zod';

/**
 * The state contract between the subgraphs (writers, through their outboxes) and the dispatcher (reader,
 * which materialises these compacted topics in memory): ARCHITECTURE §3. One topic per entity, keyed by
 * entity id; the value is the entity's latest snapshot as JSON, or null (a tombstone) once deleted.
 * Secret fields are sealed (@tidings/crypto) before they are written anywhere.
 */
export const stateTopics = {
  /** identity subgraph */
  users: 'tidings.state.users.v1',
  identities: 'tidings.state.identities.v1',
  preferences: 'tidings.state.preferences.v1',
  /** channels subgraph */
  channels: 'tidings.state.channels.v1',
  projectChannels: 'tidings.state.project-channels.v1',
  channelKinds: 'tidings.state.channel-kinds.v1',
  notificationServices: 'tidings.state.notification-services.v1',
  /** subscriptions subgraph */
  rules: 'tidings.state.rules.v1',
  watches: 'tidings.state.watches.v1',
  templates: 'tidings.state.templates.v1',
  tenantSettings: 'tidings.state.tenant-settings.v1',
} as const;

export type StateTopicName = keyof typeof stateTopics;

/** Event types a rule can match: the `change` case of a TicketEvent, or `custom:<type>`. */
export const builtInEventTypes = [
  'created',
  'commentAdded',
  'assigneesChanged',
  'statusChanged',
  'workflowStepChanged',
] as const;
export type BuiltInEventType = (typeof builtInEventTypes)[number];
export const eventTypeSchema = z.union([
  z.enum(builtInEventTypes),
  z.string().regex(/^custom:[\w.-]{1,100}$/),
]);

/** Whom a rule notifies, from the ticket snapshot; explicit users are listed on the rule itself. */
export const recipientRoles = ['creator', 'assignees', 'watchers', 'stepAssignees'] as const;
export type RecipientRole = (typeof recipientRoles)[number];

const sealed = z.string().startsWith('tidings:sealed:v1:');

export const userStateSchema = z.object({
  tenantId: z.string(),
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  /** E.164. */
  phone: z.string().nullable(),
  /** BCP 47; picks the template language of messages to this person. Null: the tenant's default locale. */
  locale: z.string().nullable(),
  /** IANA time zone (Asia/Ho_Chi_Minh); times in messages to this person are shown in it. Null: the tenant's. */
  timeZone: z.string().nullable().default(null),
  updatedAt: z.string(),
});
export type UserState = z.infer<typeof userStateSchema>;
export const userStateKey = (user: { tenantId: string; id: string }) => `${user.tenantId}/${user.id}`;

export const dingTalkRobotConfigSchema = z.object({
  kind: z.literal('dingtalk-robot'),
  keywords: z.array(z.string()),
  /** The robot's access_token (from its webhook URL): a credential, so sealed. */
  accessToken: sealed,
  signingSecret: sealed.nullable(),
});
export type DingTalkRobotConfig = z.infer<typeof dingTalkRobotConfigSchema>;

/** DingTalk enterprise internal app: work notifications or one-to-one robot messages to each person. */
export const dingTalkAppConfigSchema = z.object({
  kind: z.literal('dingtalk-app'),
  clientId: z.string(),
  clientSecret: sealed,
  agentId: z.number().int(),
  robotCode: z.string(),
  mode: z.enum(['work-notification', 'robot-oto']),
});

/** Lark/Feishu custom bot in a group; the hook id from its webhook URL is the credential. */
export const larkBotConfigSchema = z.object({
  kind: z.literal('lark-bot'),
  /** `https://open.feishu.cn` or `https://open.larksuite.com`. */
  host: z.string(),
  hookId: sealed,
  signingSecret: sealed.nullable(),
  keywords: z.array(z.string()),
});

/** Lark/Feishu app sending to each person by open_id. */
export const larkAppConfigSchema = z.object({
  kind: z.literal('lark-app'),
  host: z.string(),
  appId: z.string(),
  appSecret: sealed,
});

/** WeCom self-built app sending to each member. */
export const weComAppConfigSchema = z.object({
  kind: z.literal('wecom-app'),
  corpId: z.string(),
  corpSecret: sealed,
  agentId: z.number().int(),
  /** WeCom's `safe` flag: confidential messages that cannot be forwarded. */
  safe: z.boolean(),
  /** An outbound HTTP(S) proxy whose fixed IP is in the app's trusted IPs; null: direct. */
  proxyUrl: z.string().nullable().optional(),
});

/** WeCom group robot ("消息推送"); the key in its webhook URL is the credential. */
export const weComRobotConfigSchema = z.object({
  kind: z.literal('wecom-robot'),
  key: sealed,
});

export const smtpConfigSchema = z.object({
  kind: z.literal('smtp'),
  host: z.string(),
  port: z.number().int(),
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string().nullable(),
  password: sealed.nullable(),
  from: z.string(),
});

/** A signed JSON POST to the tenant's own endpoint. */
export const webhookConfigSchema = z.object({
  kind: z.literal('webhook'),
  url: z.string(),
  secret: sealed,
  bearerToken: sealed.nullable(),
});

export const channelConfigSchema = z.discriminatedUnion('kind', [
  dingTalkRobotConfigSchema,
  dingTalkAppConfigSchema,
  larkBotConfigSchema,
  larkAppConfigSchema,
  weComAppConfigSchema,
  weComRobotConfigSchema,
  smtpConfigSchema,
  webhookConfigSchema,
]);
export type ChannelConfig = z.infer<typeof channelConfigSchema>;
export type ChannelKind = ChannelConfig['kind'];

export const channelStateSchema = z.object({
  tenantId: z.string(),
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  config: channelConfigSchema,
  updatedAt: z.string(),
});
export type ChannelState = z.infer<typeof channelStateSchema>;
export const channelStateKey = (channel: { id: string }) => channel.id;

/** The projectId of a tenant admin's "connect all": every project of the tenant, present and future. */
export const ALL_PROJECTS = '*';

export const projectChannelStateSchema = z.object({
  tenantId: z.string(),
  /** A project id, or ALL_PROJECTS. */
  projectId: z.string(),
  channelId: z.string(),
  connectedAt: z.string(),
});
export type ProjectChannelState = z.infer<typeof projectChannelStateSchema>;
export const projectChannelStateKey = (link: { tenantId: string; projectId: string; channelId: string }) =>
  `${link.tenantId}/${link.projectId}/${link.channelId}`;

export const ruleStateSchema = z.object({
  tenantId: z.string(),
  id: z.string(),
  name: z.string(),
  /** null: every project of the tenant. */
  projectIds: z.array(z.string()).nullable(),
  eventTypes: z.array(eventTypeSchema).min(1),
  roles: z.array(z.enum(recipientRoles)),
  userIds: z.array(z.string()),
  /** Channels the rule notifies through; with serviceIds, at least one of the two is non-empty. */
  channelIds: z.array(z.string()),
  /** Notification services (seed 001) whose channels and members the rule also notifies. */
  serviceIds: z.array(z.string()).default([]),
  /** Only events whose ticket is (after the change) in one of these statuses; empty: any (seed 003). */
  statuses: z.array(z.string()).default([]),
  /** Only events whose ticket's current workflow step id or name is one of these; empty: any. */
  steps: z.array(z.string()).default([]),
  /** The tenant template this rule's messages use; null: the tenant's or shipped default per event type. */
  templateId: z.string().nullable().default(null),
  /** Group robots also @all (seed 004). */
  mentionAll: z.boolean().default(false),
  excludeActor: z.boolean(),
  enabled: z.boolean(),
  updatedAt: z.string(),
});
export type RuleState = z.infer<typeof ruleStateSchema>;
export const ruleStateKey = (rule: { id: string }) => rule.id;

/** Platforms a person has an id on. `email` is the address itself (SMTP needs no lookup). */
export const identityPlatforms = ['dingtalk', 'lark', 'wecom'] as const;
export type IdentityPlatform = (typeof identityPlatforms)[number];

/** The platform whose people a channel kind reaches one by one; null for group and endpoint kinds. */
export function identityPlatformOf(kind: ChannelKind): IdentityPlatform | null {
  switch (kind) {
    case 'dingtalk-app':
      return 'dingtalk';
    case 'lark-app':
      return 'lark';
    case 'wecom-app':
      return 'wecom';
    default:
      return null;
  }
}

/**
 * A person's id on a platform set by hand or imported in bulk (seed 001 imports DingTalk members). It
 * wins over looking the person up by phone or email. Key: `<tenant>/<user>/<platform>`.
 * Lark's id is the open_id for the tenant's Lark app (open_ids differ per app).
 */
export const identityStateSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  platform: z.enum(identityPlatforms),
  platformUserId: z.string().min(1),
  source: z.enum(['manual', 'import']),
  updatedAt: z.string(),
});
export type IdentityState = z.infer<typeof identityStateSchema>;
export const identityStateKey = (identity: { tenantId: string; userId: string; platform: string }) =>
  `${identity.tenantId}/${identity.userId}/${identity.platform}`;

/** What a person muted for themselves. Key: `<tenant>/<user>`; a tombstone means nothing muted. */
export const preferencesStateSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  mutedProjectIds: z.array(z.string()),
  /** Same values as a rule's eventTypes (`commentAdded`, `custom:pipeline.failed`). */
  mutedEventTypes: z.array(eventTypeSchema),
  mutedChannelIds: z.array(z.string()),
  updatedAt: z.string(),
});
export type PreferencesState = z.infer<typeof preferencesStateSchema>;
export const preferencesStateKey = (p: { tenantId: string; userId: string }) => `${p.tenantId}/${p.userId}`;

/** The channel kinds, in a fixed order. */
export const channelKinds = [
  'dingtalk-robot',
  'dingtalk-app',
  'lark-bot',
  'lark-app',
  'wecom-app',
  'wecom-robot',
  'smtp',
  'webhook',
] as const satisfies readonly ChannelKind[];

/**
 * A tenant switching a whole channel kind on or off without touching the others (seeds 002, 003). Key:
 * `<tenant>/<kind>`. No message: the kind is enabled.
 */
export const channelKindStateSchema = z.object({
  tenantId: z.string(),
  kind: z.enum(channelKinds),
  enabled: z.boolean(),
  updatedAt: z.string(),
});
export type ChannelKindState = z.infer<typeof channelKindStateSchema>;
export const channelKindStateKey = (k: { tenantId: string; kind: string }) => `${k.tenantId}/${k.kind}`;

/**
 * A named group of targets (seed 001's notification "service"): group channels, per-person channels and
 * the members those per-person channels reach. A rule naming a service notifies through all its channels,
 * and its members as explicit recipients. Key: id.
 */
export const notificationServiceStateSchema = z.object({
  tenantId: z.string(),
  id: z.string(),
  name: z.string(),
  description: z.string(),
  channelIds: z.array(z.string()),
  memberUserIds: z.array(z.string()),
  enabled: z.boolean(),
  updatedAt: z.string(),
});
export type NotificationServiceState = z.infer<typeof notificationServiceStateSchema>;
export const notificationServiceStateKey = (service: { id: string }) => service.id;

/**
 * A person following (or explicitly unfollowing) a ticket or a whole project (seed 000's "follow").
 * Followers count as the ticket's watchers; `following: false` removes a person the producer lists as a
 * watcher. Key: `<tenant>/<user>/<targetKind>/<targetId>`.
 */
export const watchStateSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  targetKind: z.enum(['ticket', 'project']),
  /** Ticket id or project id. */
  targetId: z.string(),
  following: z.boolean(),
  updatedAt: z.string(),
});
export type WatchState = z.infer<typeof watchStateSchema>;
export const watchStateKey = (w: {
  tenantId: string;
  userId: string;
  targetKind: string;
  targetId: string;
}) => `${w.tenantId}/${w.userId}/${w.targetKind}/${w.targetId}`;

/**
 * Message formats a template is written for. `markdown`: DingTalk and WeCom markdown; `lark-card`: the
 * lark_md body of a Lark card; `email`: HTML email; `text`: plain text (WeCom robot text, webhooks).
 */
export const templateFormats = ['markdown', 'lark-card', 'email', 'text'] as const;
export type TemplateFormat = (typeof templateFormats)[number];

/**
 * A tenant's own wording. With `eventType` set, it replaces the shipped default for that event type,
 * format and locale tenant-wide; a rule naming a template (templateId) uses it for its notifications
 * whatever the event type. `${…}` variables are filled from the event (see @tidings/templates). Key: id.
 */
export const templateStateSchema = z.object({
  tenantId: z.string(),
  id: z.string(),
  name: z.string(),
  /** null: only used where a rule names it. */
  eventType: eventTypeSchema.nullable(),
  format: z.enum(templateFormats),
  /** BCP 47 (en, zh-CN, vi, ru); the template serves people whose locale matches its language. */
  locale: z.string(),
  /** Chat-list preview, card header or email subject. */
  title: z.string(),
  body: z.string(),
  updatedAt: z.string(),
});
export type TemplateState = z.infer<typeof templateStateSchema>;
export const templateStateKey = (template: { id: string }) => template.id;

/** Per-tenant settings the messages need. Key: tenant id. */
export const tenantSettingsStateSchema = z.object({
  tenantId: z.string(),
  /**
   * Global URL prefix (seed 002): a ticket whose event carries only a path links to prefix + path, so
   * every message links to its ticket.
   */
  ticketUrlPrefix: z.string().nullable(),
  /** Locale of messages to groups and of people without one. */
  defaultLocale: z.string(),
  /** Time zone of times shown in group messages. */
  defaultTimeZone: z.string(),
  /**
   * The tenant's outbound allowlist: CIDRs and host names its webhook and SMTP targets may resolve to
   * although they are private (see @tidings/providers' net module). Absent in snapshots written before it.
   */
  outboundAllow: z.array(z.string()).optional(),
  updatedAt: z.string(),
});
export type TenantSettingsState = z.infer<typeof tenantSettingsStateSchema>;
export const tenantSettingsStateKey = (settings: { tenantId: string }) => settings.tenantId;

export const stateSchemas = {
  users: userStateSchema,
  identities: identityStateSchema,
  preferences: preferencesStateSchema,
  channels: channelStateSchema,
  projectChannels: projectChannelStateSchema,
  channelKinds: channelKindStateSchema,
  notificationServices: notificationServiceStateSchema,
  rules: ruleStateSchema,
  watches: watchStateSchema,
  templates: templateStateSchema,
  tenantSettings: tenantSettingsStateSchema,
} as const;

/**
 * Topic the dispatcher reports what it learnt about people on platforms, for the identity subgraph to
 * show ("phone not registered in DingTalk") before anyone misses a message. Compacted; key
 * `<tenant>/<user>/<channelId>`: the latest outcome per person and channel.
 */
export const identityOutcomesTopic = 'tidings.identity-outcomes.v1';

export const identityOutcomeSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  channelId: z.string(),
  platform: z.enum(identityPlatforms),
  /** linked: found; not-found: the platform does not know the contact; platform-error: the lookup failed
   * (credentials, permissions, rate limit); no-contact-point: the person has no phone/email to look up. */
  status: z.enum(['linked', 'not-found', 'platform-error', 'no-contact-point']),
  /** The phone (E.164) or email looked up; null for no-contact-point and hand-set ids. */
  contact: z.string().nullable(),
  platformUserId: z.string().nullable(),
  /** For people: why, when not linked. */
  reason: z.string().nullable(),
  checkedAt: z.string(),
});
export type IdentityOutcome = z.infer<typeof identityOutcomeSchema>;
export const identityOutcomeKey = (o: { tenantId: string; userId: string; channelId: string }) =>
  `${o.tenantId}/${o.userId}/${o.channelId}`;
