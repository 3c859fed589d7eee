import type { GraphQLResolverMap } from '@apollo/subgraph';
import {
  forbidden,
  InputErrorCode,
  InputProblems,
  isTenantAdmin,
  type PageArgs,
  readPage,
  toConnection,
} from '@tidings/graphql';
import { type ChannelsContext, tenantScope } from '../context.ts';
import type { ChannelRow } from '../db/schema.ts';
import { prepareDingTalkRobot } from './dingtalk-robot.ts';
import { isChannelId } from './repository.ts';

const MAX_NAME_LENGTH = 200;
const MAX_DESCRIPTION_LENGTH = 2000;

interface CreateDingTalkRobotChannelInput {
  name: string;
  description?: string | null;
  webhookUrl: string;
  signingSecret?: string | null;
  keywords?: string[] | null;
}

/** Cursor keys of channel lists are channel ids (uuids). */
export function channelKey(value: unknown): string | null {
  return typeof value === 'string' && isChannelId(value) ? value : null;
}

/** What the API shows of a channel: never a credential, only whether it is set. */
export function channelNode(row: ChannelRow) {
  const config = row.config;
  return {
    __typename: 'Channel',
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    enabled: row.enabled,
    dingTalkRobot:
      config.kind === 'dingtalk-robot'
        ? {
            webhookUrlMasked: row.webhookUrlMasked ?? '',
            signingSecretSet: config.signingSecret !== null,
            keywords: config.keywords,
          }
        : null,
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

export const channelResolvers: GraphQLResolverMap<ChannelsContext> = {
  ChannelKind: { DINGTALK_ROBOT: 'dingtalk-robot' },

  Query: {
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
    createDingTalkRobotChannel: async (
      _: unknown,
      args: { input: CreateDingTalkRobotChannelInput },
      context: ChannelsContext,
    ) => {
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
      const robot = prepareDingTalkRobot(input, context.keyring, problems);
      if (problems.any || !robot) return { channel: null, errors: problems.list };
      const row = await scope.channels.create({
        name,
        description: description === '' ? null : description,
        kind: 'dingtalk-robot',
        config: robot.config,
        webhookUrlMasked: robot.webhookUrlMasked,
      });
      return { channel: channelNode(row), errors: [] };
    },
  },

  Channel: {
    // Scoped to the caller's tenant: a reference to another tenant's channel resolves to null.
    __resolveReference: async (reference: { id: string }, context: ChannelsContext) => {
      const row = await tenantScope(context).loadChannel(reference.id);
      return row && channelNode(row);
    },
  },
};
