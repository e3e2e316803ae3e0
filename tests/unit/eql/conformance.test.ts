import { afterAll, describe, expect, it } from "vitest";
import { compileQuery, evaluate } from "@/lib/eql";
import { loadSuites } from "./conformance-data";

/**
 * Elasticsearch's own EQL QA suites: its three query files over Endgame's test data (in ../shared;
 * the behaviour of its other two suites is covered by join-keys, missing-events and mappings tests
 * written for this project). Every query must pass
 * (event ids in order, -1 for a missing-event stage, and the join keys where the suite gives them) or
 * be listed here by suite and name with the reason, which lib/eql/README.md must list as outside the
 * engine's feature set. (Queries commented out in the TOML files are ones Elasticsearch itself does
 * not run; the TOML parser drops them.)
 */
const UNSUPPORTED: Record<string, Record<string, string>> = {};

/** Query counts per suite: a suite that loses queries (or a parser that drops them) fails. */
const EXPECTED_COUNTS: Record<string, number> = {
  "test_queries.toml": 133,
  "additional_test_queries.toml": 61,
  "test_queries_date.toml": 4,
};

const suites = loadSuites();
const counts = new Map<string, { passed: number; failed: number; unsupported: number }>();

describe("EQL conformance (Elasticsearch QA suites)", () => {
  afterAll(() => {
    for (const [file, c] of counts) console.log(`EQL conformance ${file}: ${c.passed} passed, ${c.failed} failed, ${c.unsupported} unsupported`);
  });

  for (const suite of suites) {
    const c = { passed: 0, failed: 0, unsupported: 0 };
    counts.set(suite.file, c);
    const unsupported = UNSUPPORTED[suite.file] ?? {};
    it(`${suite.file} has its queries`, () => expect(suite.queries.length).toBe(EXPECTED_COUNTS[suite.file]));
    for (const q of suite.queries) {
      it(`${suite.file}: ${q.name}`, () => {
        if (q.name in unsupported) {
          c.unsupported++;
          expect(() => evaluate(compileQuery(q.query, suite.options), suite.events)).toThrow();
          return;
        }
        let ids: unknown[];
        let keys: string[];
        try {
          const matches = evaluate(compileQuery(q.query, suite.options), suite.events);
          ids = matches.flatMap((m) => (m.stages ?? m.events).map((e) => (e === null ? -1 : (e as Record<string, unknown>)[suite.idField])));
          keys = matches.flatMap((m) => (m.joinKeys ?? []).map(String));
        } catch (err) {
          c.failed++;
          throw err;
        }
        const keysOk = q.joinKeys === undefined || JSON.stringify(keys) === JSON.stringify(q.joinKeys.map(String));
        if (JSON.stringify(ids) !== JSON.stringify(q.expected) || !keysOk) c.failed++;
        else c.passed++;
        expect(ids, q.query).toEqual(q.expected);
        if (q.joinKeys !== undefined) expect(keys, `join keys of ${q.query}`).toEqual(q.joinKeys.map(String));
      });
    }
  }

  it("counted every query of every suite, and the unsupported list names real queries", () => {
    const total = suites.reduce((n, s) => n + s.queries.length, 0);
    expect(total).toBe(Object.values(EXPECTED_COUNTS).reduce((a, b) => a + b, 0));
    const run = [...counts.values()].reduce((n, c) => n + c.passed + c.failed + c.unsupported, 0);
    expect(run).toBe(total);
    for (const [file, names] of Object.entries(UNSUPPORTED)) {
      const suite = suites.find((s) => s.file === file);
      expect(suite, file).toBeDefined();
      for (const name of Object.keys(names)) expect(suite!.queries.map((q) => q.name)).toContain(name);
    }
  });
});
