import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultRulesDir, findRepoRoot, loadRulePack, parseDuration, parseLookback } from "@/lib/rules";
import { root } from "../../vitest.shared";

const GOOD_FILE = "lateral_movement_powershell_remoting_target.toml";
const good = readFileSync(path.join(root, "rules", GOOD_FILE), "utf8");
const GOOD_ID = "2772264c-6fb9-4d9d-9014-b416eed21254";

/** The good rule with its query replaced (the query is the last multi-line literal before threats). */
const withQuery = (query: string) => good.replace(/query = '''\n[\s\S]*?'''/, `query = '''\n${query}\n'''`);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "rules-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};

describe("loadRulePack error reporting", () => {
  it("reports each broken file with its path and reason while the good one still loads", () => {
    write("a_good.toml", good);
    const cases: [string, string, RegExp][] = [
      ["bad_toml.toml", good.replace('severity = "medium"', "severity = medium"), /^invalid TOML at line \d+, column \d+/],
      ["missing_field.toml", good.replace(/^risk_score = 47\n/m, ""), /rule\.risk_score: missing required field/],
      ["wrong_type.toml", good.replace("risk_score = 47", 'risk_score = "47"'), /rule\.risk_score: .*expected number/],
      ["out_of_range.toml", good.replace("risk_score = 47", "risk_score = 470"), /rule\.risk_score/],
      ["bad_severity.toml", good.replace('severity = "medium"', 'severity = "urgent"'), /rule\.severity/],
      ["bad_interval.toml", good.replace('interval = "5m"', 'interval = "often"'), /rule\.interval/],
      ["bad_tactic.toml", good.replace('id = "TA0008"', 'id = "LM"'), /rule\.threat\.0\.tactic\.id/],
      ["not_eql.toml", good.replace('type = "eql"', 'type = "query"'), /unsupported rule type "query"/],
      ["not_eql_lang.toml", good.replace('language = "eql"', 'language = "kuery"'), /unsupported query language "kuery"/],
      ["no_rule_table.toml", '[metadata]\nmaturity = "production"\n', /missing \[rule\] table/],
      ["bad_query.toml", withQuery("sequence by host.id with maxspan=30s\n  [network where and]"), /^query does not compile: .+ \(line 2, column \d+\)$/],
      ["bad_query_semantic.toml", withQuery("process where length(process.name, 1) == 2"), /^query does not compile: /],
    ];
    for (const [name, text] of cases) write(name, text);
    write("README.md", "not a rule");
    mkdirSync(path.join(dir, "nested.toml"));

    const pack = loadRulePack(dir);
    expect(pack.rules.map((r) => r.sourcePath)).toEqual([path.join(dir, "a_good.toml")]);
    expect(pack.rules[0]!.ruleId).toBe(GOOD_ID);
    const byFile = new Map(pack.errors.map((e) => [path.basename(e.path), e]));
    expect([...byFile.keys()].sort()).toEqual(cases.map(([name]) => name).sort());
    for (const [name, , reason] of cases) {
      const error = byFile.get(name)!;
      expect(error.path).toBe(path.join(dir, name));
      expect(error.reason, name).toMatch(reason);
    }
  });

  it("reports a duplicate rule_id; the first file by name wins", () => {
    write("a.toml", good);
    const dup = write("b.toml", good.replace("version = 210", "version = 211"));
    const pack = loadRulePack(dir);
    expect(pack.rules).toHaveLength(1);
    expect(pack.rules[0]!.version).toBe(210);
    expect(pack.errors).toEqual([
      { path: dup, reason: `duplicate rule_id ${GOOD_ID}: already defined in ${path.join(dir, "a.toml")}` },
    ]);
  });

  it("reports a missing directory instead of throwing", () => {
    const missing = path.join(dir, "nope");
    expect(loadRulePack(missing)).toEqual({ rules: [], errors: [{ path: missing, reason: "rules directory not found" }] });
  });

  it("loads an empty directory as an empty pack", () => {
    expect(loadRulePack(dir)).toEqual({ rules: [], errors: [] });
  });
});

describe("optional fields take Elastic's defaults", () => {
  it("from, interval, max_signals, version, references, tags, threat, note, metadata", () => {
    const minimal = good
      .replace(/^\[metadata\][\s\S]*?\n\n/, "")
      .replace(/^(from|interval|max_signals|version) = .*\n/gm, "")
      .replace(/^references = \[\n[^\]]*\]\n/m, "")
      .replace(/^tags = \[\n[^\]]*\]\n/m, "")
      .replace(/^note = '''[\s\S]*?'''\n/m, "")
      .replace(/\n\[\[rule\.threat\]\][\s\S]*$/, "\n");
    write("minimal.toml", minimal);
    const pack = loadRulePack(dir);
    expect(pack.errors).toEqual([]);
    const rule = pack.rules[0]!;
    expect([rule.from, rule.lookbackMs, rule.interval, rule.intervalMs, rule.maxSignals]).toEqual([
      "now-6m",
      360_000,
      "5m",
      300_000,
      100,
    ]);
    expect(rule.version).toBe(1);
    expect([rule.references, rule.tags, rule.threat, rule.note]).toEqual([[], [], [], ""]);
    expect(rule.guide.investigationSteps).toEqual([]);
    expect(rule.metadata).toEqual({
      creationDate: null,
      updatedDate: null,
      maturity: null,
      integration: [],
      minStackVersion: null,
    });
  });
});

describe("Elastic's published rule files import as-is", () => {
  it("the reference TOMLs of shared/reference load", () => {
    const pack = loadRulePack(path.resolve(root, "../shared/reference/elastic-detection-rules"));
    expect(pack.errors).toEqual([]);
    expect(pack.rules.map((r) => r.ruleId).sort()).toEqual(
      ["1cd01db9-be24-4bef-8e7c-e923f0ff78ab", GOOD_ID].sort(),
    );
    for (const rule of pack.rules) expect(rule.guide.investigationSteps).toHaveLength(6);
  });
});

describe("rules directory", () => {
  const saved = process.env.RULES_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.RULES_DIR;
    else process.env.RULES_DIR = saved;
  });

  it("defaults to <repo>/rules, found from the module's location", () => {
    delete process.env.RULES_DIR;
    expect(findRepoRoot()).toBe(root);
    expect(defaultRulesDir()).toBe(path.join(root, "rules"));
  });

  it("RULES_DIR overrides it, also for loadRulePack()", () => {
    write("only.toml", good);
    process.env.RULES_DIR = dir;
    expect(defaultRulesDir()).toBe(dir);
    expect(loadRulePack().rules.map((r) => r.sourcePath)).toEqual([path.join(dir, "only.toml")]);
  });
});

describe("durations", () => {
  it("parses intervals and look-backs", () => {
    expect(parseDuration("5m")).toBe(300_000);
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("1h")).toBe(3_600_000);
    expect(parseDuration("2d")).toBe(172_800_000);
    expect(parseDuration("5 m")).toBeNull();
    expect(parseLookback("now-9m")).toBe(540_000);
    expect(parseLookback("9m")).toBeNull();
  });
});
