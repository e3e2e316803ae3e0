import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { setChecklistItem } from "@/lib/triage/set-checklist-item";

export const PUT = handler<{ id: string; stepId: string }>("triage", async ({ req, actor, params }) =>
  json(await setChecklistItem({ alertId: params.id, stepId: params.stepId, change: await readJson(req) }, { actor, ip: clientIp(req) })),
);
