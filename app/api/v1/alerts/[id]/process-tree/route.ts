import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { getAlertProcessTree } from "@/lib/process-tree/get-alert-process-tree";

export const dynamic = "force-dynamic";

/** The alert's process with its ancestors, descendants and siblings (±1 h of the alert). */
export const GET = handler<{ id: string }>("read", async ({ params }) => json(await getAlertProcessTree(params.id)));
