import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { KNOWN_FIELD_ROOTS, queryFields } from "@/lib/rules/import-checks";
import { parseImport } from "@/lib/rules/parse-import";

/**
 * Importing detection-rules TOML files: our own rule files (tests/fixtures/rules: lateral-movement
 * rules that import, and one file per main reason a rule is refused) and edited copies of one of
 * them for the other reasons.
 */
const DIR = path.resolve(process.cwd(), "tests/fixtures/rules");
const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".toml")).sort();
const seed = fs.readFileSync(path.join(DIR, "wmi_remote_process.toml"), "utf8");
const withQuery = (query: string, extra = "") =>
  seed.replace(/query = '''[\s\S]*?'''/, `query = '''\n${query}\n'''${extra}`).replace(/rule_id = "[^"]+"/, 'rule_id = "test-rule"');

describe("the rule files of tests/fixtures/rules", () => {
  const results = files.map((f) => ({ file: f, result: parseImport(fs.readFileSync(path.join(DIR, f), "utf8"), f) }));
  const byFile = new Map(results.map((r) => [r.file, r.result]));

  test("the seven lateral-movement rules import, with their guide's steps; the five refused_* files are refused", () => {
    expect(files).toHaveLength(12);
    const ok = results.filter((r) => r.result.ok).map((r) => r.file);
    expect(ok).toEqual([
      "network_logon_then_service_child.toml",
      "rdp_client_drive_execution.toml",
      "remote_service_install.toml",
      "remote_task_created.toml",
      "smb_executable_transfer.toml",
      "winrm_shell_pack_id.toml",
      "wmi_remote_process.toml",
    ]);
    expect(results.filter((r) => !r.result.ok).map((r) => r.file)).toEqual(files.filter((f) => f.startsWith("refused_")));
    const seq = byFile.get("network_logon_then_service_child.toml")!;
    expect(seq.ok && seq.rule.query).toMatch(/^sequence by host\.id with maxspan=2m/);
    const wmi = byFile.get("wmi_remote_process.toml")!;
    expect(wmi.ok && wmi.rule.guide.investigationSteps).toHaveLength(3);
  });

  test("each refused file gets its own reason", () => {
    const reason = (f: string) => {
      const r = byFile.get(f)!;
      return r.ok ? "(imported)" : r.reason;
    };
    expect(reason("refused_not_eql.toml")).toMatch(/unsupported rule type "query"/);
    expect(reason("refused_pipe.toml")).toMatch(/pipe "\| head"/);
    expect(reason("refused_unknown_field.toml")).toBe("unknown field RemoteClient.address: neither ECS nor declared in required_fields");
    expect(reason("refused_cross_host_sequence.toml")).toMatch(/joins events by source\.ip .*per host/);
    expect(reason("refused_does_not_compile.toml")).toMatch(/^query does not compile: .*line \d+, column \d+/);
    expect(byFile.get("refused_cross_host_sequence.toml")).toMatchObject({ ok: false, ruleId: "5b0c7e2a-31d4-4a8e-9f61-0d2c4e7a1b14" });
  });

  test("every imported rule reads only known fields, and the hash identifies the text", () => {
    for (const { result } of results) {
      if (!result.ok) continue;
      expect(queryFields(result.rule).every((f) => KNOWN_FIELD_ROOTS.has(f.split(".")[0]!))).toBe(true);
      expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe("each reason a file is refused", () => {
  test("not TOML", () => {
    const r = parseImport("[rule\nname = 1", "bad.toml");
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid TOML at line 1/) });
  });

  test("not an EQL rule (a kuery new_terms rule)", () => {
    const r = parseImport(seed.replace('type = "eql"', 'type = "new_terms"'), "kuery.toml");
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/unsupported rule type "new_terms"/) });
  });

  test("a query that does not compile, with line and column", () => {
    const r = parseImport(withQuery("process where process.name = "), "bad-query.toml");
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^query does not compile: .*line \d+, column \d+/) });
  });

  test("a pipe (| head) the worker cannot follow", () => {
    const r = parseImport(withQuery('process where process.name : "x.exe" | head 5'), "pipe.toml");
    expect(r).toMatchObject({ ok: false, ruleId: "test-rule", reason: expect.stringMatching(/pipe "\| head"/) });
  });

  test("a sequence ending in a missing-event stage", () => {
    const r = parseImport(withQuery('sequence by host.id with maxspan=10s [process where true] ![network where true]'), "missing.toml");
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/ends with a missing-event stage/) });
  });

  test("a sequence without a join key, or joined by user.name only, may span hosts", () => {
    expect(parseImport(withQuery("sequence with maxspan=10s [process where true] [network where true]"), "nokey.toml")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/joins events without a join key \(stage 1\)/),
    });
    expect(parseImport(withQuery("sequence by user.name [process where true] [network where true]"), "user.toml")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/by user\.name \(stage 1\)/),
    });
    // A per-stage key bound to a host is enough.
    expect(parseImport(withQuery("sequence [process where true] by process.entity_id [network where true] by process.entity_id"), "entity.toml").ok).toBe(true);
  });

  test("a field outside ECS is refused unless required_fields declares it", () => {
    const q = 'process where Target.process.name : "x.exe"';
    expect(parseImport(withQuery(q), "endgame.toml")).toMatchObject({ ok: false, reason: "unknown field Target.process.name: neither ECS nor declared in required_fields" });
    const declared = withQuery(q, '\n\n[[rule.required_fields]]\nname = "Target.process.name"\ntype = "keyword"\necs = false\n');
    expect(parseImport(declared, "declared.toml").ok).toBe(true);
  });
});
