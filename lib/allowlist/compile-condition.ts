import { fieldValues } from "../eql/fields";
import { cidrContains, ipBytes, ipKey, parseCidr, toBoolean, toDateMs, toKeyword, toNumber } from "../eql/values";
import { fold, wildcardListTest } from "../eql/wildcard";
import { fieldKind, type FieldKind } from "./field-kind";
import type { AllowlistCondition } from "./types";

/** A compiled condition: true when the document satisfies it. */
export type DocPredicate = (doc: unknown) => boolean;

export class ConditionCompileError extends Error {}

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/**
 * A normalizer per field kind: the comparable form of a value (a string key), or undefined when the
 * value cannot be of that kind (a malformed IP, a non-numeric string in a numeric field).
 */
function normalizer(kind: FieldKind, caseInsensitive: boolean): (v: unknown) => string | undefined {
  switch (kind) {
    case "ip":
      return (v) => ipKey(v);
    case "number":
      return (v) => {
        const n = toNumber(v);
        return n === undefined ? undefined : String(n);
      };
    case "date":
      return (v) => {
        const ms = toDateMs(v);
        return ms === undefined ? undefined : String(ms);
      };
    case "boolean":
      return (v) => {
        const b = toBoolean(v);
        return b === undefined ? undefined : String(b);
      };
    default:
      return (v) => {
        const s = toKeyword(v);
        return s === undefined ? undefined : caseInsensitive ? fold(s) : s;
      };
  }
}

function keysOf(values: AllowlistCondition["values"], norm: (v: unknown) => string | undefined, field: string): Set<string> {
  const keys = new Set<string>();
  for (const v of values) {
    const k = norm(v);
    if (k === undefined) throw new ConditionCompileError(`${field}: ${JSON.stringify(v)} is not a valid value for this field`);
    keys.add(k);
  }
  return keys;
}

/**
 * Compiles one condition. A multi-valued field satisfies a positive operator when any of its values
 * does; `is_not` and `not_exists` are the negations of `is` and `exists`. Throws
 * ConditionCompileError for a condition that cannot be evaluated (validation rejects those first).
 */
export function compileCondition(cond: AllowlistCondition, caseInsensitive: boolean): DocPredicate {
  const path = cond.field.split(".");
  const scalars = (doc: unknown): Scalar[] => fieldValues(doc, path).filter(isScalar);
  const kind = fieldKind(cond.field);

  switch (cond.operator) {
    case "exists":
      return (doc) => scalars(doc).length > 0;
    case "not_exists":
      return (doc) => scalars(doc).length === 0;
    case "is":
    case "is_not":
    case "is_one_of": {
      if (cond.values.length === 0) throw new ConditionCompileError(`${cond.field}: no value to compare with`);
      const norm = normalizer(kind, caseInsensitive);
      const keys = keysOf(cond.operator === "is_one_of" ? cond.values : cond.values.slice(0, 1), norm, cond.field);
      const any = (doc: unknown) =>
        scalars(doc).some((v) => {
          const k = norm(v);
          return k !== undefined && keys.has(k);
        });
      return cond.operator === "is_not" ? (doc) => !any(doc) : any;
    }
    case "matches": {
      if (kind === "ip" || kind === "number") throw new ConditionCompileError(`${cond.field}: matches applies to text fields only`);
      const patterns = cond.values.map((v) => String(v));
      if (patterns.length === 0) throw new ConditionCompileError(`${cond.field}: no pattern`);
      const test = wildcardListTest(patterns, caseInsensitive);
      return (doc) =>
        scalars(doc).some((v) => {
          const s = toKeyword(v);
          return s !== undefined && test(s);
        });
    }
    case "cidr": {
      if (kind !== "ip") throw new ConditionCompileError(`${cond.field}: cidr applies to IP fields only`);
      const ranges = cond.values.map((v) => {
        const c = typeof v === "string" ? parseCidr(v.trim()) : undefined;
        if (!c) throw new ConditionCompileError(`${cond.field}: ${JSON.stringify(v)} is not a CIDR range`);
        return c;
      });
      if (ranges.length === 0) throw new ConditionCompileError(`${cond.field}: no range`);
      return (doc) =>
        scalars(doc).some((v) => {
          const b = ipBytes(v);
          return b !== undefined && ranges.some((r) => cidrContains(r, b));
        });
    }
    default:
      throw new ConditionCompileError(`unknown operator ${String((cond as { operator: unknown }).operator)}`);
  }
}
