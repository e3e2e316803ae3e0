import type { IncomingDocument } from "./ingest-documents";

/**
 * The body of POST /api/v1/events: a JSON array, one JSON object, or NDJSON (one document per line).
 * A malformed NDJSON line becomes a rejected item naming its line; the others are kept. NDJSON lines
 * are handed over unparsed (`json`): ingestDocuments parses them one at a time, with the same
 * outcome. Item indexes count documents in body order (blank lines are skipped).
 *
 * A body that comes as bytes is split into lines before it is decoded (UTF-8 never uses the
 * newline byte inside a character, so this reads exactly like decoding it whole): a request then
 * holds many small strings instead of one of several megabytes.
 */
export function parseDocuments(body: Buffer | string): IncomingDocument[] {
  const lines = typeof body === "string" ? body.split("\n") : bodyLines(body);
  const whole = () => (typeof body === "string" ? body : body.toString("utf8")).trim();
  const present: number[] = [];
  for (let n = 0; n < lines.length; n++) {
    lines[n] = lines[n].trim();
    if (lines[n]) present.push(n);
  }
  if (!present.length) return [];
  const head = lines[present[0]];
  if (head.startsWith("[")) {
    try {
      const parsed = JSON.parse(whole());
      if (Array.isArray(parsed)) return parsed.map((doc) => ({ doc }));
    } catch {
      /* maybe NDJSON whose first line is an array: fall through */
    }
  }
  if (present.length === 1 && head.startsWith("{")) {
    try {
      return [{ doc: JSON.parse(head) }];
    } catch (err) {
      return [{ parseError: `line 1: malformed JSON (${(err as Error).message})` }];
    }
  }
  // NDJSON whose first document parses: the lines are handed over as text and parsed one at a time
  // while they are ingested (so a request never holds every parsed document at once). The result
  // is the same as parsing them here: only a body whose every line fails is read differently below.
  if (parses(head)) return present.map((n) => ({ json: lines[n], line: n + 1 }));
  const out: IncomingDocument[] = present.map((n) => {
    try {
      return { doc: JSON.parse(lines[n]) };
    } catch (err) {
      return { parseError: `line ${n + 1}: malformed JSON (${(err as Error).message})` };
    }
  });
  // A pretty-printed single object spans lines: every line failed, but the whole parses.
  if (out.length > 1 && out.every((d) => d.parseError)) {
    try {
      const parsed = JSON.parse(whole());
      return Array.isArray(parsed) ? parsed.map((doc) => ({ doc })) : [{ doc: parsed }];
    } catch {
      /* genuinely malformed */
    }
  }
  return out;
}

const NEWLINE = 0x0a;

/** The lines of a UTF-8 body, each decoded on its own (the same strings as decoding it whole and splitting at "\n"). */
export function bodyLines(body: Buffer): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const end = body.indexOf(NEWLINE, start);
    if (end < 0) break;
    lines.push(body.toString("utf8", start, end));
    start = end + 1;
  }
  lines.push(body.toString("utf8", start));
  return lines;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
