import type { AuditCause, AuditLog } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import type { Page } from '@tidings/graphql';
import {
  ALL_PROJECTS,
  type ProjectChannelState,
  projectChannelStateKey,
  projectChannelStateSchema,
  stateTopics,
} from '@tidings/state';
import { and, asc, eq, gt, inArray, ne } from 'drizzle-orm';
import { isChannelId, projectChannelChange } from '../channels/repository.ts';
import { type ChannelRow, channels, outbox, type ProjectChannelRow, projectChannels } from '../db/schema.ts';

export type ConnectResult =
  | { kind: 'connected' | 'already-connected'; link: ProjectChannelRow }
  | { kind: 'no-channel' };

function toProjectChannelState(row: ProjectChannelRow): ProjectChannelState {
  return projectChannelStateSchema.parse({
    tenantId: row.tenantId,
    projectId: row.projectId,
    channelId: row.channelId,
    connectedAt: row.connectedAt.toISOString(),
  });
}

const linkMessage = (row: ProjectChannelRow) => {
  const state = toProjectChannelState(row);
  return { topic: stateTopics.projectChannels, key: projectChannelStateKey(state), value: state };
};

const tombstone = (link: { tenantId: string; projectId: string; channelId: string }) => ({
  topic: stateTopics.projectChannels,
  key: projectChannelStateKey(link),
  value: null,
});

/**
 * One tenant's project ↔ channel connections, published to `tidings.state.project-channels.v1` (a
 * tombstone when a connection is removed). The projectId ALL_PROJECTS is a tenant admin's "connect all":
 * every project of the tenant, present and future.
 */
export class ProjectChannelRepository {
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

  /** Idempotent: connecting twice keeps the first connection (and publishes nothing new). */
  async connect(projectId: string, channelId: string, cause: AuditCause): Promise<ConnectResult> {
    const result = await this.connectMany([projectId], channelId, cause);
    if (result === null) return { kind: 'no-channel' };
    const [link] = result;
    return { kind: link!.created ? 'connected' : 'already-connected', link: link!.row };
  }

  /**
   * Connects each project to the channel in one transaction, publishing the new connections only; null
   * when the tenant has no such channel.
   */
  async connectMany(
    projectIds: readonly string[],
    channelId: string,
    cause: AuditCause,
  ): Promise<Array<{ row: ProjectChannelRow; created: boolean }> | null> {
    if (!isChannelId(channelId)) return null;
    const result = await this.#db.transaction(async (tx) => {
      if (!(await this.#lockChannel(tx, channelId))) return null;
      const links: Array<{ row: ProjectChannelRow; created: boolean }> = [];
      for (const projectId of projectIds) {
        const [inserted] = await tx
          .insert(projectChannels)
          .values({ tenantId: this.#tenantId, projectId, channelId })
          .onConflictDoNothing()
          .returning();
        if (inserted) {
          links.push({ row: inserted, created: true });
          continue;
        }
        const [existing] = await tx.select().from(projectChannels).where(this.#link(projectId, channelId));
        links.push({ row: existing!, created: false });
      }
      const created = links.filter((link) => link.created);
      if (created.length > 0)
        await enqueueOutbox(
          tx,
          outbox,
          created.map((link) => linkMessage(link.row)),
        );
      await this.#audit.record(
        tx,
        cause,
        created.map((link) => projectChannelChange(link.row.projectId, channelId, false, true)),
      );
      return links;
    });
    if (result?.some((link) => link.created)) this.#published();
    return result;
  }

  /** Idempotent; returns whether a connection was removed (and a tombstone published). */
  async disconnect(projectId: string, channelId: string, cause: AuditCause): Promise<boolean> {
    return (await this.#disconnectWhere(channelId, [projectId], cause)).length > 0;
  }

  /** Disconnects these projects (every connection of the channel when null); returns those removed. */
  async disconnectMany(
    projectIds: readonly string[] | null,
    channelId: string,
    cause: AuditCause,
  ): Promise<string[]> {
    return this.#disconnectWhere(channelId, projectIds, cause);
  }

  async #disconnectWhere(
    channelId: string,
    projectIds: readonly string[] | null,
    cause: AuditCause,
  ): Promise<string[]> {
    if (!isChannelId(channelId) || projectIds?.length === 0) return [];
    const channel = and(
      eq(projectChannels.tenantId, this.#tenantId),
      eq(projectChannels.channelId, channelId),
    );
    const removed = await this.#db.transaction(async (tx) => {
      const deleted = await tx
        .delete(projectChannels)
        .where(
          projectIds === null ? channel : and(channel, inArray(projectChannels.projectId, [...projectIds])),
        )
        .returning();
      if (deleted.length > 0) await enqueueOutbox(tx, outbox, deleted.map(tombstone));
      await this.#audit.record(
        tx,
        cause,
        deleted.map((row) => projectChannelChange(row.projectId, channelId, true, false)),
      );
      return deleted.map((row) => row.projectId);
    });
    if (removed.length > 0) this.#published();
    return removed;
  }

