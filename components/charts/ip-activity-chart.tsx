"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import type { IpActivityJson } from "@/lib/investigation/get-source-ip-activity";
import { formatTick, stackMarks } from "./format";
import { formatTime } from "@/components/format";

export { PointsTruncated } from "./points-truncated";

interface Point {
  t: number;
  y: number;
  host: string;
  kind: "connection" | "alert";
  label: string;
  alertId?: string;
  seq?: string;
}

type Connection = IpActivityJson["connections"][number];
const SEEN: Record<Connection["seen"], string> = {
  both: "both ends (client and target; counted once)",
  target: "the target only",
  origin: "the client only (the target recorded nothing)",
};

/**
 * One lane per host (Y) over time (X): WinRM connections as dots, alerts as triangles, so lateral
 * spread shows at a glance. Click a connection to see its event, an alert to open it.
 */
export function IpActivityChart({ data, height }: { data: IpActivityJson; height?: number }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Connection | null>(null);
  const lanes = useMemo(() => data.hosts.map((h) => ({ id: h.hostId, label: h.hostName ?? h.hostId })), [data.hosts]);
  const laneOf = useMemo(() => new Map(lanes.map((l, i) => [l.id, i])), [lanes]);
  // Points of hosts beyond the listed lanes (a truncated host list) are left out.
  const connections: Point[] = data.connections.filter((c) => laneOf.has(c.hostId)).map((c) => ({
    t: Date.parse(c.timestamp),
    y: laneOf.get(c.hostId) ?? 0,
    host: c.hostName ?? c.hostId,
    kind: "connection",
    label: `→ ${c.destinationIp ?? "?"}:${c.destinationPort ?? "?"}`,
    seq: c.seq,
  }));
  const alerts: Point[] = data.alerts.filter((a) => laneOf.has(a.hostId)).map((a) => ({
    t: Date.parse(a.timestamp),
    y: laneOf.get(a.hostId) ?? 0,
    host: a.hostName ?? a.hostId,
    kind: "alert",
    label: `${a.ruleName} (${a.status})`,
    alertId: a.id,
  }));
  const from = Date.parse(data.window.from);
  const to = Date.parse(data.window.to);
  // Marks closer than ~1.5 % of the window on one lane are stacked across the lane and counted.
  const stacked = stackMarks([...connections, ...alerts], Math.max(1, (to - from) / 70)).map((p) => ({ ...p, y: p.y + p.dy }));
  const stackedConnections = stacked.filter((p) => p.kind === "connection");
  const stackedAlerts = stacked.filter((p) => p.kind === "alert");
  const chartHeight = height ?? Math.max(180, 70 + lanes.length * 44);

  if (lanes.length === 0) {
    return <div className="card p-6 text-sm text-slate-500 dark:text-slate-400">No WinRM connections or alerts from this address in the window.</div>;
  }
  const onPoint = (item: unknown) => {
    const p = (item as { payload?: Point } | null)?.payload;
    if (!p) return;
    if (p.kind === "alert" && p.alertId) router.push(`/alerts/${encodeURIComponent(p.alertId)}`);
    if (p.kind === "connection") setSelected(data.connections.find((c) => c.seq === p.seq) ?? null);
  };
  return (
    <div className="flex flex-col gap-2">
      <div className="card p-2" data-testid="ip-activity-chart" style={{ height: chartHeight }}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
            <CartesianGrid stroke="#334155" strokeOpacity={0.35} />
            <XAxis
              type="number"
              dataKey="t"
              domain={[from, to]}
              scale="linear"
              interval={0}
              ticks={Array.from({ length: 7 }, (_, i) => from + ((to - from) * i) / 6)}
              tickFormatter={(v: number) => formatTick(v, to - from)}
              stroke="#64748b"
              fontSize={11}
            />
            <YAxis
              type="number"
              dataKey="y"
              domain={[-0.5, lanes.length - 0.5]}
              ticks={lanes.map((_, i) => i)}
              tickFormatter={(i: number) => truncate(lanes[i]?.label ?? "", 22)}
              width={150}
              interval={0}
              reversed
              stroke="#64748b"
              fontSize={11}
            />
            <ZAxis range={[60, 60]} />
            <Tooltip content={<PointTooltip />} cursor={{ strokeDasharray: "3 3" }} />
            <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
            <Scatter name="WinRM connection" data={stackedConnections} fill="#38bdf8" fillOpacity={0.8} shape={markShape("circle")} onClick={onPoint} cursor="pointer" isAnimationActive={false} />
            <Scatter name="Alert" data={stackedAlerts} fill="#f43f5e" shape={markShape("triangle")} onClick={onPoint} cursor="pointer" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      {selected && (
        <div className="card p-3 text-xs" data-testid="selected-connection">
          <div className="mb-1 flex items-center gap-2">
            <span className="font-semibold">WinRM connection</span>
            <button type="button" className="ml-auto text-slate-500 hover:underline" onClick={() => setSelected(null)}>
              Close
            </button>
          </div>
          <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-0.5 font-mono">
            <dt className="font-sans text-slate-500">@timestamp</dt>
            <dd>{formatTime(selected.timestamp)}</dd>
            <dt className="font-sans text-slate-500">Host</dt>
            <dd>
              <a className="text-sky-600 hover:underline dark:text-sky-400" href={`/hosts/${encodeURIComponent(selected.hostId)}?${new URLSearchParams({ from: new Date(Date.parse(selected.timestamp) - 3600_000).toISOString(), to: new Date(Date.parse(selected.timestamp) + 3600_000).toISOString() })}`}>
                {selected.hostName ?? selected.hostId}
              </a>
            </dd>
            <dt className="font-sans text-slate-500">Destination</dt>
            <dd>{`${selected.destinationIp ?? "?"}:${selected.destinationPort ?? "?"}`}</dd>
            <dt className="font-sans text-slate-500">Source port</dt>
            <dd>{selected.sourcePort ?? "—"}</dd>
            <dt className="font-sans text-slate-500">Recorded by</dt>
            <dd className="font-sans">{SEEN[selected.seen]}</dd>
            <dt className="font-sans text-slate-500">event.id</dt>
            <dd className="break-all">{selected.eventId ?? "—"}</dd>
            <dt className="font-sans text-slate-500">Store seq</dt>
            <dd>{selected.seq}</dd>
          </dl>
        </div>
      )}
    </div>
  );
}

