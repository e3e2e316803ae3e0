import { OPERATOR_LABELS, type AllowlistCondition } from "./types";

/** Human text for the list and the history (rendered as text: values come from events). */
export function conditionSummary(c: AllowlistCondition): string {
  const op = OPERATOR_LABELS[c.operator] ?? c.operator;
  if (c.operator === "exists" || c.operator === "not_exists") return `${c.field} ${op}`;
  const values = c.values.map((v) => String(v));
  const shown = values.length > 3 ? `${values.slice(0, 3).join(", ")} +${values.length - 3}` : values.join(", ");
  return `${c.field} ${op} ${shown}`;
}

/** "3d 4h", "25m": a coarse duration for expiry badges. */
export function shortDuration(ms: number): string {
  const m = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${m % 60 && h < 6 ? ` ${m % 60}m` : ""}`;
  const d = Math.floor(h / 24);
  return `${d}d${h % 24 && d < 7 ? ` ${h % 24}h` : ""}`;
}

export function formatTimestamp(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}
