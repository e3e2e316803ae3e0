import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { getAlertIpActivity } from "@/lib/investigation/get-source-ip-activity";

export const dynamic = "force-dynamic";

/** The alert's source IP across all hosts, ±24 h around the alert. */
export const GET = handler<{ id: string }>("read", async ({ params }) => json(await getAlertIpActivity(params.id)));
