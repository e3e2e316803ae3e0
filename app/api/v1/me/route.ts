import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { updatePreferences } from "@/lib/users/update-preferences";

/** The signed-in user's own preferences: `{"theme": "system" | "light" | "dark"}`. */
export const PATCH = handler("read", async ({ req, actor }) => json(await updatePreferences(await readJson(req), { actor, ip: clientIp(req) })));
