/** .zip (every entry, by its own name) and .gz (decompressed, then read by the inner name), streamed with fflate. */
import { Gunzip, Unzip, UnzipInflate, type UnzipFile } from "fflate";
import { parserFor } from "./parser-for";
import type { EventFileItem, IncrementalParser } from "./types";

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class ZipParser implements IncrementalParser {
  private items: EventFileItem[] = [];
  private unzip = new Unzip();
  private broken = false;

  constructor(private readonly source: string) {
    this.unzip.register(UnzipInflate);
    this.unzip.onfile = (file) => this.onFile(file);
  }

  private onFile(file: UnzipFile): void {
    if (file.name.endsWith("/") || file.name.startsWith("__MACOSX/")) return;
    const entrySource = `${this.source}!${file.name}`;
    const inner = parserFor(file.name, entrySource);
    file.ondata = (err, chunk, final) => {
      if (err) {
        this.items.push({ line: null, error: `cannot decompress ${file.name}: ${message(err)}`, source: entrySource });
        return;
      }
      this.collect(() => inner.push(chunk), entrySource);
      if (final) this.collect(() => inner.end(), entrySource);
    };
    try {
      file.start();
    } catch (e) {
      this.items.push({ line: null, error: `cannot read ${file.name}: ${message(e)}`, source: entrySource });
    }
  }

  private collect(run: () => EventFileItem[], source: string): void {
    try {
      this.items.push(...run());
    } catch (e) {
      this.items.push({ line: null, error: message(e), source });
    }
  }

  private feed(chunk: Uint8Array, final: boolean): EventFileItem[] {
    if (!this.broken) {
      try {
        this.unzip.push(chunk, final);
      } catch (e) {
        this.broken = true;
        this.items.push({ line: null, error: `invalid zip archive: ${message(e)}`, source: this.source });
      }
    }
    const out = this.items;
    this.items = [];
    return out;
  }

  push(chunk: Uint8Array): EventFileItem[] {
    return this.feed(chunk, false);
  }

  end(): EventFileItem[] {
    return this.feed(new Uint8Array(0), true);
  }
}

export class GzipParser implements IncrementalParser {
  private items: EventFileItem[] = [];
  private inner: IncrementalParser;
  private gunzip: Gunzip;
  private broken = false;

  constructor(innerName: string, private readonly source: string) {
    this.inner = parserFor(innerName, source);
    this.gunzip = new Gunzip((chunk) => this.items.push(...this.inner.push(chunk)));
  }

  private feed(chunk: Uint8Array, final: boolean): EventFileItem[] {
    if (!this.broken) {
      try {
        this.gunzip.push(chunk, final);
        if (final) this.items.push(...this.inner.end());
      } catch (e) {
        this.broken = true;
        this.items.push({ line: null, error: `invalid gzip data: ${message(e)}`, source: this.source });
      }
    }
    const out = this.items;
    this.items = [];
    return out;
  }

  push(chunk: Uint8Array): EventFileItem[] {
    return this.feed(chunk, false);
  }

  end(): EventFileItem[] {
    return this.feed(new Uint8Array(0), true);
  }
}
