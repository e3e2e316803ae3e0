import { handler } from "@/lib/http/handler";
import { notFound } from "@/lib/http/errors";
import { json } from "@/lib/http/respond";
import { cancelHunt, huntProgress } from "@/lib/hunt/run-hunt";

/** Progress of a running hunt (events scanned so far); 404 once it has finished. */
export const GET = handler<{ id: string }>("read", async ({ actor, params }) => {
  const progress = huntProgress(params.id, { actor });
  if (!progress) throw notFound("running hunt");
  return json(progress);
});

/** Cancel: the hunt's statement is cancelled in PostgreSQL; the hunt itself answers with what it had found. */
export const DELETE = handler<{ id: string }>("read", async ({ actor, params }) => {
  if (!(await cancelHunt(params.id, { actor }))) throw notFound("running hunt");
  return json({ cancelled: true });
});
