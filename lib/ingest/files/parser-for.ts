/** Chooses the parser for a file by its name; an unknown extension is recognized from its first bytes. */
import { GzipParser, ZipParser } from "./archive-parsers";
import { JsonParser } from "./json-parser";
import { NdjsonParser } from "./ndjson-parser";
import type { EventFileItem, IncrementalParser } from "./types";
import { XmlParser } from "./xml-parser";

export function parserFor(name: string, source: string): IncrementalParser {
  const lower = name.toLowerCase();
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) return new NdjsonParser(source);
  if (lower.endsWith(".json")) return new JsonParser(source);
  if (lower.endsWith(".xml")) return new XmlParser(source);
  if (lower.endsWith(".zip")) return new ZipParser(source);
  if (lower.endsWith(".gz")) return new GzipParser(name.slice(0, -3), source);
  if (lower.endsWith(".evtx")) return new Unsupported(source, "binary .evtx files are not read: export them as XML (wevtutil qe <log> /lf:true /f:xml)");
  return new SniffingParser(source);
}

class Unsupported implements IncrementalParser {
  private reported = false;
  constructor(private readonly source: string, private readonly reason: string) {}
  push(): EventFileItem[] {
    return this.end();
  }
  end(): EventFileItem[] {
    if (this.reported) return [];
    this.reported = true;
    return [{ line: null, error: this.reason, source: this.source }];
  }
}

/** Buffers until the first meaningful byte: "<" XML, "[" or "{" JSON, "PK" zip, 1f 8b gzip. */
class SniffingParser implements IncrementalParser {
  private head: Uint8Array[] = [];
  private inner: IncrementalParser | null = null;

  constructor(private readonly source: string) {}

  private choose(bytes: Uint8Array): IncrementalParser | null {
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) return new ZipParser(this.source);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return new GzipParser("", this.source);
    const text = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^[\s\uFEFF\uFFFD\u0000]+/, "");
    if (text === "") return null;
    if (text.startsWith("<")) return new XmlParser(this.source);
    if (text.startsWith("[") || text.startsWith("{")) return new JsonParser(this.source);
    return new Unsupported(this.source, "unrecognized file content: expected JSON, NDJSON, event XML, zip or gzip");
  }

  push(chunk: Uint8Array): EventFileItem[] {
    if (this.inner) return this.inner.push(chunk);
    this.head.push(chunk);
    const all = Buffer.concat(this.head);
    if (all.length < 2) return [];
    this.inner = this.choose(all);
    if (!this.inner) return [];
    this.head = [];
    return this.inner.push(all);
  }

  end(): EventFileItem[] {
    if (!this.inner) {
      const all = Buffer.concat(this.head);
      this.inner = all.length ? this.choose(all) ?? new JsonParser(this.source) : new JsonParser(this.source);
      return [...this.inner.push(all), ...this.inner.end()];
    }
    return this.inner.end();
  }
}
