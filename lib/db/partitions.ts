import type pg from "pg";
import { databaseUrl } from "./client";

/**
 * Daily partitions of `events` by ingest day (UTC). Ingest makes sure today's and tomorrow's exist
 * before writing; retention drops whole partitions older than RETENTION_DAYS.
 */
const known = new Set<string>(); // `${database URL} ${partition}`: a process may serve several databases

function partitionName(day: Date): string {
  return `events_p${day.toISOString().slice(0, 10).replace(/-/g, "")}`;
}

function utcDay(offsetDays: number, from = new Date()): Date {
  return new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + offsetDays));
}

export async function ensureCurrentPartitions(client: pg.Pool | pg.PoolClient) {
  for (const offset of [0, 1]) {
    const day = utcDay(offset);
    const name = partitionName(day);
    const key = `${databaseUrl()} ${name}`;
    if (known.has(key)) continue;
    const next = utcDay(1, day);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF events FOR VALUES FROM ('${day.toISOString()}') TO ('${next.toISOString()}')`,
      );
    } catch (err) {
      // Two processes creating the same partition at once: the loser sees a duplicate.
      if (!["42P07", "23505"].includes((err as { code?: string }).code ?? "")) throw err;
    }
    known.add(key);
  }
}

/** Drops the partitions (and idempotency keys) of days entirely older than `retentionDays`. */
export async function dropExpiredPartitions(client: pg.Pool, retentionDays: number, now = new Date()): Promise<string[]> {
  const cutoff = utcDay(-retentionDays, now);
  const { rows } = await client.query(`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where p.relname = 'events'`);
  const dropped: string[] = [];
  for (const r of rows as { name: string; bound: string }[]) {
    const m = /TO \('([^']+)'\)/.exec(r.bound);
    if (m && new Date(m[1]).getTime() <= cutoff.getTime()) {
      await client.query(`DROP TABLE IF EXISTS "${r.name}"`);
      known.delete(`${databaseUrl()} ${r.name}`);
      dropped.push(r.name);
    }
  }
  await client.query(`DELETE FROM event_keys WHERE ingested_at < $1`, [cutoff]);
  return dropped;
}
