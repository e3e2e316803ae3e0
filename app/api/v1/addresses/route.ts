import { handler } from "@/lib/http/handler";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { getAddresses } from "@/lib/movement/get-addresses";

export const dynamic = "force-dynamic";

/** How addresses read: `?ip=10.20.1.21&ip=…&from=&to=` → each with its owners in the window. */
export const GET = handler("read", async ({ req, actor }) => {
  const p = new URL(req.url).searchParams;
  const input: Record<string, unknown> = { ip: p.getAll("ip") };
  for (const k of ["from", "to"]) if (p.has(k)) input[k] = p.get(k);
  for (const k of p.keys()) if (!["ip", "from", "to"].includes(k)) input[k] = p.get(k);
  return json(await getAddresses(input, { actor, ip: clientIp(req) }));
});
