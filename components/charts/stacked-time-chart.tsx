"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatTick, SERIES_COLORS } from "./format";
import { formatTime } from "@/components/format";

/** Counts per time bucket, one stacked bar series per key (rows carry the bucket start in `__bucket`). */
export function StackedTimeChart({ keys, rows, spanMs, label }: { keys: string[]; rows: Record<string, string | number>[]; spanMs: number; label: string }) {
  const data = rows.map((r) => ({ ...r, __t: Date.parse(String(r.__bucket)) }));
  return (
    <div className="h-64" role="img" aria-label={label} data-testid="stacked-time-chart">
      {keys.length === 0 ? (
        <div className="flex h-full items-center justify-center text-sm text-slate-500">No open alerts in this window.</div>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid stroke="#334155" strokeOpacity={0.35} vertical={false} />
            <XAxis dataKey="__t" tickFormatter={(v: number) => formatTick(v, spanMs)} stroke="#64748b" fontSize={11} minTickGap={24} />
            <YAxis allowDecimals={false} stroke="#64748b" fontSize={11} />
            <Tooltip
              labelFormatter={(v) => formatTime(new Date(Number(v)).toISOString())}
              contentStyle={{ background: "#0f172a", border: "1px solid #334155", borderRadius: 6, fontSize: 12 }}
              cursor={{ fill: "#64748b", fillOpacity: 0.15 }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {keys.map((k, i) => (
              <Bar key={k} dataKey={k} name={k} stackId="a" fill={SERIES_COLORS[i % SERIES_COLORS.length]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}
