import { afterAll, describe, expect, it } from "vitest";
import { compileQuery, evaluate } from "@/lib/eql";
import { conformanceOptions, loadEvents, loadQueries } from "./conformance-data";

/**
 * Elasticsearch's own EQL conformance queries over Endgame's test data. Every query must pass or be
 * listed here, by name, with the feature it needs. (Queries commented out in the TOML files are ones
 * Elasticsearch itself does not support; the TOML parser drops them.)
 */
const UNSUPPORTED: Record<string, string> = {};

const FILES = ["test_queries.toml", "additional_test_queries.toml", "test_queries_date.toml"];

const events = loadEvents();
const options = conformanceOptions();
const counts = { passed: 0, failed: 0, unsupported: 0 };

describe("EQL conformance (Elasticsearch test queries over Endgame data)", () => {
  afterAll(() => {
    console.log(`EQL conformance: ${counts.passed} passed, ${counts.failed} failed, ${counts.unsupported} unsupported`);
  });

  for (const file of FILES) {
    const queries = loadQueries(file);
    it(`${file} is not empty`, () => expect(queries.length).toBeGreaterThan(0));
    for (const q of queries) {
      it(`${file}: ${q.name}`, () => {
        if (q.name in UNSUPPORTED) {
          counts.unsupported++;
          expect(() => evaluate(compileQuery(q.query, options), events)).toThrow();
          return;
        }
        let ids: unknown[];
        try {
          const matches = evaluate(compileQuery(q.query, options), events);
          ids = matches.flatMap((m) => m.events.map((e) => (e as { serial_event_id: number }).serial_event_id));
        } catch (err) {
          counts.failed++;
          throw err;
        }
        if (JSON.stringify(ids) !== JSON.stringify(q.expected)) counts.failed++;
        else counts.passed++;
        expect(ids, q.query).toEqual(q.expected);
      });
    }
  }

  it("covers every query of the three files", () => {
    const total = FILES.reduce((n, f) => n + loadQueries(f).length, 0);
    expect(total).toBe(198);
    expect(Object.keys(UNSUPPORTED).every((name) => FILES.some((f) => loadQueries(f).some((q) => q.name === name)))).toBe(true);
  });
});
