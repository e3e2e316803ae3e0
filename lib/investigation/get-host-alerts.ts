import { db } from "../db/client";

/** The latest alerts of one host and its counts by status (for the host page). */
export async function getHostAlerts(hostId: string, limit = 20) {
  const [alerts, grouped] = await Promise.all([
    db().alert.findMany({
      where: { hostId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: limit,
      select: { id: true, ruleName: true, severity: true, status: true, sourceIp: true, processName: true, createdAt: true, hostName: true },
    }),
    db().alert.groupBy({ by: ["status"], where: { hostId }, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(grouped.map((g) => [g.status, g._count._all])) as Record<string, number>;
  return {
    alerts: alerts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    counts: { open: counts.open ?? 0, acknowledged: counts.acknowledged ?? 0, closed: counts.closed ?? 0 },
  };
}
