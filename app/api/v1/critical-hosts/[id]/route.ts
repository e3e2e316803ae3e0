import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { removeCriticalHost } from "@/lib/movement/critical-hosts";

export const DELETE = handler<{ id: string }>("rules:write", async ({ req, actor, params }) =>
  json(await removeCriticalHost({ id: params.id }, { actor, ip: clientIp(req) })),
);
