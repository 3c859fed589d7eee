import type { AuditCause, AuditLog } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import type { Page } from '@tidings/graphql';
import { stateTopics, type TemplateState, templateStateKey, templateStateSchema } from '@tidings/state';
import { and, asc, eq, gt, inArray, isNotNull, type SQL } from 'drizzle-orm';
import { outbox, rules, type TemplateRow, templates } from '../db/schema.ts';
import { isUuid } from '../values.ts';
import type { NewTemplate } from './validation.ts';

export function toTemplateState(row: TemplateRow): TemplateState {
  // Parsing is the contract check: a template the dispatcher would reject never reaches the outbox.
  return templateStateSchema.parse({
    tenantId: row.tenantId,
    id: row.id,
    name: row.name,
    eventType: row.eventType,
    format: row.format,
    locale: row.locale,
    title: row.title,
    body: row.body,
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** What a write did: the row, or why it was refused. */
export type TemplateWrite =
  | { ok: true; row: TemplateRow }
  | { ok: false; reason: 'not-found' | 'duplicate-override' };

const UNIQUE_VIOLATION = '23505';

/** Postgres' SQLSTATE of a failed query, wherever the driver or drizzle put it. */
function sqlState(error: unknown): string | undefined {
  for (let cause = error; cause && typeof cause === 'object'; cause = (cause as { cause?: unknown }).cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** What the audit log keeps of a template (nothing in it is secret). */
function templateSnapshot(row: TemplateRow) {
  const { tenantId: _, createdAt: __, updatedAt: ___, ...template } = row;
  return template;
}

function templateChange(before: TemplateRow | null, after: TemplateRow | null) {
  return {
    entityType: 'Template',
    entityId: (after ?? before)!.id,
    before: before && templateSnapshot(before),
    after: after && templateSnapshot(after),
  };
}

/**
 * One tenant's templates. Every write stores the row and its state snapshot (for
 * `tidings.state.templates.v1`; a tombstone on delete) in one transaction, then tells the outbox relay.
 */
export class TemplateRepository {
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

  async findByIds(ids: string[]): Promise<Map<string, TemplateRow>> {
    const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
    if (valid.length === 0) return new Map();
    const rows = await this.#db
      .select()
      .from(templates)
      .where(and(eq(templates.tenantId, this.#tenantId), inArray(templates.id, valid)));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Templates ordered by id, `page.limit + 1` of them. */
  async list(page: Page<string>): Promise<TemplateRow[]> {
    const conditions: SQL[] = [eq(templates.tenantId, this.#tenantId)];
    if (page.after !== null) conditions.push(gt(templates.id, page.after));
    return this.#db
      .select()
      .from(templates)
      .where(and(...conditions))
      .orderBy(asc(templates.id))
      .limit(page.limit + 1);
  }

  /** The tenant's overrides (templates with an event type): what a message without a rule template uses. */
  async overrides(): Promise<TemplateRow[]> {
    return this.#db
      .select()
      .from(templates)
      .where(and(eq(templates.tenantId, this.#tenantId), isNotNull(templates.eventType)));
  }

  async create(template: NewTemplate, cause: AuditCause): Promise<TemplateWrite> {
    return this.#write(cause, async (tx) => {
      const now = new Date();
      const [inserted] = await tx
        .insert(templates)
        .values({ tenantId: this.#tenantId, ...template, createdAt: now, updatedAt: now })
        .returning();
      return inserted ? { before: null, after: inserted } : null;
    });
  }

  async update(id: string, template: NewTemplate, cause: AuditCause): Promise<TemplateWrite> {
    if (!isUuid(id)) return { ok: false, reason: 'not-found' };
    return this.#write(cause, async (tx) => {
      const [before] = await tx.select().from(templates).where(this.#byId(id)).for('update');
      if (!before) return null;
      const [updated] = await tx
        .update(templates)
        .set({ ...template, updatedAt: new Date() })
        .where(this.#byId(id))
        .returning();
      return updated ? { before, after: updated } : null;
    });
  }

  /** Deletes a template no rule uses; a tombstone goes to the state topic. */
  async delete(id: string, cause: AuditCause): Promise<'deleted' | 'not-found' | 'in-use'> {
    if (!isUuid(id)) return 'not-found';
    const outcome = await this.#db.transaction(async (tx) => {
      const [user] = await tx
        .select({ id: rules.id })
        .from(rules)
        .where(and(eq(rules.tenantId, this.#tenantId), eq(rules.templateId, id.toLowerCase())))
        .limit(1);
      if (user) return 'in-use' as const;
      const [removed] = await tx.delete(templates).where(this.#byId(id)).returning();
      if (!removed) return 'not-found' as const;
      await enqueueOutbox(tx, outbox, [
        { topic: stateTopics.templates, key: templateStateKey(removed), value: null },
      ]);
      await this.#audit.record(tx, cause, [templateChange(removed, null)]);
      return 'deleted' as const;
    });
    if (outcome === 'deleted') this.#published();
    return outcome;
  }

  async #write(
    cause: AuditCause,
    change: (tx: Database) => Promise<{ before: TemplateRow | null; after: TemplateRow } | null>,
  ): Promise<TemplateWrite> {
    let row: TemplateRow | null;
    try {
      row = await this.#db.transaction(async (tx) => {
        const written = await change(tx);
        if (!written) return null;
        const state = toTemplateState(written.after);
        await enqueueOutbox(tx, outbox, [
          { topic: stateTopics.templates, key: templateStateKey(state), value: state },
        ]);
        await this.#audit.record(tx, cause, [templateChange(written.before, written.after)]);
        return written.after;
      });
    } catch (error) {
      // The only unique index besides the id is one override per (event type, format, locale).
      if (sqlState(error) === UNIQUE_VIOLATION) return { ok: false, reason: 'duplicate-override' };
      throw error;
    }
    if (!row) return { ok: false, reason: 'not-found' };
    this.#published();
    return { ok: true, row };
  }

  #byId(id: string) {
    return and(eq(templates.tenantId, this.#tenantId), eq(templates.id, id.toLowerCase()));
  }
}
