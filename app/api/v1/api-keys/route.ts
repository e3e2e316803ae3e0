import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { createApiKey } from "@/lib/users/create-api-key";
import { listApiKeys } from "@/lib/users/list-api-keys";

export const GET = handler("apikeys:write", async ({ actor }) => json({ apiKeys: await listApiKeys({}, { actor }) }));

/** The key is in this answer only: it is not stored and cannot be shown again. */
export const POST = handler("apikeys:write", async ({ req, actor }) =>
  json(await createApiKey(await readJson(req), { actor, ip: clientIp(req) }), {
    status: 201,
    headers: { "cache-control": "no-store" },
  }),
);
