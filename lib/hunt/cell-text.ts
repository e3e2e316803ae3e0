/** A field's value as one line of text (tables and CSV): arrays joined with ", ", objects as JSON, nothing for missing. */
export function cellText(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) return v.map(cellText).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