  /**
   * The project's channels ordered by id, `page.limit + 1` of them: those connected to it and those
   * connected to every project.
   */
  async channelsOf(projectId: string, page: Page<string>): Promise<ChannelRow[]> {
    const connected = this.#db
      .select({ channelId: projectChannels.channelId })
      .from(projectChannels)
      .where(
        and(
          eq(projectChannels.tenantId, this.#tenantId),
          inArray(projectChannels.projectId, [projectId, ALL_PROJECTS]),
        ),
      );
    const tenantChannels = and(eq(channels.tenantId, this.#tenantId), inArray(channels.id, connected));
    return this.#db
      .select()
      .from(channels)
      .where(page.after === null ? tenantChannels : and(tenantChannels, gt(channels.id, page.after)))
      .orderBy(asc(channels.id))
      .limit(page.limit + 1);
  }

  /** The projects connected to the channel one by one, ordered by id, `page.limit + 1` of them. */
  async projectsOf(channelId: string, page: Page<string>): Promise<string[]> {
    const ofChannel = and(
      eq(projectChannels.tenantId, this.#tenantId),
      eq(projectChannels.channelId, channelId),
      ne(projectChannels.projectId, ALL_PROJECTS),
    );
    const rows = await this.#db
      .select({ projectId: projectChannels.projectId })
      .from(projectChannels)
      .where(page.after === null ? ofChannel : and(ofChannel, gt(projectChannels.projectId, page.after)))
      .orderBy(asc(projectChannels.projectId))
      .limit(page.limit + 1);
    return rows.map((row) => row.projectId);
  }

  /** Which of these channels are connected to every project (for a batch loader). */
  async connectedToAll(channelIds: string[]): Promise<Map<string, boolean>> {
    const valid = channelIds.filter(isChannelId);
    const rows =
      valid.length === 0
        ? []
        : await this.#db
            .select({ channelId: projectChannels.channelId })
            .from(projectChannels)
            .where(
              and(
                eq(projectChannels.tenantId, this.#tenantId),
                eq(projectChannels.projectId, ALL_PROJECTS),
                inArray(projectChannels.channelId, valid),
              ),
            );
    const connected = new Set(rows.map((row) => row.channelId));
    return new Map(channelIds.map((id) => [id, connected.has(id)]));
  }

  /** FOR SHARE: the channel cannot disappear between this check and the inserts. */
  async #lockChannel(tx: Database, channelId: string): Promise<boolean> {
    const [channel] = await tx
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.tenantId, this.#tenantId), eq(channels.id, channelId)))
      .for('share');
    return channel !== undefined;
  }

  #link(projectId: string, channelId: string) {
    return and(
      eq(projectChannels.tenantId, this.#tenantId),
      eq(projectChannels.projectId, projectId),
      eq(projectChannels.channelId, channelId),
    );
  }
}
