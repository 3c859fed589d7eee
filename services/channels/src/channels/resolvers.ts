import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { Keyring } from '@tidings/crypto';
import {
  forbidden,
  InputErrorCode,
  InputProblems,
  isTenantAdmin,
  type PageArgs,
  readPage,
  toConnection,
} from '@tidings/graphql';
import type { ChannelKind } from '@tidings/state';
import { type ChannelsContext, tenantScope } from '../context.ts';
import type { ChannelRow } from '../db/schema.ts';
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

/** What the API shows of a channel: never a credential, only whether it is set. */
export function channelNode(row: ChannelRow) {
  return {
    __typename: 'Channel',
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    enabled: row.enabled,
    ...kindSettings(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

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
  return async (_: unknown, args: { input: I & ChannelBasics }, context: ChannelsContext) => {
    const scope = tenantScope(context);
    if (!isTenantAdmin(scope.claims)) throw forbidden('only a tenant admin can create channels');
    const { input } = args;
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
    if (prepared.config.kind !== kind)
      throw new Error(`prepared a ${prepared.config.kind} config for ${kind}`);
    const row = await scope.channels.create({
      name,
      description: description === '' ? null : description,
      kind,
      config: prepared.config,
      webhookUrlMasked: prepared.webhookUrlMasked,
    });
    return { channel: channelNode(row), errors: [] };
  };
}

export const channelResolvers: GraphQLResolverMap<ChannelsContext> = {
  ChannelKind: {
    DINGTALK_ROBOT: 'dingtalk-robot',
    DINGTALK_APP: 'dingtalk-app',
    LARK_BOT: 'lark-bot',
    LARK_APP: 'lark-app',
    WECOM_APP: 'wecom-app',
    WECOM_ROBOT: 'wecom-robot',
    SMTP: 'smtp',
    WEBHOOK: 'webhook',
  },
  DingTalkAppMode: { WORK_NOTIFICATION: 'work-notification', ROBOT_OTO: 'robot-oto' },
  LarkHost: { FEISHU: 'feishu', LARK: 'lark' },
  SmtpSecurity: { TLS: 'tls', STARTTLS: 'starttls', NONE: 'none' },

  Query: {
    // The declarations themselves: public, so a frontend can build each kind's form.
    channelKinds: () =>
      channelKinds.map((declaration) => ({
        kind: declaration.kind,
        label: declaration.label,
        fields: declaration.fields.map(({ key, input, label, required, secret }) => ({
          key,
          input,
          label,
          required,
          secret,
        })),
      })),
    channel: async (_: unknown, args: { id: string }, context: ChannelsContext) => {
      const row = await tenantScope(context).loadChannel(args.id);
      return row && channelNode(row);
    },
    channels: async (_: unknown, args: PageArgs, context: ChannelsContext) => {
      const scope = tenantScope(context);
      const page = readPage(args, channelKey);
      return toConnection(await scope.channels.list(page), page, (row) => row.id, channelNode);
    },
  },

  Mutation: {
    createDingTalkRobotChannel: creator('dingtalk-robot', prepareDingTalkRobot),
    createDingTalkAppChannel: creator('dingtalk-app', prepareDingTalkApp),
    createLarkBotChannel: creator('lark-bot', prepareLarkBot),
    createLarkAppChannel: creator('lark-app', prepareLarkApp),
    createWeComAppChannel: creator('wecom-app', prepareWeComApp),
    createWeComRobotChannel: creator('wecom-robot', prepareWeComRobot),
    createSmtpChannel: creator('smtp', prepareSmtp),
    createWebhookChannel: creator('webhook', prepareWebhook),
  },

  Channel: {
    // Scoped to the caller's tenant: a reference to another tenant's channel resolves to null.
    __resolveReference: async (reference: { id: string }, context: ChannelsContext) => {
      const row = await tenantScope(context).loadChannel(reference.id);
      return row && channelNode(row);
    },
  },
};
