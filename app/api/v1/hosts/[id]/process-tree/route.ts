import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { parseInstant } from "@/lib/investigation/time-window";
import { getHostProcessTree } from "@/lib/process-tree/get-host-process-tree";

export const dynamic = "force-dynamic";

/** A host's process tree for `from`/`to` (default: the last 24 h of the host's events). */
export const GET = handler<{ id: string }>("read", async ({ req, params }) => {
  const url = new URL(req.url);
  const from = parseInstant(url.searchParams.get("from"), "from");
  const to = parseInstant(url.searchParams.get("to"), "to");
  return json(await getHostProcessTree(params.id, { from, to }));
});
