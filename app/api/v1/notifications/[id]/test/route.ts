import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { testDestination } from "@/lib/notify/test-destination";

type Params = { id: string };

export const POST = handler<Params>("notifications:manage", async ({ req, actor, params }) =>
  json({ result: await testDestination(params.id, { actor, ip: clientIp(req) }) }),
);
