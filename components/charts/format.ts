/** Chart helpers: axis ticks and series colours (times and durations: components/format.ts). */
import { formatTime } from "@/components/format";

/** The source-IP page's import of the time format, kept until that page imports components/format. */
export const formatInstant = formatTime;

export function formatTick(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  return spanMs > 2 * 24 * 3600_000 ? iso.slice(5, 10) + " " + iso.slice(11, 16) : iso.slice(11, 16);
}

/** A stable colour per series index. */
export const SERIES_COLORS = ["#38bdf8", "#f472b6", "#a3e635", "#fbbf24", "#c084fc", "#fb7185", "#2dd4bf", "#94a3b8"];
