import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { getAlertDetail } from "@/lib/triage/get-alert-detail";
import { updateAlert } from "@/lib/triage/update-alert";

type Params = { id: string };

export const GET = handler<Params>("read", async ({ params }) => json(await getAlertDetail(params.id)));

export const PATCH = handler<Params>("triage", async ({ req, actor, params }) =>
  json(await updateAlert({ id: params.id, update: await readJson(req) }, { actor, ip: clientIp(req) })),
);
