import { z } from "zod";
import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { getRuleDetail, setRuleEnabledAction } from "@/lib/investigation/get-rules-overview";

export const dynamic = "force-dynamic";

const PatchBody = z.object({ enabled: z.boolean() }).strict();

export const GET = handler<{ id: string }>("read", async ({ params }) => json(await getRuleDetail(params.id)));

/** `{"enabled": bool}` (admins). */
export const PATCH = handler<{ id: string }>("rules:write", async ({ req, actor, params }) => {
  const body = PatchBody.parse(await req.json().catch(() => ({})));
  return json(await setRuleEnabledAction(params.id, body.enabled, actor, clientIp(req)));
});
