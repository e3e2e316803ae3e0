import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileQuery, evaluate, parseQuery, type CompiledSequenceQuery } from "@/lib/eql";
import { root } from "./conformance-data";
import { POWERSHELL_REMOTING, WINRM_REMOTE_SHELL } from "./seed-queries";

const seed = (file: string) => fs.readFileSync(path.resolve(root, "../shared/seeds", file), "utf8");

const network = (over: Record<string, unknown> = {}) => ({
  "@timestamp": "2024-05-01T10:00:00.000Z",
  event: { category: ["network"], type: ["start"] },
  host: { id: "host-1", os: { type: "windows" } },
  process: { pid: 4, name: "System" },
  network: { direction: "incoming", protocol: "http", transport: "tcp" },
  source: { ip: "10.0.0.5", port: 50123 },
  destination: { ip: "10.0.0.9", port: 5985 },
  ...over,
});

const process = (parent: string, over: Record<string, unknown> = {}) => ({
  "@timestamp": "2024-05-01T10:00:05.000Z",
  event: { category: ["process"], type: ["start"] },
  host: { id: "host-1", os: { type: "windows" } },
  process: { pid: 4242, name: "whoami.exe", executable: "C:\\Windows\\System32\\whoami.exe", parent: { name: parent } },
  ...over,
});

const cases = [
  { name: "PowerShell remoting", query: POWERSHELL_REMOTING, file: "000_f9f876b63fc8ff82.txt", parent: "wsmprovhost.exe" },
  { name: "WinRM remote shell", query: WINRM_REMOTE_SHELL, file: "001_b9a7840f46a00b89.txt", parent: "winrshost.exe" },
];

for (const c of cases) {
  describe(`seed rule: ${c.name}`, () => {
    const compiled = compileQuery(c.query) as CompiledSequenceQuery;
    const run = (events: unknown[]) => evaluate(compiled, events);

    it("is copied byte for byte from the seed document and parses", () => {
      expect(seed(c.file)).toContain(c.query);
      const ast = parseQuery(c.query);
      expect(ast.type).toBe("sequence");
      expect(compiled.maxspanMs).toBe(30_000);
      expect(compiled.joinKeys).toEqual(["host.id"]);
      expect(compiled.stages.map((s) => s.category)).toEqual(["network", "process"]);
    });
    it("matches an incoming WinRM connection followed by a child process", () => {
      const matches = run([network(), process(c.parent)]);
      expect(matches).toHaveLength(1);
      expect(matches[0].events).toHaveLength(2);
    });
    it("matches with the port as a string, the direction in another case, IPv6 source", () => {
      const n = network({ destination: { port: "5986" }, network: { direction: "Ingress", protocol: "http" }, source: { ip: "fe80::1" } });
      expect(run([n, process(c.parent.toUpperCase())])).toHaveLength(1);
    });
    it("does not match conhost.exe on any drive", () => {
      const conhost = (exe: string) => process(c.parent, { process: { executable: exe, parent: { name: c.parent } } });
      expect(run([network(), conhost("C:\\Windows\\System32\\conhost.exe")])).toHaveLength(0);
      expect(run([network(), conhost("e:\\windows\\system32\\CONHOST.exe")])).toHaveLength(0);
    });
    it("does not match the wrong port, a loopback source (either spelling) or outbound traffic", () => {
      expect(run([network({ destination: { port: 443 } }), process(c.parent)])).toHaveLength(0);
      expect(run([network({ source: { ip: "127.0.0.1" } }), process(c.parent)])).toHaveLength(0);
      expect(run([network({ source: { ip: "0:0:0:0:0:0:0:1" } }), process(c.parent)])).toHaveLength(0);
      expect(run([network({ source: { ip: "::ffff:127.0.0.1" } }), process(c.parent)])).toHaveLength(0);
      expect(run([network({ network: { direction: "outbound", protocol: "http" } }), process(c.parent)])).toHaveLength(0);
    });
    it("does not match beyond 30 s, on another host, or with the other rule's parent", () => {
      expect(run([network(), process(c.parent, { "@timestamp": "2024-05-01T10:00:30.001Z" })])).toHaveLength(0);
      expect(run([network(), process(c.parent, { "@timestamp": "2024-05-01T10:00:30.000Z" })])).toHaveLength(1);
      expect(run([network(), process(c.parent, { host: { id: "host-2", os: { type: "windows" } } })])).toHaveLength(0);
      const other = c.parent === "winrshost.exe" ? "wsmprovhost.exe" : "winrshost.exe";
      expect(run([network(), process(other)])).toHaveLength(0);
    });
  });
}

it("only the WinRM shell rule requires process.pid 4 on the network event", () => {
  const n = network({ process: { pid: 1234 } });
  expect(evaluate(compileQuery(POWERSHELL_REMOTING), [n, process("wsmprovhost.exe")])).toHaveLength(1);
  expect(evaluate(compileQuery(WINRM_REMOTE_SHELL), [n, process("winrshost.exe")])).toHaveLength(0);
});
