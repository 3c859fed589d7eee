import { type AuditCause, type AuditLog, auditCause } from '@tidings/audit';
import type { Claims } from '@tidings/auth';
import type { Database } from '@tidings/db';
import { createBatchLoader, requireClaims } from '@tidings/graphql';
import type { IdentityOutcomeRow, PlatformIdentityRow, PreferencesRow, UserRow } from './db/schema.ts';
import { IdentityRepository } from './identities/repository.ts';
import { PreferencesRepository } from './preferences/repository.ts';
import { UserRepository } from './users/repository.ts';

/** A caller signed in to a tenant, with repositories and per-request loaders bound to that tenant. */
export interface TenantScope {
  claims: Claims;
  users: UserRepository;
  identities: IdentityRepository;
  preferences: PreferencesRepository;
  loadUser(id: string): Promise<UserRow | null>;
  loadHandSetIdentities(userId: string): Promise<PlatformIdentityRow[] | null>;
  loadIdentityOutcomes(userId: string): Promise<IdentityOutcomeRow[] | null>;
  loadPreferences(userId: string): Promise<PreferencesRow | null>;
  /** What a write records in the audit log about who asked for it, through which mutation. */
  cause(mutation: string): AuditCause;
}

export interface IdentityContext {
  claims: Claims | null;
  scope: TenantScope | null;
}

export function createContextBuilder(db: Database, published: () => void, audit: AuditLog) {
  return (claims: Claims | null): IdentityContext => {
    if (!claims) return { claims: null, scope: null };
    const users = new UserRepository(db, claims.tenantId, published, audit);
    const identities = new IdentityRepository(db, claims.tenantId, published, audit);
    const preferences = new PreferencesRepository(db, claims.tenantId, published, audit);
    return {
      claims,
      scope: {
        claims,
        users,
        identities,
        preferences,
        // Batched: a page of users (or the gateway's _entities) costs one query per kind, not one per user.
        loadUser: createBatchLoader((ids: string[]) => users.findByIds(ids)),
        loadHandSetIdentities: createBatchLoader((ids: string[]) => identities.handSetByUser(ids)),
        loadIdentityOutcomes: createBatchLoader((ids: string[]) => identities.outcomesByUser(ids)),
        loadPreferences: createBatchLoader((ids: string[]) => preferences.findByUsers(ids)),
        cause: (mutation) => auditCause(claims, mutation),
      },
    };
  };
}

/** The caller's tenant scope, or UNAUTHENTICATED. */
export function tenantScope(context: IdentityContext): TenantScope {
  requireClaims(context.claims);
  return context.scope!;
}
