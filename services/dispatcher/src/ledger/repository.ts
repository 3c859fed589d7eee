import type { Database } from '@tidings/db';
import type { DeliveryOutcome } from '@tidings/providers';
import { eq, sql } from 'drizzle-orm';
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

/** What a single delivery's row keeps of its job: for a person's delivery, the job narrowed to them. */
export function jobOfDelivery(job: DeliveryJob, delivery: JobDelivery): DeliveryJob {
  return job.target === 'group' ? job : { ...job, recipientUserIds: delivery.recipientUserIds };
}

/** What an attempt led to, as the retry policy decided it. */
export interface AttemptStep {
  /** A retryable outcome: tried again at this time (else the retry budget is spent). */
  retryAt?: Date;
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
            ? 'retrying'
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
          nextAttemptAt: status === 'retrying' ? (step.retryAt ?? null) : null,
          digestId: null,
          job: status === 'failed' || status === 'dead' ? job : null,
        })
        .where(eq(deliveries.id, deliveryId));
    });
    return status;
  }
}
