import type { Database } from '@tidings/db';
import { enqueueOutbox } from '@tidings/db';
import type { Page } from '@tidings/graphql';
import {
  type ChannelConfig,
  type ChannelKind,
  type ChannelState,
  channelStateKey,
  channelStateSchema,
  stateTopics,
} from '@tidings/state';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { type ChannelRow, channels, outbox } from '../db/schema.ts';

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

/**
 * One tenant's channels. Every write stores the row and its state snapshot (for
 * `tidings.state.channels.v1`) in one transaction, then tells the outbox relay.
 */
export class ChannelRepository {
  readonly #db: Database;
  readonly #tenantId: string;
  readonly #published: () => void;

  constructor(db: Database, tenantId: string, published: () => void) {
    this.#db = db;
    this.#tenantId = tenantId;
    this.#published = published;
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

  async create(channel: NewChannel): Promise<ChannelRow> {
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
      return inserted!;
    });
    this.#published();
    return row;
  }
}
