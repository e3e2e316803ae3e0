/**
 * How the UI writes times and durations, in one place. Times are UTC so that the server's HTML and
 * the browser's render say the same thing and every analyst reads one clock.
 */

/** "2026-12-02 15:46:45Z" (to the second), or "—". */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/** "2026-12-02 15:46 UTC" (to the minute), or "—". */
export function formatMinute(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  const s = d.toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
}

/** "45 s", "12 min", "3.5 h", "2.1 d", or "—". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

/** "just now", "12 min ago", "5 h ago", "3 d ago"; `none` when there is no time. */
export function timeAgo(iso: string | null | undefined, now = Date.now(), none = "never"): string {
  if (!iso) return none;
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (Number.isNaN(s)) return none;
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}
