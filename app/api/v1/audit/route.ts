import { listAuditTrail } from "@/lib/audit/list-audit-trail";
import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";

/** The audit trail, newest first. Read-only: the trail has no route that changes it. */
export const GET = handler("audit:read", async ({ req, actor }) => {
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ""));
  return json(await listAuditTrail(params, { actor }));
});
