// Reads the dispatcher's delivery ledger (dispatcher.deliveries and delivery_attempts) for one tenant: the
// statuses to report, and the sends in flight when a sender died. Counts of what people received come from
// the sandbox, not from here.
import postgres from 'postgres';

export type DeliveryStatus = 'sending' | 'delivered' | 'failed' | 'retrying' | 'dead';

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
   * Deliveries of a channel claimed (`sending`) but with no outcome recorded. Read right after a sender
   * died, these are exactly the sends it had in flight: each may have reached the platform, and will be sent
   * again once its job is read again.
   */
  async inFlight(channelId: string): Promise<string[]> {
    const rows = await this.sql<Array<{ id: string }>>`
      select id from dispatcher.deliveries
      where tenant_id = ${this.tenantId} and channel_id = ${channelId} and status = 'sending'`;
    return rows.map((row) => row.id);
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
