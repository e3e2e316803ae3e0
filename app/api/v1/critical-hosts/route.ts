import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { addCriticalHost, listCriticalHosts } from "@/lib/movement/critical-hosts";

export const dynamic = "force-dynamic";

export const GET = handler("read", async ({ req, actor }) => json(await listCriticalHosts({ actor, ip: clientIp(req) })));

/** Admin: `{"hostId"}` or `{"pattern": "DC-*"}` (201). */
export const POST = handler("rules:write", async ({ req, actor }) =>
  json(await addCriticalHost(await readJson(req), { actor, ip: clientIp(req) }), { status: 201 }),
);
