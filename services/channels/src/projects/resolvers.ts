import type { GraphQLResolverMap } from '@apollo/subgraph';
import {
  canConfigureProjects,
  forbidden,
  InputErrorCode,
  InputProblems,
  type PageArgs,
  readPage,
  toConnection,
} from '@tidings/graphql';
import { channelKey, channelNode } from '../channels/resolvers.ts';
import { type ChannelsContext, tenantScope } from '../context.ts';

const MAX_PROJECT_ID_LENGTH = 200;

interface ProjectChannelInput {
  projectId: string;
  channelId: string;
}

/** Checks a connect/disconnect request: who may, and whether the ids can name anything. */
function readProjectChannelInput(
  input: ProjectChannelInput,
  context: ChannelsContext,
  problems: InputProblems,
) {
  const scope = tenantScope(context);
  const projectId = input.projectId.trim();
  if (!canConfigureProjects(scope.claims, [projectId])) {
    throw forbidden(`only a tenant admin or an owner of project "${projectId}" can change its channels`);
  }
  if (projectId === '' || projectId.length > MAX_PROJECT_ID_LENGTH) {
    problems.add(['projectId'], `projectId must be 1 to ${MAX_PROJECT_ID_LENGTH} characters`);
  }
  return { scope, projectId, channelId: input.channelId.trim() };
}

const noChannel = (channelId: string) => ({
  field: ['channelId'],
  message: `no channel with id "${channelId}"`,
  code: InputErrorCode.notFound,
});

export const projectResolvers: GraphQLResolverMap<ChannelsContext> = {
  Mutation: {
    connectProjectToChannel: async (
      _: unknown,
      args: { input: ProjectChannelInput },
      context: ChannelsContext,
    ) => {
      const problems = new InputProblems();
      const { scope, projectId, channelId } = readProjectChannelInput(args.input, context, problems);
      if (problems.any) return { project: null, channel: null, errors: problems.list };
      const result = await scope.projectChannels.connect(projectId, channelId);
      if (result.kind === 'no-channel')
        return { project: null, channel: null, errors: [noChannel(channelId)] };
      const channel = await scope.loadChannel(channelId);
      return { project: { id: projectId }, channel: channel && channelNode(channel), errors: [] };
    },

    disconnectProjectFromChannel: async (
      _: unknown,
      args: { input: ProjectChannelInput },
      context: ChannelsContext,
    ) => {
      const problems = new InputProblems();
      const { scope, projectId, channelId } = readProjectChannelInput(args.input, context, problems);
      if (problems.any) return { project: null, channel: null, errors: problems.list };
      const channel = await scope.loadChannel(channelId);
      if (!channel) return { project: null, channel: null, errors: [noChannel(channelId)] };
      await scope.projectChannels.disconnect(projectId, channelId);
      return { project: { id: projectId }, channel: channelNode(channel), errors: [] };
    },
  },

  Project: {
    // Projects live in the producers; any id names a project, whose channels are the caller tenant's.
    __resolveReference: (reference: { id: string }, context: ChannelsContext) => {
      tenantScope(context);
      return { id: reference.id };
    },
    channels: async (project: { id: string }, args: PageArgs, context: ChannelsContext) => {
      const scope = tenantScope(context);
      const page = readPage(args, channelKey);
      return toConnection(
        await scope.projectChannels.channelsOf(project.id, page),
        page,
        (row) => row.id,
        channelNode,
      );
    },
  },
};
