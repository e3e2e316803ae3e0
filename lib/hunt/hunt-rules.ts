import { stringify } from "smol-toml";
import { AppError } from "../http/errors";
import { parseImport } from "../rules/parse-import";
import type { Severity } from "../rules";

/**
 * A saved hunt as a detection rule: an Elastic detection-rules TOML document stored in the rule
 * catalog like an imported rule (`lib/rules/import-rules.ts`), so the worker, the Rules pages and
 * `/api/v1/rules` treat it as any other rule. Its rule_id is `hunt-<saved hunt id>`.
 */
export const HUNT_RULE_PREFIX = "hunt-";
export const HUNT_RULE_MAX_SIGNALS = 100;

export interface HuntRuleSettings {
  severity: Severity;
  riskScore: number;
  interval: string;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, "/");

export function huntRuleSource(h: { id: string; name: string; query: string; ownerLabel: string }, s: HuntRuleSettings, version: number, now = new Date()): string {
  return stringify({
    metadata: { creation_date: ymd(now), updated_date: ymd(now), maturity: "production" },
    rule: {
      rule_id: `${HUNT_RULE_PREFIX}${h.id}`,
      name: h.name,
      description: `Saved hunt "${h.name}" (by ${h.ownerLabel}) run as a detection rule.`,
      type: "eql",
      language: "eql",
      query: h.query,
      index: ["logs-*"],
      interval: s.interval,
      max_signals: HUNT_RULE_MAX_SIGNALS,
      risk_score: s.riskScore,
      severity: s.severity,
      version,
      author: [h.ownerLabel],
      license: "Elastic License v2",
      tags: ["Saved hunt"],
    },
  });
}

/**
 * The rule file of a saved hunt, checked as an import is (compiles; no pipes; no trailing missing
 * stage; joined by a host-bound key, since the worker follows each host separately; known fields).
 */
export function checkedHuntRuleSource(h: { id: string; name: string; query: string; ownerLabel: string }, s: HuntRuleSettings, version: number): string {
  const source = huntRuleSource(h, s, version);
  const parsed = parseImport(source, `${HUNT_RULE_PREFIX}${h.id}.toml`);
  if (!parsed.ok) throw new AppError("validation_failed", `This hunt cannot become a detection rule: ${parsed.reason}`);
  return source;
}
