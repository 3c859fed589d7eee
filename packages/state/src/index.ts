import { z } from 'zod';

/**
 * The state contract between the subgraphs (writers, through their outboxes) and the dispatcher (reader,
 * which materialises these compacted topics in memory): ARCHITECTURE §3. One topic per entity, keyed by
 * entity id; the value is the entity's latest snapshot as JSON, or null (a tombstone) once deleted.
 * Secret fields are sealed (@tidings/crypto) before they are written anywhere.
 */
export const stateTopics = {
  users: 'tidings.state.users.v1',
  channels: 'tidings.state.channels.v1',
  projectChannels: 'tidings.state.project-channels.v1',
  rules: 'tidings.state.rules.v1',
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
  locale: z.string(),
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

export const projectChannelStateSchema = z.object({
  tenantId: z.string(),
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
  channelIds: z.array(z.string()).min(1),
  excludeActor: z.boolean(),
  enabled: z.boolean(),
  updatedAt: z.string(),
});
export type RuleState = z.infer<typeof ruleStateSchema>;
export const ruleStateKey = (rule: { id: string }) => rule.id;

export const stateSchemas = {
  users: userStateSchema,
  channels: channelStateSchema,
  projectChannels: projectChannelStateSchema,
  rules: ruleStateSchema,
} as const;
