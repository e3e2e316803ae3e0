import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { deleteSavedHunt, getSavedHunt, updateSavedHunt } from "@/lib/hunt/saved-hunts";

export const GET = handler<{ id: string }>("read", async ({ actor, params }) => json({ hunt: await getSavedHunt(params.id, { actor }) }));

export const PATCH = handler<{ id: string }>("read", async ({ req, actor, params }) =>
  json({ hunt: await updateSavedHunt(params.id, await readJson(req), { actor, ip: clientIp(req) }) }),
);

export const DELETE = handler<{ id: string }>("read", async ({ req, actor, params }) => {
  await deleteSavedHunt(params.id, { actor, ip: clientIp(req) });
  return new Response(null, { status: 204 });
});
