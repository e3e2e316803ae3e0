import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { makeHuntRule, removeHuntRule } from "@/lib/hunt/saved-hunts";

/** Admin: the saved hunt becomes a detection rule `{"severity","riskScore","interval"}` run by the worker. */
export const POST = handler<{ id: string }>("rules:write", async ({ req, actor, params }) =>
  json({ hunt: await makeHuntRule(params.id, await readJson(req), { actor, ip: clientIp(req) }) }, { status: 201 }),
);

export const DELETE = handler<{ id: string }>("rules:write", async ({ req, actor, params }) =>
  json({ hunt: await removeHuntRule(params.id, { actor, ip: clientIp(req) }) }),
);
