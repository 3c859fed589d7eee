import type { GraphQLResolverMap } from '@apollo/subgraph';
import {
  forbidden,
  InputErrorCode,
  InputProblems,
  isTenantAdmin,
  type PageArgs,
  readPage,
  stringKey,
  toConnection,
} from '@tidings/graphql';
import type { CountryCode } from 'libphonenumber-js/max';
import { type IdentityContext, tenantScope } from '../context.ts';
import type { UserRow } from '../db/schema.ts';
import type { UserChanges } from './repository.ts';
import {
  checkName,
  checkPhoneRegion,
  checkUserId,
  normaliseEmail,
  normaliseLocale,
  normalisePhone,
} from './validation.ts';

const DEFAULT_LOCALE = 'en';

interface UserFieldsInput {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  phoneRegion?: string | null;
  locale?: string | null;
}

interface CreateUserInput extends UserFieldsInput {
  id: string;
  name: string;
}

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
    changes.locale =
      input.locale === null ? DEFAULT_LOCALE : problems.check(['locale'], normaliseLocale(input.locale));
  }
  return changes;
}

function userNode(row: UserRow) {
  return {
    __typename: 'User',
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const userResolvers: GraphQLResolverMap<IdentityContext> = {
  Query: {
    user: async (_: unknown, args: { id: string }, context: IdentityContext) => {
      const row = await tenantScope(context).loadUser(args.id);
      return row && userNode(row);
    },
    me: async (_: unknown, __: unknown, context: IdentityContext) => {
      const scope = tenantScope(context);
      const row = await scope.loadUser(scope.claims.userId);
      return row && userNode(row);
    },
    users: async (_: unknown, args: PageArgs, context: IdentityContext) => {
      const scope = tenantScope(context);
      const page = readPage(args, stringKey);
      const rows = await scope.users.list(page);
      return toConnection(rows, page, (row) => row.id, userNode);
    },
  },

  Mutation: {
    createUser: async (_: unknown, args: { input: CreateUserInput }, context: IdentityContext) => {
      const scope = tenantScope(context);
      const problems = new InputProblems();
      const id = problems.check(['id'], checkUserId(args.input.id));
      if (id !== undefined && id !== scope.claims.userId && !isTenantAdmin(scope.claims)) {
        throw forbidden('only a tenant admin can create other people; you can create your own profile');
      }
      const fields = readUserFields(args.input, problems);
      if (problems.any || id === undefined) return { user: null, errors: problems.list };
      const created = await scope.users.create({
        id,
        name: fields.name!,
        email: fields.email ?? null,
        phone: fields.phone ?? null,
        locale: fields.locale ?? DEFAULT_LOCALE,
      });
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

    updateUser: async (
      _: unknown,
      args: { id: string; input: UserFieldsInput },
      context: IdentityContext,
    ) => {
      const scope = tenantScope(context);
      if (args.id !== scope.claims.userId && !isTenantAdmin(scope.claims)) {
        throw forbidden('you can edit only your own profile; a tenant admin can edit anyone');
      }
      const problems = new InputProblems();
      const changes = readUserFields(args.input, problems);
      if (problems.any) return { user: null, errors: problems.list };
      const updated = await scope.users.update(args.id, changes);
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
    __resolveReference: async (reference: { id: string }, context: IdentityContext) => {
      const row = await tenantScope(context).loadUser(reference.id);
      return row && userNode(row);
    },
  },
};
