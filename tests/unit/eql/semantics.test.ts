import { describe, expect, it } from "vitest";
import { compileQuery, EqlError, type CompiledEventQuery } from "@/lib/eql";

const matcher = (query: string, fieldTypes?: Record<string, string>) => {
  const compiled = compileQuery(query, { fieldTypes }) as CompiledEventQuery;
  expect(compiled.kind).toBe("event");
  return (doc: unknown) => compiled.matches(doc);
};

const proc = (fields: Record<string, unknown>) => ({ "@timestamp": 0, event: { category: ["process"] }, ...fields });

describe("case folding", () => {
  it("== is case-sensitive", () => {
    const m = matcher('process where process.name == "cmd.exe"');
    expect(m(proc({ process: { name: "cmd.exe" } }))).toBe(true);
    expect(m(proc({ process: { name: "CMD.EXE" } }))).toBe(false);
  });
  it(": is case-insensitive", () => {
    const m = matcher('process where process.name : "cmd.exe"');
    expect(m(proc({ process: { name: "CMD.EXE" } }))).toBe(true);
    expect(m(proc({ process: { name: "cmd.com" } }))).toBe(false);
  });
  it("in is case-sensitive and in~ is not", () => {
    expect(matcher('any where x in ("A", "b")')({ x: "a" })).toBe(false);
    expect(matcher('any where x in~ ("A", "b")')({ x: "a" })).toBe(true);
  });
  it("~ function variants fold case, plain ones do not", () => {
    expect(matcher('any where startsWith(x, "WIN")')({ x: "winlogon" })).toBe(false);
    expect(matcher('any where startsWith~(x, "WIN")')({ x: "winlogon" })).toBe(true);
  });
  it("like is case-sensitive, like~ is not", () => {
    expect(matcher('any where x like "Win*"')({ x: "winrm" })).toBe(false);
    expect(matcher('any where x like~ "Win*"')({ x: "winrm" })).toBe(true);
  });
  it("the category matches case-sensitively", () => {
    expect(matcher("process where true")({ event: { category: "Process" } })).toBe(false);
    expect(matcher("process where true")({ event: { category: "process" } })).toBe(true);
  });
});

describe("wildcards", () => {
  it("* matches any run of characters, including none", () => {
    const m = matcher('any where x : "a*c"');
    expect(m({ x: "ac" })).toBe(true);
    expect(m({ x: "abbbc" })).toBe(true);
    expect(m({ x: "abd" })).toBe(false);
  });
  it("? matches exactly one character", () => {
    const m = matcher('any where x : "a?c"');
    expect(m({ x: "abc" })).toBe(true);
    expect(m({ x: "ac" })).toBe(false);
    expect(m({ x: "abbc" })).toBe(false);
  });
  it("== does not expand wildcards", () => {
    expect(matcher('any where x == "a*"')({ x: "abc" })).toBe(false);
    expect(matcher('any where x == "a*"')({ x: "a*" })).toBe(true);
  });
  it("in~ does not expand wildcards", () => {
    expect(matcher('any where x in~ ("a*")')({ x: "abc" })).toBe(false);
  });
  it("the drive-letter ? matches any drive letter, case-insensitively", () => {
    const m = matcher('process where process.executable : "?:\\\\Windows\\\\System32\\\\conhost.exe"');
    expect(m(proc({ process: { executable: "C:\\Windows\\System32\\conhost.exe" } }))).toBe(true);
    expect(m(proc({ process: { executable: "d:\\windows\\system32\\CONHOST.EXE" } }))).toBe(true);
    expect(m(proc({ process: { executable: "C:\\Windows\\System32\\cmd.exe" } }))).toBe(false);
    expect(m(proc({ process: { executable: "\\\\?\\C:\\Windows\\System32\\conhost.exe" } }))).toBe(false);
  });
  it("a list of patterns matches when any does", () => {
    const m = matcher('any where x : ("incoming", "ingress")');
    expect(m({ x: "Ingress" })).toBe(true);
    expect(m({ x: "egress" })).toBe(false);
  });
});

describe("missing fields", () => {
  const doc = proc({ process: { name: "a" } });
  it("==, :, in and comparisons are false", () => {
    for (const q of ['x == "a"', 'x : "a"', 'x in ("a")', "x < 5", "x >= 0", 'x like "*"']) {
      expect(matcher(`process where ${q}`)(doc), q).toBe(false);
    }
  });
  it("!= and not in are true", () => {
    expect(matcher('process where x != "a"')(doc)).toBe(true);
    expect(matcher('process where x not in ("a")')(doc)).toBe(true);
  });
  it("not of a comparison is true (a negated query, as Elasticsearch translates it)", () => {
    expect(matcher("process where not x > 5")(doc)).toBe(true);
    expect(matcher('process where not x : "a"')(doc)).toBe(true);
  });
  it("not of a function call on a missing field is null, so false (a script)", () => {
    expect(matcher('process where not length(x) > 0')(doc)).toBe(false);
  });
  it("== null and != null test presence", () => {
    expect(matcher("process where x == null")(doc)).toBe(true);
    expect(matcher("process where process.name != null")(doc)).toBe(true);
    expect(matcher("process where process.name == null")(doc)).toBe(false);
  });
  it("?field is accepted and behaves like the field", () => {
    expect(matcher('process where ?x == "a"')(doc)).toBe(false);
    expect(matcher('process where ?process.name == "a"')(doc)).toBe(true);
  });
});

