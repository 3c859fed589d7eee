import { type Database, executedRows } from '@tidings/db';
import type { DeliveryOutcome } from '@tidings/providers';
import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { coalesce } from '../coalesce.ts';
import type { DeliveryJob } from '../jobs.ts';
import { type DeliveryStatus, deliveries, deliveryAttempts } from './schema.ts';

export type ClaimResult =
  | {
      send: true;
      /** The attempt's number over the delivery's whole life (the attempt history's numbering). */
      attempt: number;
      /** Its number within the current retry budget: a replay starts a fresh budget. */
      budgetAttempt: number;
    }
  | { send: false; status: DeliveryStatus };

/** One delivery of a job: the job's own (group), or one person's of a per-person job. */
export interface JobDelivery {
  id: string;
  target: string;
  recipientUserIds: string[];
}

/** One job's deliveries to claim. */
interface ClaimRequest {
  job: DeliveryJob;
  batch: readonly JobDelivery[];
}

/** One attempt to record: which delivery, when and how long, what the platform said and what follows. */
export interface RecordedAttempt {
  deliveryId: string;
  /** The attempt's number over the delivery's whole life. */
  number: number;
  startedAt: Date;
  durationMs: number;
  outcome: DeliveryOutcome;
  step: AttemptStep;
  /** The delivery's own job (narrowed to its person): kept in the ledger when it may be sent from there. */
  job: DeliveryJob;
}

export const ownDelivery = (job: DeliveryJob): JobDelivery => ({
  id: job.deliveryId,
  target: job.target,
  recipientUserIds: job.recipientUserIds,
});

/** What an attempt led to, as the retry policy decided it. */
export interface AttemptStep {
  /** A retryable outcome: tried again at this time (else the retry budget is spent). */
  retryAt?: Date;
  /** The retry waits in its credential's digest queue (it was part of a digest), not on the retry topic. */
  waitInQueue?: boolean;
}

/** A delivery taken from a digest queue to be sent: its job and the attempt this is. */
export interface QueuedDelivery {
  id: string;
  job: DeliveryJob;
  attempt: number;
  budgetAttempt: number;
}

/** Rows and statements a claim or a record may carry: well under PostgreSQL's parameter and size limits. */
const MAX_ROWS_PER_STATEMENT = 1_000;

export class DeliveryLedger {
  private readonly db: Database;
  /** Concurrent claims (the sender's lanes) share one statement while another is out: see `coalesce`. */
  private readonly claimTogether: (request: ClaimRequest) => Promise<ClaimResult[]>;
  private readonly recordTogether: (attempts: readonly RecordedAttempt[]) => Promise<DeliveryStatus[]>;

  constructor(db: Database) {
    this.db = db;
    this.claimTogether = coalesce({
      run: (requests) => this.claimAll(requests),
      sizeOf: (request) => request.batch.length,
      maxSize: MAX_ROWS_PER_STATEMENT,
    });
    this.recordTogether = coalesce({
      run: (requests) => this.recordAll(requests),
      sizeOf: (attempts) => attempts.length,
      maxSize: MAX_ROWS_PER_STATEMENT,
    });
  }

  /**
   * Marks deliveries of one job (the job's own, or some people's of a per-person job) as being sent and says,
   * for each in order, whether to send it. A delivery already delivered, failed or dead is not sent again (a
   * duplicate job, or a re-read after a crash); nor is one another caller is claiming at the same moment. One
   * left in `sending` by a crash, or waiting in `retrying`, is sent again, under the same provider
   * idempotency key where the platform has one.
   */
  claim(job: DeliveryJob, batch: readonly JobDelivery[]): Promise<ClaimResult[]> {
    return batch.length === 0 ? Promise.resolve([]) : this.claimTogether({ job, batch });
  }

  /**
   * Records attempts and each delivery's resulting status, in order; all or none of them. A delivery that
   * failed for good keeps its job, so it can be replayed; a queued one keeps it for the digest that sends it.
   */
  record(attempts: readonly RecordedAttempt[]): Promise<DeliveryStatus[]> {
    return attempts.length === 0 ? Promise.resolve([]) : this.recordTogether(attempts);
  }

