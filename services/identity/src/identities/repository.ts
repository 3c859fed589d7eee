import type { AuditCause, AuditLog } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import {
  type IdentityOutcome,
  type IdentityPlatform,
  type IdentityState,
  identityStateKey,
  identityStateSchema,
  stateTopics,
} from '@tidings/state';
import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import {
  type IdentityOutcomeRow,
  identityOutcomes,
  outbox,
  type PlatformIdentityRow,
  platformIdentities,
  users,
} from '../db/schema.ts';
import type { Candidate } from './import.ts';

export function toIdentityState(row: PlatformIdentityRow): IdentityState {
  // Parsing is the contract check: a snapshot the dispatcher would reject never reaches the outbox.
  return identityStateSchema.parse({
    tenantId: row.tenantId,
    userId: row.userId,
    platform: row.platform,
    platformUserId: row.platformUserId,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
  });
}

export interface HandSetIdentity {
  userId: string;
  platform: IdentityPlatform;
  platformUserId: string;
  source: IdentityState['source'];
}

/** A person's id on one platform, as the audit log keeps it. */
function identityChange(
  key: { userId: string; platform: string },
  before: PlatformIdentityRow | null,
  after: PlatformIdentityRow | null,
) {
  const snapshot = (row: PlatformIdentityRow | null) =>
    row && {
      userId: row.userId,
      platform: row.platform,
      platformUserId: row.platformUserId,
      source: row.source,
    };
  return {
    entityType: 'PlatformIdentity',
    entityId: `${key.userId}/${key.platform}`,
    before: snapshot(before),
    after: snapshot(after),
  };
}

/**
 * One tenant's platform ids: hand-set and imported ones (written here, published to
 * `tidings.state.identities.v1` through the outbox) and the dispatcher's lookup outcomes (read-only here).
 */
export class IdentityRepository {
  readonly #db: Database;
  readonly #tenantId: string;
  readonly #published: () => void;
  readonly #audit: AuditLog;

  constructor(db: Database, tenantId: string, published: () => void, audit: AuditLog) {
    this.#db = db;
    this.#tenantId = tenantId;
    this.#published = published;
    this.#audit = audit;
  }

