import ipaddr from "ipaddr.js";
import type { FieldExpr } from "./ast";
import type { Doc } from "./compile-value";
import { fieldGetterOf } from "./fields";
import { ipKey, resolveFieldType, toDateMs, toKeyword, toLong, toNumber, type FieldTypeMap } from "./values";

/**
 * Join keys of sequences, as Elasticsearch builds them from doc values:
 *
 * - a value is keyed by its typed value: numbers (long truncated), addresses (both IPv4 spellings are
 *   one key), dates (instants); keyword and unmapped fields by their text, so the number 1234 and the
 *   string "1234" are one key (as a keyword field indexes them, and as the event store's keyword
 *   columns hold them);
 * - a multi-valued field gives one key per distinct value, in doc-value order (sorted: numbers and
 *   dates numerically, text by code unit), nulls in the array ignored; several multi-valued key fields
 *   give every combination, the first field varying slowest;
 * - a field with no value drops the event, unless the key is optional (`?field`): then it is null.
 */
export interface JoinKeyFn {
  /** One key (a string), several (multi-valued key fields), or null (a non-optional key has no value). */
  keys(doc: Doc): string | string[] | null;
  /** The first key (single-valued: the key), for callers that want one. */
  keyOf(doc: Doc): string | null;
  /** The key's values (typed: numbers, text, ISO dates, canonical addresses, null), for reporting. */
  decode(key: string): unknown[];
}

const SEP = "\u0001";
const TAG = "\u0002";
const ESC = "\u0003";
const NULL_KEY = `${TAG}null`;

/** Text keys are used as they are unless they could be mistaken for a tag or a separator. */
function textKey(s: string): string {
  const c = s.charCodeAt(0);
  if (c > 3 && !s.includes(SEP)) return s;
  return ESC + s.replace(/[\u0001-\u0003]/g, (m) => ESC + m);
}

function decodePart(part: string): unknown {
  if (part === NULL_KEY) return null;
  if (part.startsWith(ESC)) return part.slice(1).replace(/\u0003([\u0001-\u0003])/g, "$1");
  if (!part.startsWith(TAG)) return part;
  const body = part.slice(2);
  switch (part[1]) {
    case "n":
      return Number(body);
    case "d":
      return new Date(Number(body)).toISOString();
    case "i": {
      const bytes = body.match(/../g)!.map((h) => parseInt(h, 16));
      const v6 = ipaddr.fromByteArray(bytes) as ipaddr.IPv6;
      return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : v6.toString();
    }
    default:
      return body;
  }
}

function splitKey(key: string): string[] {
  // Separators inside escaped text are preceded by ESC.
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < key.length; i++) {
    if (key[i] === ESC) i++;
    else if (key[i] === SEP) {
      parts.push(key.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(key.slice(start));
  return parts;
}

type Part = (d: Doc) => string | string[] | null;

function compilePart(f: FieldExpr, fieldTypes: FieldTypeMap | undefined): Part {
  const get = fieldGetterOf(f);
  const type = resolveFieldType(f.name, fieldTypes);
  let norm: (v: unknown) => string | undefined;
  let numericOrder = false;
  if (type === "long" || type === "double") {
    const conv = type === "long" ? toLong : toNumber;
    numericOrder = true;
    norm = (v) => {
      const n = conv(v);
      return n === undefined ? undefined : `${TAG}n${n}`;
    };
  } else if (type === "date") {
    numericOrder = true;
    norm = (v) => {
      const ms = toDateMs(v);
      return ms === undefined ? undefined : `${TAG}d${ms}`;
    };
  } else if (type === "ip") {
    norm = (v) => {
      const k = ipKey(v);
      return k === undefined ? undefined : `${TAG}i${k}`;
    };
  } else {
    norm = (v) => {
      if (typeof v === "string") return textKey(v);
      const s = toKeyword(v);
      return s === undefined ? undefined : textKey(s);
    };
  }
  const order = numericOrder
    ? (a: string, b: string) => Number(a.slice(2)) - Number(b.slice(2))
    : (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const none = f.optional ? NULL_KEY : null;
  const collect = (raw: unknown[], out: Set<string>) => {
    for (const v of raw) {
      if (v === null || v === undefined) continue;
      if (Array.isArray(v)) collect(v, out);
      else {
        const k = norm(v);
        if (k !== undefined) out.add(k);
      }
    }
  };
  return (d) => {
    const raw = get(d);
    if (raw === undefined) return none;
    if (!Array.isArray(raw)) return norm(raw) ?? none;
    if (raw.length === 1 && !Array.isArray(raw[0])) return raw[0] === null ? none : (norm(raw[0]) ?? none);
    const set = new Set<string>();
    collect(raw, set);
    if (set.size === 0) return none;
    if (set.size === 1) return set.values().next().value!;
    return [...set].sort(order);
  };
}

export function compileJoinKey(fields: FieldExpr[], fieldTypes: FieldTypeMap | undefined): JoinKeyFn {
  const parts = fields.map((f) => compilePart(f, fieldTypes));
  const decode = (key: string) => (fields.length === 0 ? [] : splitKey(key).map(decodePart));
  let keys: (d: Doc) => string | string[] | null;
  if (parts.length === 0) keys = () => "";
  else if (parts.length === 1) keys = parts[0];
  else {
    keys = (d) => {
      let combos: string[] | null = null;
      let single = "";
      for (let i = 0; i < parts.length; i++) {
        const k = parts[i](d);
        if (k === null) return null;
        if (combos === null && typeof k === "string") {
          single = i === 0 ? k : single + SEP + k;
          continue;
        }
        const prefixes: string[] = combos ?? [single];
        const values = typeof k === "string" ? [k] : k;
        combos = [];
        for (const p of prefixes) for (const v of values) combos.push(i === 0 ? v : p + SEP + v);
      }
      return combos ?? single;
    };
  }
  const keyOf = (d: Doc) => {
    const k = keys(d);
    return k === null || typeof k === "string" ? k : k[0];
  };
  return { keys, keyOf, decode };
}
