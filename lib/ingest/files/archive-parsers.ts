/** .zip (every entry, by its own name) and .gz (decompressed, then read by the inner name), streamed with fflate. */
import { Gunzip, Unzip, UnzipInflate, type UnzipFile } from "fflate";
import { parserFor } from "./parser-for";
import type { EventFileItem, IncrementalParser } from "./types";

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * A streaming decompressor in front of parsers: `write` feeds the decompressor, which pushes
 * parsed items into `items`; a corrupt stream is reported once, as `invalidWhat`, and reading stops.
 */
abstract class DecompressingParser implements IncrementalParser {
  protected items: EventFileItem[] = [];
  private broken = false;

  constructor(
    protected readonly source: string,
    private readonly invalidWhat: string,
  ) {}

  protected abstract write(chunk: Uint8Array, final: boolean): void;

  private feed(chunk: Uint8Array, final: boolean): EventFileItem[] {
    if (!this.broken) {
      try {
        this.write(chunk, final);
      } catch (e) {
        this.broken = true;
        this.items.push({ line: null, error: `${this.invalidWhat}: ${message(e)}`, source: this.source });
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

export class ZipParser extends DecompressingParser {
  private unzip = new Unzip();

  constructor(source: string) {
    super(source, "invalid zip archive");
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

  protected write(chunk: Uint8Array, final: boolean): void {
    this.unzip.push(chunk, final);
  }
}

export class GzipParser extends DecompressingParser {
  private inner: IncrementalParser;
  private gunzip: Gunzip;

  constructor(innerName: string, source: string) {
    super(source, "invalid gzip data");
    this.inner = parserFor(innerName, source);
    this.gunzip = new Gunzip((chunk) => this.items.push(...this.inner.push(chunk)));
  }

  protected write(chunk: Uint8Array, final: boolean): void {
    this.gunzip.push(chunk, final);
    if (final) this.items.push(...this.inner.end());
  }
}
