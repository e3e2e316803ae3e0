import { serializeAlertDetail } from "../alerts/serialize-alert";
import type { AlertDetailJson } from "../alerts/types";
import { listActivity } from "../db/queries/alert-activity";
import { listChecklistItems } from "../db/queries/alert-checklist";
import { getAlert } from "../db/queries/alerts";
import { notFound } from "../http/errors";
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
  const detail = serializeAlertDetail(alert);
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
