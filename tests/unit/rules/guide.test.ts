import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { fnv1a64, listItems, normalizeStepText, parseGuide, stepIds } from "@/lib/rules/guide";
import { root } from "../../vitest.shared";
import { loadSeeds } from "./seeds";

const FILES = [
  "lateral_movement_powershell_remoting_target.toml",
  "lateral_movement_incoming_winrm_shell_execution.toml",
];
const noteOf = (file: string) =>
  (parse(readFileSync(path.join(root, "rules", file), "utf8")) as { rule: { note: string } }).rule.note;

describe("parseGuide on the rule pack's guides", () => {
  const seeds = loadSeeds();

  it.each(FILES)("%s: 6 investigation steps, as many as its seed", (file) => {
    const guide = parseGuide(noteOf(file));
    expect(guide.investigationSteps).toHaveLength(6);
    const seed = seeds.find((s) => guide.sections.some((sec) => sec.title === `Investigating ${s.name}`))!;
    expect(seed.investigationSteps).toHaveLength(6);
    expect(guide.falsePositiveAnalysis).toHaveLength(seed.falsePositiveAnalysis.length);
    expect(guide.responseAndRemediation).toHaveLength(seed.responseAndRemediation.length);
  });

  it.each(FILES)("%s: step ids are unique, well-formed and stable across parses", (file) => {
    const note = noteOf(file);
    const ids = parseGuide(note).investigationSteps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^step-[0-9a-f]{12}$/);
    expect(parseGuide(note).investigationSteps.map((s) => s.id)).toEqual(ids);
  });

  it("pins the ids of the first PowerShell Remoting step (ids must never change for unchanged text)", () => {
    const step = parseGuide(noteOf(FILES[0]!)).investigationSteps[0]!;
    expect(step.id).toBe(`step-${fnv1a64(normalizeStepText(step.text)).slice(0, 12)}`);
    // FNV-1a 64 reference values.
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });
});

describe("step ids", () => {
  it("depend only on the step text: unchanged under reordering, insertion, version bumps and rewrapping", () => {
    const a = "Check the source IP.";
    const b = "Review the process tree.";
    const [idA, idB] = stepIds([a, b]);
    expect(stepIds([b, "A new step.", a])).toEqual([idB, expect.any(String), idA]);
    expect(stepIds(["Check the   source\n  IP. "])[0]).toBe(idA);
    expect(stepIds(["Check the source IP!"])[0]).not.toBe(idA);
  });

  it("repeated texts in one guide get suffixed ids", () => {
    const [x, y, z] = stepIds(["Same.", "Same.", "Same."]);
    expect(y).toBe(`${x}-2`);
    expect(z).toBe(`${x}-3`);
  });
});

describe("parseGuide on other layouts", () => {
  it("accepts #### headings, * and numbered lists, continuations and nested lists", () => {
    const note = [
      "## Triage and analysis",
      "",
      "> **Disclaimer**: generated.",
      "",
      "#### Investigating Something",
      "",
      "First paragraph.",
      "",
      "Second paragraph.",
      "",
      "#### Possible investigation steps",
      "",
      "* Step one,",
      "  wrapped.",
      "* Step two:",
      "  - sub a",
      "  - sub b",
      "1. Step three.",
      "",
      "#### False positive analysis",
      "",
      "- FP one.",
      "",
      "- FP two.",
      "",
      "Trailing paragraph, not an item.",
      "",
      "#### Response and remediation",
      "",
      "```",
      "# not a heading",
      "```",
      "- R one.",
    ].join("\n");
    const guide = parseGuide(note);
    expect(guide.intro).toBe("First paragraph.\n\nSecond paragraph.");
    expect(guide.investigationSteps.map((s) => s.text)).toEqual([
      "Step one,\nwrapped.",
      "Step two:\n- sub a\n- sub b",
      "Step three.",
    ]);
    expect(guide.falsePositiveAnalysis).toEqual(["FP one.", "FP two."]);
    expect(guide.responseAndRemediation).toEqual(["R one."]);
    expect(guide.sections[0]).toEqual({ title: "Triage and analysis", markdown: "> **Disclaimer**: generated." });
    expect(guide.sections.at(-1)!.markdown).toContain("# not a heading");
  });

  it("an empty or guide-less note gives empty parts", () => {
    expect(parseGuide("")).toEqual({
      intro: "",
      investigationSteps: [],
      falsePositiveAnalysis: [],
      responseAndRemediation: [],
      sections: [],
    });
    expect(listItems("just text")).toEqual([]);
  });
});