  /** Claims for several jobs as one statement; the deliveries of each request come back in its order. */
  private async claimAll(requests: readonly ClaimRequest[]): Promise<ClaimResult[][]> {
    const seen = new Set<string>();
    const rows = requests.flatMap(({ job, batch }) =>
      batch.flatMap((delivery) => {
        // The first claim of a delivery id wins; a second in the same statement would fail it.
        if (seen.has(delivery.id)) return [];
        seen.add(delivery.id);
        return [identifyingColumns(job, delivery)];
      }),
    );
    // The rows travel as one JSON parameter: one round trip, and no statement text that grows with them.
    const claimed = executedRows<{ id: string; attempts: number; retry_from_attempt: number }>(
      await this.db.execute(sql`
        insert into ${deliveries} as d (id, tenant_id, event_id, event_type, project_id, ticket_id, channel_id,
          channel_kind, credential_id, target, recipient_user_ids, status, attempts)
        select c.id, c."tenantId", c."eventId", c."eventType", c."projectId", c."ticketId", c."channelId",
          c."channelKind", c."credentialId", c.target, c."recipientUserIds", 'sending', 1
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(id text, target text,
          "recipientUserIds" jsonb, "tenantId" text, "eventId" text, "eventType" text, "projectId" text,
          "ticketId" text, "channelId" text, "channelKind" text, "credentialId" text)
        -- Rows are locked in id order, so two senders claiming overlapping people cannot deadlock.
        order by c.id
        on conflict (id) do update set attempts = d.attempts + 1, updated_at = now()
          where d.status in ('sending', 'retrying')
        returning id, attempts, retry_from_attempt`),
    );
    const byId = new Map(claimed.map((row) => [row.id, row]));
    const skipped = [...seen].filter((id) => !byId.has(id));
    const statuses =
      skipped.length === 0
        ? new Map<string, DeliveryStatus>()
        : new Map(
            (
              await this.db
                .select({ id: deliveries.id, status: deliveries.status })
                .from(deliveries)
                .where(inArray(deliveries.id, skipped))
            ).map((row) => [row.id, row.status]),
          );
    const given = new Set<string>();
    return requests.map(({ batch }) =>
      batch.map((delivery): ClaimResult => {
        const row = byId.get(delivery.id);
        if (row && !given.has(delivery.id)) {
          given.add(delivery.id);
          return { send: true, attempt: row.attempts, budgetAttempt: row.attempts - row.retry_from_attempt };
        }
        // Claimed by another caller of this statement: being sent now, by them.
        return { send: false, status: row ? 'sending' : (statuses.get(delivery.id) ?? 'delivered') };
      }),
    );
  }

  /** Records several callers' attempts as one statement; each caller's statuses come back in its order. */
  private async recordAll(requests: ReadonlyArray<readonly RecordedAttempt[]>): Promise<DeliveryStatus[][]> {
    const rows = requests.flat().map(({ deliveryId, number, startedAt, durationMs, outcome, step, job }) => {
      const status = statusAfter(outcome, step);
      const delivered = outcome.kind === 'delivered';
      return {
        delivery_id: deliveryId,
        attempt: number,
        outcome: outcome.kind,
        status,
        code: delivered ? null : outcome.code,
        reason: delivered ? null : outcome.reason,
        http_status: outcome.httpStatus ?? null,
        provider_message_id: delivered ? (outcome.providerMessageId ?? null) : null,
        duration_ms: Math.round(durationMs),
        started_at: startedAt.toISOString(),
        next_attempt_at:
          status === 'retrying' || status === 'queued' ? (step.retryAt?.toISOString() ?? null) : null,
        // Queued: the digest sends it from here. Failed or dead: a replay sends it again.
        job: status === 'failed' || status === 'dead' || status === 'queued' ? job : null,
      };
    });
    // One statement, so every attempt and status in it is recorded, or none.
    await this.db.execute(sql`
      with recorded as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          delivery_id text, attempt integer, outcome text, status text, code text, reason text,
          http_status integer, provider_message_id text, duration_ms integer, started_at timestamptz,
          next_attempt_at timestamptz, job jsonb)
      ), attempt_rows as (
        insert into ${deliveryAttempts} (delivery_id, attempt, outcome, code, reason, http_status,
          provider_message_id, duration_ms, started_at)
        select delivery_id, attempt, outcome, code, reason, http_status, provider_message_id, duration_ms,
          started_at
        from recorded
      )
      update ${deliveries} as d set
        status = recorded.status,
        last_code = recorded.code,
        last_reason = recorded.reason,
        provider_message_id = recorded.provider_message_id,
        updated_at = now(),
        delivered_at = case when recorded.status = 'delivered' then now() end,
        next_attempt_at = recorded.next_attempt_at,
        job = recorded.job
      from recorded
      where d.id = recorded.delivery_id`);
    let next = 0;
    return requests.map((attempts) => attempts.map(() => rows[next++]!.status));
  }

