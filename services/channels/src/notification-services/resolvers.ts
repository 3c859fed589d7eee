import {
  forbidden,
  InputErrorCode,
  InputProblems,
  inputError,
  isTenantAdmin,
  readPage,
  toConnection,
} from '@tidings/graphql';
import { channelKey, channelNode } from '../channels/resolvers.ts';
import { type ChannelsContext, type TenantScope, tenantScope } from '../context.ts';
import type { NotificationServiceRow } from '../db/schema.ts';
import type {
  NotificationService,
  NotificationServicePayload,
  Resolvers,
  User,
} from '../generated/graphql.ts';
import type { NotificationServiceValues } from './repository.ts';
import { checkNotificationServiceInput, unknownChannelProblems } from './validation.ts';

/** The row travels with each node (a symbol key GraphQL never sees) for the channels and members fields. */
const ROW = Symbol('notification service row');

function serviceNode(row: NotificationServiceRow): NotificationService {
  const node = {
    __typename: 'NotificationService',
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    [ROW]: row,
  };
  return node as unknown as NotificationService;
}

function rowOf(service: object): NotificationServiceRow {
  return (service as unknown as { [ROW]: NotificationServiceRow })[ROW];
}

function requireAdmin(context: ChannelsContext): TenantScope {
  const scope = tenantScope(context);
  if (!isTenantAdmin(scope.claims)) throw forbidden('only a tenant admin can change notification services');
  return scope;
}

/** Reports each given channel id that is not one of the tenant's channels. */
async function checkChannelsExist(
  scope: TenantScope,
  channelIds: readonly string[],
  problems: InputProblems,
) {
  const known = await scope.channels.findByIds([...new Set(channelIds.map((id) => id.trim()))]);
  unknownChannelProblems(channelIds, new Set(known.keys()), problems);
}

const failed = (errors: NotificationServicePayload['errors']): NotificationServicePayload => ({
  notificationService: null,
  errors,
});

/** A channel deleted between the check and the write: reported like any unknown channel id. */
function goneChannels(givenIds: readonly string[], missing: readonly string[]) {
  const problems = new InputProblems();
  unknownChannelProblems(givenIds, new Set(givenIds.filter((id) => !missing.includes(id.trim()))), problems);
  return problems.list;
}

const noService = (id: string) =>
  inputError(['id'], `no notification service with id "${id}" in this tenant`, InputErrorCode.notFound);

export const notificationServiceResolvers: Resolvers<ChannelsContext> = {
  Query: {
    notificationService: async (_, args, context) => {
      const row = await tenantScope(context).loadNotificationService(args.id);
      return row && serviceNode(row);
    },
    notificationServices: async (_, args, context) => {
      const scope = tenantScope(context);
      const page = readPage(args, channelKey);
      return toConnection(await scope.notificationServices.list(page), page, (row) => row.id, serviceNode);
    },
  },

  Mutation: {
    createNotificationService: async (_, { input }, context, info) => {
      const scope = requireAdmin(context);
      const problems = new InputProblems();
      // The name and channels are required: an empty name or list is checked, not skipped as "absent".
      const checked = checkNotificationServiceInput(input, problems);
      if (checked.channelIds) await checkChannelsExist(scope, input.channelIds, problems);
      if (problems.any || checked.name === undefined || !checked.channelIds) return failed(problems.list);
      const written = await scope.notificationServices.create(
        {
          name: checked.name,
          description: checked.description ?? null,
          channelIds: checked.channelIds,
          memberUserIds: checked.memberUserIds ?? [],
          enabled: checked.enabled ?? true,
        },
        scope.cause(info.fieldName),
      );
      if (written.kind === 'unknown-channels') return failed(goneChannels(input.channelIds, written.ids));
      return { notificationService: serviceNode(written.row), errors: [] };
    },

    updateNotificationService: async (_, { input }, context, info) => {
      const scope = requireAdmin(context);
      const existing = await scope.loadNotificationService(input.id);
      if (!existing) return failed([noService(input.id)]);
      const problems = new InputProblems();
      const checked = checkNotificationServiceInput(input, problems);
      if (checked.channelIds && input.channelIds) await checkChannelsExist(scope, input.channelIds, problems);
      if (problems.any) return failed(problems.list);
      const values: NotificationServiceValues = {
        name: checked.name ?? existing.name,
        description: checked.description !== undefined ? checked.description : existing.description,
        channelIds: checked.channelIds ?? existing.channelIds,
        memberUserIds: checked.memberUserIds ?? existing.memberUserIds,
        enabled: checked.enabled ?? existing.enabled,
      };
      const written = await scope.notificationServices.update(
        existing.id,
        values,
        scope.cause(info.fieldName),
      );
      if (!written) return failed([noService(input.id)]);
      if (written.kind === 'unknown-channels') {
        return failed(goneChannels(input.channelIds ?? existing.channelIds, written.ids));
      }
      return { notificationService: serviceNode(written.row), errors: [] };
    },

    deleteNotificationService: async (_, { input }, context, info) => {
      const scope = requireAdmin(context);
      const deleted = await scope.notificationServices.delete(input.id, scope.cause(info.fieldName));
      if (!deleted) return { deletedNotificationServiceId: null, errors: [noService(input.id)] };
      return { deletedNotificationServiceId: input.id, errors: [] };
    },
  },

  NotificationService: {
    // Scoped to the caller's tenant: a reference to another tenant's service resolves to null.
    __resolveReference: async (reference, context) => {
      const row = await tenantScope(context).loadNotificationService(reference.id);
      return row && serviceNode(row);
    },
    channels: async (service, _, context) => {
      const scope = tenantScope(context);
      const rows = await Promise.all(rowOf(service).channelIds.map((id) => scope.loadChannel(id)));
      return rows.filter((row) => row !== null).map(channelNode);
    },
    members: (service) => rowOf(service).memberUserIds.map((id): User => ({ id })),
  },
};
