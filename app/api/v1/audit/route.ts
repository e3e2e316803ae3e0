import { listAuditEntries } from "@/lib/db/queries/audit";
import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { auditQueryInput } from "@/lib/validation/admin";

/** The audit trail, newest first. Read-only: the trail has no route that changes it. */
export const GET = handler("audit:read", async ({ req }) => {
  const params = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ""));
  return json(await listAuditEntries(auditQueryInput.parse(params)));
});
