import { outboxTable } from '@tidings/db';
import type { ChannelConfig, ChannelKind } from '@tidings/state';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Everything the channels service stores lives in this Postgres schema (ARCHITECTURE §3). */
export const channelsSchema = pgSchema('channels');

const SEALED = 'tidings:sealed:v1:%';

const CHANNEL_KINDS: readonly ChannelKind[] = [
  'dingtalk-robot',
  'dingtalk-app',
  'lark-bot',
  'lark-app',
  'wecom-app',
  'wecom-robot',
  'smtp',
  'webhook',
];

/**
 * The credentials in each kind's config (packages/state): `required` must be present and sealed,
 * `optional` null/absent or sealed. dingtalk-robot keeps its original constraint (0000_initial).
 */
const SECRET_FIELDS: Record<string, { required: string[]; optional: string[] }> = {
  'dingtalk-app': { required: ['clientSecret'], optional: [] },
  'lark-bot': { required: ['hookId'], optional: ['signingSecret'] },
  'lark-app': { required: ['appSecret'], optional: [] },
  'wecom-app': { required: ['corpSecret'], optional: [] },
  'wecom-robot': { required: ['key'], optional: [] },
  smtp: { required: [], optional: ['password'] },
  webhook: { required: ['secret'], optional: ['bearerToken'] },
};

/** `coalesce(…, false)`: a missing required credential fails the check instead of passing as NULL. */
function sealedCheck(kind: string, fields: { required: string[]; optional: string[] }): string {
  const conditions = [
    ...fields.required.map((field) => `coalesce(config->>'${field}' like '${SEALED}', false)`),
    ...fields.optional.map(
      (field) => `(config->>'${field}' is null or config->>'${field}' like '${SEALED}')`,
    ),
  ];
  return `kind <> '${kind}' or (${conditions.join(' and ')})`;
}

/** Where notifications go: one robot, app or mailbox of a tenant, with its credentials. */
export const channels = channelsSchema.table(
  'channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind').$type<ChannelKind>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** The settings exactly as published on the state topic: every credential in it is sealed. */
    config: jsonb('config').$type<ChannelConfig>().notNull(),
    /** What the API shows of a webhook URL: host and path, the token masked. */
    webhookUrlMasked: text('webhook_url_masked'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('channels_tenant_id_idx').on(table.tenantId, table.id),
    // The last line of defence for §8: a plain credential can never be stored, whatever the code does.
    check(
      'channels_dingtalk_robot_credentials_sealed',
      sql.raw(`kind <> 'dingtalk-robot' or (
        config->>'accessToken' like '${SEALED}'
        and (config->>'signingSecret' is null or config->>'signingSecret' like '${SEALED}')
      )`),
    ),
    // Every kind is known and its config says the same kind: the sealing checks below key on the column.
    check(
      'channels_kind_matches_config',
      sql.raw(`kind in (${CHANNEL_KINDS.map((kind) => `'${kind}'`).join(', ')}) and config->>'kind' = kind`),
    ),
    ...Object.entries(SECRET_FIELDS).map(([kind, fields]) =>
      check(`channels_${kind.replace('-', '_')}_credentials_sealed`, sql.raw(sealedCheck(kind, fields))),
    ),
  ],
);

export type ChannelRow = typeof channels.$inferSelect;

/** Which projects' events may be delivered to which channel. */
export const projectChannels = channelsSchema.table(
  'project_channels',
  {
    tenantId: text('tenant_id').notNull(),
    projectId: text('project_id').notNull(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    connectedAt: timestamp('connected_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.projectId, table.channelId] }),
    index('project_channels_channel_idx').on(table.channelId),
  ],
);

export type ProjectChannelRow = typeof projectChannels.$inferSelect;

/**
 * A tenant switching a whole channel kind on or off (seeds 002, 003). A kind without a row has never been
 * switched and is enabled; channels keep their own `enabled` beside it.
 */
export const channelKindSettings = channelsSchema.table(
  'channel_kind_settings',
  {
    tenantId: text('tenant_id').notNull(),
    kind: text('kind').$type<ChannelKind>().notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.kind] }),
    check(
      'channel_kind_settings_kind_known',
      sql.raw(`kind in (${CHANNEL_KINDS.map((kind) => `'${kind}'`).join(', ')})`),
    ),
  ],
);

export type ChannelKindSettingRow = typeof channelKindSettings.$inferSelect;

/**
 * A named group of targets (seed 001's notification "service"): channels, and the producer user ids its
 * per-person channels reach. Ids are kept in order as given; a deleted channel is removed from every
 * service in the same transaction (arrays cannot carry a foreign key).
 */
export const notificationServices = channelsSchema.table(
  'notification_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    channelIds: uuid('channel_ids').array().notNull(),
    memberUserIds: text('member_user_ids').array().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('notification_services_tenant_id_idx').on(table.tenantId, table.id)],
);

export type NotificationServiceRow = typeof notificationServices.$inferSelect;

export const outbox = outboxTable(channelsSchema);