  /**
   * Puts a group delivery in its credential's digest queue, due at `dueAt`, unless it is already past that
   * (delivered, failed, dead, or being sent in a digest). A retry of it moves back to the queue. Says whether
   * it waits in the queue now.
   */
  async enqueue(job: DeliveryJob, dueAt: Date): Promise<boolean> {
    const [row] = await this.db
      .insert(deliveries)
      .values({
        ...identifyingColumns(job, ownDelivery(job)),
        status: 'queued',
        job,
        nextAttemptAt: dueAt,
      })
      .onConflictDoUpdate({
        target: deliveries.id,
        set: { status: 'queued', job, nextAttemptAt: dueAt, updatedAt: sql`now()` },
        setWhere: sql`${deliveries.status} in ('sending', 'retrying', 'queued')`,
      })
      .returning({ id: deliveries.id });
    return row !== undefined;
  }

  /** Credentials of these kinds with deliveries waiting, and when the first is due. */
  async queuedCredentials(
    kinds: readonly string[],
  ): Promise<Array<{ credentialId: string; kind: string; dueAt: Date }>> {
    if (kinds.length === 0) return [];
    const rows = await this.db
      .select({
        credentialId: deliveries.credentialId,
        kind: deliveries.channelKind,
        dueAt: sql<string>`min(${deliveries.nextAttemptAt})`,
      })
      .from(deliveries)
      .where(and(eq(deliveries.status, 'queued'), inArray(deliveries.channelKind, [...kinds])))
      .groupBy(deliveries.credentialId, deliveries.channelKind);
    return rows.flatMap((row) =>
      row.credentialId
        ? [{ credentialId: row.credentialId, kind: row.kind, dueAt: new Date(row.dueAt ?? Date.now()) }]
        : [],
    );
  }

