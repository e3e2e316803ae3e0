import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { mergeIncidents } from "@/lib/incidents/merge-split";

/** `{"otherId"}`: the other incident's alerts join this one. */
export const POST = handler<{ id: string }>("triage", async ({ req, actor, params }) =>
  json(await mergeIncidents({ id: params.id, body: await readJson(req) }, { actor, ip: clientIp(req) })),
);
