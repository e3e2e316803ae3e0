import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { bulkUpdateAlerts } from "@/lib/triage/bulk-update-alerts";

export const POST = handler("triage", async ({ req, actor }) => json(await bulkUpdateAlerts(await readJson(req), { actor, ip: clientIp(req) })));
