import {
  alertCountsByRule,
  backlogAfter,
  listRuleExecutions,
  listRuleStates,
  lowestCheckpoints,
  type ExecutionRow,
} from "../db/queries/rules-overview";
import { findStoredRule, listStoredRuleVersions } from "../db/queries/stored-rules";
import { notFound } from "../http/errors";
import type { Rule } from "../rules";
import { ruleCatalog } from "../rules/catalog";

export interface RuleSummaryJson {
  ruleId: string;
  name: string;
  description: string;
  version: number;
  severity: string;
  riskScore: number;
  enabled: boolean;
  /** "pack": a rule of the rule pack (the defaults); "imported": stored by an admin's import. */
  origin: "pack" | "imported";
  schedule: { interval: string; from: string; maxSignals: number };
  runRequestedAt: string | null;
  lastExecution: ExecutionRow | null;
  checkpoint: string;
  backlog: { events: number; capped: boolean; oldestIngestedAt: string | null; oldestAgeSeconds: number | null };
  /**
   * falsePositives: closed by an analyst as false positive; allowlisted: closed by an allowlist entry
   * (also false positives: known-good activity). falsePositiveRate counts both, of all closed.
   */
  alerts: { open: number; acknowledged: number; closed: number; total: number; falsePositives: number; allowlisted: number; falsePositiveRate: number | null };
}

export interface RuleDetailJson extends RuleSummaryJson {
  query: string;
  tags: string[];
  references: string[];
  threat: Rule["threat"];
  note: string;
  author: string[];
  license: string;
  index: string[];
  executions: ExecutionRow[];
  /** An imported rule: its stored versions (newest first) and where it started evaluating. */
  imported: {
    startSeq: string | null;
    versions: { version: number; importedAt: string; importedBy: string | null; fileName: string | null; sha256: string }[];
  } | null;
}

async function findRule(ruleId: string): Promise<Rule> {
  const rule = (await ruleCatalog()).rules.find((r) => r.ruleId === ruleId);
  if (!rule) throw notFound("Rule");
  return rule;
}

/** Every rule (the pack's, then imported ones) with its state, schedule, last execution, backlog and alert counts. */
export async function getRulesOverview(only?: string): Promise<RuleSummaryJson[]> {
  const catalog = await ruleCatalog();
  const list = only ? catalog.rules.filter((r) => r.ruleId === only) : catalog.rules;
  if (only && !list.length) throw notFound("Rule");
  const [states, checkpoints, counts] = await Promise.all([listRuleStates(), lowestCheckpoints(), alertCountsByRule()]);
  return Promise.all(
    list.map(async (rule) => {
      const state = states.get(rule.ruleId);
      const cp = checkpoints.get(rule.ruleId)?.checkpoint ?? BigInt(0);
      const [backlog, [last]] = await Promise.all([backlogAfter(cp), listRuleExecutions(rule.ruleId, 1)]);
      const mine = counts.filter((c) => c.rule_id === rule.ruleId);
      const by = (s: string) => mine.find((c) => c.status === s)?.n ?? 0;
      const closed = by("closed");
      const falsePositives = mine.find((c) => c.status === "closed")?.fp ?? 0;
      const allowlisted = mine.find((c) => c.status === "closed")?.allowlisted ?? 0;
      return {
        ruleId: rule.ruleId,
        name: rule.name,
        description: rule.description,
        version: rule.version,
        severity: rule.severity,
        riskScore: rule.riskScore,
        enabled: state?.enabled ?? true,
        origin: catalog.imported.has(rule.ruleId) ? ("imported" as const) : ("pack" as const),
        schedule: { interval: rule.interval, from: rule.from, maxSignals: rule.maxSignals },
        runRequestedAt: state?.runRequestedAt?.toISOString() ?? null,
        lastExecution: last ?? null,
        checkpoint: cp.toString(),
        backlog: {
          events: backlog.count,
          capped: backlog.capped,
          oldestIngestedAt: backlog.oldestIngestedAt?.toISOString() ?? null,
          oldestAgeSeconds: backlog.oldestIngestedAt ? Math.max(0, Math.round((Date.now() - backlog.oldestIngestedAt.getTime()) / 1000)) : null,
        },
        alerts: {
          open: by("open"),
          acknowledged: by("acknowledged"),
          closed,
          total: by("open") + by("acknowledged") + closed,
          falsePositives,
          allowlisted,
          falsePositiveRate: closed ? (falsePositives + allowlisted) / closed : null,
        },
      };
    }),
  );
}

export async function getRuleDetail(ruleId: string): Promise<RuleDetailJson> {
  const rule = await findRule(ruleId);
  const [[summary], executions, stored, versions] = await Promise.all([
    getRulesOverview(ruleId),
    listRuleExecutions(ruleId, 50),
    findStoredRule(ruleId),
    listStoredRuleVersions(ruleId),
  ]);
  return {
    ...summary,
    query: rule.query,
    tags: rule.tags,
    references: rule.references,
    threat: rule.threat,
    note: rule.note,
    author: rule.author,
    license: rule.license,
    index: rule.index,
    executions,
    imported:
      summary!.origin === "imported" && stored
        ? {
            startSeq: stored.startSeq?.toString() ?? null,
            versions: versions.map((v) => ({ version: v.version, importedAt: v.importedAt.toISOString(), importedBy: v.importedBy, fileName: v.fileName, sha256: v.sha256 })),
          }
        : null,
  };
}

export async function getRuleExecutions(ruleId: string, limit = 50) {
  await findRule(ruleId);
  return listRuleExecutions(ruleId, limit);
}
