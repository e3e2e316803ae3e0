import { loadRulePack, type Rule, type RulePack } from "../rules";

/** The rule pack, loaded once per process (rules change with a deploy, not at run time). */
let cached: RulePack | null = null;

export function rulePack(): RulePack {
  cached ??= loadRulePack();
  return cached;
}

export function ruleById(ruleId: string): Rule | undefined {
  return rulePack().rules.find((r) => r.ruleId === ruleId);
}

/** The ids of the rule's investigation steps: the alert's checklist. */
export function checklistSteps(ruleId: string): { id: string; text: string }[] {
  return ruleById(ruleId)?.guide.investigationSteps ?? [];
}
