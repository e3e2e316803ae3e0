/**
 * Display helpers for alerts (times: components/format.ts). Links are built from data with encodeURIComponent only; no data-chosen scheme ever reaches
 * an href.
 */
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

/** The reasons an analyst may pick ("allowlisted" is set by allowlist entries only). */
export const CLOSE_REASONS = ["false_positive", "true_positive", "benign", "duplicate"] as const;

export const CLOSING_REASON_LABELS: Record<string, string> = {
  false_positive: "False positive",
  true_positive: "True positive",
  benign: "Benign",
  duplicate: "Duplicate",
  allowlisted: "Allowlisted",
};
