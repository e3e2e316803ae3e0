import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { EqlError, evaluateExpression } from "@/lib/eql";
import { conformanceDir } from "./conformance-data";

/**
 * Endgame's literal-expression suites (test_string_functions.toml, test_folding.toml), run with
 * Elasticsearch semantics. Endgame's dialect is translated first:
 * - single-quoted strings become double-quoted (single quotes are an error in Elasticsearch EQL);
 * - in sections flagged case_insensitive: functions get their `~` variant, `==` becomes `:`,
 *   `!=` becomes `not ... : ...`, `in` becomes `in~` (Elasticsearch's case-insensitive forms);
 * - `wildcard(s, p...)` becomes `s like (p...)` (`s : (p...)` when case-insensitive), and
 *   `match(s, r...)` becomes `s regex (r...)`: Elasticsearch has the operators, not the functions.
 */

/** Where Elasticsearch deliberately differs from Endgame: expression → [Elasticsearch result, reason]. */
const DIVERGENCES: Record<string, [unknown, string]> = {
  'between("welcome to the planet", "welcome", "village")': ["", "Elasticsearch returns an empty string when the right text is not found"],
  'between("welcome to the planet", "goodbye", "planet")': ["", "Elasticsearch returns an empty string when the left text is not found"],
  'between("welcome to the planet", "welcome", "x", false)': ["", "Elasticsearch returns an empty string when the right text is not found"],
  'between("welcome to the planet", "welcome", "x", true)': ["", "Elasticsearch returns an empty string when the right text is not found"],
  'between("welcome to the planet", "", "x", true)': ["welcome to the planet", "Elasticsearch returns the whole string when left or right is empty"],
  'between("welcome to the planet", "", "", false)': ["welcome to the planet", "Elasticsearch returns the whole string when left or right is empty"],
  'between("welcome to the planet", "", "planet", false)': ["welcome to the planet", "Elasticsearch returns the whole string when left or right is empty"],
};

/** Endgame-only syntax with no Elasticsearch equivalent: expression pattern → reason. */
const NOT_IN_ELASTICSEARCH: [RegExp, string][] = [
  [/:length\(\)/, "method-call syntax (value:function()) is Endgame-only"],
  [/^"[^"]*" (<|<=|>|>=) "[^"]*"$/, "case-insensitive ordering of strings has no Elasticsearch operator"],
];

interface Case {
  section: string;
  expression: string;
  expected: unknown;
  insensitive: boolean;
  failure: boolean;
}

function collect(file: string): Case[] {
  const doc = parse(fs.readFileSync(path.join(conformanceDir, "endgame", file), "utf8")) as Record<string, Record<string, unknown>>;
  const cases: Case[] = [];
  for (const [section, table] of Object.entries(doc)) {
    const insensitive = table.case_insensitive === true;
    const add = (tests: unknown, failure: boolean, subst?: [string, string]) => {
      for (const t of (tests as { expression: string; expected?: unknown }[] | undefined) ?? []) {
        const expression = subst ? t.expression.replaceAll(subst[0], subst[1]) : t.expression;
        cases.push({ section, expression, expected: t.expected ?? null, insensitive, failure });
      }
    };
    add((table.fold as { tests?: unknown } | undefined)?.tests, false);
    add(table.tests, false);
    add((table.verifier as { failures?: unknown } | undefined)?.failures, true);
    for (const loop of (table.loop as { param: { name: string; type: string[] }; fold: { tests: unknown } }[] | undefined) ?? []) {
      const samples: Record<string, string> = { bool: "true", int: "1", string: '"abc"', float: "1.5" };
      for (const type of loop.param.type) add(loop.fold.tests, false, [`$${loop.param.name}`, samples[type]]);
    }
  }
  return cases;
}

/** Endgame syntax → Elasticsearch syntax. */
function translate(expr: string, insensitive: boolean): string {
  let out = expr.replace(/'([^']*)'/g, (_, s: string) => JSON.stringify(s));
  out = out.replace(/^wildcard\((.*?), (.*)\)$/, (_, s: string, pats: string) => `${s} ${insensitive ? ":" : "like"} (${pats})`);
  out = out.replace(/^match\((.*?), (.*)\)$/, (_, s: string, pats: string) => `${s} regex (${pats})`);
  if (insensitive) {
    out = out.replace(/\b(startsWith|endsWith|indexOf|between|stringContains)\(/g, "$1~(");
    out = out.replace(/^(.*) == (.*)$/, "$1 : $2").replace(/^(.*) != (.*)$/, "not ($1 : $2)").replace(/ in \(/, " in~ (");
  }
  return out;
}

for (const file of ["test_string_functions.toml", "test_folding.toml"]) {
  describe(`Endgame ${file} with Elasticsearch semantics`, () => {
    const cases = collect(file);
    const excluded: string[] = [];
    it("has cases", () => expect(cases.length).toBeGreaterThan(50));
    for (const c of cases) {
      const es = translate(c.expression, c.insensitive);
      const skip = NOT_IN_ELASTICSEARCH.find(([re]) => re.test(es) && (!re.source.includes("<") || c.insensitive));
      const title = `${c.section}: ${c.expression}${es !== c.expression ? `  →  ${es}` : ""}`;
      if (skip && !skip[1].startsWith("method")) {
        excluded.push(es);
        continue;
      }
      if (skip) {
        it(`${title} is rejected (${skip[1]})`, () => expect(() => evaluateExpression(es)).toThrow(EqlError));
        continue;
      }
      if (c.failure) {
        it(`${title} fails to compile`, () => expect(() => evaluateExpression(es)).toThrow(EqlError));
        continue;
      }
      const divergence = DIVERGENCES[es];
      const expected = divergence ? divergence[0] : c.expected;
      it(`${title} = ${JSON.stringify(expected)}${divergence ? ` (diverges from Endgame: ${divergence[1]})` : ""}`, () => {
        const actual = evaluateExpression(es);
        if (typeof expected === "number" && !Number.isInteger(expected)) expect(actual).toBeCloseTo(expected, 12);
        else expect(actual).toEqual(expected);
      });
    }
    it("leaves out only case-insensitive string ordering (no Elasticsearch operator)", () => {
      expect(excluded).toHaveLength(file === "test_folding.toml" ? 8 : 0);
      for (const e of excluded) expect(e).toMatch(/^"\w+" (<|<=|>|>=) "\w+"$/);
    });
  });
}
