import { forbidden, InputProblems, isTenantAdmin } from '@tidings/graphql';
import { type SubscriptionsContext, tenantScope } from '../context.ts';
import type { TenantSettingsRow } from '../db/schema.ts';
import type { MutationResolvers, QueryResolvers, TenantSettings } from '../generated/graphql.ts';
import { applySettingsPatch, DEFAULT_SETTINGS, type Settings } from './validation.ts';

/** The stored settings, or the defaults when the tenant never set any. */
export function settingsOf(row: TenantSettingsRow | null): Settings {
  return row
    ? {
        ticketUrlPrefix: row.ticketUrlPrefix,
        defaultLocale: row.defaultLocale,
        defaultTimeZone: row.defaultTimeZone,
        outboundAllow: row.outboundAllow,
      }
    : { ...DEFAULT_SETTINGS, outboundAllow: [] };
}

function settingsNode(row: TenantSettingsRow | null): TenantSettings {
  return { ...settingsOf(row), updatedAt: row?.updatedAt.toISOString() ?? null };
}

const Query: QueryResolvers<SubscriptionsContext> = {
  tenantSettings: async (_, __, context) => settingsNode(await tenantScope(context).settings.find()),
};

const Mutation: MutationResolvers<SubscriptionsContext> = {
  updateTenantSettings: async (_, args, context, info) => {
    const scope = tenantScope(context);
    if (!isTenantAdmin(scope.claims)) throw forbidden('only a tenant admin can change the tenant settings');
    const problems = new InputProblems();
    const next = applySettingsPatch(settingsOf(await scope.settings.find()), args.input, problems);
    if (!next) return { settings: null, errors: problems.list };
    return {
      settings: settingsNode(await scope.settings.save(next, scope.cause(info.fieldName))),
      errors: [],
    };
  },
};

export const settingsResolvers = { Query, Mutation };
