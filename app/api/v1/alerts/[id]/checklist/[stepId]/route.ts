import { handler } from "@/lib/http/handler";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { setChecklistItem } from "@/lib/triage/set-checklist-item";
import { checklistUpdateSchema } from "@/lib/validation/alerts";

export const PUT = handler<{ id: string; stepId: string }>("triage", async ({ req, actor, params }) => {
  const body = checklistUpdateSchema.parse(await readJson(req));
  return json(await setChecklistItem({ alertId: params.id, stepId: params.stepId, ...body }, actor));
});
