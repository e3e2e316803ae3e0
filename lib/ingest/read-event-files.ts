/**
 * Reads event files for the bulk importer and the EQL CLI: .json (one document, an array, or JSON
 * Lines), .ndjson/.jsonl, .xml (Windows event XML), .zip (every entry) and .gz (by the inner name);
 * other names are recognized from their content. Files are streamed: memory holds one document at a
 * time, not the file. Malformed documents are yielded as errors with their line, and reading goes on.
 */
import { createReadStream } from "node:fs";
import path from "node:path";
import { parserFor } from "./files/parser-for";
import type { EventFileItem } from "./files/types";

export type { EventFileItem } from "./files/types";

const CHUNK_SIZE = 1 << 20;

/** Yields every document of a file (or an error item: unreadable file, malformed document). */
export async function* readEventFile(file: string): AsyncGenerator<EventFileItem> {
  const parser = parserFor(path.basename(file), file);
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_SIZE })) {
      yield* parser.push(chunk as Buffer);
    }
  } catch (e) {
    yield { line: null, error: `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, source: file };
    return;
  }
  yield* parser.end();
}
