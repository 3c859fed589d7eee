import type { Database } from '@tidings/db';
import type { DeliveryOutcome } from '@tidings/providers';
import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
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

export class DeliveryLedger {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /**
   * Marks a delivery (the job's own, or one person's of a per-person job) as being sent and says whether
   * to send it. A delivery already delivered, failed or dead is
   * not sent again (a duplicate job, or a re-read after a crash). One left in `sending` by a crash, or waiting in `retrying`, is sent
   * again, under the same provider idempotency key where the platform has one.
   */
  async claim(job: DeliveryJob, delivery: JobDelivery = ownDelivery(job)): Promise<ClaimResult> {
    const [row] = await this.db
      .insert(deliveries)
      .values({
        id: delivery.id,
        tenantId: job.tenantId,
        eventId: job.eventId,
        eventType: job.eventType,
        projectId: job.projectId,
        ticketId: job.ticketId,
        channelId: job.channelId,
        channelKind: job.channelKind,
        credentialId: job.credentialId,
        target: delivery.target,
        recipientUserIds: delivery.recipientUserIds,
        status: 'sending',
        attempts: 1,
      })
      .onConflictDoUpdate({
        target: deliveries.id,
        set: { attempts: sql`${deliveries.attempts} + 1`, updatedAt: sql`now()` },
        setWhere: sql`${deliveries.status} in ('sending', 'retrying')`,
      })
      .returning({ attempts: deliveries.attempts, retryFromAttempt: deliveries.retryFromAttempt });
    if (row) return { send: true, attempt: row.attempts, budgetAttempt: row.attempts - row.retryFromAttempt };
    const [existing] = await this.db
      .select({ status: deliveries.status })
      .from(deliveries)
      .where(eq(deliveries.id, delivery.id));
    return { send: false, status: existing?.status ?? 'delivered' };
  }

  /**
   * Records the attempt and the delivery's resulting status in one transaction. A delivery that failed for
   * good keeps its job, so it can be replayed.
   */
  async record(
    deliveryId: string,
    attempt: { number: number; startedAt: Date; durationMs: number; outcome: DeliveryOutcome },
    step: AttemptStep,
    job: DeliveryJob,
  ): Promise<DeliveryStatus> {
    const { outcome } = attempt;
    const status: DeliveryStatus =
      outcome.kind === 'delivered'
        ? 'delivered'
        : outcome.kind === 'permanent'
          ? 'failed'
          : step.retryAt
            ? step.waitInQueue
              ? 'queued'
              : 'retrying'
            : 'dead';
    const code = outcome.kind === 'delivered' ? null : outcome.code;
    const reason = outcome.kind === 'delivered' ? null : outcome.reason;
    const providerMessageId = outcome.kind === 'delivered' ? (outcome.providerMessageId ?? null) : null;
    await this.db.transaction(async (tx) => {
      await tx.insert(deliveryAttempts).values({
        deliveryId,
        attempt: attempt.number,
        outcome: outcome.kind,
        code,
        reason,
        httpStatus: outcome.httpStatus ?? null,
        providerMessageId,
        durationMs: Math.round(attempt.durationMs),
        startedAt: attempt.startedAt,
      });
      await tx
        .update(deliveries)
        .set({
          status,
          lastCode: code,
          lastReason: reason,
          providerMessageId,
          updatedAt: sql`now()`,
          deliveredAt: status === 'delivered' ? sql`now()` : null,
          nextAttemptAt: status === 'retrying' || status === 'queued' ? (step.retryAt ?? null) : null,
          // Queued: the digest sends it from here. Failed or dead: a replay sends it again.
          job: status === 'failed' || status === 'dead' || status === 'queued' ? job : null,
        })
        .where(eq(deliveries.id, deliveryId));
    });
    return status;
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
        id: job.deliveryId,
        tenantId: job.tenantId,
        eventId: job.eventId,
        eventType: job.eventType,
        projectId: job.projectId,
        ticketId: job.ticketId,
        channelId: job.channelId,
        channelKind: job.channelKind,
        credentialId: job.credentialId,
        target: job.target,
        recipientUserIds: job.recipientUserIds,
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
