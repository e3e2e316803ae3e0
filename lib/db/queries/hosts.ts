import type pg from "pg";
import { db, pool, type Tx } from "../client";

/** Whether any event or alert names this host.id (a host the store has never seen is "not found"). */
export async function hostIsKnown(hostId: string, conn: Pick<pg.Pool, "query"> = pool()): Promise<boolean> {
  const { rows } = await conn.query<{ known: boolean }>(
    `select exists (select 1 from events where host_id = $1) or exists (select 1 from alerts where host_id = $1) as known`,
    [hostId],
  );
  return rows[0]?.known ?? false;
}

/** A host's latest alerts (newest first) and its alert counts by status. */
export async function listHostAlerts(hostId: string, limit: number, tx?: Tx) {
  const client = tx ?? db();
  const [alerts, grouped] = await Promise.all([
    client.alert.findMany({
      where: { hostId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: limit,
      select: { id: true, ruleName: true, severity: true, status: true, sourceIp: true, processName: true, createdAt: true, hostName: true },
    }),
    client.alert.groupBy({ by: ["status"], where: { hostId }, _count: { _all: true } }),
  ]);
  return { alerts, countsByStatus: Object.fromEntries(grouped.map((g) => [g.status, g._count._all])) as Record<string, number> };
}
