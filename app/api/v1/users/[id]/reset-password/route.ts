import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { resetPassword } from "@/lib/users/reset-password";

type Params = { id: string };

export const POST = handler<Params>("users:write", async ({ req, actor, params }) =>
  json(await resetPassword({ id: params.id }, { actor, ip: clientIp(req) })),
);
