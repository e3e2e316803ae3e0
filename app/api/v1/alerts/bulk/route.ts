import { handler } from "@/lib/http/handler";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { bulkUpdateAlerts } from "@/lib/triage/bulk-update-alerts";
import { bulkUpdateSchema } from "@/lib/validation/alerts";

export const POST = handler("triage", async ({ req, actor }) => json(await bulkUpdateAlerts(bulkUpdateSchema.parse(await readJson(req)), actor)));
