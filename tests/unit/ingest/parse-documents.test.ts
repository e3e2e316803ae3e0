import { describe, expect, it } from "vitest";
import { parseDocuments } from "@/lib/ingest/parse-documents";

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
});
