import { forbidden, InputErrorCode, InputProblems, isTenantAdmin } from '@tidings/graphql';
import { type IdentityContext, type TenantScope, tenantScope } from '../context.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { requireSelfOrAdmin, userNode } from '../users/node.ts';
import { checkPlatformUserId } from '../users/validation.ts';
import { toStatePlatform } from '../vocabulary.ts';
import { MAX_IMPORTED_MEMBERS, matchImportRows, readImportRows } from './import.ts';

async function requireUser(scope: TenantScope, userId: string, problems: InputProblems) {
  const row = await scope.loadUser(userId);
  if (!row) problems.add(['userId'], `no person with id "${userId}" in this tenant`, InputErrorCode.notFound);
  return row;
}

/** Errors in member order, so a person fixing the export reads them top to bottom. */
function byMemberIndex(a: { field: string[] }, b: { field: string[] }): number {
  return Number(a.field[1] ?? -1) - Number(b.field[1] ?? -1);
}

export const identityResolvers: Resolvers<IdentityContext> = {
  Mutation: {
    setPlatformIdentity: async (_, { input }, context, info) => {
      const scope = tenantScope(context);
      requireSelfOrAdmin(scope.claims, input.userId, 'platform ids');
      const problems = new InputProblems();
      const platformUserId = problems.check(['platformUserId'], checkPlatformUserId(input.platformUserId));
      const user = await requireUser(scope, input.userId, problems);
      if (problems.any || !user || platformUserId === undefined) return { user: null, errors: problems.list };
      await scope.identities.setHandSet(
        [{ userId: user.id, platform: toStatePlatform(input.platform), platformUserId, source: 'manual' }],
        scope.cause(info.fieldName),
      );
      return { user: userNode(user), errors: [] };
    },

    clearPlatformIdentity: async (_, { input }, context, info) => {
      const scope = tenantScope(context);
      requireSelfOrAdmin(scope.claims, input.userId, 'platform ids');
      const problems = new InputProblems();
      const user = await requireUser(scope, input.userId, problems);
      if (!user) return { user: null, errors: problems.list };
      // Clearing what is not there is already the wanted state, not an error.
      await scope.identities.clearHandSet(
        user.id,
        toStatePlatform(input.platform),
        scope.cause(info.fieldName),
      );
      return { user: userNode(user), errors: [] };
    },

    importPlatformIdentities: async (_, { input }, context, info) => {
      const scope = tenantScope(context);
      if (!isTenantAdmin(scope.claims)) throw forbidden('only a tenant admin can import platform ids');
      const problems = new InputProblems();
      if (input.members.length > MAX_IMPORTED_MEMBERS) {
        problems.add(
          ['members'],
          `at most ${MAX_IMPORTED_MEMBERS} members per call (got ${input.members.length}); split the export`,
          InputErrorCode.tooMany,
        );
        return { imported: 0, users: [], errors: problems.list };
      }
      const rows = readImportRows(input.members, problems);
      const candidates = await scope.identities.candidates({
        ids: rows.flatMap((row) => (row.userId ? [row.userId] : [])),
        phones: rows.flatMap((row) => (row.phone ? [row.phone] : [])),
        emails: rows.flatMap((row) => (row.email ? [row.email] : [])),
      });
      const matches = matchImportRows(rows, candidates, problems);
      const platform = toStatePlatform(input.platform);
      await scope.identities.setHandSet(
        matches.map((match) => ({
          userId: match.userId,
          platform,
          platformUserId: match.platformUserId,
          source: 'import',
        })),
        scope.cause(info.fieldName),
      );
      const users = await scope.users.findByIds(matches.map((match) => match.userId));
      return {
        imported: matches.length,
        users: matches.flatMap((match) => {
          const row = users.get(match.userId);
          return row ? [userNode(row)] : [];
        }),
        errors: [...problems.list].sort(byMemberIndex),
      };
    },
  },
};
