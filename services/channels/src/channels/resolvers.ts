import type { Keyring } from '@tidings/crypto';
import {
  forbidden,
  InputErrorCode,
  InputProblems,
  inputError,
  isTenantAdmin,
  readPage,
  stringKey,
  toConnection,
} from '@tidings/graphql';
import type { ChannelKind } from '@tidings/state';
import { type ChannelsContext, tenantScope } from '../context.ts';
import type { ChannelRow } from '../db/schema.ts';
import type {
  Channel,
  ChannelKind as ChannelKindName,
  CreateChannelPayload,
  MutationResolvers,
  Project,
  Resolvers,
} from '../generated/graphql.ts';
import { channelKind, channelKinds, shownSettings } from './credential-fields.ts';
import { prepareDingTalkApp } from './dingtalk-app.ts';
import { prepareDingTalkRobot } from './dingtalk-robot.ts';
import { prepareLarkApp, prepareLarkBot } from './lark.ts';
import type { Prepared } from './prepared.ts';
import { isChannelId } from './repository.ts';
import { prepareSmtp } from './smtp.ts';
import { prepareWebhook } from './webhook.ts';
import { prepareWeComApp, prepareWeComRobot } from './wecom.ts';

const MAX_NAME_LENGTH = 200;
const MAX_DESCRIPTION_LENGTH = 2000;

/** What every create…Channel input has besides its kind's settings. */
interface ChannelBasics {
  name: string;
  description?: string | null;
}

/** Cursor keys of channel lists are channel ids (uuids). */
export function channelKey(value: unknown): string | null {
  return typeof value === 'string' && isChannelId(value) ? value : null;
}

/**
 * The settings object of the row's kind (every other kind's settings field null), derived from the kind's
 * declared fields: credentials only as "…Set" flags, URLs only masked.
 */
function kindSettings(row: ChannelRow): Record<string, Record<string, unknown> | null> {
  const settings: Record<string, Record<string, unknown> | null> = {};
  for (const declaration of channelKinds) settings[declaration.settingsField] = null;
  settings[channelKind(row.config.kind).settingsField] = shownSettings(row.config, row.webhookUrlMasked);
  return settings;
}

/**
 * The GraphQL enum ChannelKind serves the contract's kind strings as its internal values (the enum
 * resolver below), so the generated names and the runtime values differ: these two casts are the edge.
 */
export const channelKindValues: Record<ChannelKindName, ChannelKind> = {
  DINGTALK_ROBOT: 'dingtalk-robot',
  DINGTALK_APP: 'dingtalk-app',
  LARK_BOT: 'lark-bot',
  LARK_APP: 'lark-app',
  WECOM_APP: 'wecom-app',
  WECOM_ROBOT: 'wecom-robot',
  SMTP: 'smtp',
  WEBHOOK: 'webhook',
};
/** A ChannelKind argument as the resolver receives it: already the internal value. */
export const kindOfArgument = (kind: ChannelKindName): ChannelKind => kind as unknown as ChannelKind;
/** A kind as a resolver returns it: the internal value, which the enum serialises to its name. */
export const kindForGraphQL = (kind: ChannelKind): ChannelKindName => kind as unknown as ChannelKindName;

/** The stored row travels with each Channel node (a symbol key GraphQL never sees) for its field resolvers. */
const ROW = Symbol('channel row');

/**
 * What the API shows of a channel: never a credential, only whether it is set. The fields computed per
 * request (kindEnabled, connectedToAllProjects, projects) are resolved by the Channel resolvers below.
 */
