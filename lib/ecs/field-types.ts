/**
 * Applies ECS field types to a nested document: integers, IPs, dates, booleans and doubles are
 * coerced or the document is rejected naming the field; the keyword fields kept in columns are
 * made single strings; event.category and event.type become arrays.
 */
import { ECS_FIELD_TYPES, EVENT_COLUMNS } from "./columns";
import { deletePath, pathReader, setPath } from "./paths";
import { isPlainObject, RejectError, type EcsDoc } from "./types";
import { canonicalIp, isoTimestamp, parseLong } from "./values";

/** ECS defines event.code as a keyword: it is stored as text even though the engine compares it as a number. */
const KEPT_AS_KEYWORD = new Set(["event.code"]);

function describe(v: unknown): string {
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return JSON.stringify(v.length > 80 ? v.slice(0, 80) + "…" : v);
  return `${typeof v} ${String(v)}`;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

type Coerce = (field: string, v: unknown) => unknown;

const coerceLong: Coerce = (field, v) => {
  if (typeof v === "object") throw new RejectError(`${field} must be an integer, got ${describe(v)}`);
  let n = parseLong(v);
  // As Elasticsearch indexes a long field (coerce): a fractional number or numeric string is truncated.
  if (n === null && (typeof v === "number" || (typeof v === "string" && /^\s*[+-]?\d+\.\d+\s*$/.test(v)))) {
    const t = Math.trunc(Number(v));
    if (Number.isSafeInteger(t)) n = t || 0;
  }
  if (n === null) throw new RejectError(`${field} ${describe(v)} is not an integer`);
  return n;
};

const coerceIp: Coerce = (field, v) => {
  const ip = canonicalIp(v);
  if (ip === null) {
    throw new RejectError(
      typeof v === "string" ? `${field} ${describe(v)} is not an IP address` : `${field} must be an IP address string, got ${describe(v)}`,
    );
  }
  return ip;
};

const coerceDate: Coerce = (field, v) => {
  const iso = isoTimestamp(v);
  if (iso === null) throw new RejectError(`${field} ${describe(v)} is not ISO 8601 or epoch milliseconds`);
  return iso;
};

const coerceBoolean: Coerce = (field, v) => {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  throw new RejectError(`${field} ${describe(v)} is not a boolean`);
};

const coerceDouble: Coerce = (field, v) => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new RejectError(`${field} ${describe(v)} is not a number`);
  return n;
};

const coerceKeywordCode: Coerce = (field, v) => {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new RejectError(`${field} must be a string, got ${describe(v)}`);
};

const COERCERS: Record<string, Coerce> = {
  long: coerceLong,
  ip: coerceIp,
  date: coerceDate,
  boolean: coerceBoolean,
  double: coerceDouble,
};

// Fields grouped by their top-level namespace, so a document only pays for the namespaces it has.
// Each field comes with a reader for its path (ingest reads these for every event).
type Field<T> = { field: string; read: (doc: EcsDoc) => unknown; spec: T };
function byNamespace<T>(entries: [string, T][]): Map<string, Field<T>[]> {
  const m = new Map<string, Field<T>[]>();
  for (const [field, spec] of entries) {
    const ns = field.split(".")[0];
    m.set(ns, [...(m.get(ns) ?? []), { field, read: pathReader(field), spec }]);
  }
  return m;
}
const TYPED = byNamespace(Object.entries(ECS_FIELD_TYPES).filter(([f]) => f !== "@timestamp"));
const KEYWORD_COLUMNS = byNamespace(Object.entries(EVENT_COLUMNS).filter(([, c]) => c.type === "keyword" || c.type === "keyword[]"));

function present<T>(doc: EcsDoc, groups: Map<string, Field<T>[]>): Field<T>[] {
  const out: Field<T>[] = [];
  for (const ns in doc) {
    const fields = groups.get(ns);
    if (fields) for (const f of fields) out.push(f);
  }
  return out;
}

/** Coerces every typed ECS field present; arrays are coerced element by element. @timestamp is left to the caller. */
export function applyFieldTypes(doc: EcsDoc): void {
  for (const { field, read, spec: type } of present(doc, TYPED)) {
    const v = read(doc);
    if (v === undefined) continue;
    if (isEmpty(v)) {
      deletePath(doc, field);
      continue;
    }
    const coerce = KEPT_AS_KEYWORD.has(field) ? coerceKeywordCode : COERCERS[type];
    if (Array.isArray(v)) {
      const values = v.filter((e) => !isEmpty(e)).map((e) => coerce(field, e));
      if (values.length === 0) deletePath(doc, field);
      else if (values.length !== v.length || values.some((x, i) => x !== v[i])) setPath(doc, field, values);
    } else {
      const coerced = coerce(field, v);
      if (coerced !== v) setPath(doc, field, coerced);
    }
  }
  applyColumnKeywords(doc);
}

function applyColumnKeywords(doc: EcsDoc): void {
  for (const { field, read, spec: col } of present(doc, KEYWORD_COLUMNS)) {
    let v = read(doc);
    if (v === undefined) continue;
    if (v === null) {
      deletePath(doc, field);
      continue;
    }
    if (col.type === "keyword[]") {
      if (Array.isArray(v) && v.every((e) => typeof e === "string")) continue; // already an array of strings
      const arr = Array.isArray(v) ? v : [v];
      const out = arr
        .filter((e) => e !== null)
        .map((e) => {
          if (typeof e === "string") return e;
          if (typeof e === "number" || typeof e === "boolean") return String(e);
          throw new RejectError(`${field} must be a string or an array of strings, got ${describe(e)}`);
        });
      setPath(doc, field, out);
      continue;
    }
    if (Array.isArray(v)) {
      const present = v.filter((e) => e !== null);
      if (present.length > 1) throw new RejectError(`${field} must be a single value, got an array of ${present.length}`);
      if (present.length === 0) {
        deletePath(doc, field);
        continue;
      }
      v = present[0];
    }
    if (isPlainObject(v) || Array.isArray(v)) throw new RejectError(`${field} must be a string, got ${describe(v)}`);
    if (typeof v !== "string") setPath(doc, field, String(v));
  }
}
