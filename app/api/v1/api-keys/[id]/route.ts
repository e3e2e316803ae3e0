import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { revokeApiKey } from "@/lib/users/revoke-api-key";

type Params = { id: string };

/** Revokes the key; the row stays, marked revoked, so the list and the audit trail keep their meaning. */
export const DELETE = handler<Params>("apikeys:write", async ({ req, actor, params }) =>
  json({ apiKey: await revokeApiKey({ id: params.id }, { actor, ip: clientIp(req) }) }),
);
