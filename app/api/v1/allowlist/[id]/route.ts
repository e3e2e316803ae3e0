import { deleteAllowlistEntry } from "@/lib/allowlist/delete-allowlist-entry";
import { getEntry } from "@/lib/allowlist/read-allowlist";
import { updateAllowlistEntry } from "@/lib/allowlist/update-allowlist-entry";
import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";

type Params = { id: string };

export const GET = handler<Params>("read", async ({ params }) => json({ entry: await getEntry(params.id) }));

export const PATCH = handler<Params>("allowlist:write", async ({ req, actor, params }) => {
  const { entry, closedAlerts } = await updateAllowlistEntry({ id: params.id, patch: await readJson(req) }, { actor, ip: clientIp(req) });
  return json({ entry, closedAlerts });
});

export const DELETE = handler<Params>("allowlist:write", async ({ req, actor, params }) =>
  json(await deleteAllowlistEntry({ id: params.id }, { actor, ip: clientIp(req) })),
);
