import { closeMatchingAlerts } from "@/lib/allowlist/close-matching-alerts";
import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";

export const POST = handler<{ id: string }>("allowlist:write", async ({ req, actor, params }) =>
  json(await closeMatchingAlerts({ id: params.id }, { actor, ip: clientIp(req) })),
);
