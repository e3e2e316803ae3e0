import { describe, expect, it } from "vitest";
import { parserFor } from "@/lib/ingest/files/parser-for";
import type { EventFileItem } from "@/lib/ingest/files/types";

/** Feeds the bytes one at a time: documents, multi-byte characters and tags are split everywhere. */
function byteByByte(name: string, text: string): EventFileItem[] {
  const parser = parserFor(name, name);
  const bytes = new TextEncoder().encode(text);
  const out: EventFileItem[] = [];
  for (let i = 0; i < bytes.length; i++) out.push(...parser.push(bytes.subarray(i, i + 1)));
  out.push(...parser.end());
  return out;
}

describe("streamed parsing across chunk boundaries", () => {
  it("json array", () => {
    const items = byteByByte("a.json", '[{"k":"é€😀","n":[1,{"x":"]"}]},\n{"k":2}]');
    expect(items.map((i) => i.doc)).toEqual([{ k: "é€😀", n: [1, { x: "]" }] }, { k: 2 }]);
    expect(items.map((i) => i.line)).toEqual([1, 2]);
  });

  it("ndjson", () => {
    const items = byteByByte("a.ndjson", '{"k":"€"}\n{bad}\n{"k":"\\"q\\""}');
    expect(items.map((i) => i.doc ?? i.error?.slice(0, 12))).toEqual([{ k: "€" }, "invalid JSON", { k: '"q"' }]);
  });

  it("xml", () => {
    const ev = (n: string) => `<Event><System><EventID>1</EventID><Computer>${n}</Computer></System></Event>\n`;
    const items = byteByByte("a.xml", `<Events>\n${ev("é")}${ev("b")}</Events>`);
    expect(items.map((i) => (i.doc as { winlog: { computer_name: string } }).winlog.computer_name)).toEqual(["é", "b"]);
    expect(items.map((i) => i.line)).toEqual([2, 3]);
  });

  it("reports an unterminated document at the end", () => {
    expect(byteByByte("a.json", '{"a":1}\n{"b":')).toEqual([
      { line: 1, doc: { a: 1 }, source: "a.json" },
      expect.objectContaining({ line: 2, error: expect.stringMatching(/not terminated/) }),
    ]);
    expect(byteByByte("a.json", "[{},")).toEqual([
      expect.objectContaining({ doc: {} }),
      expect.objectContaining({ error: expect.stringMatching(/array is not closed/) }),
    ]);
  });
});