type StackedPoint = Point & { stackIndex: number; stackSize: number };

/**
 * A mark: a dot (connection) or a triangle (alert), its own <title> (a tooltip without hovering
 * precision, read by screen readers), and "×N" beside the first mark of a stack of N.
 */
function markShape(kind: "circle" | "triangle") {
  function Mark(props: unknown) {
    const { cx = 0, cy = 0, fill, payload } = props as { cx?: number; cy?: number; fill?: string; payload?: StackedPoint };
    if (!payload) return <g />;
    const title = `${payload.kind === "alert" ? "Alert" : "WinRM connection"} on ${payload.host}, ${formatTime(new Date(payload.t).toISOString())}: ${payload.label}${payload.stackSize > 1 ? ` (${payload.stackSize} marks here)` : ""}`;
    return (
      <g data-stack-size={payload.stackSize}>
        <title>{title}</title>
        {kind === "circle" ? <circle cx={cx} cy={cy} r={4.5} fill={fill} fillOpacity={0.85} /> : <path d={`M${cx},${cy - 6}L${cx + 5.5},${cy + 4}L${cx - 5.5},${cy + 4}Z`} fill={fill} />}
        {payload.stackIndex === 0 && payload.stackSize > 1 && (
          <text x={cx + 8} y={cy + 4} fontSize={10} fill="#94a3b8">
            ×{payload.stackSize}
          </text>
        )}
      </g>
    );
  }
  return Mark;
}

function truncate(s: string, n: number) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function PointTooltip({ active, payload }: { active?: boolean; payload?: { payload?: Point }[] }) {
  const p = active ? payload?.[0]?.payload : undefined;
  if (!p) return null;
  return (
    <div className="rounded-md border border-slate-700 bg-slate-900/95 px-3 py-2 text-xs text-slate-100 shadow-lg">
      <div className="font-semibold">{p.kind === "alert" ? "Alert" : "WinRM connection"}</div>
      <div className="font-mono">{p.host}</div>
      <div>{p.label}</div>
      <div className="text-slate-400">{formatTime(new Date(p.t).toISOString())}</div>
      {(p as StackedPoint).stackSize > 1 && <div className="text-amber-300">{(p as StackedPoint).stackSize} marks overlap here (stacked across the lane)</div>}
      <div className="mt-1 text-slate-400">{p.kind === "alert" ? "Click to open the alert" : "Click to see the event"}</div>
    </div>
  );
}
