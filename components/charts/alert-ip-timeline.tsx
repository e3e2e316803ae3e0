"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useApi } from "@/components/api/use-api";
import { formatTime } from "@/components/format";
import { useInView } from "@/components/ui/use-in-view";
import type { IpActivityJson } from "@/lib/investigation/get-source-ip-activity";
import { PointsTruncated } from "./points-truncated";

// recharts is most of the page's script: it loads, and the data is fetched, only when the section
// comes near the viewport, so the evidence above it is usable first.
const IpActivityChart = dynamic(() => import("./ip-activity-chart").then((m) => m.IpActivityChart), {
  ssr: false,
  loading: () => <div className="h-44 animate-pulse rounded-lg bg-slate-200/60 dark:bg-slate-800/60" aria-busy="true" />,
});

/** Where the alert's source IP went, ±24 h around the alert, across every host. */
export function AlertIpTimeline({ alertId }: { alertId: string }) {
  const { ref, seen } = useInView<HTMLDivElement>();
  const { data, error } = useApi<IpActivityJson>(seen ? `/api/v1/alerts/${encodeURIComponent(alertId)}/ip-activity` : null);
  let body: React.ReactNode;
  if (error) body = <div role="alert" className="card p-4 text-sm text-slate-500">Source IP timeline unavailable: {error}</div>;
  else if (!data) body = <div className="card p-4 text-sm text-slate-500" aria-busy="true">Loading the source IP timeline…</div>;
  else {
    const ipHref = `/ips/${encodeURIComponent(data.ip)}?${new URLSearchParams({ from: data.window.from, to: data.window.to })}`;
    body = (
      <section aria-label="Source IP timeline" className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
          <Link prefetch={false} href={ipHref} className="font-mono text-sm text-sky-600 hover:underline dark:text-sky-400">
            {data.ip}
          </Link>
          <span>
            {data.totals.hosts} host{data.totals.hosts === 1 ? "" : "s"} reached
          </span>
          <span>first seen {formatTime(data.firstSeen)}</span>
          <span>last seen {formatTime(data.lastSeen)}</span>
          <span>
            {data.totals.connections} connection{data.totals.connections === 1 ? "" : "s"}, {data.totals.alerts} alert{data.totals.alerts === 1 ? "" : "s"}
          </span>
          <PointsTruncated data={data} />
        </div>
        <IpActivityChart data={data} />
      </section>
    );
  }
  return <div ref={ref}>{body}</div>;
}
