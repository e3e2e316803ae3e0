import { handler } from "@/lib/http/handler";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { addNote } from "@/lib/triage/add-note";
import { noteSchema } from "@/lib/validation/alerts";

export const POST = handler<{ id: string }>("triage", async ({ req, actor, params }) => {
  const { body } = noteSchema.parse(await readJson(req));
  return json(await addNote({ alertId: params.id, body }, actor), { status: 201 });
});
