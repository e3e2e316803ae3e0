import type pg from "pg";
import { addCorroboration, alertExists, identitiesOfConnection, insertAlert } from "../db/queries/detection-alerts";
import { sameActivity } from "./activity-identity";
import type { NewAlert } from "./build-alert";

/**
 * Stores one matched sequence inside the execution's transaction (README.md, "One alert per
 * activity"): nothing when it is already stored (an alert of its own, or corroboration of one);
 * corroboration of the existing alert of the same activity; else a new alert with its identity.
 * Alerts stored earlier in the same transaction count, so the outcome depends only on the order the
 * sequences are stored in (ingest order of their last event), never on how executions were cut.
 */
export type StoreOutcome = "created" | "corroborated" | "exists";

export async function storeAlert(c: pg.PoolClient, a: NewAlert): Promise<StoreOutcome> {
  if (await alertExists(c, a.id)) return "exists";
  if (a.identity) {
    const identity = a.identity;
    const same = (await identitiesOfConnection(c, a.ruleId, identity)).find((s) => sameActivity(s, identity));
    if (same) {
      if (same.corroborationIds.includes(a.id)) return "exists";
      await addCorroboration(c, same.alertId, { id: a.id, dataset: a.dataset, events: a.events, stages: a.stages });
      return "corroborated";
    }
  }
  return (await insertAlert(c, a)) ? "created" : "exists";
}
