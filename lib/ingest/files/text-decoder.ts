/** Streaming bytes → text: UTF-8 by default (a UTF-8 BOM is dropped), UTF-16 LE/BE when the data starts with their BOM. */
export class StreamingTextDecoder {
  private decoder: TextDecoder | null = null;
  private head = new Uint8Array(0);

  decode(chunk: Uint8Array): string {
    if (!this.decoder) {
      const joined = new Uint8Array(this.head.length + chunk.length);
      joined.set(this.head);
      joined.set(chunk, this.head.length);
      if (joined.length < 2) {
        this.head = joined;
        return "";
      }
      this.decoder = new TextDecoder(encodingOf(joined));
      return this.decoder.decode(joined, { stream: true });
    }
    return this.decoder.decode(chunk, { stream: true });
  }

  flush(): string {
    if (!this.decoder) {
      this.decoder = new TextDecoder("utf-8");
      return this.decoder.decode(this.head);
    }
    return this.decoder.decode();
  }
}

function encodingOf(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  return "utf-8";
}
