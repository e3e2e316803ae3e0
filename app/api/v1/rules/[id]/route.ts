import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { getRuleDetail, getRulesOverview } from "@/lib/investigation/get-rules-overview";
import { setRuleEnabled } from "@/lib/rules/rule-actions";

export const dynamic = "force-dynamic";

export const GET = handler<{ id: string }>("read", async ({ params }) => json(await getRuleDetail(params.id)));

/** `{"enabled": bool}` (admins). */
export const PATCH = handler<{ id: string }>("rules:write", async ({ req, actor, params }) => {
  const body = (await req.json().catch(() => ({}))) as Record<string, unknown>;
  await setRuleEnabled({ ...body, ruleId: params.id }, { actor, ip: clientIp(req) });
  return json((await getRulesOverview(params.id))[0]);
});
