import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { runHunt } from "@/lib/hunt/run-hunt";

/** Viewers may hunt: a hunt reads events and writes nothing. */
export const POST = handler("read", async ({ req, actor }) => json(await runHunt(await readJson(req), { actor, ip: clientIp(req) })));
