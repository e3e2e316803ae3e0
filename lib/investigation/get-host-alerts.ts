import { listHostAlerts } from "../db/queries/hosts";

/** The latest alerts of one host and its counts by status (for the host page). */
export async function getHostAlerts(hostId: string, limit = 20) {
  const { alerts, countsByStatus: counts } = await listHostAlerts(hostId, limit);
  return {
    alerts: alerts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    counts: { open: counts.open ?? 0, acknowledged: counts.acknowledged ?? 0, closed: counts.closed ?? 0 },
  };
}
