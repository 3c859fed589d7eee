import type { AuditCause, AuditLog } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import type { Page } from '@tidings/graphql';
import { type RuleState, ruleStateKey, ruleStateSchema, stateTopics } from '@tidings/state';
import { and, arrayContains, asc, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { outbox, type RuleRow, rules } from '../db/schema.ts';
import { isUuid } from '../values.ts';
import type { NewRule } from './validation.ts';

/** Rule ids are uuids; anything else names no rule (and must not reach a uuid column). */
export const isRuleId = isUuid;

export function toRuleState(row: RuleRow): RuleState {
  // Parsing is the contract check: a rule the dispatcher would reject never reaches the outbox.
  return ruleStateSchema.parse({
    tenantId: row.tenantId,
    id: row.id,
    name: row.name,
    projectIds: row.projectIds,
    eventTypes: row.eventTypes,
    roles: row.roles,
    userIds: row.userIds,
    channelIds: row.channelIds,
    serviceIds: row.serviceIds,
    statuses: row.statuses,
    steps: row.steps,
    templateId: row.templateId,
    mentionAll: row.mentionAll,
    excludeActor: row.excludeActor,
    enabled: row.enabled,
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** What the audit log keeps of a rule: the rule as stored, without tenant and timestamps (nothing is secret). */
function ruleSnapshot(row: RuleRow) {
  const { tenantId: _, createdAt: __, updatedAt: ___, ...rule } = row;
  return rule;
}

function ruleChange(before: RuleRow | null, after: RuleRow | null) {
  return {
    entityType: 'Rule',
    entityId: (after ?? before)!.id,
    before: before && ruleSnapshot(before),
    after: after && ruleSnapshot(after),
  };
}

/**
 * One tenant's rules. Every write stores the row and its state snapshot (for `tidings.state.rules.v1`;
 * a tombstone on delete) in one transaction, then tells the outbox relay.
 */
export class RuleRepository {
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

  async findByIds(ids: string[]): Promise<Map<string, RuleRow>> {
    const valid = ids.filter(isRuleId);
    if (valid.length === 0) return new Map();
    const rows = await this.#db
      .select()
      .from(rules)
      .where(and(eq(rules.tenantId, this.#tenantId), inArray(rules.id, valid)));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * Rules ordered by id, `page.limit + 1` of them; with `projectId`, only those that apply to that
   * project (listing it, or covering every project).
   */
  async list(projectId: string | null, page: Page<string>): Promise<RuleRow[]> {
    const conditions: SQL[] = [eq(rules.tenantId, this.#tenantId)];
    if (projectId !== null)
      conditions.push(or(isNull(rules.projectIds), arrayContains(rules.projectIds, [projectId]))!);
    if (page.after !== null) conditions.push(gt(rules.id, page.after));
    return this.#db
      .select()
      .from(rules)
      .where(and(...conditions))
      .orderBy(asc(rules.id))
      .limit(page.limit + 1);
  }

  async create(rule: NewRule, cause: AuditCause): Promise<RuleRow> {
    const row = await this.#db.transaction(async (tx) => {
      const now = new Date();
      const [inserted] = await tx
        .insert(rules)
        .values({ tenantId: this.#tenantId, ...rule, createdAt: now, updatedAt: now })
        .returning();
      await this.#publish(tx, inserted!);
      await this.#audit.record(tx, cause, [ruleChange(null, inserted!)]);
      return inserted!;
    });
    this.#published();
    return row;
  }

  /** Replaces every field of a rule; null when there is none with that id in this tenant. */
  async update(id: string, rule: NewRule, cause: AuditCause): Promise<RuleRow | null> {
    return this.#update(id, { ...rule }, cause);
  }

  /** The updated rule, or null when there is none with that id in this tenant. */
  async setEnabled(id: string, enabled: boolean, cause: AuditCause): Promise<RuleRow | null> {
    return this.#update(id, { enabled }, cause);
  }

  async #update(id: string, changes: Partial<NewRule>, cause: AuditCause): Promise<RuleRow | null> {
    if (!isRuleId(id)) return null;
    const row = await this.#db.transaction(async (tx) => {
      const [before] = await tx.select().from(rules).where(this.#byId(id)).for('update');
      if (!before) return null;
      const [updated] = await tx
        .update(rules)
        .set({ ...changes, updatedAt: new Date() })
        .where(this.#byId(id))
        .returning();
      if (!updated) return null;
      await this.#publish(tx, updated);
      await this.#audit.record(tx, cause, [ruleChange(before, updated)]);
      return updated;
    });
    if (row) this.#published();
    return row;
  }

  /** Whether a rule was deleted (and its tombstone queued). */
  async delete(id: string, cause: AuditCause): Promise<boolean> {
    if (!isRuleId(id)) return false;
    const deleted = await this.#db.transaction(async (tx) => {
      const [removed] = await tx.delete(rules).where(this.#byId(id)).returning();
      if (!removed) return false;
      await enqueueOutbox(tx, outbox, [
        { topic: stateTopics.rules, key: ruleStateKey(removed), value: null },
      ]);
      await this.#audit.record(tx, cause, [ruleChange(removed, null)]);
      return true;
    });
    if (deleted) this.#published();
    return deleted;
  }

  #byId(id: string) {
    return and(eq(rules.tenantId, this.#tenantId), eq(rules.id, id));
  }

  async #publish(tx: Database, row: RuleRow): Promise<void> {
    const state = toRuleState(row);
    await enqueueOutbox(tx, outbox, [{ topic: stateTopics.rules, key: ruleStateKey(state), value: state }]);
  }
}