export function channelNode(row: ChannelRow): Channel {
  const node = {
    __typename: 'Channel',
    id: row.id,
    name: row.name,
    description: row.description,
    kind: kindForGraphQL(row.kind),
    enabled: row.enabled,
    ...kindSettings(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    [ROW]: row,
  };
  return node as unknown as Channel;
}

function rowOf(channel: object): ChannelRow {
  return (channel as unknown as { [ROW]: ChannelRow })[ROW];
}

/** A producer's project as this subgraph knows it: only its id (the other fields are resolved). */
export const projectNode = (id: string): Project => ({ id }) as Project;

function checkText(problems: InputProblems, field: string, value: string, max: number, required: boolean) {
  const text = value.trim();
  if (required && text === '') problems.add([field], `${field} must not be empty`, InputErrorCode.required);
  if (text.length > max)
    problems.add([field], `${field} must be at most ${max} characters`, InputErrorCode.tooLong);
  return text;
}

/**
 * The resolver of one create…Channel mutation: tenant admins only; name, description and the kind's
 * settings all validated (every problem reported, by field); credentials sealed by `prepare` before the
 * row and its state snapshot are written, in one transaction.
 */
function creator<I extends object, K extends ChannelKind>(
  kind: K,
  prepare: (input: I, keyring: Keyring, problems: InputProblems) => Prepared<K> | undefined,
) {
  return async (
    _: unknown,
    args: { input: ChannelBasics },
    context: ChannelsContext,
    info: { fieldName: string },
  ): Promise<CreateChannelPayload> => {
    const scope = tenantScope(context);
    if (!isTenantAdmin(scope.claims)) throw forbidden('only a tenant admin can create channels');
    // The edge: enum fields of the input arrive as their internal values (smtp's 'tls', not 'TLS').
    const input = args.input as I & ChannelBasics;
    const problems = new InputProblems();
    const name = checkText(problems, 'name', input.name, MAX_NAME_LENGTH, true);
    const description = checkText(
      problems,
      'description',
      input.description ?? '',
      MAX_DESCRIPTION_LENGTH,
      false,
    );
    const prepared = prepare(input, context.keyring, problems);
    if (problems.any || !prepared) return { channel: null, errors: problems.list };
    // A webhook URL or SMTP host resolving to an address the outbound policy refuses is not saved.
    await context.testSender.outbound.checkChannel(scope.claims.tenantId, prepared.config, problems);
    if (problems.any) return { channel: null, errors: problems.list };
    if (prepared.config.kind !== kind)
      throw new Error(`prepared a ${prepared.config.kind} config for ${kind}`);
    const row = await scope.channels.create(
      {
        name,
        description: description === '' ? null : description,
        kind,
        config: prepared.config,
        webhookUrlMasked: prepared.webhookUrlMasked,
      },
      scope.cause(info.fieldName),
    );
    return { channel: channelNode(row), errors: [] };
  };
}

const noChannel = (id: string) =>
  inputError(['id'], `no channel with id "${id}" in this tenant`, InputErrorCode.notFound);

const channelMutations: MutationResolvers<ChannelsContext> = {
  createDingTalkRobotChannel: creator('dingtalk-robot', prepareDingTalkRobot),
  createDingTalkAppChannel: creator('dingtalk-app', prepareDingTalkApp),
  createLarkBotChannel: creator('lark-bot', prepareLarkBot),
  createLarkAppChannel: creator('lark-app', prepareLarkApp),
  createWeComAppChannel: creator('wecom-app', prepareWeComApp),
  createWeComRobotChannel: creator('wecom-robot', prepareWeComRobot),
  createSmtpChannel: creator('smtp', prepareSmtp),
  createWebhookChannel: creator('webhook', prepareWebhook),

  setChannelEnabled: async (_, { input }, context, info) => {
    const scope = tenantScope(context);
    if (!isTenantAdmin(scope.claims)) throw forbidden('only a tenant admin can switch channels on or off');
    const row = await scope.channels.setEnabled(input.id, input.enabled, scope.cause(info.fieldName));
    if (!row) return { channel: null, errors: [noChannel(input.id)] };
    return { channel: channelNode(row), errors: [] };
  },

  deleteChannel: async (_, { input }, context, info) => {
    const scope = tenantScope(context);
    if (!isTenantAdmin(scope.claims)) throw forbidden('only a tenant admin can delete channels');
    const deleted = await scope.channels.delete(input.id, scope.cause(info.fieldName));
    if (!deleted) return { deletedChannelId: null, errors: [noChannel(input.id)] };
    return { deletedChannelId: input.id, errors: [] };
  },
};

export const channelResolvers: Resolvers<ChannelsContext> = {
  Query: {
    // The declarations themselves: public, so a frontend can build each kind's form.
    channelKinds: () =>
      channelKinds.map((declaration) => ({
        kind: kindForGraphQL(declaration.kind),
        label: declaration.label,
        fields: declaration.fields.map(({ key, input, label, required, secret }) => ({
          key,
          input,
          label,
          required,
          secret,
        })),
      })),
    channel: async (_, args, context) => {
      const row = await tenantScope(context).loadChannel(args.id);
      return row && channelNode(row);
    },
    channels: async (_, args, context) => {
      const scope = tenantScope(context);
      const page = readPage(args, channelKey);
      return toConnection(await scope.channels.list(page), page, (row) => row.id, channelNode);
    },
  },

  Mutation: channelMutations,

  Channel: {
    // Scoped to the caller's tenant: a reference to another tenant's channel resolves to null.
    __resolveReference: async (reference, context) => {
      const row = await tenantScope(context).loadChannel(reference.id);
      return row && channelNode(row);
    },
    kindEnabled: async (channel, _, context) => {
      const kind = rowOf(channel).kind;
      const settings = await tenantScope(context).kindSettings();
      return settings.find((setting) => setting.kind === kind)?.enabled ?? true;
    },
    connectedToAllProjects: (channel, _, context) => tenantScope(context).loadConnectedToAll(channel.id),
    projects: async (channel, args, context) => {
      const scope = tenantScope(context);
      const page = readPage(args, stringKey);
      const projectIds = await scope.projectChannels.projectsOf(channel.id, page);
      return toConnection(projectIds, page, (id) => id, projectNode);
    },
  },
};

/** Enum values: not part of the generated Resolvers type (string-union enums), merged beside it. */
export const channelEnumResolvers = {
  ChannelKind: channelKindValues,
  DingTalkAppMode: { WORK_NOTIFICATION: 'work-notification', ROBOT_OTO: 'robot-oto' },
  LarkHost: { FEISHU: 'feishu', LARK: 'lark' },
  SmtpSecurity: { TLS: 'tls', STARTTLS: 'starttls', NONE: 'none' },
};
