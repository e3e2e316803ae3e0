import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eqlCommand } from "@/lib/cli/commands/eql";
import { compileQuery, evaluate, parseElasticsearchMapping, type EqlOptions } from "@/lib/eql";

/**
 * What an Elasticsearch mapping changes: `null_value` defaults for explicit nulls (also for optional
 * `?` fields and join keys), `version` ordering, aliases; function names in any case; and the CLI's
 * `--mapping FILE`. Events are identified by `n`.
 */
type Doc = Record<string, unknown>;
const at = (n: number) => new Date(Date.UTC(2026, 10, 2, 9, 0, n)).toISOString();

const MAPPING = {
  mappings: {
    properties: {
      "@timestamp": { type: "date" },
      n: { type: "long" },
      event: { properties: { category: { type: "keyword" } } },
      host: { properties: { id: { type: "keyword" } } },
      user: { properties: { domain: { type: "keyword", null_value: "NO_DOMAIN" }, name: { type: "keyword" } } },
      agent: { properties: { version: { type: "version" } } },
      shipper: { properties: { version: { type: "alias", path: "agent.version" } } },
    },
  },
};
const mapping = parseElasticsearchMapping(MAPPING);

function ids(query: string, events: Doc[], options: EqlOptions = { mapping, tiebreakerField: "n" }) {
  return evaluate(compileQuery(query, options), events).map((m) => (m.events.length === 1 ? (m.events[0] as Doc).n : m.events.map((e) => (e as Doc).n)));
}

describe("null_value defaults from the mapping", () => {
  const events: Doc[] = [
    { n: 1, "@timestamp": at(1), event: { category: "authentication" }, user: { domain: null } },
    { n: 2, "@timestamp": at(2), event: { category: "authentication" }, user: {} },
    { n: 3, "@timestamp": at(3), event: { category: "authentication" }, user: { domain: "CORP" } },
    { n: 4, "@timestamp": at(4), event: { category: "authentication" }, user: { domain: ["CORP", null] } },
  ];

  it("an explicit null reads as the null_value; an absent field stays missing", () => {
    expect(ids('authentication where user.domain == "NO_DOMAIN"', events)).toEqual([1, 4]);
    expect(ids('authentication where user.domain == "NO_DOMAIN"', events, { tiebreakerField: "n" })).toEqual([]);
  });

  it("an optional field takes the default too, and an absent optional field is null", () => {
    expect(ids('authentication where ?user.domain == "NO_DOMAIN"', events)).toEqual([1, 4]);
    expect(ids("authentication where ?user.domain == null", events)).toEqual([2]);
  });

  it("explicit nulls join as the default value", () => {
    const seq: Doc[] = [
      { n: 1, "@timestamp": at(1), event: { category: "authentication" }, user: { domain: null } },
      { n: 2, "@timestamp": at(2), event: { category: "process" }, user: { domain: "NO_DOMAIN" } },
    ];
    const q = "sequence by user.domain [authentication where true] [process where true]";
    expect(ids(q, seq)).toEqual([[1, 2]]);
    expect(ids(q, seq, { tiebreakerField: "n" })).toEqual([]);
  });
});

describe("version fields", () => {
  const versions = ["8.9.2", "8.10.0", "8.10.0-rc1", "9", "not.a.version"];
  const events: Doc[] = versions.map((v, i) => ({ n: i + 1, "@timestamp": at(i + 1), event: { category: "process" }, agent: { version: v } }));

  it("compare as versions: numeric parts, pre-releases before the release, invalid ones after every valid one", () => {
    expect(ids('process where agent.version > "8.9.10"', events)).toEqual([2, 3, 4, 5]);
    expect(ids('process where agent.version < "8.10.0"', events)).toEqual([1, 3]);
    expect(ids('process where agent.version >= "8.10.0-rc1" and agent.version < "9"', events)).toEqual([2, 3]);
  });

  it("as keywords (no mapping) the same query compares text", () => {
    expect(ids('process where agent.version > "8.9.10"', events, { tiebreakerField: "n" })).toEqual([1, 4, 5]); // "8.9.2" > "8.9.10" as text
  });

  it("an alias reads its target with its type", () => {
    expect(ids('process where shipper.version < "8.10.0"', events)).toEqual([1, 3]);
  });
});

describe("function names in any case", () => {
  const events: Doc[] = [
    { n: 1, "@timestamp": at(1), event: { category: "process" }, process: { name: "WsmProvHost.exe" } },
    { n: 2, "@timestamp": at(2), event: { category: "process" }, process: { name: "notepad.exe" } },
  ];
  it.each([
    ['process where startsWith(process.name, "WsmProv")', [1]],
    ['process where STARTSWITH(process.name, "WsmProv")', [1]],
    ['process where StartsWith~(process.name, "wsmprov")', [1]],
    ['process where LENGTH(process.name) == 11', [2]],
    ['process where Concat(process.name, "!") == "notepad.exe!"', [2]],
  ])("%s", (q, expected) => expect(ids(q, events)).toEqual(expected));

  it("an unknown function is still an error whatever its case", () => {
    expect(() => compileQuery("process where NOSUCHFN(process.name)")).toThrow(/NOSUCHFN|nosuchfn/i);
  });
});

describe("eql --mapping FILE", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eql-mapping-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
  };
  async function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await eqlCommand(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l) });
    return { code, ns: out.map((l) => (JSON.parse(l) as Doc).n), err: err.join("\n") };
  }
  const events = write("events.json", [
    { n: 1, "@timestamp": at(1), event: { category: "process" }, agent: { version: "8.9.2" }, user: { domain: null } },
    { n: 2, "@timestamp": at(2), event: { category: "process" }, agent: { version: "8.10.0" }, user: { domain: "CORP" } },
  ]);
  const mappingFile = write("mapping.json", MAPPING);

  it("applies the mapping's version type and null_value", async () => {
    const q = 'process where agent.version > "8.9.10"';
    expect(await run(["--query", q, "--mapping", mappingFile, events])).toMatchObject({ code: 0, ns: [2] });
    expect(await run(["--query", q, events])).toMatchObject({ code: 0, ns: [1] }); // as text
    expect(await run(["--query", 'process where user.domain == "NO_DOMAIN"', "--mapping", mappingFile, events])).toMatchObject({ code: 0, ns: [1] });
  });

  it("exits 2 naming the file when it is not a mapping or not JSON", async () => {
    const notMapping = await run(["--query", "any where true", "--mapping", write("bad.json", { hello: 1 }), events]);
    expect(notMapping.code).toBe(2);
    expect(notMapping.err).toMatch(/cannot read the mapping .*bad\.json: not an Elasticsearch mapping/);
    const notJson = await run(["--query", "any where true", "--mapping", write("broken.json", "{"), events]);
    expect(notJson).toMatchObject({ code: 2, ns: [] });
    expect(notJson.err).toMatch(/broken\.json/);
  });
});
