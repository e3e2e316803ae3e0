/** Chart helpers: axis ticks and series colours (times and durations: components/format.ts). */
import { formatTime } from "@/components/format";

/** The source-IP page's import of the time format, kept until that page imports components/format. */
export const formatInstant = formatTime;

/**
 * A time axis tick (UTC): "15:46" within a window of less than a day, "12-02 15:46" when the window
 * spans days (a bare hour would repeat every day), "12-02" beyond two weeks.
 */
export function formatTick(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  if (spanMs >= 14 * 24 * 3600_000) return iso.slice(5, 10);
  return spanMs >= 20 * 3600_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

/**
 * Marks that would cover each other (same lane, closer than `slotMs`) are offset across the lane
 * and counted: each gets its index in the stack and the stack's size. Pure; input order is kept.
 */
export function stackMarks<T extends { t: number; y: number }>(points: T[], slotMs: number): (T & { stackIndex: number; stackSize: number; dy: number })[] {
  const sorted = points.map((p, i) => ({ p, i })).sort((a, b) => a.p.y - b.p.y || a.p.t - b.p.t);
  const out = new Array<T & { stackIndex: number; stackSize: number; dy: number }>(points.length);
  for (let s = 0; s < sorted.length; ) {
    let e = s + 1;
    while (e < sorted.length && sorted[e]!.p.y === sorted[s]!.p.y && sorted[e]!.p.t - sorted[e - 1]!.p.t < slotMs) e++;
    const size = e - s;
    const step = Math.min(0.18, 0.8 / size);
    for (let k = s; k < e; k++) {
      const idx = k - s;
      out[sorted[k]!.i] = { ...sorted[k]!.p, stackIndex: idx, stackSize: size, dy: size === 1 ? 0 : (idx - (size - 1) / 2) * step };
    }
    s = e;
  }
  return out;
}

/** A stable colour per series index. */
export const SERIES_COLORS = ["#38bdf8", "#f472b6", "#a3e635", "#fbbf24", "#c084fc", "#fb7185", "#2dd4bf", "#94a3b8"];
