/** One item read from an event file: a parsed document, or an error tied to where it happened. */
export interface EventFileItem {
  /** 1-based line where the document (or the error) starts; null when no line applies (archive errors). */
  line: number | null;
  doc?: unknown;
  error?: string;
  /** The file, or `archive.zip!inner/name.json` for an archive entry. */
  source: string;
}

/** A push parser: bytes in, items out; memory stays bounded by the largest single document. */
export interface IncrementalParser {
  push(chunk: Uint8Array): EventFileItem[];
  end(): EventFileItem[];
}