  /** The deliveries waiting for a credential that are due, oldest first. */
  async dueQueued(
    credentialId: string,
    now: Date,
    limit: number,
  ): Promise<Array<{ id: string; job: DeliveryJob }>> {
    const rows = await this.db
      .select({ id: deliveries.id, job: deliveries.job })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.credentialId, credentialId),
          eq(deliveries.status, 'queued'),
          lte(deliveries.nextAttemptAt, now),
        ),
      )
      .orderBy(asc(deliveries.createdAt), asc(deliveries.id))
      .limit(limit);
    return rows.flatMap((row) => (row.job ? [{ id: row.id, job: row.job }] : []));
  }

  /** When the next delivery waiting for a credential is due; null when none waits. */
  async nextQueuedAt(credentialId: string): Promise<Date | null> {
    const [row] = await this.db
      .select({ dueAt: sql<string | null>`min(${deliveries.nextAttemptAt})` })
      .from(deliveries)
      .where(and(eq(deliveries.credentialId, credentialId), eq(deliveries.status, 'queued')));
    return row?.dueAt ? new Date(row.dueAt) : null;
  }

  /**
   * Takes queued deliveries into a digest about to be sent: each counts an attempt and carries the digest id,
   * so a crash before the outcome is recorded re-sends the same digest under the same idempotency key.
   * Only rows still queued are taken (another sender may have taken some).
   */
  async claimDigest(ids: readonly string[], digestId: string): Promise<QueuedDelivery[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .update(deliveries)
      .set({
        status: 'digesting',
        digestId,
        attempts: sql`${deliveries.attempts} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(inArray(deliveries.id, [...ids]), eq(deliveries.status, 'queued')))
      .returning({
        id: deliveries.id,
        job: deliveries.job,
        attempts: deliveries.attempts,
        retryFromAttempt: deliveries.retryFromAttempt,
      });
    return toQueued(rows, ids);
  }

  /**
   * Digests left unfinished (their sender crashed, or a rebalance moved the credential) for longer than a
   * send can take: taken for re-sending, under the same digest id. Taking them bumps their time, so two
   * senders sweeping at once do not both re-send.
   */
  async takeStaleDigests(
    kinds: readonly string[],
    olderThan: Date,
  ): Promise<Array<{ digestId: string; credentialId: string; kind: string; deliveries: QueuedDelivery[] }>> {
    if (kinds.length === 0) return [];
    const rows = await this.db
      .update(deliveries)
      .set({ updatedAt: sql`now()` })
      .where(
        and(
          eq(deliveries.status, 'digesting'),
          inArray(deliveries.channelKind, [...kinds]),
          lt(deliveries.updatedAt, olderThan),
        ),
      )
      .returning({
        id: deliveries.id,
        job: deliveries.job,
        attempts: deliveries.attempts,
        retryFromAttempt: deliveries.retryFromAttempt,
        digestId: deliveries.digestId,
        credentialId: deliveries.credentialId,
        kind: deliveries.channelKind,
        createdAt: deliveries.createdAt,
      });
    const digests = new Map<
      string,
      { digestId: string; credentialId: string; kind: string; rows: typeof rows }
    >();
    for (const row of rows) {
      if (!row.digestId || !row.credentialId) continue;
      const digest = digests.get(row.digestId) ?? {
        digestId: row.digestId,
        credentialId: row.credentialId,
        kind: row.kind,
        rows: [],
      };
      digest.rows.push(row);
      digests.set(row.digestId, digest);
    }
    return [...digests.values()].map(({ rows: digestRows, ...digest }) => {
      // In queue order, as the digest was first sent.
      const ordered = [...digestRows].sort(
        (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
      );
      return {
        ...digest,
        deliveries: toQueued(
          ordered,
          ordered.map((row) => row.id),
        ),
      };
    });
  }
}

/** What a ledger row says of its delivery from the start: whose, which event and channel, to whom. */
function identifyingColumns(job: DeliveryJob, delivery: JobDelivery) {
  return {
    id: delivery.id,
    target: delivery.target,
    recipientUserIds: delivery.recipientUserIds,
    tenantId: job.tenantId,
    eventId: job.eventId,
    eventType: job.eventType,
    projectId: job.projectId,
    ticketId: job.ticketId,
    channelId: job.channelId,
    channelKind: job.channelKind,
    credentialId: job.credentialId,
  };
}

/** The status an attempt leaves its delivery in. */
function statusAfter(outcome: DeliveryOutcome, step: AttemptStep): DeliveryStatus {
  if (outcome.kind === 'delivered') return 'delivered';
  if (outcome.kind === 'permanent') return 'failed';
  if (!step.retryAt) return 'dead';
  return step.waitInQueue ? 'queued' : 'retrying';
}

/** Rows in the order of `ids`, as deliveries to send (rows without a job cannot be sent and are left out). */
function toQueued(
  rows: Array<{ id: string; job: DeliveryJob | null; attempts: number; retryFromAttempt: number }>,
  ids: readonly string[],
): QueuedDelivery[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row?.job
      ? [{ id, job: row.job, attempt: row.attempts, budgetAttempt: row.attempts - row.retryFromAttempt }]
      : [];
  });
}
