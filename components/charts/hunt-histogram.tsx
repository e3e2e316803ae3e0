"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatTime } from "@/components/format";
import { formatTick } from "./format";

const BUCKETS = 60;

/** Matches over the hunt's window: 60 buckets, a match counted at its first event's time. */
export function HuntHistogram({ times, from, to }: { times: number[]; from: number; to: number }) {
  const span = Math.max(1, to - from);
  const size = span / BUCKETS;
  const counts = new Array<number>(BUCKETS).fill(0);
  for (const t of times) counts[Math.min(BUCKETS - 1, Math.max(0, Math.floor((t - from) / size)))]++;
  const data = counts.map((n, i) => ({ t: from + i * size, n }));
  return (
    <div className="h-40" role="img" aria-label={`Matches over time: ${times.length} in the window`} data-testid="hunt-histogram">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="#334155" strokeOpacity={0.35} vertical={false} />
          <XAxis dataKey="t" type="number" domain={[from, to]} tickFormatter={(v: number) => formatTick(v, span)} stroke="#64748b" fontSize={11} minTickGap={24} />
          <YAxis allowDecimals={false} stroke="#64748b" fontSize={11} />
          <Tooltip
            labelFormatter={(v) => `${formatTime(new Date(Number(v)).toISOString())} – ${formatTime(new Date(Number(v) + size).toISOString())}`}
            formatter={(v) => [String(v), "matches"]}
            contentStyle={{ background: "#0f172a", border: "1px solid #334155", borderRadius: 6, fontSize: 12 }}
            cursor={{ fill: "#64748b", fillOpacity: 0.15 }}
          />
          <Bar dataKey="n" name="matches" fill="#38bdf8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
