import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { addNote } from "@/lib/triage/add-note";

export const POST = handler<{ id: string }>("triage", async ({ req, actor, params }) =>
  json(await addNote({ alertId: params.id, note: await readJson(req) }, { actor, ip: clientIp(req) }), { status: 201 }),
);
