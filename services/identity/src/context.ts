import type { Claims } from '@tidings/auth';
import type { Database } from '@tidings/db';
import { createBatchLoader, requireClaims } from '@tidings/graphql';
import type { UserRow } from './db/schema.ts';
import { UserRepository } from './users/repository.ts';

/** A caller signed in to a tenant, with repositories bound to that tenant. */
export interface TenantScope {
  claims: Claims;
  users: UserRepository;
  loadUser(id: string): Promise<UserRow | null>;
}

export interface IdentityContext {
  claims: Claims | null;
  scope: TenantScope | null;
}

export function createContextBuilder(db: Database, published: () => void) {
  return (claims: Claims | null): IdentityContext => {
    if (!claims) return { claims: null, scope: null };
    const users = new UserRepository(db, claims.tenantId, published);
    return {
      claims,
      scope: { claims, users, loadUser: createBatchLoader((ids: string[]) => users.findByIds(ids)) },
    };
  };
}

/** The caller's tenant scope, or UNAUTHENTICATED. */
export function tenantScope(context: IdentityContext): TenantScope {
  requireClaims(context.claims);
  return context.scope!;
}
