import { getHealth } from "@/lib/health/get-health";
import { publicHandler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export const GET = publicHandler(async () => {
  const health = await getHealth();
  return json(health, { status: health.status === "down" ? 503 : 200 });
});
