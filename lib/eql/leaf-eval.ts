import type { CompareOp } from "./ast";
import { fieldGetterOf } from "./fields";
import type { Coerced, Leaf } from "./leaf";
import {
  cidrContains, compareVersions, ipBytes, ipKey, isIpv4Mapped, toBoolean, toDateMs, toKeyword, toLong, toNumber, type FieldType,
} from "./values";
import { fold, luceneRegexToJs, wildcardListTest } from "./wildcard";

type Test = (v: unknown) => boolean;

/** True when any value of a (possibly multi-valued) field passes the test; a missing field passes nothing. */
export function anyValue(raw: unknown, test: Test): boolean {
  if (raw === undefined || raw === null) return false;
  if (Array.isArray(raw)) {
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      if (v !== null && (Array.isArray(v) ? anyValue(v, test) : test(v))) return true;
    }
    return false;
  }
  return test(raw);
}

function isDottedQuadText(s: string): boolean {
  if (s.length < 7 || s.length > 15) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 46 && (c < 48 || c > 57)) return false;
  }
  return true;
}

const isScalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Converts one raw value to what the field type makes of it (undefined: not a usable value). */
export function presence(type: FieldType): Test {
  switch (type) {
    case "long":
    case "double":
      return (v) => toNumber(v) !== undefined;
    case "ip":
      return (v) => ipBytes(v) !== undefined;
    case "date":
      return (v) => toDateMs(v) !== undefined;
    case "boolean":
      return (v) => toBoolean(v) !== undefined;
    case "keyword":
    case "version":
      return (v) => toKeyword(v) !== undefined;
    case "dynamic":
      return isScalar;
  }
}

function ordered<T extends number | string | boolean>(op: CompareOp, lit: T): (x: T) => boolean {
  switch (op) {
    case "==":
    case "!=":
      return (x) => x === lit;
    case "<":
      return (x) => x < lit;
    case "<=":
      return (x) => x <= lit;
    case ">":
      return (x) => x > lit;
    case ">=":
      return (x) => x >= lit;
  }
}

/** Test of one raw value against a coerced literal (`==` for `!=`; the caller negates). */
export function valueTest(op: CompareOp, c: Coerced, type?: FieldType): Test {
  switch (c.kind) {
    case "number": {
      const t = ordered(op, c.value);
      if (type === "long") {
        // A long field holds what Elasticsearch indexes: fractional values truncated toward zero.
        return (v) => {
          const n = typeof v === "number" && Number.isInteger(v) ? v : toLong(v);
          return n !== undefined && t(n);
        };
      }
      return (v) => {
        const n = typeof v === "number" ? v : toNumber(v);
        return n !== undefined && t(n);
      };
    }
    case "string": {
      const t = ordered(op, c.value);
      return (v) => (typeof v === "string" ? t(v) : typeof v === "number" || typeof v === "boolean" ? t(String(v)) : false);
    }
    case "date": {
      const t = ordered(op, c.value);
      return (v) => {
        const ms = toDateMs(v);
        return ms !== undefined && t(ms);
      };
    }
    case "version": {
      const lit = c.value;
      const test = { "==": (x: number) => x === 0, "!=": (x: number) => x === 0, "<": (x: number) => x < 0, "<=": (x: number) => x <= 0, ">": (x: number) => x > 0, ">=": (x: number) => x >= 0 }[op];
      return (v) => {
        const s = toKeyword(v);
        return s !== undefined && (op === "==" || op === "!=" ? s === lit : test(compareVersions(s, lit)));
      };
    }
    case "boolean": {
      const t = ordered(op, c.value);
      return (v) => {
        const b = toBoolean(v);
        return b !== undefined && t(b);
      };
    }
    case "ip": {
      if (op === "==" || op === "!=") {
        const cidr = c.value;
        // Fast path for the common single-address case with IPv4 text: a valid dotted quad (no leading
        // zeros) is canonical, so it equals the address exactly when the texts are equal.
        const single = cidr.bits === 128;
        const v4 = single && isIpv4Mapped(cidr.bytes) ? Array.from(cidr.bytes.slice(12)).join(".") : undefined;
        return (v) => {
          if (typeof v !== "string") return false;
          if (single && isDottedQuadText(v)) return v === v4;
          const b = ipBytes(v);
          return b !== undefined && cidrContains(cidr, b);
        };
      }
      const t = ordered(op, ipKey(c.value.text.split("/")[0])!);
      return (v) => {
        const k = ipKey(v);
        return k !== undefined && t(k);
      };
    }
  }
}

