import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";
import type { EqlOptions } from "@/lib/eql";

/** The repository root; CI checks the project out with `shared/` beside it. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const conformanceDir = path.resolve(root, "../shared/eql-conformance");

export interface ConformanceQuery {
  file: string;
  name: string;
  query: string;
  expected: number[];
}

export function loadQueries(file: string): ConformanceQuery[] {
  const doc = parse(fs.readFileSync(path.join(conformanceDir, "elasticsearch", file), "utf8")) as {
    queries: { name: string; query: string; expected_event_ids: number[] }[];
  };
  return doc.queries.map((q) => ({ file, name: q.name, query: q.query, expected: q.expected_event_ids }));
}

/** Endgame's test data as Elasticsearch loads it: @timestamp from the FILETIME, in epoch milliseconds. */
export function loadEvents(): Record<string, unknown>[] {
  const raw = JSON.parse(fs.readFileSync(path.join(conformanceDir, "endgame", "test_data.json"), "utf8")) as Record<string, unknown>[];
  return raw.map((e) => ({ ...e, "@timestamp": Math.floor(Number(e.timestamp) / 10_000) - 11_644_473_600_000 }));
}

/** Field types from the Elasticsearch mapping used for the data (random keyword types are keywords). */
export function loadFieldTypes(): Record<string, string> {
  const text = fs
    .readFileSync(path.join(conformanceDir, "elasticsearch", "endgame-140.mapping"), "utf8")
    .split("\n")
    .filter((l) => !l.trimStart().startsWith("#"))
    .join("\n")
    .replaceAll("[runtime_random_keyword_type]", "keyword");
  const mapping = JSON.parse(text) as { properties: Record<string, unknown> };
  const types: Record<string, string> = {};
  const walk = (props: Record<string, unknown>, prefix: string) => {
    for (const [name, def] of Object.entries(props)) {
      const d = def as { type?: string; properties?: Record<string, unknown> };
      if (d.properties) walk(d.properties, `${prefix}${name}.`);
      else if (d.type) types[`${prefix}${name}`] = d.type;
    }
  };
  walk(mapping.properties, "");
  return types;
}

export function conformanceOptions(): EqlOptions {
  return { timestampField: "@timestamp", categoryField: "event_type", tiebreakerField: "serial_event_id", fieldTypes: loadFieldTypes() };
}
