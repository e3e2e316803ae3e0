import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { getIncident } from "@/lib/incidents/get-incident";
import { updateIncident } from "@/lib/incidents/update-incident";

export const dynamic = "force-dynamic";
type Params = { id: string };

export const GET = handler<Params>("read", async ({ req, actor, params }) => json(await getIncident({ id: params.id }, { actor, ip: clientIp(req) })));

/** `{"title","assignee","status","closingReason","note"}` (any of them). */
export const PATCH = handler<Params>("triage", async ({ req, actor, params }) =>
  json(await updateIncident({ id: params.id, body: await readJson(req) }, { actor, ip: clientIp(req) })),
);
