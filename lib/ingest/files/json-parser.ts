/**
 * .json files, streamed: one document, an array of documents (each element yielded as it is read),
 * or several documents one after another (JSON Lines saved as .json, as many exports are).
 * A raw line break inside a string cannot be valid JSON: that document is reported as an error and
 * reading resumes on the next line.
 */
import { StreamingTextDecoder } from "./text-decoder";
import type { EventFileItem, IncrementalParser } from "./types";

type Mode = "start" | "array" | "stream" | "done";

const WS = new Set([" ", "\t", "\r", "\n"]);

export class JsonParser implements IncrementalParser {
  private decoder = new StreamingTextDecoder();
  private buf = "";
  private pos = 0;
  private mode: Mode = "start";
  private line = 1;
  /** Start of the current document in buf, or -1 between documents. */
  private valueStart = -1;
  private valueLine = 0;
  private level = 0;
  private inString = false;
  private escaped = false;
  private trailingReported = false;

  constructor(private readonly source: string) {}

  push(chunk: Uint8Array): EventFileItem[] {
    return this.scan(this.decoder.decode(chunk), false);
  }

  end(): EventFileItem[] {
    return this.scan(this.decoder.flush(), true);
  }

  private emit(items: EventFileItem[], text: string, line: number): void {
    try {
      items.push({ line, doc: JSON.parse(text), source: this.source });
    } catch (e) {
      items.push({ line, error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}`, source: this.source });
    }
  }

  private error(items: EventFileItem[], line: number, message: string): void {
    items.push({ line, error: message, source: this.source });
  }

  private startValue(i: number): void {
    this.valueStart = i;
    this.valueLine = this.line;
    this.level = 0;
    this.inString = false;
    this.escaped = false;
  }

  private scan(text: string, final: boolean): EventFileItem[] {
    const items: EventFileItem[] = [];
    this.buf += text;
    const buf = this.buf;
    let i = this.pos;
    for (; i < buf.length; i++) {
      const c = buf[i];
      if (this.mode === "done") {
        if (!WS.has(c)) {
          if (!this.trailingReported) this.error(items, this.line, "invalid JSON: unexpected content after the top-level array");
          this.trailingReported = true;
          i = buf.length;
          break;
        }
      } else if (this.valueStart === -1) {
        if (WS.has(c) || (this.mode !== "start" && c === ",")) {
          // between documents
        } else if (this.mode === "start" && c === "[") {
          this.mode = "array";
        } else if (this.mode === "array" && c === "]") {
          this.mode = "done";
        } else {
          if (this.mode === "start") this.mode = "stream";
          this.startValue(i);
          this.step(c);
          if (this.level < 0) this.unexpectedClose(items);
        }
      } else if (this.inString && c === "\n") {
        this.error(items, this.valueLine, "invalid JSON: line break inside a string (the document is cut or malformed)");
        this.valueStart = -1;
      } else if (this.mode === "array" && this.level === 0 && !this.inString && (c === "," || c === "]")) {
        this.emit(items, buf.slice(this.valueStart, i), this.valueLine);
        this.valueStart = -1;
        if (c === "]") this.mode = "done";
      } else {
        const closed = this.step(c);
        if (this.level < 0) this.unexpectedClose(items);
        else if (this.mode === "stream" && this.level === 0 && !this.inString && (closed || WS.has(c))) {
          this.emit(items, buf.slice(this.valueStart, closed ? i + 1 : i), this.valueLine);
          this.valueStart = -1;
        }
      }
      if (c === "\n") this.line++;
    }
    if (this.valueStart === -1) {
      this.buf = "";
      this.pos = 0;
    } else {
      this.buf = buf.slice(this.valueStart);
      this.pos = i - this.valueStart;
      this.valueStart = 0;
    }
    if (final) {
      if (this.valueStart !== -1) {
        if (this.mode === "stream" && this.level === 0 && !this.inString) this.emit(items, this.buf, this.valueLine);
        else this.error(items, this.valueLine, "invalid JSON: the document is not terminated (unexpected end of file)");
      } else if (this.mode === "array") {
        this.error(items, this.line, "invalid JSON: the top-level array is not closed (unexpected end of file)");
      }
      this.buf = "";
      this.pos = 0;
      this.valueStart = -1;
    }
    return items;
  }

  private unexpectedClose(items: EventFileItem[]): void {
    this.error(items, this.valueLine, "invalid JSON: unbalanced closing bracket");
    this.valueStart = -1;
  }

  /** Advances nesting state by one character; true when this character closed the outermost bracket. */
  private step(c: string): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === "\\") this.escaped = true;
      else if (c === '"') this.inString = false;
      return false;
    }
    if (c === '"') this.inString = true;
    else if (c === "{" || c === "[") this.level++;
    else if (c === "}" || c === "]") {
      this.level--;
      return this.level === 0;
    }
    return false;
  }
}
