/**
 * Display helpers for alerts. Times are shown in UTC so the server and the browser render the same
 * text. Links are built from data with encodeURIComponent only; no data-chosen scheme ever reaches
 * an href.
 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

export function formatRelative(iso: string, now = Date.now()): string {
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 60) return `${Math.max(s, 0)}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

export const hostHref = (hostId: string) => `/hosts/${encodeURIComponent(hostId)}`;
export const ipHref = (ip: string) => `/ips/${encodeURIComponent(ip)}`;
export const alertHref = (id: string) => `/alerts/${encodeURIComponent(id)}`;

/** Only http(s) links from data (rule references); anything else is shown as text. */
export function safeExternalUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}

export const CLOSING_REASON_LABELS: Record<string, string> = {
  false_positive: "False positive",
  true_positive: "True positive",
  benign: "Benign",
  duplicate: "Duplicate",
  allowlisted: "Allowlisted",
};
