import { describe, expect, it } from "vitest";
import { compileQuery, EqlError, EqlSyntaxError, parseQuery } from "@/lib/eql";

const syntaxError = (query: string): EqlSyntaxError => {
  try {
    parseQuery(query);
  } catch (err) {
    expect(err).toBeInstanceOf(EqlSyntaxError);
    return err as EqlSyntaxError;
  }
  throw new Error(`no error for ${query}`);
};

describe("syntax errors", () => {
  it("give line, column and what was expected", () => {
    const err = syntaxError('process where\n  process.name == "a" and\n  == 3');
    expect([err.line, err.column]).toEqual([3, 3]);
    expect(err.message).toMatch(/line 3:3: expected a value, a field name, a function call or '\(' but found '=='/);
    expect(err).toBeInstanceOf(EqlError);
  });
  it("an unclosed stage", () => {
    const err = syntaxError("sequence\n  [process where true\n  [file where true]");
    expect([err.line, err.column]).toEqual([3, 3]);
    expect(err.reason).toMatch(/expected '\]' closing the stage/);
  });
  it("single-quoted strings are an error in Elasticsearch EQL", () => {
    const err = syntaxError("process where process.name == 'cmd.exe'");
    expect([err.line, err.column]).toEqual([1, 31]);
    expect(err.reason).toMatch(/single-quoted strings are not supported/);
  });
  it("a missing where", () => expect(syntaxError("process process.name == 1").reason).toMatch(/expected 'where'/));
  it("a maxspan without unit", () => expect(syntaxError("sequence with maxspan=30 [a where true] [b where true]").reason).toMatch(/time unit/));
  it("a one-stage sequence", () => expect(syntaxError("sequence [a where true]").reason).toMatch(/at least 2 stages/));
  it("unbalanced by keys", () => expect(syntaxError("sequence [a where true] by x [b where true]").reason).toMatch(/same number of 'by' keys/));
  it("bad escapes", () => expect(syntaxError('any where x == "\\q"').reason).toMatch(/invalid escape/));
  it("comparisons do not chain", () => expect(syntaxError("any where a == b == c").reason).toMatch(/do not chain/));
});

describe("unsupported features fail at compile time", () => {
  it.each([
    ["join [a where true] [b where true]", /'join' queries are not supported/],
    ["sample by host.id [a where true] [b where true]", /'sample' queries are not supported/],
    ["any where true | count", /the 'count' pipe is not supported/],
    ["any where true | filter x == 1", /the 'filter' pipe is not supported/],
    ["any where wildcard(x, \"a*\")", /unknown function wildcard/],
  ])("%s", (query, message) => {
    expect(() => compileQuery(query)).toThrow(EqlError);
    expect(() => compileQuery(query)).toThrow(message);
  });
});

describe("grammar", () => {
  it("strings: EQL escapes and raw triple-quoted strings", () => {
    const ast = parseQuery('any where a == "C:\\\\Windows\\t\\"x\\"\\u{41}" and b == """C:\\raw\\"""');
    const cond = ast.type === "event" ? ast.filter.condition : null;
    expect(cond?.type).toBe("and");
    if (cond?.type !== "and" || cond.left.type !== "compare" || cond.right.type !== "compare") throw new Error("shape");
    expect(cond.left.right).toMatchObject({ value: 'C:\\Windows\t"x"A' });
    expect(cond.right.right).toMatchObject({ value: "C:\\raw\\" });
  });
  it("precedence: not > and > or", () => {
    const ast = parseQuery("any where not a == 1 and b == 2 or c == 3");
    const c = ast.type === "event" ? ast.filter.condition : null;
    expect(c?.type).toBe("or");
    if (c?.type !== "or" || c.left.type !== "and") throw new Error("shape");
    expect(c.left.left.type).toBe("not");
  });
  it("comments, backquoted and optional fields, sequence options", () => {
    const ast = parseQuery(`// leading comment
      sequence by host.id, ?user.name with maxspan=2m /* block */
        [process where \`process\`.name : "a"] by process.entity_id
        [file where true] by process.entity_id with runs=2
      until [process where event.type == "end"] by process.entity_id
      | head 3 | tail 1`);
    if (ast.type !== "sequence") throw new Error("shape");
    expect(ast.maxspanMs).toBe(120_000);
    expect(ast.by.map((f) => [f.name, f.optional])).toEqual([["host.id", false], ["user.name", true]]);
    expect(ast.stages).toHaveLength(3);
    expect(ast.until?.category).toBe("process");
    expect(ast.pipes).toEqual([expect.objectContaining({ kind: "head", count: 3 }), expect.objectContaining({ kind: "tail", count: 1 })]);
  });
  it("maxspan units", () => {
    const span = (s: string) => (parseQuery(`sequence with maxspan=${s} [a where true] [b where true]`) as { maxspanMs: number }).maxspanMs;
    expect([span("500ms"), span("30s"), span("1m"), span("1h"), span("1d")]).toEqual([500, 30_000, 60_000, 3_600_000, 86_400_000]);
  });
});
