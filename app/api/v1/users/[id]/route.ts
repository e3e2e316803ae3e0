import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { updateUser } from "@/lib/users/update-user";

type Params = { id: string };

export const PATCH = handler<Params>("users:write", async ({ req, actor, params }) =>
  json(await updateUser({ id: params.id, patch: await readJson(req) }, { actor, ip: clientIp(req) })),
);
