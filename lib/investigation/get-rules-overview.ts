import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import {
  alertCountsByRule,
  backlogAfter,
  listRuleExecutions,
  listRuleStates,
  lowestCheckpoints,
  requestRuleRun,
  setRuleEnabled,
  type ExecutionRow,
} from "../db/queries/rules-overview";
import { notFound } from "../http/errors";
import { loadRulePack, type Rule } from "../rules";

export interface RuleSummaryJson {
  ruleId: string;
  name: string;
  description: string;
  version: number;
  severity: string;
  riskScore: number;
  enabled: boolean;
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
}

let cachedPack: Rule[] | null = null;
function rules(): Rule[] {
  cachedPack ??= loadRulePack().rules;
  return cachedPack;
}

function findRule(ruleId: string): Rule {
  const rule = rules().find((r) => r.ruleId === ruleId);
  if (!rule) throw notFound("Rule");
  return rule;
}

/** Every rule of the pack with its state, schedule, last execution, backlog and alert counts. */
export async function getRulesOverview(only?: string): Promise<RuleSummaryJson[]> {
  const list = only ? [findRule(only)] : rules();
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
  const rule = findRule(ruleId);
  const [[summary], executions] = await Promise.all([getRulesOverview(ruleId), listRuleExecutions(ruleId, 50)]);
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
  };
}

export async function getRuleExecutions(ruleId: string, limit = 50) {
  findRule(ruleId);
  return listRuleExecutions(ruleId, limit);
}

/** Enables or disables a rule (admins: `rules:write`), audited. */
export async function setRuleEnabledAction(ruleId: string, enabled: boolean, actor: Actor, ip: string | null) {
  findRule(ruleId);
  await setRuleEnabled(ruleId, enabled, actor.label);
  await recordAudit({ actor, action: enabled ? "rule.enable" : "rule.disable", targetType: "rule", targetId: ruleId, details: { enabled }, ip });
  return (await getRulesOverview(ruleId))[0];
}

/** Asks the worker to run a rule now, audited. */
export async function requestRuleRunAction(ruleId: string, actor: Actor, ip: string | null) {
  findRule(ruleId);
  const at = await requestRuleRun(ruleId, actor.label);
  await recordAudit({ actor, action: "rule.run", targetType: "rule", targetId: ruleId, ip });
  return { ruleId, runRequestedAt: at.toISOString() };
}
