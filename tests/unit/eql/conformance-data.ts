import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";
import { parseElasticsearchMapping, type EqlOptions } from "@/lib/eql";

/** The repository root; CI checks the project out with `shared/` beside it. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const conformanceDir = path.resolve(root, "../shared/eql-conformance");
export interface ConformanceQuery {
  file: string;
  name: string;
  query: string;
  expected: number[];
  /** Each result's join key values, in order, when the suite gives them. */
  joinKeys?: unknown[];
}

export interface Suite {
  file: string;
  queries: ConformanceQuery[];
  events: Record<string, unknown>[];
  options: EqlOptions;
  /** The field identifying an event in `expected_event_ids`. */
  idField: string;
}

function loadToml(file: string, dir: string): ConformanceQuery[] {
  // Elasticsearch's TOML reader takes a bare `null` in join_keys; TOML has none: read it as "null"
  // (join keys are compared as text).
  const text = fs.readFileSync(path.join(dir, file), "utf8").replace(/^(join_keys\s*=.*)$/gm, (l) => l.replace(/\bnull\b(?!")/g, '"null"'));
  const doc = parse(text) as {
    queries: { name: string; query: string; expected_event_ids: number[]; join_keys?: unknown[] }[];
  };
  return doc.queries.map((q) => ({ file, name: q.name, query: q.query, expected: q.expected_event_ids, joinKeys: q.join_keys }));
}

export function loadQueries(file: string): ConformanceQuery[] {
  return loadToml(file, path.join(conformanceDir, "elasticsearch"));
}

/** Endgame's test data as Elasticsearch loads it: @timestamp from the FILETIME, in epoch milliseconds. */
export function loadEvents(): Record<string, unknown>[] {
  const raw = JSON.parse(fs.readFileSync(path.join(conformanceDir, "endgame", "test_data.json"), "utf8")) as Record<string, unknown>[];
  return raw.map((e) => ({ ...e, "@timestamp": Math.floor(Number(e.timestamp) / 10_000) - 11_644_473_600_000 }));
}

/** A mapping file of the QA module: `#` / `//` comment lines dropped, the random keyword type made keyword. */
function readMappingJson(file: string): unknown {
  const text = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => !l.trimStart().startsWith("#") && !l.trimStart().startsWith("//"))
    .join("\n")
    .replaceAll("[runtime_random_keyword_type]", "keyword");
  return JSON.parse(text);
}

/** Field types from the Elasticsearch mapping used for the Endgame data. */
export function loadFieldTypes(): Record<string, string> {
  const mapping = parseElasticsearchMapping(readMappingJson(path.join(conformanceDir, "elasticsearch", "endgame-140.mapping")));
  return Object.fromEntries(Object.entries(mapping).map(([name, f]) => [name, f.type]));
}

export function conformanceOptions(): EqlOptions {
  return { timestampField: "@timestamp", categoryField: "event_type", tiebreakerField: "serial_event_id", fieldTypes: loadFieldTypes() };
}

/** The suites over Endgame's data (in ../shared). */
export function loadSuites(): Suite[] {
  const endgame = loadEvents();
  const endgameOptions = conformanceOptions();
  return ["test_queries.toml", "additional_test_queries.toml", "test_queries_date.toml"].map((file) => ({
    file, queries: loadQueries(file), events: endgame, options: endgameOptions, idField: "serial_event_id",
  }));
}