  async handSetByUser(userIds: string[]): Promise<Map<string, PlatformIdentityRow[]>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.#db
      .select()
      .from(platformIdentities)
      .where(
        and(eq(platformIdentities.tenantId, this.#tenantId), inArray(platformIdentities.userId, userIds)),
      );
    return groupByUser(rows);
  }

  async outcomesByUser(userIds: string[]): Promise<Map<string, IdentityOutcomeRow[]>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.#db
      .select()
      .from(identityOutcomes)
      .where(and(eq(identityOutcomes.tenantId, this.#tenantId), inArray(identityOutcomes.userId, userIds)));
    return groupByUser(rows);
  }

  /** People an imported member could be: by id, phone or (case-insensitive) email. */
  async candidates(match: { ids: string[]; phones: string[]; emails: string[] }): Promise<Candidate[]> {
    const conditions = [
      match.ids.length > 0 ? inArray(users.id, match.ids) : undefined,
      match.phones.length > 0 ? inArray(users.phone, match.phones) : undefined,
      match.emails.length > 0 ? inArray(sql`lower(${users.email})`, match.emails) : undefined,
    ].filter((condition) => condition !== undefined);
    if (conditions.length === 0) return [];
    return this.#db
      .select({ id: users.id, phone: users.phone, email: users.email })
      .from(users)
      .where(and(eq(users.tenantId, this.#tenantId), or(...conditions)));
  }

  /** Stores and publishes the ids, replacing any earlier one per person and platform, in one transaction. */
  async setHandSet(identities: HandSetIdentity[], cause: AuditCause): Promise<void> {
    if (identities.length === 0) return;
    await this.#db.transaction(async (tx) => {
      const now = new Date();
      const earlier = await tx
        .select()
        .from(platformIdentities)
        .where(
          and(
            eq(platformIdentities.tenantId, this.#tenantId),
            inArray(platformIdentities.userId, [...new Set(identities.map((identity) => identity.userId))]),
          ),
        )
        .for('update');
      const before = new Map(earlier.map((row) => [`${row.userId}/${row.platform}`, row]));
      const rows = await tx
        .insert(platformIdentities)
        .values(identities.map((identity) => ({ tenantId: this.#tenantId, ...identity, updatedAt: now })))
        .onConflictDoUpdate({
          target: [platformIdentities.tenantId, platformIdentities.userId, platformIdentities.platform],
          set: {
            platformUserId: sql`excluded.platform_user_id`,
            source: sql`excluded.source`,
            updatedAt: now,
          },
        })
        .returning();
      await enqueueOutbox(
        tx,
        outbox,
        rows.map((row) => {
          const state = toIdentityState(row);
          return { topic: stateTopics.identities, key: identityStateKey(state), value: state };
        }),
      );
      await this.#audit.record(
        tx,
        cause,
        rows.map((row) => identityChange(row, before.get(`${row.userId}/${row.platform}`) ?? null, row)),
      );
    });
    this.#published();
  }

  /** Removes a hand-set id and publishes its tombstone; false when there was none. */
  async clearHandSet(userId: string, platform: IdentityPlatform, cause: AuditCause): Promise<boolean> {
    const cleared = await this.#db.transaction(async (tx) => {
      const removed = await tx
        .delete(platformIdentities)
        .where(
          and(
            eq(platformIdentities.tenantId, this.#tenantId),
            eq(platformIdentities.userId, userId),
            eq(platformIdentities.platform, platform),
          ),
        )
        .returning();
      if (removed.length === 0) return false;
      const key = identityStateKey({ tenantId: this.#tenantId, userId, platform });
      await enqueueOutbox(tx, outbox, [{ topic: stateTopics.identities, key, value: null }]);
      await this.#audit.record(tx, cause, [identityChange({ userId, platform }, removed[0]!, null)]);
      return true;
    });
    if (cleared) this.#published();
    return cleared;
  }
}

function groupByUser<Row extends { userId: string }>(rows: Row[]): Map<string, Row[]> {
  const grouped = new Map<string, Row[]>();
  for (const row of rows) grouped.set(row.userId, [...(grouped.get(row.userId) ?? []), row]);
  return grouped;
}

/**
 * Keeps the latest outcome per person and channel: an older one (redelivered, or read back from the
 * start of the topic) never overwrites a newer one. Across tenants: the consumer is not a tenant's caller.
 */
export async function recordIdentityOutcome(db: Database, outcome: IdentityOutcome): Promise<void> {
  const values = {
    tenantId: outcome.tenantId,
    userId: outcome.userId,
    channelId: outcome.channelId,
    platform: outcome.platform,
    status: outcome.status,
    contact: outcome.contact,
    platformUserId: outcome.platformUserId,
    reason: outcome.reason,
    checkedAt: new Date(outcome.checkedAt),
  };
  await db
    .insert(identityOutcomes)
    .values(values)
    .onConflictDoUpdate({
      target: [identityOutcomes.tenantId, identityOutcomes.userId, identityOutcomes.channelId],
      set: {
        platform: values.platform,
        status: values.status,
        contact: values.contact,
        platformUserId: values.platformUserId,
        reason: values.reason,
        checkedAt: values.checkedAt,
      },
      setWhere: lte(identityOutcomes.checkedAt, values.checkedAt),
    });
}

/** A tombstone on the outcomes topic: the dispatcher forgot the outcome (its channel was deleted, say). */
export async function forgetIdentityOutcome(
  db: Database,
  key: { tenantId: string; userId: string; channelId: string },
): Promise<void> {
  await db
    .delete(identityOutcomes)
    .where(
      and(
        eq(identityOutcomes.tenantId, key.tenantId),
        eq(identityOutcomes.userId, key.userId),
        eq(identityOutcomes.channelId, key.channelId),
      ),
    );
}
