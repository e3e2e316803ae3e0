import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { createSavedHunt, listSavedHunts } from "@/lib/hunt/saved-hunts";

/** The actor's own saved hunts and every shared one. */
export const GET = handler("read", async ({ actor }) => json({ hunts: await listSavedHunts({ actor }) }));

export const POST = handler("read", async ({ req, actor }) =>
  json({ hunt: await createSavedHunt(await readJson(req), { actor, ip: clientIp(req) }) }, { status: 201 }),
);
