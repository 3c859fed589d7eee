import type { Claims } from '@tidings/auth';
import type { Database } from '@tidings/db';
import {
  badUserInput,
  forbidden,
  isTenantAdmin,
  readPage,
  requireClaims,
  toConnection,
} from '@tidings/graphql';
import { GraphQLScalarType } from 'graphql';
import { type AuditFilter, auditCursorKey, listAuditLog, parseAuditCursor } from '../audit/log.ts';
import type { AuditLogRow } from '../audit/schema.ts';
import type { AuditEntry, AuditLogFilter, QueryResolvers } from '../generated/graphql.ts';

/** What the auditLog query needs in each request's context. */
export interface AuditContext {
  claims: Claims | null;
  /** The dispatcher's database, where the audit log is stored. */
  auditDb: Database;
}

/** Snapshots are stored JSON and go out as they are; nothing reads JSON input. */
export const jsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: () => {
    throw new TypeError('JSON is an output type only');
  },
});

const MAX_FILTER_TEXT = 500;

/** The filter as an AuditFilter, or BAD_USER_INPUT naming the field that is wrong. */
export function readAuditFilter(filter: AuditLogFilter | null | undefined): AuditFilter {
  const result: AuditFilter = {};
  if (!filter) return result;
  for (const name of ['entityType', 'entityId', 'actorId'] as const) {
    const value = filter[name];
    if (value === null || value === undefined) continue;
    const trimmed = value.trim();
    if (trimmed === '') throw badUserInput(`filter.${name} must not be empty`, `filter.${name}`);
    if (trimmed.length > MAX_FILTER_TEXT)
      throw badUserInput(`filter.${name} must be at most ${MAX_FILTER_TEXT} characters`, `filter.${name}`);
    result[name] = trimmed;
  }
  // DateTime arrives as the ISO string (dateTimeScalar validated it).
  if (filter.since) result.since = new Date(filter.since);
  if (filter.until) result.until = new Date(filter.until);
  if (result.since && result.until && result.since >= result.until)
    throw badUserInput('filter.until must be later than filter.since', 'filter.until');
  return result;
}

function auditEntryNode(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actor: { id: row.actorId },
    actorRoles: row.actorRoles,
    mutation: row.mutation,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}

export const auditQuery: Pick<QueryResolvers<AuditContext>, 'auditLog'> = {
  async auditLog(_parent, args, context) {
    const claims = requireClaims(context.claims);
    // Before/after of every configuration change, people's contact points included: admins only.
    if (!isTenantAdmin(claims)) throw forbidden('only a tenant admin can read the audit log');
    const filter = readAuditFilter(args.filter);
    const page = readPage(args, parseAuditCursor);
    const rows = await listAuditLog(context.auditDb, claims.tenantId, filter, page);
    return toConnection(rows, page, auditCursorKey, auditEntryNode);
  },
};
