// Reads the dispatcher's delivery ledger (dispatcher.deliveries and delivery_attempts) for one tenant: the
// statuses to report, and the sends in flight when a sender died. Counts of what people received come from
// the sandbox, not from here.
import postgres from 'postgres';

export type DeliveryStatus =
  | 'queued'
  | 'digesting'
  | 'sending'
  | 'delivered'
  | 'failed'
  | 'retrying'
  | 'dead';

export class Ledger {
  private readonly sql: postgres.Sql;
  private readonly tenantId: string;

  constructor(databaseUrl: string, tenantId: string) {
    this.sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    this.tenantId = tenantId;
  }

  /** Rows per status (0 for a status with none). Before the dispatcher migrated: all 0. */
  async statusCounts(): Promise<Record<DeliveryStatus, number>> {
    const counts: Record<DeliveryStatus, number> = {
      queued: 0,
      digesting: 0,
      sending: 0,
      delivered: 0,
      failed: 0,
      retrying: 0,
      dead: 0,
    };
    try {
      const rows = await this.sql<Array<{ status: DeliveryStatus; n: number }>>`
        select status, count(*)::int as n from dispatcher.deliveries
        where tenant_id = ${this.tenantId} group by status`;
      for (const row of rows) counts[row.status] = row.n;
    } catch (error) {
      if ((error as { code?: string }).code !== '42P01') throw error; // undefined_table: not migrated yet
    }
    return counts;
  }

  /**
   * Deliveries of a channel claimed (`sending`, or `digesting` as part of a digest) but with no outcome
   * recorded. Read right after a sender died, these are exactly the sends it had in flight: each may have
   * reached the platform, and will be sent again (a digest under the same id) once its job is read again or
   * the digest sweep finds it.
   */
  async inFlight(channelId: string): Promise<string[]> {
    const rows = await this.sql<Array<{ id: string }>>`
      select id from dispatcher.deliveries
      where tenant_id = ${this.tenantId} and channel_id = ${channelId}
        and status in ('sending', 'digesting')`;
    return rows.map((row) => row.id);
  }

  /**
   * Every delivery of a channel with the digest it last went out in (`digest_id`, kept after delivery; a
   * queued delivery sent alone carries its own id there). Before the dispatcher migrated: none.
   */
  async digestsOf(channelId: string): Promise<Array<{ id: string; digestId: string | null }>> {
    try {
      return await this.sql<Array<{ id: string; digestId: string | null }>>`
        select id, digest_id as "digestId" from dispatcher.deliveries
        where tenant_id = ${this.tenantId} and channel_id = ${channelId}`;
    } catch (error) {
      if ((error as { code?: string }).code === '42P01') return [];
      throw error;
    }
  }

  /** The status of each of these deliveries that has a row. */
  async statusesOf(ids: string[]): Promise<Map<string, DeliveryStatus>> {
    if (ids.length === 0) return new Map();
    const rows = await this.sql<Array<{ id: string; status: DeliveryStatus }>>`
      select id, status from dispatcher.deliveries where id = any(${ids})`;
    return new Map(rows.map((row) => [row.id, row.status]));
  }

  /** The most attempts any delivery took. */
  async maxAttempts(): Promise<number> {
    const [row] = await this.sql<Array<{ n: number | null }>>`
      select max(attempts)::int as n from dispatcher.deliveries where tenant_id = ${this.tenantId}`;
    return row?.n ?? 0;
  }

  /** Attempts answered other than `delivered` (e.g. by an outage). */
  async failedAttempts(): Promise<number> {
    const [row] = await this.sql<Array<{ n: number }>>`
      select count(*)::int as n from dispatcher.delivery_attempts a
      join dispatcher.deliveries d on d.id = a.delivery_id
      where d.tenant_id = ${this.tenantId} and a.outcome <> 'delivered'`;
    return row?.n ?? 0;
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}

/** A database of its own for one run, next to the one `serverUrl` names; dropped by drop(). */
export async function createRunDatabase(
  serverUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = () => postgres(serverUrl, { max: 1, onnotice: () => {} });
  const sql = admin();
  try {
    await sql`create database ${sql(name)}`;
  } finally {
    await sql.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = admin();
      try {
        await dropper`drop database if exists ${dropper(name)} with (force)`;
      } finally {
        await dropper.end();
      }
    },
  };
}
