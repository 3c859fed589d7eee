import type { AuditCause, AuditChange, AuditLog } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import type { Page } from '@tidings/graphql';
import {
  type ChannelConfig,
  type ChannelKind,
  type ChannelState,
  channelStateKey,
  channelStateSchema,
  projectChannelStateKey,
  stateTopics,
} from '@tidings/state';
import { and, arrayContains, asc, eq, gt, inArray } from 'drizzle-orm';
import { type ChannelRow, channels, notificationServices, outbox, projectChannels } from '../db/schema.ts';
import {
  notificationServiceMessage,
  notificationServiceSnapshot,
} from '../notification-services/repository.ts';
import { auditedSettings } from './credential-fields.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Channel ids are uuids; anything else names no channel (and must not reach a uuid column). */
export function isChannelId(value: string): boolean {
  return UUID.test(value);
}

export interface NewChannel {
  name: string;
  description: string | null;
  kind: ChannelKind;
  /** Credentials already sealed. */
  config: ChannelConfig;
  webhookUrlMasked: string | null;
}

export function toChannelState(row: ChannelRow): ChannelState {
  // Parsing is the contract check, including that every credential is sealed.
  return channelStateSchema.parse({
    tenantId: row.tenantId,
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    config: row.config,
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** What the audit log keeps of a channel: its credentials only as "set"/"not set". */
export function channelSnapshot(row: ChannelRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    enabled: row.enabled,
    settings: auditedSettings(row.config, row.webhookUrlMasked),
  };
}

export function channelChange(before: ChannelRow | null, after: ChannelRow | null): AuditChange {
  return {
    entityType: 'Channel',
    entityId: (after ?? before)!.id,
    before: before && channelSnapshot(before),
    after: after && channelSnapshot(after),
  };
}

/** A project's connection to a channel (the project id ALL_PROJECTS is "every project"). */
export function projectChannelChange(
  projectId: string,
  channelId: string,
  before: boolean,
  after: boolean,
): AuditChange {
  return {
    entityType: 'ProjectChannel',
    entityId: `${projectId}/${channelId}`,
    before: before ? { projectId, channelId, connected: true } : null,
    after: after ? { projectId, channelId, connected: true } : null,
  };
}

/**
 * One tenant's channels. Every write stores the row and its state snapshot (for
 * `tidings.state.channels.v1`) in one transaction, then tells the outbox relay.
 */
export class ChannelRepository {
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

  async findByIds(ids: string[]): Promise<Map<string, ChannelRow>> {
    const valid = ids.filter(isChannelId);
    if (valid.length === 0) return new Map();
    const rows = await this.#db
      .select()
      .from(channels)
      .where(and(eq(channels.tenantId, this.#tenantId), inArray(channels.id, valid)));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Channels ordered by id, `page.limit + 1` of them. */
  async list(page: Page<string>): Promise<ChannelRow[]> {
    const tenant = eq(channels.tenantId, this.#tenantId);
    return this.#db
      .select()
      .from(channels)
      .where(page.after === null ? tenant : and(tenant, gt(channels.id, page.after)))
      .orderBy(asc(channels.id))
      .limit(page.limit + 1);
  }

  async create(channel: NewChannel, cause: AuditCause): Promise<ChannelRow> {
    const row = await this.#db.transaction(async (tx) => {
      const now = new Date();
      const [inserted] = await tx
        .insert(channels)
        .values({ tenantId: this.#tenantId, ...channel, createdAt: now, updatedAt: now })
        .returning();
      const state = toChannelState(inserted!);
      await enqueueOutbox(tx, outbox, [
        { topic: stateTopics.channels, key: channelStateKey(state), value: state },
      ]);
      await this.#audit.record(tx, cause, [channelChange(null, inserted!)]);
      return inserted!;
    });
    this.#published();
    return row;
  }

  /** Idempotent: null when the tenant has no such channel; publishes only a change. */
  async setEnabled(id: string, enabled: boolean, cause: AuditCause): Promise<ChannelRow | null> {
    if (!isChannelId(id)) return null;
    const { row, changed } = await this.#db.transaction(async (tx) => {
      const [existing] = await tx.select().from(channels).where(this.#one(id)).for('update');
      if (!existing || existing.enabled === enabled) return { row: existing ?? null, changed: false };
      const [updated] = await tx
        .update(channels)
        .set({ enabled, updatedAt: new Date() })
        .where(this.#one(id))
        .returning();
      const state = toChannelState(updated!);
      await enqueueOutbox(tx, outbox, [
        { topic: stateTopics.channels, key: channelStateKey(state), value: state },
      ]);
      await this.#audit.record(tx, cause, [channelChange(existing, updated!)]);
      return { row: updated!, changed: true };
    });
    if (changed) this.#published();
    return row;
  }

  /**
   * Deletes the channel, its project connections and its place in every notification service, in one
   * transaction that publishes each: a tombstone per connection and for the channel, and each changed
   * service's new snapshot, so the dispatcher never holds a link to a channel that is gone.
   */
  async delete(id: string, cause: AuditCause): Promise<boolean> {
    if (!isChannelId(id)) return false;
    const deleted = await this.#db.transaction(async (tx) => {
      const [existing] = await tx.select().from(channels).where(this.#one(id)).for('update');
      if (!existing) return false;
      const links = await tx
        .delete(projectChannels)
        .where(and(eq(projectChannels.tenantId, this.#tenantId), eq(projectChannels.channelId, id)))
        .returning();
      const services = await tx
        .select()
        .from(notificationServices)
        .where(
          and(
            eq(notificationServices.tenantId, this.#tenantId),
            arrayContains(notificationServices.channelIds, [id]),
          ),
        )
        .for('update');
      const now = new Date();
      const changedServices = [];
      const serviceChanges: AuditChange[] = [];
      for (const service of services) {
        const [updated] = await tx
          .update(notificationServices)
          .set({ channelIds: service.channelIds.filter((channelId) => channelId !== id), updatedAt: now })
          .where(eq(notificationServices.id, service.id))
          .returning();
        changedServices.push(updated!);
        serviceChanges.push({
          entityType: 'NotificationService',
          entityId: service.id,
          before: notificationServiceSnapshot(service),
          after: notificationServiceSnapshot(updated!),
        });
      }
      await tx.delete(channels).where(this.#one(id));
      await enqueueOutbox(tx, outbox, [
        ...links.map((link) => ({
          topic: stateTopics.projectChannels,
          key: projectChannelStateKey(link),
          value: null,
        })),
        ...changedServices.map(notificationServiceMessage),
        { topic: stateTopics.channels, key: channelStateKey({ id }), value: null },
      ]);
      await this.#audit.record(tx, cause, [
        channelChange(existing, null),
        ...links.map((link) => projectChannelChange(link.projectId, link.channelId, true, false)),
        ...serviceChanges,
      ]);
      return true;
    });
    if (deleted) this.#published();
    return deleted;
  }

  #one(id: string) {
    return and(eq(channels.tenantId, this.#tenantId), eq(channels.id, id));
  }
}
