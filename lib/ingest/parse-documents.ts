import type { IncomingDocument } from "./ingest-documents";

/**
 * The body of POST /api/v1/events: a JSON array, one JSON object, or NDJSON (one document per line).
 * A malformed NDJSON line becomes a rejected item naming its line; the others are kept.
 * Item indexes count documents in body order (blank lines are skipped).
 */
export function parseDocuments(body: string): IncomingDocument[] {
  const trimmed = body.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith("[")) {
    try {
      const parsed = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map((doc) => ({ doc }));
    } catch {
      /* maybe NDJSON whose first line is an array: fall through */
    }
  }
  if (trimmed.startsWith("{") && !trimmed.includes("\n")) {
    try {
      return [{ doc: JSON.parse(trimmed) }];
    } catch (err) {
      return [{ parseError: `line 1: malformed JSON (${(err as Error).message})` }];
    }
  }
  const out: IncomingDocument[] = [];
  const lines = body.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (!line) continue;
    try {
      out.push({ doc: JSON.parse(line) });
    } catch (err) {
      out.push({ parseError: `line ${n + 1}: malformed JSON (${(err as Error).message})` });
    }
  }
  // A pretty-printed single object spans lines: every line failed, but the whole parses.
  if (out.length > 1 && out.every((d) => d.parseError)) {
    try {
      const whole = JSON.parse(trimmed);
      return Array.isArray(whole) ? whole.map((doc) => ({ doc })) : [{ doc: whole }];
    } catch {
      /* genuinely malformed */
    }
  }
  return out;
}
