import { createAllowlistEntry } from "@/lib/allowlist/create-allowlist-entry";
import { listEntries } from "@/lib/allowlist/read-allowlist";
import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";

export const GET = handler("read", async () => json({ entries: await listEntries() }));

export const POST = handler("allowlist:write", async ({ req, actor }) => {
  const { entry, closedAlerts } = await createAllowlistEntry(await readJson(req), { actor, ip: clientIp(req) });
  return json({ entry, closedAlerts }, { status: 201 });
});
