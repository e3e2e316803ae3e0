import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { KNOWN_FIELD_ROOTS, queryFields } from "@/lib/rules/import-checks";
import { parseImport } from "@/lib/rules/parse-import";

/**
 * Importing Elastic detection-rules TOML files: Elastic's Windows lateral-movement EQL rules
 * (tests/fixtures/detection-rules) and hand-made files for each reason a rule is refused.
 */
const DIR = path.resolve(process.cwd(), "tests/fixtures/detection-rules");
const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".toml")).sort();
const seed = fs.readFileSync(path.join(DIR, "lateral_movement_incoming_winrm_shell_execution.toml"), "utf8");
const withQuery = (query: string, extra = "") =>
  seed.replace(/query = '''[\s\S]*?'''/, `query = '''\n${query}\n'''${extra}`).replace(/rule_id = "[^"]+"/, 'rule_id = "test-rule"');

describe("Elastic's lateral-movement rules", () => {
  const results = files.map((f) => ({ file: f, result: parseImport(fs.readFileSync(path.join(DIR, f), "utf8"), f) }));

  test("all 26 EQL rules of rules/windows/lateral_movement_*.toml are there", () => {
    expect(files).toHaveLength(26);
  });

  test("25 of 26 (96 %, at least 90 %) import; the Kerberos correlation is refused because it spans hosts", () => {
    const refused = results.filter((r) => !r.result.ok);
    expect(results.length - refused.length).toBe(25);
    expect((results.length - refused.length) / results.length).toBeGreaterThanOrEqual(0.9);
    expect(refused.map((r) => r.file)).toEqual(["lateral_movement_credential_access_kerberos_correlation.toml"]);
    const r = refused[0]!.result;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(/joins events by source\.port, source\.ip .*per host/);
      expect(r.ruleId).toBe("c6b40f4c-c6a9-434e-adb8-989b0d06d005");
    }
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
