import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import type { Page } from '@tidings/graphql';
import {
  type ProjectChannelState,
  projectChannelStateKey,
  projectChannelStateSchema,
  stateTopics,
} from '@tidings/state';
import { and, asc, eq, gt } from 'drizzle-orm';
import { isChannelId } from '../channels/repository.ts';
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

/**
 * One tenant's project ↔ channel connections, published to `tidings.state.project-channels.v1` (a
 * tombstone when a connection is removed).
 */
export class ProjectChannelRepository {
  readonly #db: Database;
  readonly #tenantId: string;
  readonly #published: () => void;

  constructor(db: Database, tenantId: string, published: () => void) {
    this.#db = db;
    this.#tenantId = tenantId;
    this.#published = published;
  }

  /** Idempotent: connecting twice keeps the first connection (and publishes nothing new). */
  async connect(projectId: string, channelId: string): Promise<ConnectResult> {
    if (!isChannelId(channelId)) return { kind: 'no-channel' };
    const result = await this.#db.transaction(async (tx): Promise<ConnectResult> => {
      // FOR SHARE: the channel cannot disappear between this check and the insert.
      const [channel] = await tx
        .select({ id: channels.id })
        .from(channels)
        .where(and(eq(channels.tenantId, this.#tenantId), eq(channels.id, channelId)))
        .for('share');
      if (!channel) return { kind: 'no-channel' };
      const [inserted] = await tx
        .insert(projectChannels)
        .values({ tenantId: this.#tenantId, projectId, channelId })
        .onConflictDoNothing()
        .returning();
      if (inserted) {
        const state = toProjectChannelState(inserted);
        await enqueueOutbox(tx, outbox, [
          { topic: stateTopics.projectChannels, key: projectChannelStateKey(state), value: state },
        ]);
        return { kind: 'connected', link: inserted };
      }
      const [existing] = await tx.select().from(projectChannels).where(this.#link(projectId, channelId));
      return { kind: 'already-connected', link: existing! };
    });
    if (result.kind === 'connected') this.#published();
    return result;
  }

  /** Idempotent; returns whether a connection was removed (and a tombstone published). */
  async disconnect(projectId: string, channelId: string): Promise<boolean> {
    if (!isChannelId(channelId)) return false;
    const removed = await this.#db.transaction(async (tx) => {
      const deleted = await tx.delete(projectChannels).where(this.#link(projectId, channelId)).returning();
      if (deleted.length === 0) return false;
      await enqueueOutbox(tx, outbox, [
        {
          topic: stateTopics.projectChannels,
          key: projectChannelStateKey({ tenantId: this.#tenantId, projectId, channelId }),
          value: null,
        },
      ]);
      return true;
    });
    if (removed) this.#published();
    return removed;
  }

  /** The project's channels ordered by id, `page.limit + 1` of them. */
  async channelsOf(projectId: string, page: Page<string>): Promise<ChannelRow[]> {
    const project = and(
      eq(projectChannels.tenantId, this.#tenantId),
      eq(projectChannels.projectId, projectId),
    );
    const rows = await this.#db
      .select({ channel: channels })
      .from(projectChannels)
      .innerJoin(channels, eq(channels.id, projectChannels.channelId))
      .where(page.after === null ? project : and(project, gt(channels.id, page.after)))
      .orderBy(asc(channels.id))
      .limit(page.limit + 1);
    return rows.map((row) => row.channel);
  }

  #link(projectId: string, channelId: string) {
    return and(
      eq(projectChannels.tenantId, this.#tenantId),
      eq(projectChannels.projectId, projectId),
      eq(projectChannels.channelId, channelId),
    );
  }
}
