/** NDJSON / JSON Lines: one JSON document per line; a malformed line is an error item and reading goes on. */
import { StreamingTextDecoder } from "./text-decoder";
import type { EventFileItem, IncrementalParser } from "./types";

export class NdjsonParser implements IncrementalParser {
  private decoder = new StreamingTextDecoder();
  private rest = "";
  private line = 0;

  constructor(private readonly source: string) {}

  push(chunk: Uint8Array): EventFileItem[] {
    return this.lines(this.decoder.decode(chunk), false);
  }

  end(): EventFileItem[] {
    return this.lines(this.decoder.flush(), true);
  }

  private lines(text: string, final: boolean): EventFileItem[] {
    const items: EventFileItem[] = [];
    const buf = this.rest + text;
    let start = 0;
    for (let nl = buf.indexOf("\n"); nl !== -1; nl = buf.indexOf("\n", start)) {
      this.parseLine(buf.slice(start, nl), items);
      start = nl + 1;
    }
    this.rest = buf.slice(start);
    if (final && this.rest !== "") {
      this.parseLine(this.rest, items);
      this.rest = "";
    }
    return items;
  }

  private parseLine(raw: string, items: EventFileItem[]): void {
    this.line++;
    const text = raw.trim();
    if (text === "") return;
    try {
      items.push({ line: this.line, doc: JSON.parse(text), source: this.source });
    } catch (e) {
      items.push({ line: this.line, error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}`, source: this.source });
    }
  }
}
