/**
 * The rule pack against the seed documents: every transcribed field equals the seed's own text.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { loadRulePack, type Rule } from "@/lib/rules";
import { root } from "../../vitest.shared";
import { loadSeeds, type Seed } from "./seeds";

const RULE_IDS: Record<string, string> = {
  "Incoming Execution via PowerShell Remoting": "2772264c-6fb9-4d9d-9014-b416eed21254",
  "Incoming Execution via WinRM Remote Shell": "1cd01db9-be24-4bef-8e7c-e923f0ff78ab",
};
const FILES: Record<string, string> = {
  "Incoming Execution via PowerShell Remoting": "lateral_movement_powershell_remoting_target.toml",
  "Incoming Execution via WinRM Remote Shell": "lateral_movement_incoming_winrm_shell_execution.toml",
};
const VERSIONS: Record<string, number> = {
  "Incoming Execution via PowerShell Remoting": 210,
  "Incoming Execution via WinRM Remote Shell": 209,
};

const savedRulesDir = process.env.RULES_DIR;
beforeAll(() => {
  delete process.env.RULES_DIR;
});
afterAll(() => {
  if (savedRulesDir !== undefined) process.env.RULES_DIR = savedRulesDir;
});

const seeds = loadSeeds();

describe("rule pack in rules/", () => {
  it("loads both rules with no errors from the default directory", () => {
    const pack = loadRulePack();
    expect(pack.errors).toEqual([]);
    expect(pack.rules.map((r) => r.ruleId).sort()).toEqual(Object.values(RULE_IDS).sort());
    for (const rule of pack.rules) {
      expect(rule.sourcePath).toBe(path.join(root, "rules", FILES[rule.name]!));
      expect(rule.compiled).toBeDefined();
    }
  });

  it("has the two seeds to compare with", () => {
    expect(seeds.map((s) => s.name).sort()).toEqual(Object.keys(RULE_IDS).sort());
  });
});

describe.each(seeds.map((seed) => [seed.name, seed] as const))("%s matches its seed", (name, seed: Seed) => {
  let rule: Rule;
  beforeAll(() => {
    const found = loadRulePack(path.join(root, "rules")).rules.find((r) => r.name === name);
    expect(found, `no rule named ${name}`).toBeDefined();
    rule = found!;
  });

  it("identity, type, version and author", () => {
    expect(rule.ruleId).toBe(RULE_IDS[name]);
    expect(rule.description).toBe(seed.description);
    expect(seed.ruleType).toBe("eql");
    expect(rule.type).toBe(seed.ruleType);
    expect(rule.language).toBe("eql");
    expect(seed.version).toBe(VERSIONS[name]);
    expect(rule.version).toBe(seed.version);
    expect(rule.author).toEqual(seed.authors);
    expect(rule.license).toBe(seed.license);
  });

  it("query, byte for byte", () => {
    expect(seed.query).toContain("network.protocol == \"http\"");
    expect(rule.query).toBe(seed.query);
    expect(Buffer.from(rule.query, "utf8").equals(Buffer.from(seed.query, "utf8"))).toBe(true);
  });

  it("indices, schedule, look-back and alert cap", () => {
    expect(rule.index).toEqual(seed.index);
    expect(rule.interval).toBe(seed.interval);
    expect(rule.intervalMs).toBe(5 * 60_000);
    expect(rule.from).toBe(seed.from);
    expect(rule.lookbackMs).toBe(9 * 60_000);
    expect(rule.maxSignals).toBe(seed.maxSignals);
  });

  it("severity, risk score, tags and references", () => {
    expect(rule.severity).toBe(seed.severity);
    expect(rule.riskScore).toBe(seed.riskScore);
    expect(rule.tags).toEqual(seed.tags);
    expect(rule.references).toEqual(seed.references);
  });

  it("investigation guide: intro, steps, false positives, response", () => {
    expect(rule.note.startsWith("## Triage and analysis\n")).toBe(true);
    expect(rule.note).not.toContain("TBC");
    expect(rule.note).not.toContain("â€");
    expect(rule.guide.sections.map((s) => s.title)).toEqual([
      "Triage and analysis",
      `Investigating ${name}`,
      "Possible investigation steps",
      "False positive analysis",
      "Response and remediation",
    ]);
    expect(rule.guide.intro).toBe(seed.intro);
    expect(rule.guide.investigationSteps.map((s) => s.text)).toEqual(seed.investigationSteps);
    expect(rule.guide.falsePositiveAnalysis).toEqual(seed.falsePositiveAnalysis);
    expect(rule.guide.responseAndRemediation).toEqual(seed.responseAndRemediation);
  });

  it("MITRE ATT&CK tactics, techniques and sub-techniques with their links", () => {
    expect(seed.framework.replace(/TM$/, "")).toBe("MITRE ATT&CK");
    expect(seed.threat.length).toBeGreaterThan(0);
    expect(rule.threat.map((t) => t.framework)).toEqual(seed.threat.map(() => "MITRE ATT&CK"));
    expect(rule.threat.map(({ tactic, techniques }) => ({ tactic, techniques }))).toEqual(seed.threat);
  });
});

describe("seed encoding defect", () => {
  it("the PowerShell seed's mojibake is transcribed as the intended right single quote", () => {
    const ps = seeds.find((s) => s.name === "Incoming Execution via PowerShell Remoting")!;
    expect(ps.raw).toContain("organizationâ€™s");
    const rule = loadRulePack(path.join(root, "rules")).rules.find((r) => r.name === ps.name)!;
    expect(rule.note).toContain("organization\u2019s environment");
  });
});
