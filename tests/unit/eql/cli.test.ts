import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eqlCommand, setEqlRuleResolver } from "@/lib/cli/commands/eql";
import { WINRM_REMOTE_SHELL } from "./seed-queries";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eql-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await eqlCommand(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l) });
  return { code, out, err: err.join("\n") };
}

const net = { "@timestamp": "2024-05-01T10:00:00Z", event: { category: ["network"] }, host: { id: "h1", os: { type: "windows" } }, process: { pid: 4 }, network: { direction: "incoming", protocol: "http" }, source: { ip: "10.0.0.5" }, destination: { port: 5985 } };
const proc = { "@timestamp": "2024-05-01T10:00:02Z", event: { category: ["process"], type: ["start"] }, host: { id: "h1", os: { type: "windows" } }, process: { executable: "C:\\Windows\\System32\\whoami.exe", parent: { name: "winrshost.exe" } } };

describe("eql command", () => {
  it("prints each matching event of an event query as one NDJSON line (JSON array input)", async () => {
    const file = write("events.json", JSON.stringify([proc, net]));
    const r = await run(["--query", 'network where destination.port == 5985', file]);
    expect(r.code).toBe(0);
    expect(r.out.map((l) => JSON.parse(l))).toEqual([net]);
  });
  it("prints a sequence as the array of its events, reading NDJSON and single objects across files", async () => {
    const a = write("a.ndjson", `${JSON.stringify(net)}\n\n`);
    const b = write("b.json", JSON.stringify(proc));
    const r = await run(["--query", WINRM_REMOTE_SHELL, a, b]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(JSON.parse(r.out[0])).toEqual([net, proc]);
  });
  it("honours the field options", async () => {
    const file = write("endgame.ndjson", [{ ts: 2, event_type: "process", n: 2 }, { ts: 1, event_type: "process", n: 1 }].map((e) => JSON.stringify(e)).join("\n"));
    const r = await run(["--query", "process where true | head 1", "--timestamp-field", "ts", "--category-field", "event_type", "--tiebreaker-field", "n", file]);
    expect(r.code).toBe(0);
    expect(r.out.map((l) => JSON.parse(l).n)).toEqual([1]);
  });
  it("exits 2 with the error on stderr for a bad query", async () => {
    const file = write("x.json", "[]");
    const r = await run(["--query", "process where process.name == 'x'", file]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toMatch(/line 1:31: single-quoted strings are not supported/);
  });
  it("exits 2 without a query or files, 1 on unreadable input", async () => {
    expect((await run([write("y.json", "[]")])).code).toBe(2);
    expect((await run(["--query", "any where true"])).code).toBe(2);
    expect((await run(["--query", "any where true", path.join(dir, "missing.json")])).code).toBe(1);
    expect((await run(["--query", "any where true", write("bad.ndjson", "{}\nnot json\n")])).err).toMatch(/bad.ndjson:2/);
  });
  it("resolves --rule through the installed resolver", async () => {
    const file = write("r.json", JSON.stringify([net, proc]));
    expect((await run(["--rule", "winrs", file])).code).toBe(2);
    setEqlRuleResolver(async (ref) => (ref === "winrs" ? WINRM_REMOTE_SHELL : Promise.reject(new Error(`unknown rule ${ref}`))));
    try {
      expect((await run(["--rule", "winrs", file])).out).toHaveLength(1);
      expect((await run(["--rule", "nope", file])).err).toMatch(/unknown rule nope/);
    } finally {
      setEqlRuleResolver(undefined);
    }
  });
});
