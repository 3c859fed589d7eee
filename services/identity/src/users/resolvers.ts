import {
  forbidden,
  InputErrorCode,
  InputProblems,
  isTenantAdmin,
  readPage,
  stringKey,
  toConnection,
} from '@tidings/graphql';
import type { CountryCode } from 'libphonenumber-js/max';
import { type IdentityContext, tenantScope } from '../context.ts';
import type { Resolvers, UpdateUserInput } from '../generated/graphql.ts';
import { describeIdentities } from '../identities/describe.ts';
import { preferencesNode } from '../preferences/resolvers.ts';
import { requireSelfOrAdmin, userNode } from './node.ts';
import type { UserChanges } from './repository.ts';
import {
  checkName,
  checkPhoneRegion,
  checkUserId,
  normaliseEmail,
  normaliseLocale,
  normalisePhone,
  normaliseTimeZone,
} from './validation.ts';

type UserFieldsInput = UpdateUserInput;

/**
 * Validates the contact fields present in `input` (absent: unchanged; null: cleared), collecting every
 * problem, and returns the normalised changes.
 */
function readUserFields(input: UserFieldsInput, problems: InputProblems): UserChanges {
  const changes: UserChanges = {};
  if (input.name !== undefined) {
    if (input.name === null) problems.add(['name'], 'name cannot be removed', InputErrorCode.required);
    else changes.name = problems.check(['name'], checkName(input.name));
  }
  if (input.email !== undefined) {
    changes.email = input.email === null ? null : problems.check(['email'], normaliseEmail(input.email));
  }
  let region: CountryCode | null = null;
  if (input.phoneRegion !== undefined && input.phoneRegion !== null) {
    region = problems.check(['phoneRegion'], checkPhoneRegion(input.phoneRegion)) ?? null;
  }
  if (input.phone !== undefined) {
    // With an invalid region the phone cannot be judged; the region's error says what to fix.
    if (input.phone === null) changes.phone = null;
    else if (region !== null || !input.phoneRegion) {
      changes.phone = problems.check(['phone'], normalisePhone(input.phone, region));
    }
  }
  if (input.locale !== undefined) {
    changes.locale = input.locale === null ? null : problems.check(['locale'], normaliseLocale(input.locale));
  }
  if (input.timeZone !== undefined) {
    changes.timeZone =
      input.timeZone === null ? null : problems.check(['timeZone'], normaliseTimeZone(input.timeZone));
  }
  return changes;
}

export const userResolvers: Resolvers<IdentityContext> = {
  Query: {
    user: async (_, args, context) => {
      const row = await tenantScope(context).loadUser(args.id);
      return row && userNode(row);
    },
    me: async (_, __, context) => {
      const scope = tenantScope(context);
      const row = await scope.loadUser(scope.claims.userId);
      return row && userNode(row);
    },
    users: async (_, args, context) => {
      const scope = tenantScope(context);
      const page = readPage(args, stringKey);
      const rows = await scope.users.list(page);
      return toConnection(rows, page, (row) => row.id, userNode);
    },
  },

  Mutation: {
    createUser: async (_, args, context, info) => {
      const scope = tenantScope(context);
      const problems = new InputProblems();
      const id = problems.check(['id'], checkUserId(args.input.id));
      if (id !== undefined && id !== scope.claims.userId && !isTenantAdmin(scope.claims)) {
        throw forbidden('only a tenant admin can create other people; you can create your own profile');
      }
      const fields = readUserFields(args.input, problems);
      if (problems.any || id === undefined) return { user: null, errors: problems.list };
      const created = await scope.users.create(
        {
          id,
          name: fields.name!,
          email: fields.email ?? null,
          phone: fields.phone ?? null,
          locale: fields.locale ?? null,
          timeZone: fields.timeZone ?? null,
        },
        scope.cause(info.fieldName),
      );
      if (!created) {
        return {
          user: null,
          errors: [
            {
              field: ['id'],
              message: `a user with id "${id}" already exists`,
              code: InputErrorCode.alreadyExists,
            },
          ],
        };
      }
      return { user: userNode(created), errors: [] };
    },

    updateUser: async (_, args, context, info) => {
      const scope = tenantScope(context);
      requireSelfOrAdmin(scope.claims, args.id, 'profile');
      const problems = new InputProblems();
      const changes = readUserFields(args.input, problems);
      if (problems.any) return { user: null, errors: problems.list };
      const updated = await scope.users.update(args.id, changes, scope.cause(info.fieldName));
      if (!updated) {
        return {
          user: null,
          errors: [{ field: ['id'], message: `no user with id "${args.id}"`, code: InputErrorCode.notFound }],
        };
      }
      return { user: userNode(updated), errors: [] };
    },
  },

  User: {
    // Scoped to the caller's tenant: a reference to another tenant's user resolves to null.
    __resolveReference: async (reference, context) => {
      const row = await tenantScope(context).loadUser(reference.id);
      return row && userNode(row);
    },
    identities: async (user, _, context) => {
      const scope = tenantScope(context);
      // The parent is always a userNode (queries and __resolveReference both return one).
      const { id, phone, email } = user as { id: string; phone: string | null; email: string | null };
      const [handSet, outcomes] = await Promise.all([
        scope.loadHandSetIdentities(id),
        scope.loadIdentityOutcomes(id),
      ]);
      return describeIdentities({ phone, email }, handSet ?? [], outcomes ?? []);
    },
    preferences: async (user, _, context) => {
      const row = await tenantScope(context).loadPreferences(user.id);
      return preferencesNode(row);
    },
  },
};
