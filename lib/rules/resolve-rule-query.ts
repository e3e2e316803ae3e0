import { packRules } from "./catalog";
import { loadRuleFile } from "./loader";

/** `eql --rule REF`: REF is a rule_id or name from the rule pack, or the path of a rule file. */
export async function resolveRuleQuery(ref: string): Promise<string> {
  if (ref.endsWith(".toml")) {
    const loaded = loadRuleFile(ref);
    if (loaded.ok) return loaded.rule.query;
    throw new Error(`rule file ${ref}: ${loaded.reason}`);
  }
  const rule = packRules().rules.find((r) => r.ruleId === ref || r.name.toLowerCase() === ref.toLowerCase());
  if (!rule) throw new Error(`no rule with id or name "${ref}" in the rule pack`);
  return rule.query;
}
