import { listStoredRules } from "../db/queries/stored-rules";
import { loadRulePack } from "./loader";
import { parseImport } from "./parse-import";
import type { Rule, RulePack, RulePackError } from "./types";

/**
 * The one place rules come from: the rule pack (`RULES_DIR`, read once per process: it changes with
 * a deploy) and the imported rules stored in the database (read at every call, so an import, a new
 * version or an enabling reaches the worker and the pages without a restart; each version is
 * compiled once, by its hash). The pack's rules come first and stay the defaults.
 */
export interface RuleCatalog {
  rules: Rule[];
  /** rule_id of each imported rule. */
  imported: ReadonlySet<string>;
  /** Pack files that did not load, and stored rules that no longer compile. */
  errors: RulePackError[];
}

let pack: RulePack | null = null;
const compiled = new Map<string, Rule>();

/** The rule pack alone (loaded once per process). */
export function packRules(): RulePack {
  pack ??= loadRulePack();
  return pack;
}

export async function ruleCatalog(): Promise<RuleCatalog> {
  const base = packRules();
  const rules = [...base.rules];
  const errors = [...base.errors];
  const taken = new Set(rules.map((r) => r.ruleId));
  const imported = new Set<string>();
  for (const row of await listStoredRules()) {
    if (taken.has(row.ruleId)) {
      errors.push({ path: `stored rule ${row.ruleId}`, reason: "the rule pack has a rule with this rule_id: the pack's is used" });
      continue;
    }
    let rule = compiled.get(row.sha256);
    if (!rule) {
      const parsed = parseImport(row.source, row.fileName ?? `${row.ruleId}.toml`);
      if (!parsed.ok) {
        errors.push({ path: `stored rule ${row.ruleId}`, reason: parsed.reason });
        continue;
      }
      rule = parsed.rule;
      compiled.set(row.sha256, rule);
    }
    rules.push(rule);
    imported.add(rule.ruleId);
  }
  return { rules, imported, errors };
}

export async function findRule(ruleId: string): Promise<Rule | undefined> {
  const inPack = packRules().rules.find((r) => r.ruleId === ruleId);
  return inPack ?? (await ruleCatalog()).rules.find((r) => r.ruleId === ruleId);
}

