"use client";

import { useEffect, useState } from "react";
import type { IpActivityJson } from "@/lib/investigation/get-source-ip-activity";
import { formatTime } from "@/components/format";
import { IpActivityChart, PointsTruncated } from "./ip-activity-chart";

/** Where the alert's source IP went, ±24 h around the alert, across every host. */
export function AlertIpTimeline({ alertId }: { alertId: string }) {
  const [data, setData] = useState<IpActivityJson | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    fetch(`/api/v1/alerts/${encodeURIComponent(alertId)}/ip-activity`, { headers: { accept: "application/json" } })
      .then(async (res) => {
        const body = await res.json().catch(() => null);
        if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
        if (live) setData(body as IpActivityJson);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [alertId]);

  if (error) return <div role="alert" className="card p-4 text-sm text-slate-500">Source IP timeline unavailable: {error}</div>;
  if (!data) return <div className="card p-4 text-sm text-slate-500" aria-busy="true">Loading the source IP timeline…</div>;
  const ipHref = `/ips/${encodeURIComponent(data.ip)}?${new URLSearchParams({ from: data.window.from, to: data.window.to })}`;
  return (
    <section aria-label="Source IP timeline" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
        <a href={ipHref} className="font-mono text-sm text-sky-600 hover:underline dark:text-sky-400">
          {data.ip}
        </a>
        <span>{data.totals.hosts} host{data.totals.hosts === 1 ? "" : "s"} touched</span>
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
