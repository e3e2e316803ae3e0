import type { Alert } from "../db/generated/client";
import type { NewActivity } from "../db/queries/alert-activity";
import type { AlertChanges } from "../db/queries/alerts";
import type { AlertUpdate } from "../validation/alerts";

/**
 * What an update does to one alert: the column changes and the activity rows (pure). Closing sets
 * closedAt and the reason; leaving "closed" (reopening) clears both. Nothing that is already so is
 * written again.
 */
export function planUpdate(alert: Alert, update: AlertUpdate, actor: string, now: Date): { changes: AlertChanges; activities: NewActivity[] } {
  const changes: AlertChanges = {};
  const activities: NewActivity[] = [];
  const to = update.status;
  if (to && to !== alert.status) {
    changes.status = to;
    if (to === "closed") {
      changes.closedAt = now;
      changes.closingReason = update.closingReason ?? null;
    } else {
      changes.closedAt = null;
      changes.closingReason = null;
      if (to === "acknowledged") changes.acknowledgedAt = now;
    }
    activities.push({
      alertId: alert.id,
      actor,
      kind: "status",
      details: { from: alert.status, to, closingReason: to === "closed" ? (update.closingReason ?? null) : null },
    });
  } else if (to === "closed" && update.closingReason !== undefined && update.closingReason !== alert.closingReason) {
    changes.closingReason = update.closingReason;
    activities.push({ alertId: alert.id, actor, kind: "status", details: { from: "closed", to: "closed", closingReason: update.closingReason } });
  }
  if (update.assignee !== undefined && update.assignee !== alert.assignee) {
    changes.assignee = update.assignee;
    activities.push({ alertId: alert.id, actor, kind: "assign", details: { from: alert.assignee, to: update.assignee } });
  }
  return { changes, activities };
}
