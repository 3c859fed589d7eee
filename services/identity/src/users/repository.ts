import type { AuditCause, AuditLog } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import type { Page } from '@tidings/graphql';
import { stateTopics, type UserState, userStateKey, userStateSchema } from '@tidings/state';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { outbox, type UserRow, users } from '../db/schema.ts';

export interface NewUser {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** Null: the tenant's default. */
  locale: string | null;
  /** Null: the tenant's default. */
  timeZone: string | null;
}

/** Fields to change; a missing key leaves the column as it is, null clears it. */
export type UserChanges = Partial<Omit<NewUser, 'id'>>;

export function toUserState(row: UserRow): UserState {
  // Parsing is the contract check: a snapshot the dispatcher would reject never reaches the outbox.
  return userStateSchema.parse({
    tenantId: row.tenantId,
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    timeZone: row.timeZone,
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** What the audit log keeps of a person (contact points are not secrets; nothing here is sealed). */
function userSnapshot(row: UserRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    timeZone: row.timeZone,
  };
}

/**
 * One tenant's users. Every write stores the row and its state snapshot (for `tidings.state.users.v1`) in
 * one transaction, then tells the outbox relay.
 */
export class UserRepository {
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

  async findById(id: string): Promise<UserRow | null> {
    const [row] = await this.#db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, this.#tenantId), eq(users.id, id)));
    return row ?? null;
  }

  async findByIds(ids: string[]): Promise<Map<string, UserRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.#db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, this.#tenantId), inArray(users.id, ids)));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Users ordered by id, `page.limit + 1` of them so the caller can tell whether there are more. */
  async list(page: Page<string>): Promise<UserRow[]> {
    return this.#db
      .select()
      .from(users)
      .where(
        page.after === null
          ? eq(users.tenantId, this.#tenantId)
          : and(eq(users.tenantId, this.#tenantId), gt(users.id, page.after)),
      )
      .orderBy(asc(users.id))
      .limit(page.limit + 1);
  }

  /** The new user, or null when this tenant already has a user with that id. */
  async create(user: NewUser, cause: AuditCause): Promise<UserRow | null> {
    const row = await this.#db.transaction(async (tx) => {
      const now = new Date();
      const [inserted] = await tx
        .insert(users)
        .values({ tenantId: this.#tenantId, ...user, createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning();
      if (!inserted) return null;
      await this.#publish(tx, inserted);
      await this.#audit.record(tx, cause, [
        { entityType: 'User', entityId: inserted.id, before: null, after: userSnapshot(inserted) },
      ]);
      return inserted;
    });
    if (row) this.#published();
    return row;
  }

  /** The updated user, or null when there is none with that id in this tenant. */
  async update(id: string, changes: UserChanges, cause: AuditCause): Promise<UserRow | null> {
    const row = await this.#db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(users)
        .where(and(eq(users.tenantId, this.#tenantId), eq(users.id, id)))
        .for('update');
      if (!before) return null;
      const [updated] = await tx
        .update(users)
        .set({ ...changes, updatedAt: new Date() })
        .where(and(eq(users.tenantId, this.#tenantId), eq(users.id, id)))
        .returning();
      if (!updated) return null;
      await this.#publish(tx, updated);
      await this.#audit.record(tx, cause, [
        { entityType: 'User', entityId: id, before: userSnapshot(before), after: userSnapshot(updated) },
      ]);
      return updated;
    });
    if (row) this.#published();
    return row;
  }

  async #publish(tx: Database, row: UserRow): Promise<void> {
    const state = toUserState(row);
    await enqueueOutbox(tx, outbox, [{ topic: stateTopics.users, key: userStateKey(state), value: state }]);
  }
}
