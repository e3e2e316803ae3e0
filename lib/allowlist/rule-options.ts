import { ruleCatalog } from "../rules/catalog";

/** The rules an entry may be scoped to, for the forms and the list (rule_id → name). */
export interface RuleOption {
  ruleId: string;
  name: string;
}

export async function ruleOptions(): Promise<RuleOption[]> {
  return (await ruleCatalog()).rules.map((r) => ({ ruleId: r.ruleId, name: r.name }));
}
