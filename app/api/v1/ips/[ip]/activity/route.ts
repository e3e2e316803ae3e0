import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { canonicalIp, getSourceIpActivity } from "@/lib/investigation/get-source-ip-activity";
import { parseWindow } from "@/lib/investigation/time-window";
import { INVESTIGATION_WINDOW } from "@/lib/validation/common";

export const dynamic = "force-dynamic";

/** One source IP across all hosts: WinRM connections and alerts, per host over time (default: last 24 h). */
export const GET = handler<{ ip: string }>("read", async ({ req, params }) => {
  const ip = canonicalIp(params.ip); // Next.js has decoded the segment once; decoding again read %25 as %
  const url = new URL(req.url);
  const window = parseWindow({ from: url.searchParams.get("from"), to: url.searchParams.get("to") }, INVESTIGATION_WINDOW);
  return json(await getSourceIpActivity(ip, window));
});