describe("field paths", () => {
  it("nested objects and flat dotted keys resolve alike", () => {
    const m = matcher('any where process.parent.name == "wsmprovhost.exe"');
    expect(m({ process: { parent: { name: "wsmprovhost.exe" } } })).toBe(true);
    expect(m({ "process.parent.name": "wsmprovhost.exe" })).toBe(true);
    expect(m({ process: { "parent.name": "wsmprovhost.exe" } })).toBe(true);
    expect(m({ "process.parent": { name: "wsmprovhost.exe" } })).toBe(true);
    expect(m({ process: { parent: { name: "other" } } })).toBe(false);
  });
  it("backquoted names address odd keys", () => {
    expect(matcher('any where `odd name`.`x-y` == "v"')({ "odd name": { "x-y": "v" } })).toBe(true);
  });
});

describe("multi-valued fields", () => {
  it("match when any value does", () => {
    expect(matcher('any where event.type == "start"')({ event: { type: ["info", "start"] } })).toBe(true);
    expect(matcher('any where event.type : "STA*"')({ event: { type: ["info", "start"] } })).toBe(true);
    expect(matcher("any where related.port > 10")({ related: { port: [1, 20] } })).toBe(true);
  });
  it("!= is true only when no value equals", () => {
    expect(matcher('any where event.type != "start"')({ event: { type: ["info", "start"] } })).toBe(false);
    expect(matcher('any where event.type != "end"')({ event: { type: ["info", "start"] } })).toBe(true);
  });
  it("arrays of objects are searched", () => {
    expect(matcher('any where a.b == "x"')({ a: [{ b: "y" }, { b: "x" }] })).toBe(true);
  });
});

describe("ECS field types", () => {
  it("numeric fields sent as strings compare as numbers", () => {
    const m = matcher("network where destination.port in (5985, 5986)");
    expect(m({ event: { category: "network" }, destination: { port: "5985" } })).toBe(true);
    expect(m({ event: { category: "network" }, destination: { port: 5986 } })).toBe(true);
    expect(m({ event: { category: "network" }, destination: { port: "59850" } })).toBe(false);
    expect(matcher("any where destination.port > 1000")({ destination: { port: "5985" } })).toBe(true);
    expect(matcher('any where destination.port == "5985"')({ destination: { port: 5985 } })).toBe(true);
  });
  it("a non-numeric string in a numeric field is no value", () => {
    expect(matcher("any where destination.port == null")({ destination: { port: "http" } })).toBe(true);
  });
  it("IPv6 spellings are equal", () => {
    const m = matcher('any where source.ip != "::1"');
    expect(m({ source: { ip: "0:0:0:0:0:0:0:1" } })).toBe(false);
    expect(m({ source: { ip: "::1" } })).toBe(false);
    expect(m({ source: { ip: "::2" } })).toBe(true);
  });
  it("IPv4-mapped IPv6 equals IPv4", () => {
    expect(matcher('any where source.ip == "127.0.0.1"')({ source: { ip: "::ffff:127.0.0.1" } })).toBe(true);
    expect(matcher('any where source.ip == "::ffff:127.0.0.1"')({ source: { ip: "127.0.0.1" } })).toBe(true);
    expect(matcher('any where source.ip != "127.0.0.1"')({ source: { ip: "::ffff:7f00:1" } })).toBe(false);
  });
  it("an IP field compared with a CIDR block matches the block", () => {
    expect(matcher('any where source.ip == "10.0.0.0/8"')({ source: { ip: "10.1.2.3" } })).toBe(true);
    expect(matcher("any where cidrMatch(source.ip, \"192.168.0.0/16\")")({ source: { ip: "10.1.2.3" } })).toBe(false);
  });
  it("extra field types apply on top of ECS", () => {
    expect(matcher("any where code == 7", { code: "long" })({ code: "7" })).toBe(true);
  });
  it("dates compare as instants", () => {
    const m = matcher('any where @timestamp >= "2024-01-01T00:00:00Z"');
    expect(m({ "@timestamp": "2024-01-01T00:00:00.000Z" })).toBe(true);
    expect(m({ "@timestamp": Date.UTC(2023, 11, 31) })).toBe(false);
  });
});

describe("compile-time errors", () => {
  it("reject what Elasticsearch rejects", () => {
    expect(() => compileQuery('any where destination.port == "abc"')).toThrow(EqlError);
    expect(() => compileQuery('any where destination.port : "59*"')).toThrow(/needs a string field/);
    expect(() => compileQuery("any where nope(x)")).toThrow(/unknown function nope/);
    expect(() => compileQuery("any where length(x, y)")).toThrow(/takes 1 argument/);
    expect(() => compileQuery("any where add~(x, 1) == 2")).toThrow(/no case-insensitive variant/);
    expect(() => compileQuery('any where source.ip == "not-an-ip"')).toThrow(/IP address/);
    expect(() => compileQuery('any where x regex "a@b"')).toThrow(/not supported/);
  });
});

describe("functions and arithmetic in conditions", () => {
  it("integer division truncates, float division does not", () => {
    expect(matcher("any where n / 2 == 41")({ n: 83 })).toBe(true);
    expect(matcher("any where n / 2.0 == 41")({ n: 83 })).toBe(false);
  });
  it("string functions read field values", () => {
    expect(matcher('any where concat(a, "-", n) == "x-1"')({ a: "x", n: 1 })).toBe(true);
    expect(matcher('any where substring(a, -4) : ".EXE"')({ a: "cmd.exe" })).toBe(true);
  });
});
