import { z } from "zod";
import { requirePermission } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { requestRuleRun as requestRun, setRuleEnabled as writeEnabled } from "../db/queries/rules-overview";
import { findStoredRule, startStoredRuleNow } from "../db/queries/stored-rules";
import { notFound } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { findRule } from "./catalog";

/**
 * Admin actions on a rule (`rules:write`): enable or disable, run now. Each writes its audit row in
 * the transaction of the change. The first enabling of an imported rule sets where it starts: the
 * events ingested from then on (its checkpoint starts there).
 */

const EnabledInput = z.object({ ruleId: z.string().min(1).max(200), enabled: z.boolean() }).strict();

export async function setRuleEnabled(input: unknown, ctx: ServiceContext): Promise<{ ruleId: string; enabled: boolean; startSeq: string | null }> {
  const actor = requirePermission(ctx.actor, "rules:write");
  const { ruleId, enabled } = EnabledInput.parse(input);
  if (!(await findRule(ruleId))) throw notFound("Rule");
  return inTransaction(ctx.tx, async (tx) => {
    await writeEnabled(ruleId, enabled, actor.label, tx);
    const started = enabled && (await findStoredRule(ruleId, tx)) ? await startStoredRuleNow(ruleId, tx) : null;
    await recordAudit(
      { actor, action: enabled ? "rule.enable" : "rule.disable", targetType: "rule", targetId: ruleId, ip: ctx.ip,
        details: started === null ? { enabled } : { enabled, startSeq: started.toString() } },
      tx,
    );
    const stored = await findStoredRule(ruleId, tx);
    return { ruleId, enabled, startSeq: stored?.startSeq?.toString() ?? null };
  });
}

const RunInput = z.object({ ruleId: z.string().min(1).max(200) }).strict();

export async function requestRuleRun(input: unknown, ctx: ServiceContext): Promise<{ ruleId: string; runRequestedAt: string }> {
  const actor = requirePermission(ctx.actor, "rules:write");
  const { ruleId } = RunInput.parse(input);
  if (!(await findRule(ruleId))) throw notFound("Rule");
  return inTransaction(ctx.tx, async (tx) => {
    const at = await requestRun(ruleId, actor.label, tx);
    await recordAudit({ actor, action: "rule.run", targetType: "rule", targetId: ruleId, ip: ctx.ip }, tx);
    return { ruleId, runRequestedAt: at.toISOString() };
  });
}
