import type pg from "pg";
import { pgSql } from "../db/queries/sql";
import { groupAlerts } from "../incidents/group-alerts";
import { movementOptions } from "../movement/options";
import { enqueueAlertNotifications } from "../notify/enqueue";
import { prepareIncidentNotifications } from "../notify/enqueue-incidents";
import type { NewAlert } from "./build-alert";

/**
 * What follows newly inserted alerts, inside the transaction that inserts them and advances the
 * rule's checkpoint: whatever runs here commits with the alerts or not at all. Each feature that
 * follows alerts (incidents, notifications) adds one call here, in the order they must run.
 */
export async function afterAlertsInserted(c: pg.PoolClient, inserted: NewAlert[]): Promise<void> {
  if (inserted.length === 0) return;
  const announceIncidents = await prepareIncidentNotifications(c, inserted.map((a) => a.id));
  // Incidents: source hosts, pivot, critical, priority, grouping (lib/incidents/README.md).
  await groupAlerts(pgSql(c), inserted.map((a) => a.id), movementOptions());
  // Notifications last: the outbox rows commit with the alerts and incidents (lib/notify/README.md).
  await enqueueAlertNotifications(c, inserted);
  await announceIncidents?.();
}
