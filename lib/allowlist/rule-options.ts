import { loadRulePack } from "../rules";

/** The rules an entry may be scoped to, for the forms and the list (rule_id → name). */
export interface RuleOption {
  ruleId: string;
  name: string;
}

let cached: RuleOption[] | null = null;

export function ruleOptions(): RuleOption[] {
  if (!cached) cached = loadRulePack().rules.map((r) => ({ ruleId: r.ruleId, name: r.name }));
  return cached;
}
