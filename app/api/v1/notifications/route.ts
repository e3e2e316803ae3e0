import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { createDestination } from "@/lib/notify/create-destination";
import { listDestinations } from "@/lib/notify/read-destinations";

export const GET = handler("notifications:manage", async ({ actor }) => json({ destinations: await listDestinations({ actor }) }));

export const POST = handler("notifications:manage", async ({ req, actor }) =>
  json(await createDestination(await readJson(req), { actor, ip: clientIp(req) }), { status: 201 }),
);
