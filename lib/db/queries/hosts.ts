import { pool } from "../client";
import type pg from "pg";

/** Whether any event or alert names this host.id (a host the store has never seen is "not found"). */
export async function hostIsKnown(hostId: string, conn: Pick<pg.Pool, "query"> = pool()): Promise<boolean> {
  const { rows } = await conn.query<{ known: boolean }>(
    `select exists (select 1 from events where host_id = $1) or exists (select 1 from alerts where host_id = $1) as known`,
    [hostId],
  );
  return rows[0]?.known ?? false;
}
