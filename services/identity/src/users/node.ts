import type { Claims } from '@tidings/auth';
import { forbidden, isTenantAdmin } from '@tidings/graphql';
import type { UserRow } from '../db/schema.ts';
import type { User } from '../generated/graphql.ts';

/**
 * The User a resolver returns: the row's own fields. `identities` and `preferences` are resolved per
 * field (batched), so they are absent here; the cast is the one place that knows.
 */
export function userNode(row: UserRow): User {
  const node = {
    __typename: 'User' as const,
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    timeZone: row.timeZone,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  return node as User;
}

/** People manage their own contact points, ids and mutes; a tenant admin manages anyone's (seed 002). */
export function requireSelfOrAdmin(claims: Claims, userId: string, what: string): void {
  if (userId !== claims.userId && !isTenantAdmin(claims)) {
    throw forbidden(`you can change only your own ${what}; a tenant admin can change anyone's`);
  }
}
