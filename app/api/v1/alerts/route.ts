import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { listAlerts } from "@/lib/triage/list-alerts";
import { parseAlertListQuery } from "@/lib/validation/alerts";

export const GET = handler("read", async ({ req }) => json(await listAlerts(parseAlertListQuery(new URL(req.url).searchParams))));
