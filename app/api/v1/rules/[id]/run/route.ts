import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { requestRuleRun } from "@/lib/rules/rule-actions";

export const dynamic = "force-dynamic";

/** Run now: sets rule_state.run_requested_at and wakes the worker (NOTIFY lateral_run). */
export const POST = handler<{ id: string }>("rules:write", async ({ req, actor, params }) =>
  json(await requestRuleRun({ ruleId: params.id }, { actor, ip: clientIp(req) }), { status: 202 }),
);
