/**
 * Windows event XML, streamed: every <Event>…</Event> element (one event, or a wevtutil export
 * <Events><Event>…</Event>…</Events>) is parsed on its own into Winlogbeat's `winlog.*` dictionary.
 */
import { parseWindowsEventXml } from "../../ecs/windows-xml";
import { StreamingTextDecoder } from "./text-decoder";
import type { EventFileItem, IncrementalParser } from "./types";

const START = /<Event[\s>]/g;
const END = "</Event>";
const countLines = (s: string) => s.split("\n").length - 1;

export class XmlParser implements IncrementalParser {
  private decoder = new StreamingTextDecoder();
  private buf = "";
  /** Line number at the start of buf. */
  private line = 1;
  private found = 0;

  constructor(private readonly source: string) {}

  push(chunk: Uint8Array): EventFileItem[] {
    return this.scan(this.decoder.decode(chunk), false);
  }

  end(): EventFileItem[] {
    return this.scan(this.decoder.flush(), true);
  }

  private drop(n: number): void {
    this.line += countLines(this.buf.slice(0, n));
    this.buf = this.buf.slice(n);
  }

  private scan(text: string, final: boolean): EventFileItem[] {
    const items: EventFileItem[] = [];
    this.buf += text;
    for (;;) {
      START.lastIndex = 0;
      const start = START.exec(this.buf);
      if (!start) {
        // Keep a possible partial "<Event" at the end.
        this.drop(Math.max(0, this.buf.length - 7));
        break;
      }
      this.drop(start.index);
      const end = this.buf.indexOf(END);
      if (end === -1) break;
      const xml = this.buf.slice(0, end + END.length);
      this.found++;
      try {
        const events = parseWindowsEventXml(xml);
        for (const doc of events) items.push({ line: this.line, doc, source: this.source });
      } catch (e) {
        items.push({ line: this.line, error: `invalid event XML: ${e instanceof Error ? e.message : String(e)}`, source: this.source });
      }
      this.drop(xml.length);
    }
    if (final) {
      if (/<Event[\s>]/.test(this.buf)) {
        items.push({ line: this.line, error: "invalid event XML: <Event> is not closed (unexpected end of file)", source: this.source });
      } else if (this.found === 0) {
        items.push({ line: null, error: "no <Event> element found", source: this.source });
      }
      this.buf = "";
    }
    return items;
  }
}
