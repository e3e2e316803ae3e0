/** Fills the typed columns of the event store from a normalized document, through EVENT_COLUMNS (the one mapping). */
import { columnKey, EVENT_COLUMNS } from "./columns";
import { pathReader } from "./paths";
import type { EcsDoc, EventColumnValues } from "./types";

// Computed once: ingest extracts these for every event.
const COLUMNS = Object.entries(EVENT_COLUMNS).map(([field, { column, type }]) => ({ read: pathReader(field), type, key: columnKey(column) }));

// Every result gets the same keys in the same order (one object shape), copied from this template.
const TEMPLATE: Readonly<Record<string, unknown>> = Object.fromEntries(COLUMNS.map((c) => [c.key, null]));

/** The doc must already be normalized: @timestamp valid ISO, typed fields coerced, keywords single strings. */
export function extractColumns(doc: EcsDoc): EventColumnValues {
  const out: Record<string, unknown> = { ...TEMPLATE };
  for (let i = 0; i < COLUMNS.length; i++) {
    const { read, type, key } = COLUMNS[i];
    const v = read(doc);
    switch (type) {
      case "date":
        out[key] = String(v);
        break;
      case "keyword[]":
        out[key] = Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)];
        break;
      case "long":
        out[key] = typeof v === "number" ? v : Array.isArray(v) && typeof v[0] === "number" ? v[0] : null;
        break;
      default:
        out[key] = typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : null;
    }
  }
  return out as unknown as EventColumnValues;
}
