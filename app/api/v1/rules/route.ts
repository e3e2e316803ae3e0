import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { getRulesOverview } from "@/lib/investigation/get-rules-overview";

export const dynamic = "force-dynamic";

/** Both rules with state, schedule, last execution, backlog and alert counts. */
export const GET = handler("read", async () => json({ rules: await getRulesOverview() }));
