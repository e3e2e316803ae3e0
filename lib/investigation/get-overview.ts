import { alertStatusCounts, alertsOverTime, meanResponseTimes, topHosts, topSourceIps } from "../db/queries/overview";
import { bucketSizeMs, type TimeWindow } from "./time-window";

const MAX_SERIES = 6;

export interface OverviewSeries {
  /** Series names (rules, or the top hosts plus "Other"). */
  keys: string[];
  /** One row per bucket: `{ __bucket, <key>: count, ... }` (alerts created in the bucket that are not closed). */
  rows: Record<string, string | number>[];
}

export type OverviewJson = Awaited<ReturnType<typeof getOverview>>;

/**
 * The overview of a window (alerts created in it): counts by status, open alerts over time by rule
 * and by host, the top source IPs and hosts, and the mean time to acknowledge and to close.
 */
export async function getOverview(window: TimeWindow) {
  const { from, to } = window;
  const bucketMs = bucketSizeMs(window, 28);
  const [status, byRule, byHost, ips, hosts, times] = await Promise.all([
    alertStatusCounts(from, to),
    alertsOverTime(from, to, bucketMs, "rule"),
    alertsOverTime(from, to, bucketMs, "host"),
    topSourceIps(from, to),
    topHosts(from, to),
    meanResponseTimes(from, to),
  ]);
  const counts = { open: status.open ?? 0, acknowledged: status.acknowledged ?? 0, closed: status.closed ?? 0 };
  return {
    window: { from: from.toISOString(), to: to.toISOString() },
    bucketMs,
    counts: { ...counts, total: counts.open + counts.acknowledged + counts.closed },
    openByRule: series(byRule, window, bucketMs),
    openByHost: series(byHost, window, bucketMs),
    topSourceIps: ips,
    topHosts: hosts,
    ...times,
  };
}

/** Pivot (bucket, key, open) rows into one row per bucket, keeping the biggest keys and "Other". */
function series(rows: { bucket: number; key: string; open: number }[], window: TimeWindow, bucketMs: number): OverviewSeries {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + r.open);
  const ranked = [...totals.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const kept = ranked.slice(0, MAX_SERIES);
  const keys = ranked.length > MAX_SERIES ? [...kept, "Other"] : kept;
  const count = Math.max(1, Math.ceil((window.to.getTime() - window.from.getTime()) / bucketMs));
  const out: Record<string, string | number>[] = Array.from({ length: count }, (_, i) => {
    const row: Record<string, string | number> = { __bucket: new Date(window.from.getTime() + i * bucketMs).toISOString() };
    for (const k of keys) row[k] = 0;
    return row;
  });
  for (const r of rows) {
    if (!r.open) continue;
    const row = out[Math.min(count - 1, Math.max(0, r.bucket))];
    const k = kept.includes(r.key) ? r.key : "Other";
    row[k] = (row[k] as number) + r.open;
  }
  return { keys, rows: out };
}
