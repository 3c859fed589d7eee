import {
  canConfigureProjects,
  forbidden,
  InputErrorCode,
  InputProblems,
  inputError,
  isTenantAdmin,
  readPage,
  toConnection,
} from '@tidings/graphql';
import { ALL_PROJECTS } from '@tidings/state';
import { channelKey, channelNode, projectNode } from '../channels/resolvers.ts';
import { type ChannelsContext, tenantScope } from '../context.ts';
import type {
  ConnectAllProjectsPayload,
  ProjectChannelInput,
  ProjectChannelPayload,
  Resolvers,
} from '../generated/graphql.ts';

const MAX_PROJECT_ID_LENGTH = 200;

/**
 * Checks a connect/disconnect request: whether the ids can name anything, and who may. `*` is not a
 * project: it would be the all-projects link, which only connectAllProjectsToChannel writes.
 */
function readProjectChannelInput(
  input: ProjectChannelInput,
  context: ChannelsContext,
  problems: InputProblems,
) {
  const scope = tenantScope(context);
  const projectId = input.projectId.trim();
  if (projectId === ALL_PROJECTS) {
    problems.add(
      ['projectId'],
      `"${ALL_PROJECTS}" is not a project: use connectAllProjectsToChannel to connect every project`,
      InputErrorCode.invalid,
    );
    return { scope, projectId, channelId: input.channelId.trim() };
  }
  if (!canConfigureProjects(scope.claims, [projectId])) {
    throw forbidden(`only a tenant admin or an owner of project "${projectId}" can change its channels`);
  }
  if (projectId === '' || projectId.length > MAX_PROJECT_ID_LENGTH) {
    problems.add(['projectId'], `projectId must be 1 to ${MAX_PROJECT_ID_LENGTH} characters`);
  }
  return { scope, projectId, channelId: input.channelId.trim() };
}

const noChannel = (channelId: string) =>
  inputError(['channelId'], `no channel with id "${channelId}"`, InputErrorCode.notFound);

const failed = (errors: ProjectChannelPayload['errors']): ProjectChannelPayload => ({
  project: null,
  channel: null,
  errors,
});

const failedAll = (errors: ConnectAllProjectsPayload['errors']): ConnectAllProjectsPayload => ({
  channel: null,
  allProjects: false,
  projects: [],
  errors,
});

/**
 * What a connect-all or disconnect-all caller acts on: a tenant admin on every project (the all-projects
 * link), a project owner on the projects they own; anyone else is FORBIDDEN.
 */
function connectAllReach(context: ChannelsContext): { admin: true } | { admin: false; projectIds: string[] } {
  const { claims } = tenantScope(context);
  if (isTenantAdmin(claims)) return { admin: true };
  const projectIds = [...new Set(claims.ownedProjectIds)].filter((id) => id !== ALL_PROJECTS);
  if (projectIds.length === 0) {
    throw forbidden('you own no project: only a tenant admin or a project owner can connect projects');
  }
  return { admin: false, projectIds };
}

export const projectResolvers: Resolvers<ChannelsContext> = {
  Mutation: {
    connectProjectToChannel: async (_, args, context, info) => {
      const problems = new InputProblems();
      const { scope, projectId, channelId } = readProjectChannelInput(args.input, context, problems);
      if (problems.any) return failed(problems.list);
      const result = await scope.projectChannels.connect(projectId, channelId, scope.cause(info.fieldName));
      if (result.kind === 'no-channel') return failed([noChannel(channelId)]);
      const channel = await scope.loadChannel(channelId);
      return { project: projectNode(projectId), channel: channel && channelNode(channel), errors: [] };
    },

    disconnectProjectFromChannel: async (_, args, context, info) => {
      const problems = new InputProblems();
      const { scope, projectId, channelId } = readProjectChannelInput(args.input, context, problems);
      if (problems.any) return failed(problems.list);
      const channel = await scope.loadChannel(channelId);
      if (!channel) return failed([noChannel(channelId)]);
      await scope.projectChannels.disconnect(projectId, channelId, scope.cause(info.fieldName));
      return { project: projectNode(projectId), channel: channelNode(channel), errors: [] };
    },

    connectAllProjectsToChannel: async (_, { input }, context, info) => {
      const reach = connectAllReach(context);
      const scope = tenantScope(context);
      const channelId = input.channelId.trim();
      const links = await scope.projectChannels.connectMany(
        reach.admin ? [ALL_PROJECTS] : reach.projectIds,
        channelId,
        scope.cause(info.fieldName),
      );
      if (links === null) return failedAll([noChannel(channelId)]);
      const channel = await scope.loadChannel(channelId);
      return {
        channel: channel && channelNode(channel),
        allProjects: reach.admin || (await scope.loadConnectedToAll(channelId)),
        projects: reach.admin ? [] : reach.projectIds.map(projectNode),
        errors: [],
      };
    },

    disconnectAllProjectsFromChannel: async (_, { input }, context, info) => {
      const reach = connectAllReach(context);
      const scope = tenantScope(context);
      const channelId = input.channelId.trim();
      const channel = await scope.loadChannel(channelId);
      if (!channel) return failedAll([noChannel(channelId)]);
      // An admin removes every connection; an owner only their own projects' (never the admin's link).
      const removed = await scope.projectChannels.disconnectMany(
        reach.admin ? null : reach.projectIds,
        channelId,
        scope.cause(info.fieldName),
      );
      return {
        channel: channelNode(channel),
        allProjects: !reach.admin && (await scope.loadConnectedToAll(channelId)),
        projects: removed.filter((id) => id !== ALL_PROJECTS).map(projectNode),
        errors: [],
      };
    },
  },

  Project: {
    // Projects live in the producers; any id names a project, whose channels are the caller tenant's.
    __resolveReference: (reference, context) => {
      tenantScope(context);
      return projectNode(reference.id);
    },
    channels: async (project, args, context) => {
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
