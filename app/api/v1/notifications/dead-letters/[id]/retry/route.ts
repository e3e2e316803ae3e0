import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { retryDeadLetter } from "@/lib/notify/retry-dead-letter";

type Params = { id: string };

export const POST = handler<Params>("notifications:manage", async ({ req, actor, params }) =>
  json(await retryDeadLetter(params.id, { actor, ip: clientIp(req) })),
);
