import { describe, expect, it } from "vitest";
import { bodyLines, parseDocuments } from "@/lib/ingest/parse-documents";

describe("parseDocuments", () => {
  it("hands NDJSON lines over as text with their line numbers (blank lines skipped), malformed ones included", () => {
    const docs = parseDocuments('{"a":1}\n\n  {bad}  \n{"b":2}\n');
    expect(docs).toEqual([
      { json: '{"a":1}', line: 1 },
      { json: "{bad}", line: 3 },
      { json: '{"b":2}', line: 4 },
    ]);
  });

  it("a pretty-printed object spanning lines is read whole, not as malformed lines", () => {
    expect(parseDocuments('{\n  "a": 1,\n  "b": {"c": 2}\n}\n')).toEqual([{ doc: { a: 1, b: { c: 2 } } }]);
  });

  it("a body whose first line is malformed still names the line of each document", () => {
    const docs = parseDocuments('{bad\n{"a":1}');
    expect(docs[0].parseError).toMatch(/^line 1: malformed JSON/);
    expect(docs[1]).toEqual({ doc: { a: 1 } });
  });

  it("a JSON array and a single object are parsed at once", () => {
    expect(parseDocuments('[{"a":1},{"b":2}]')).toEqual([{ doc: { a: 1 } }, { doc: { b: 2 } }]);
    expect(parseDocuments('{"a":1}')).toEqual([{ doc: { a: 1 } }]);
  });

  it("reads a body given as bytes exactly like its text: lines decoded one by one, multi-byte characters intact", () => {
    const text = '{"user":"Jürgen 東京 😀"}\r\n\n{"a":"\\u00e9"}\n[1]\n';
    const bytes = Buffer.from(text, "utf8");
    expect(bodyLines(bytes)).toEqual(text.split("\n"));
    expect(parseDocuments(bytes)).toEqual(parseDocuments(text));
    expect(parseDocuments(bytes)[0]).toEqual({ json: '{"user":"Jürgen 東京 😀"}', line: 1 });
    expect(parseDocuments(Buffer.from('[{"a":1},\n{"b":2}]'))).toEqual([{ doc: { a: 1 } }, { doc: { b: 2 } }]);
    expect(parseDocuments(Buffer.from('{\n  "a": 1\n}\n'))).toEqual([{ doc: { a: 1 } }]);
    expect(parseDocuments(Buffer.alloc(0))).toEqual([]);
  });

  it("invalid UTF-8 in a line becomes replacement characters, as when the body is decoded whole", () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n{"b":1}')]);
    expect(parseDocuments(bytes)).toEqual(parseDocuments(bytes.toString("utf8")));
    expect(parseDocuments(bytes)[0]).toEqual({ json: '{"a":"\uFFFD("}', line: 1 });
  });
});
