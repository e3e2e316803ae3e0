import { serializeAlert } from "../alerts/serialize-alert";
import type { AlertJson, AlertStatus } from "../alerts/types";
import { countAlertsByStatus, groupAlerts, listAlerts as listAlertRows, type AlertGroup } from "../db/queries/alerts";
import type { AlertListQuery } from "../validation/alerts";

export interface AlertListJson {
  alerts: AlertJson[];
  nextCursor: string | null;
  counts: Record<AlertStatus, number>;
  groups?: AlertGroup[];
}

/** One page of alerts, the per-status counts of the filter and, when asked, its groups. */
export async function listAlerts(query: AlertListQuery): Promise<AlertListJson> {
  const { sort, order, limit, cursor, groupBy, ...filter } = query;
  const [page, counts, groups] = await Promise.all([
    listAlertRows({ filter, sort, order, limit, cursor }),
    countAlertsByStatus(filter),
    groupBy ? groupAlerts(filter, groupBy) : Promise.resolve(undefined),
  ]);
  const out: AlertListJson = { alerts: page.alerts.map(serializeAlert), nextCursor: page.nextCursor, counts };
  if (groups) out.groups = groups;
  return out;
}
