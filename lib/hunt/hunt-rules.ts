import { ensureHuntRuleCheckpoint, listHuntRules, type SavedHuntRow } from "../db/queries/saved-hunts";
import { compileQuery, type CompiledQuery } from "../eql";
import { AppError } from "../http/errors";
import { parseDuration, parseGuide, type Rule, type Severity } from "../rules";

/**
 * Saved hunts an admin made into detection rules, as the worker runs them: beside the rule pack's
 * rules, each with its own checkpoint starting at the moment it was made, alerts like any rule's.
 */
export const HUNT_RULE_PREFIX = "hunt-";
export const HUNT_RULE_MAX_SIGNALS = 100;

/**
 * The worker evaluates sequences host by host, so a hunt becomes a rule only when that gives the
 * same answers as the hunt: an event query, or a sequence joined `by host.id` (first key); pipes
 * (`head`, `tail`) select among results and are not a detection.
 */
export function assertRunnableAsRule(q: CompiledQuery) {
  if (q.pipes.length) throw new AppError("validation_failed", "a detection rule cannot end with | head or | tail: remove the pipe first");
  if (q.kind === "sequence" && q.joinKeys[0] !== "host.id") {
    throw new AppError("validation_failed", "a sequence becomes a detection rule only when it is joined by host.id first (sequence by host.id ...): the worker follows each host separately");
  }
}

export function huntRuleOf(row: Pick<SavedHuntRow, "id" | "name" | "query" | "ruleId" | "ruleSeverity" | "ruleRiskScore" | "ruleInterval" | "ownerLabel">): Rule {
  const compiled = compileQuery(row.query);
  const interval = row.ruleInterval ?? "5m";
  return {
    ruleId: row.ruleId!,
    name: row.name,
    description: `Saved hunt "${row.name}" run as a detection rule.`,
    version: 1,
    severity: (row.ruleSeverity ?? "medium") as Severity,
    riskScore: row.ruleRiskScore ?? 47,
    type: "eql",
    language: "eql",
    query: row.query,
    index: [],
    from: `now-${interval}`,
    lookbackMs: parseDuration(interval) ?? 300_000,
    interval,
    intervalMs: parseDuration(interval) ?? 300_000,
    maxSignals: HUNT_RULE_MAX_SIGNALS,
    references: [],
    tags: ["Saved hunt"],
    author: [row.ownerLabel],
    license: "",
    note: "",
    threat: [],
    guide: parseGuide(""),
    metadata: { creationDate: null, updatedDate: null, maturity: null, integration: [], minStackVersion: null },
    sourcePath: `saved-hunt:${row.id}`,
    compiled,
  };
}

/** Every hunt rule, with its checkpoint for this shard in place; a hunt whose query no longer compiles is reported and skipped. */
export async function loadHuntRules(shard: string, onError: (message: string) => void = () => undefined): Promise<Rule[]> {
  const out: Rule[] = [];
  for (const row of await listHuntRules()) {
    try {
      const rule = huntRuleOf(row);
      await ensureHuntRuleCheckpoint(rule.ruleId, shard, Number(row.ruleFromSeq ?? 0));
      out.push(rule);
    } catch (err) {
      onError(`saved hunt ${row.id} (${row.name}): ${(err as Error).message}`);
    }
  }
  return out;
}
