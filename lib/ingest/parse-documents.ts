import type { IncomingDocument } from "./ingest-documents";

/**
 * The body of POST /api/v1/events: a JSON array, one JSON object, or NDJSON (one document per line).
 * A malformed NDJSON line becomes a rejected item naming its line; the others are kept. NDJSON lines
 * may be handed over unparsed (`json`): ingestDocuments parses them, with the same outcome.
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
  const lines = body.split("\n");
  // NDJSON whose first document parses: the lines are handed over as text and parsed one at a time
  // while they are ingested (so a request never holds every parsed document at once). The result
  // is the same as parsing them here: only a body whose every line fails is read differently below.
  const first = lines.findIndex((l) => l.trim() !== "");
  if (parses(lines[first])) {
    const out: IncomingDocument[] = [];
    for (let n = 0; n < lines.length; n++) {
      const line = lines[n].trim();
      if (line) out.push({ json: line, line: n + 1 });
    }
    return out;
  }
  const out: IncomingDocument[] = [];
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

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
