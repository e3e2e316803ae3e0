import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { deleteDestination } from "@/lib/notify/delete-destination";
import { getDestination } from "@/lib/notify/read-destinations";
import { updateDestination } from "@/lib/notify/update-destination";

type Params = { id: string };

export const GET = handler<Params>("notifications:manage", async ({ actor, params }) => json({ destination: await getDestination(params.id, { actor }) }));

export const PATCH = handler<Params>("notifications:manage", async ({ req, actor, params }) =>
  json(await updateDestination(params.id, await readJson(req), { actor, ip: clientIp(req) })),
);

export const DELETE = handler<Params>("notifications:manage", async ({ req, actor, params }) =>
  json(await deleteDestination(params.id, { actor, ip: clientIp(req) })),
);