/** Compiles a query-translatable leaf to a predicate on a document (two-valued). */
export function leafPredicate(leaf: Leaf): (doc: unknown) => boolean {
  const get = fieldGetterOf(leaf.field);
  switch (leaf.kind) {
    case "exists": {
      const t = presence(leaf.type);
      return leaf.absent ? (d) => !anyValue(get(d), t) : (d) => anyValue(get(d), t);
    }
    case "compare": {
      const t = valueTest(leaf.op, leaf.value, leaf.type);
      // `!=` is a negated term query: true when no value equals, including when the field is missing.
      return leaf.op === "!=" ? (d) => !anyValue(get(d), t) : (d) => anyValue(get(d), t);
    }
    case "in": {
      const positive = inPredicate(leaf, get);
      return leaf.negated ? (d) => !positive(d) : positive;
    }
    case "match": {
      let test: (s: string) => boolean;
      if (leaf.op === "regex" || leaf.op === "regex~") {
        const res = leaf.patterns.map((p) => luceneRegexToJs(p, leaf.op === "regex~"));
        test = (s) => res.some((re) => re.test(s));
      } else {
        test = wildcardListTest(leaf.patterns, leaf.op !== "like");
      }
      const valueMatches = (v: unknown): boolean => {
        const s = typeof v === "string" ? v : toKeyword(v);
        return s !== undefined && test(s);
      };
      return (d) => anyValue(get(d), valueMatches);
    }
    case "string-fn": {
      const ci = leaf.insensitive;
      const lit = ci ? fold(leaf.value) : leaf.value;
      const fn = leaf.fn;
      const valueMatches = (v: unknown): boolean => {
        let s = toKeyword(v);
        if (s === undefined) return false;
        if (ci) s = fold(s);
        if (fn === "startsWith") return s.startsWith(lit);
        if (fn === "endsWith") return s.endsWith(lit);
        return s !== "" && lit !== "" && s.includes(lit);
      };
      return (d) => anyValue(get(d), valueMatches);
    }
    case "cidr": {
      const cidrs = leaf.cidrs;
      const valueMatches = (v: unknown): boolean => {
        const b = ipBytes(v);
        return b !== undefined && cidrs.some((c) => cidrContains(c, b));
      };
      return (d) => anyValue(get(d), valueMatches);
    }
  }
}

function inPredicate(leaf: Extract<Leaf, { kind: "in" }>, get: (d: unknown) => unknown): (doc: unknown) => boolean {
  if (leaf.insensitive) {
    const set = new Set(leaf.values.map((c) => fold(String(c.value))));
    const valueMatches = (v: unknown): boolean => {
      const s = toKeyword(v);
      return s !== undefined && set.has(fold(s));
    };
    return (d) => anyValue(get(d), valueMatches);
  }
  const strings = leaf.values.filter((c) => c.kind === "string").map((c) => c.value as string);
  const others = leaf.values.filter((c) => c.kind !== "string").map((c) => valueTest("==", c, leaf.type));
  const set = new Set(strings);
  const valueMatches = (v: unknown): boolean => {
    if (set.size > 0) {
      const s = typeof v === "string" ? v : toKeyword(v);
      if (s !== undefined && set.has(s)) return true;
    }
    for (let i = 0; i < others.length; i++) if (others[i](v)) return true;
    return false;
  };
  return (d) => anyValue(get(d), valueMatches);
}
