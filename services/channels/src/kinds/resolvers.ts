import { forbidden, isTenantAdmin } from '@tidings/graphql';
import { kindForGraphQL, kindOfArgument } from '../channels/resolvers.ts';
import { type ChannelsContext, tenantScope } from '../context.ts';
import type { ChannelKindSetting, Resolvers } from '../generated/graphql.ts';
import type { KindSetting } from './repository.ts';

function settingNode(setting: KindSetting): ChannelKindSetting {
  return {
    kind: kindForGraphQL(setting.kind),
    enabled: setting.enabled,
    updatedAt: setting.updatedAt?.toISOString() ?? null,
  };
}

/** Tenant-level switches of whole channel kinds (seeds 002, 003): anyone in the tenant reads, admins switch. */
export const kindResolvers: Resolvers<ChannelsContext> = {
  Query: {
    channelKindSettings: async (_, __, context) =>
      (await tenantScope(context).kindSettings()).map(settingNode),
  },
  Mutation: {
    setChannelKindEnabled: async (_, { input }, context, info) => {
      const scope = tenantScope(context);
      if (!isTenantAdmin(scope.claims)) {
        throw forbidden('only a tenant admin can switch channel kinds on or off');
      }
      const setting = await scope.kinds.setEnabled(
        kindOfArgument(input.kind),
        input.enabled,
        scope.cause(info.fieldName),
      );
      return { setting: settingNode(setting), errors: [] };
    },
  },
};
