import ipaddr from "ipaddr.js";
import { serializeAlertDetail } from "../alerts/serialize-alert";
import type { AlertDetailJson } from "../alerts/types";
import { listActivity } from "../db/queries/alert-activity";
import { listChecklistItems } from "../db/queries/alert-checklist";
import { getAlert } from "../db/queries/alerts";
import { readSql } from "../db/queries/sql";
import { notFound } from "../http/errors";
import { addressesInWindow } from "../movement/get-addresses";
import { movementOptions } from "../movement/options";
import { serializeChecklistItem, type ChecklistItemJson } from "./checklist-json";
import { ruleById } from "./rule-pack";
import { serializeActivity, type ActivityJson } from "./serialize-activity";

/** What the alert page shows beyond the alert: its rule's guide and the triage state. */
export interface AlertRuleInfo {
  description: string;
  references: string[];
  falsePositiveAnalysis: string[];
  responseAndRemediation: string[];
  intro: string;
}

export interface AlertPageJson extends Omit<AlertDetailJson, "checklist"> {
  checklist: { done: number; total: number; items: ChecklistItemJson[] };
  activity: ActivityJson[];
  rule: AlertRuleInfo | null;
}

/** One alert with its checklist (the rule's investigation steps and their state) and activity. */
export async function getAlertDetail(id: string): Promise<AlertPageJson> {
  const alert = await getAlert(id);
  if (!alert) throw notFound("Alert");
  const [rows, activity] = await Promise.all([listChecklistItems(id), listActivity(id)]);
  const rule = await ruleById(alert.ruleId);
  const byStep = new Map(rows.map((r) => [r.stepId, r]));
  const items = (rule?.guide.investigationSteps ?? []).map((s) => serializeChecklistItem(s, byStep.get(s.id)));
  // How each address of its events reads around the alert's time (lib/movement).
  const ips = new Set<string>();
  for (const st of (alert.stages as unknown as { fields?: { sourceIp?: string; destinationIp?: string } }[]) ?? []) {
    for (const v of [st.fields?.sourceIp, st.fields?.destinationIp]) {
      const a = typeof v === "string" && v.length <= 64 && ipaddr.isValid(v) ? ipaddr.process(v).toString() : null;
      if (a) ips.add(a);
    }
  }
  const { ownershipMs } = movementOptions();
  const addresses = await addressesInWindow(
    readSql(),
    [...ips].slice(0, 20),
    new Date(alert.firstEventAt.getTime() - ownershipMs),
    new Date(alert.lastEventAt.getTime() + ownershipMs),
  );
  const detail = serializeAlertDetail(alert, addresses);
  return {
    ...detail,
    checklist: { ...detail.checklist, items },
    activity: activity.map(serializeActivity),
    rule: rule
      ? {
          description: rule.description,
          references: rule.references,
          falsePositiveAnalysis: rule.guide.falsePositiveAnalysis,
          responseAndRemediation: rule.guide.responseAndRemediation,
          intro: rule.guide.intro,
        }
      : null,
  };
}
