import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { getMovement } from "@/lib/movement/get-movement";

export const dynamic = "force-dynamic";

/** The movement graph: `?from=&to=&hostId=&ip=&incidentId=` (default: the last 24 h). */
export const GET = handler("read", async ({ req, actor }) =>
  json(await getMovement(Object.fromEntries(new URL(req.url).searchParams.entries()), { actor, ip: clientIp(req) })),
);
