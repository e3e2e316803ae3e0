import type { IpActivityJson } from "@/lib/investigation/get-source-ip-activity";

/** Says when the chart shows only the first hosts, connections or alerts (the counts cover all). */
export function PointsTruncated({ data }: { data: IpActivityJson }) {
  const n = (x: number) => x.toLocaleString("en");
  const parts = [
    data.hostsTruncated ? `the first ${n(data.hosts.length)} of ${n(data.totals.hosts)} hosts` : null,
    data.truncated ? `the first ${n(data.connections.length)} of ${n(data.totals.connections)} connections` : null,
    data.alertsTruncated ? `the first ${n(data.alerts.length)} of ${n(data.totals.alerts)} alerts` : null,
  ].filter(Boolean);
  if (!parts.length) return null;
  return (
    <span className="text-amber-600" data-testid="ip-points-truncated">
      Truncated: showing {parts.join(", ")}
    </span>
  );
}
