import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { requestRuleRunAction } from "@/lib/investigation/get-rules-overview";

export const dynamic = "force-dynamic";

/** Run now: sets rule_state.run_requested_at and wakes the worker (NOTIFY lateral_run). */
export const POST = handler<{ id: string }>("rules:write", async ({ req, actor, params }) =>
  json(await requestRuleRunAction(params.id, actor, clientIp(req)), { status: 202 }),
);
