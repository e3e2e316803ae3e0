import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { splitIncident } from "@/lib/incidents/merge-split";

/** `{"alertIds"}`: those alerts go to a new incident of their own (201). */
export const POST = handler<{ id: string }>("triage", async ({ req, actor, params }) =>
  json(await splitIncident({ id: params.id, body: await readJson(req) }, { actor, ip: clientIp(req) }), { status: 201 }),
);
