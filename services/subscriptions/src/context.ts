import { type AuditCause, type AuditLog, auditCause } from '@tidings/audit';
import type { Claims } from '@tidings/auth';
import type { Database } from '@tidings/db';
import { createBatchLoader, requireClaims } from '@tidings/graphql';
import type { RuleRow, TemplateRow } from './db/schema.ts';
import type { PeopleDirectory, Person } from './people/directory.ts';
import { RuleRepository } from './rules/repository.ts';
import { SettingsRepository } from './settings/repository.ts';
import { TemplateRepository } from './templates/repository.ts';
import { WatchRepository } from './watches/repository.ts';

/** A caller signed in to a tenant, with repositories bound to that tenant. */
export interface TenantScope {
  claims: Claims;
  rules: RuleRepository;
  templates: TemplateRepository;
  watches: WatchRepository;
  settings: SettingsRepository;
  loadRule(id: string): Promise<RuleRow | null>;
  loadTemplate(id: string): Promise<TemplateRow | null>;
  /** A person of this tenant as the identity subgraph last published them. */
  person(userId: string): Person | undefined;
  /** What a write records in the audit log about who asked for it, through which mutation. */
  cause(mutation: string): AuditCause;
}

export interface SubscriptionsContext {
  claims: Claims | null;
  scope: TenantScope | null;
}

export function createContextBuilder(
  db: Database,
  published: () => void,
  people: PeopleDirectory,
  audit: AuditLog,
) {
  return (claims: Claims | null): SubscriptionsContext => {
    if (!claims) return { claims: null, scope: null };
    const rules = new RuleRepository(db, claims.tenantId, published, audit);
    const templates = new TemplateRepository(db, claims.tenantId, published, audit);
    // Uuids are case-insensitive; the loaders key by the lower-case form the database returns.
    const loadRule = createBatchLoader((ids: string[]) => rules.findByIds(ids));
    const loadTemplate = createBatchLoader((ids: string[]) => templates.findByIds(ids));
    return {
      claims,
      scope: {
        claims,
        rules,
        templates,
        watches: new WatchRepository(db, claims.tenantId, published, audit),
        settings: new SettingsRepository(db, claims.tenantId, published, audit),
        loadRule: (id) => loadRule(id.toLowerCase()),
        loadTemplate: (id) => loadTemplate(id.toLowerCase()),
        person: (userId) => people.find(claims.tenantId, userId),
        cause: (mutation) => auditCause(claims, mutation),
      },
    };
  };
}

/** The caller's tenant scope, or UNAUTHENTICATED. */
export function tenantScope(context: SubscriptionsContext): TenantScope {
  requireClaims(context.claims);
  return context.scope!;
}
