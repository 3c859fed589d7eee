import { randomUUID } from 'node:crypto';
import type { Claims } from '@tidings/auth';
import { isSealed } from '@tidings/crypto';
import { type Database, enqueueOutbox, type OutboxMessage, type OutboxTable } from '@tidings/db';
import { createKafka, ensureTopics } from '@tidings/kafka';
import { z } from 'zod';

/**
 * The audit log of configuration changes (who, what, when, before/after). Each subgraph records a change in
 * the transaction that makes it, through its transactional outbox, onto one topic (not compacted: every
 * record is kept); the dispatcher stores the records and the deliveries subgraph serves them to tenant
 * admins. A change and its record therefore commit, or roll back, together.
 */
export const AUDIT_TOPIC = 'tidings.audit.v1';

/** Who changed something: the verified claims of the caller, as the gateway forwarded them. */
export interface AuditActor {
  userId: string;
  tenantId: string;
  roles: string[];
}

/** Why a repository is writing: who asked, through which mutation. */
export interface AuditCause {
  actor: AuditActor;
  /** The GraphQL mutation's field name, e.g. `createWebhookChannel`. */
  mutation: string;
}

/** One entity changed by a mutation; `before` null for a creation, `after` null for a deletion. */
export interface AuditChange {
  entityType: string;
  entityId: string;
  /** A snapshot with every secret already masked by the service that knows its fields. */
  before: unknown | null;
  after: unknown | null;
}

export function auditCause(claims: Claims, mutation: string): AuditCause {
  return {
    actor: { userId: claims.userId, tenantId: claims.tenantId, roles: [...claims.roles] },
    mutation,
  };
}

const SHORT = z.string().min(1).max(500);

/** What travels on the audit topic; the dispatcher parses with this before storing. */
export const auditRecordSchema = z.object({
  id: z.uuid(),
  tenantId: SHORT,
  actor: z.object({ userId: SHORT, roles: z.array(SHORT) }),
  mutation: SHORT,
  entityType: SHORT,
  entityId: SHORT,
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  at: z.iso.datetime({ offset: true }),
});

export type AuditRecord = z.infer<typeof auditRecordSchema>;

/** What the audit log shows of a secret: whether it holds a value, never the value. */
export const SECRET_SET = 'set';
export const SECRET_NOT_SET = 'not set';

/**
 * The last line of defence: whatever a service's snapshot says, a sealed value (a credential encrypted by
 * @tidings/crypto) is never copied into the audit log, only "set". Services mask their own secret fields
 * first (they know which fields are secret, and show an unset one as "not set").
 */
export function maskSealed(value: unknown): unknown {
  if (typeof value === 'string') return isSealed(value) ? SECRET_SET : value;
  if (Array.isArray(value)) return value.map(maskSealed);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskSealed(inner)]));
  return value;
}

/** The record of one change, as it goes on the topic (pure: the id and time are given). */
export function auditRecord(cause: AuditCause, change: AuditChange, id: string, at: Date): AuditRecord {
  return {
    id,
    tenantId: cause.actor.tenantId,
    actor: { userId: cause.actor.userId, roles: cause.actor.roles },
    mutation: cause.mutation,
    entityType: change.entityType,
    entityId: change.entityId,
    before: maskSealed(change.before ?? null),
    after: maskSealed(change.after ?? null),
    at: at.toISOString(),
  };
}

/** Records an entity's changes in the transaction making them; keyed by entity so its records stay in order. */
export interface AuditLog {
  readonly topic: string;
  record(tx: Database, cause: AuditCause, changes: AuditChange[]): Promise<void>;
}

export function createAuditLog(options: { outbox: OutboxTable; topic?: string }): AuditLog {
  const topic = options.topic ?? AUDIT_TOPIC;
  return {
    topic,
    async record(tx, cause, changes) {
      const at = new Date();
      const messages: OutboxMessage[] = changes.map((change) => ({
        topic,
        key: `${cause.actor.tenantId}/${change.entityType}/${change.entityId}`,
        value: auditRecord(cause, change, randomUUID(), at),
      }));
      await enqueueOutbox(tx, options.outbox, messages);
    },
  };
}

/**
 * Creates the audit topic when missing (not compacted: every record is kept for its retention). A service
 * calls this before serving, so its outbox relay never meets a missing topic.
 */
export async function ensureAuditTopic(brokers: string[], topic: string = AUDIT_TOPIC): Promise<void> {
  await ensureTopics(createKafka({ brokers, clientId: 'tidings-audit-topic' }), [{ topic }]);
}
