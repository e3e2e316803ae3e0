import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { listIncidents } from "@/lib/incidents/list-incidents";

export const dynamic = "force-dynamic";

/** Incidents, one page: `?status=open|acknowledged|closed|all&sort=priority|size|lastActivity|createdAt&order=&q=&assignee=&hostId=&critical=&limit=&cursor=`. */
export const GET = handler("read", async ({ req, actor }) =>
  json(await listIncidents(Object.fromEntries(new URL(req.url).searchParams.entries()), { actor, ip: clientIp(req) })),
);
