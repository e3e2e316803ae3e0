import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { getRuleExecutions } from "@/lib/investigation/get-rules-overview";

export const dynamic = "force-dynamic";

/** The rule's execution history, newest first (`limit`, default 50, at most 500). */
export const GET = handler<{ id: string }>("read", async ({ req, params }) => {
  const raw = Number(new URL(req.url).searchParams.get("limit") ?? 50);
  const limit = Number.isFinite(raw) ? Math.min(500, Math.max(1, Math.floor(raw))) : 50;
  return json({ executions: await getRuleExecutions(params.id, limit) });
});
