"use client";

import Link from "next/link";
import { alertHref, ipHref } from "@/components/alerts/format";
import { useApi } from "@/components/api/use-api";
import { formatTime } from "@/components/format";
import type { IpActivityJson } from "@/lib/investigation/get-source-ip-activity";
import { edgeLabel, nodeHref, nodeName } from "./graph-format";
import type { MovementEdge, MovementNode } from "./types";

const link = "text-sky-600 hover:underline dark:text-sky-400";

/**
 * One edge opened: its counts and first/last seen, then its WinRM connections and alerts (from the
 * source address's activity over the graph's window, those on the target host), with links to the
 * source-IP page and the alerts list for the rest.
 */
export function EdgeDetails({ edge, source, target, window, onClose }: { edge: MovementEdge; source: MovementNode; target: MovementNode; window: { from: string; to: string }; onClose: () => void }) {
  // The connections' source addresses (a host may have used several); the first is listed here.
  const ip = edge.sourceIps[0] ?? source.ip;
  const q = new URLSearchParams(window).toString();
  const { data, error, loading } = useApi<IpActivityJson>(ip ? `/api/v1/ips/${encodeURIComponent(ip)}/activity?${q}` : null);
  const onTarget = (hostId: string) => hostId === target.hostId;
  const connections = data?.connections.filter((c) => onTarget(c.hostId)) ?? [];
  const alerts = data?.alerts.filter((a) => onTarget(a.hostId)) ?? [];
  const alertsList = `/alerts?${new URLSearchParams({ status: "all", ...(target.hostId ? { hostId: target.hostId } : {}), ...(ip ? { sourceIp: ip } : {}) })}`;
  return (
    <section aria-label="Selected connection" data-testid="edge-details" className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">
          <Link prefetch={false} href={nodeHref(source, window)} className={`font-mono ${link}`}>
            {nodeName(source)}
          </Link>
          <span className="mx-1.5 text-slate-500">→</span>
          <Link prefetch={false} href={nodeHref(target, window)} className={`font-mono ${link}`}>
            {nodeName(target)}
          </Link>
        </h3>
        <span className="text-xs text-slate-600 dark:text-slate-300">
          {edgeLabel(edge)} · first {formatTime(edge.firstSeen)} · last {formatTime(edge.lastSeen)}
        </span>
        <button type="button" onClick={onClose} className="btn ml-auto py-0.5 text-xs">
          Close
        </button>
      </div>
      {!ip && <p className="mt-2 text-xs text-slate-500">The source has no known address: see the target&apos;s alerts below.</p>}
      {error && (
        <p role="alert" className="mt-2 text-xs text-rose-600 dark:text-rose-300">
          {error}
        </p>
      )}
      {loading && <p className="mt-2 text-xs text-slate-500">Loading connections…</p>}
      {data && (
        <div className="mt-2 grid gap-3 md:grid-cols-2">
          <div>
            <h4 className="mb-1 text-xs font-semibold text-slate-600 uppercase dark:text-slate-300">Connections ({connections.length}{data.truncated ? "+" : ""})</h4>
            <ul className="max-h-48 space-y-0.5 overflow-auto font-mono text-xs">
              {connections.slice(0, 100).map((c) => (
                <li key={c.seq}>
                  {formatTime(c.timestamp)} {ip}
                  {c.sourcePort ? `:${c.sourcePort}` : ""} → {c.destinationIp ?? "?"}:{c.destinationPort ?? "?"}
                </li>
              ))}
              {connections.length === 0 && <li className="font-sans text-slate-500">None listed in the window.</li>}
            </ul>
          </div>
          <div>
            <h4 className="mb-1 text-xs font-semibold text-slate-600 uppercase dark:text-slate-300">Alerts ({alerts.length}{data.alertsTruncated ? "+" : ""})</h4>
            <ul className="max-h-48 space-y-0.5 overflow-auto text-xs">
              {alerts.slice(0, 100).map((a) => (
                <li key={a.id}>
                  <Link prefetch={false} href={alertHref(a.id)} className={link}>
                    {a.ruleName}
                  </Link>{" "}
                  <span className="text-slate-500">
                    {a.status} · {formatTime(a.timestamp)}
                  </span>
                </li>
              ))}
              {alerts.length === 0 && <li className="text-slate-500">No alert on this edge in the window.</li>}
            </ul>
          </div>
        </div>
      )}
      <div className="mt-2 flex flex-wrap gap-3 text-xs">
        {(edge.sourceIps.length ? edge.sourceIps : ip ? [ip] : []).map((a) => (
          <Link key={a} prefetch={false} href={`${ipHref(a)}?${q}`} className={link}>
            Every connection from {a} →
          </Link>
        ))}
        <Link prefetch={false} href={alertsList} className={link}>
          These alerts in the alerts list →
        </Link>
      </div>
    </section>
  );
}
