import { actorFromRequest } from "@/lib/auth/actor";
import { getHealth } from "@/lib/health/get-health";
import { publicHandler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** ok / not ok for everyone; the details for an admin or a read key (lib/health/get-health.ts). */
export const GET = publicHandler(async ({ req }) => {
  const actor = await actorFromRequest(req).catch(() => null);
  const health = await getHealth({}, { actor });
  return json(health.body, { status: health.httpStatus, headers: { "cache-control": "no-store" } });
});
