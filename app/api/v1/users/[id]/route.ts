import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { updateUser } from "@/lib/users/update-user";
import type { UpdateUserInput } from "@/lib/validation/admin";

type Params = { id: string };

export const PATCH = handler<Params>("users:write", async ({ req, actor, params }) => {
  const body = (await readJson(req)) as UpdateUserInput;
  return json(await updateUser({ ...body, id: params.id }, actor, { ip: clientIp(req) }));
});
