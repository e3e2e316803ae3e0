import type { Rule } from "../rules";
import { findRule, ruleCatalog } from "../rules/catalog";

/** The rules triage needs (the pack's and imported ones), from the one rule catalog. */
export async function ruleList(): Promise<{ ruleId: string; name: string }[]> {
  return (await ruleCatalog()).rules.map((r) => ({ ruleId: r.ruleId, name: r.name }));
}

export async function ruleById(ruleId: string): Promise<Rule | undefined> {
  return findRule(ruleId);
}

/** The ids of the rule's investigation steps: the alert's checklist. */
export async function checklistSteps(ruleId: string): Promise<{ id: string; text: string }[]> {
  return (await ruleById(ruleId))?.guide.investigationSteps ?? [];
}
