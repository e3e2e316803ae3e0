import type { Expr, FieldExpr } from "./ast";
import { EqlError } from "./errors";
import { fieldGetterOf } from "./fields";
import { checkCall, type Kind, type Val } from "./functions";
import { anyValue } from "./leaf-eval";
import {
  ipKey, parseCidr, resolveFieldType, toBoolean, toDateMs, toKeyword, toLong, toNumber,
  type Cidr, type FieldType, type FieldTypeMap,
} from "./values";
import { fold, luceneRegexToJs, wildcardListTest } from "./wildcard";

export type Doc = unknown;

/**
 * An expression compiled for value context (function arguments, arithmetic, comparisons that
 * Elasticsearch runs as scripts): three-valued, null for missing or undefined results.
 */
export interface ValueFn {
  fn: (doc: Doc) => Val;
  kind: Kind;
  /** Statically known to be floating point (a decimal literal, a double field, float arithmetic). */
  float: boolean;
  constant: boolean;
}

export interface CompileContext {
  fieldTypes?: FieldTypeMap;
}

const constant = (value: Val, float = false): ValueFn => ({
  fn: () => value,
  kind: value === null ? "null" : typeof value === "string" ? "string" : typeof value === "number" ? "number" : "boolean",
  float,
  constant: true,
});

const KIND_OF_TYPE: Record<FieldType, Kind> = {
  keyword: "string", long: "number", double: "number", ip: "ip", date: "date", boolean: "boolean", version: "string", dynamic: "any",
};

/** A field in value context: its first usable value (as Elasticsearch scripts read doc['field'].value). */
function fieldValue(field: FieldExpr, ctx: CompileContext): ValueFn {
  const type = resolveFieldType(field.name, ctx.fieldTypes);
  const get = fieldGetterOf(field);
  const convert: (v: unknown) => Val | undefined =
    type === "long" ? toLong
      : type === "double" ? toNumber
      : type === "keyword" || type === "version" ? toKeyword
        : type === "date" ? toDateMs
          : type === "boolean" ? toBoolean
            : type === "ip" ? (v) => (ipKey(v) !== undefined ? (v as string) : undefined)
              : (v) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : undefined);
  const fn = (doc: Doc): Val => {
    const raw = get(doc);
    if (raw === undefined) return null;
    if (!Array.isArray(raw)) return convert(raw) ?? null;
    let found: Val = null;
    anyValue(raw, (v) => {
      const c = convert(v);
      if (c === undefined) return false;
      found = c;
      return true;
    });
    return found;
  };
  return { fn, kind: KIND_OF_TYPE[type], float: type === "double", constant: false };
}

/** Orders two values of compatible kinds; null when they cannot be compared. */
function comparator(a: ValueFn, b: ValueFn): (x: Val, y: Val) => number | null {
  const kinds = new Set([a.kind, b.kind]);
  const sign = (x: number | string | boolean, y: number | string | boolean) => (x < y ? -1 : x > y ? 1 : 0);
  if (kinds.has("ip")) {
    return (x, y) => {
      const kx = ipKey(x);
      const ky = ipKey(y);
      return kx === undefined || ky === undefined ? null : sign(kx, ky);
    };
  }
  if (kinds.has("date")) {
    return (x, y) => {
      const mx = toDateMs(x);
      const my = toDateMs(y);
      return mx === undefined || my === undefined ? null : sign(mx, my);
    };
  }
  const known = [a.kind, b.kind].filter((k) => k !== "any" && k !== "null");
  if (known.length === 2 && known[0] !== known[1]) {
    throw new EqlError(`cannot compare a ${known[0]} with a ${known[1]}`);
  }
  return (x, y) => {
    if (x === null || y === null) return null;
    if (typeof x === typeof y) return sign(x, y);
    const nx = typeof x === "number" ? x : toNumber(x);
    const ny = typeof y === "number" ? y : toNumber(y);
    return nx === undefined || ny === undefined ? null : sign(nx, ny);
  };
}

export function compileValue(node: Expr, ctx: CompileContext): ValueFn {
  const folded = (v: ValueFn): ValueFn => (v.constant ? { ...v, fn: ((x) => () => x)(v.fn(undefined)) } : v);
  switch (node.type) {
    case "literal":
      return constant(node.value, node.float);
    case "field":
      return fieldValue(node, ctx);
    case "not": {
      const o = compileValue(node.operand, ctx);
      return folded({ fn: (d) => { const v = o.fn(d); return v === null ? null : !v; }, kind: "boolean", float: false, constant: o.constant });
    }
    case "and":
    case "or": {
      const l = compileValue(node.left, ctx);
      const r = compileValue(node.right, ctx);
      const isAnd = node.type === "and";
      // Kleene logic: false and null = false, true or null = true.
      const fn = (d: Doc): Val => {
        const a = l.fn(d);
        if (a === !isAnd) return a;
        const b = r.fn(d);
        if (b === !isAnd) return b;
        return a === null || b === null ? null : isAnd;
      };
      return folded({ fn, kind: "boolean", float: false, constant: l.constant && r.constant });
    }
    case "compare": {
      const l = compileValue(node.left, ctx);
      const r = compileValue(node.right, ctx);
      const cmp = comparator(l, r);
      const op = node.op;
      // `x == null` / `x != null` test for null (they are never null themselves).
      if (r.kind === "null" || l.kind === "null") {
        const other = r.kind === "null" ? l : r;
        if (op === "==") return folded({ fn: (d) => other.fn(d) === null, kind: "boolean", float: false, constant: other.constant });
        if (op === "!=") return folded({ fn: (d) => other.fn(d) !== null, kind: "boolean", float: false, constant: other.constant });
        return constant(null);
      }
      // Two optional fields (`?x == ?y`): an absent optional field is Elasticsearch's null literal, and
      // null equals null there (test_extra.toml, sequenceOptionalFieldAsQueryKeysOnly).
      const bothOptional = node.left.type === "field" && node.left.optional && node.right.type === "field" && node.right.optional;
      if (bothOptional && (op === "==" || op === "!=")) {
        const eq = (d: Doc): Val => {
          const a = l.fn(d);
          const b = r.fn(d);
          if (a === null || b === null) return a === b;
          const c = cmp(a, b);
          return c === null ? null : c === 0;
        };
        return { fn: op === "==" ? eq : (d) => { const v = eq(d); return v === null ? null : !v; }, kind: "boolean", float: false, constant: false };
      }
      const test = { "==": (c: number) => c === 0, "!=": (c: number) => c !== 0, "<": (c: number) => c < 0, "<=": (c: number) => c <= 0, ">": (c: number) => c > 0, ">=": (c: number) => c >= 0 }[op];
      const fn = (d: Doc): Val => {
        const c = cmp(l.fn(d), r.fn(d));
        return c === null ? null : test(c);
      };
      return folded({ fn, kind: "boolean", float: false, constant: l.constant && r.constant });
    }
    case "match": {
      const l = compileValue(node.left, ctx);
      if (l.kind !== "string" && l.kind !== "any" && l.kind !== "null") {
        throw new EqlError(`operator ${node.op} needs a string, found a ${l.kind}`);
      }
      let test: (s: string) => boolean;
      if (node.op === "regex" || node.op === "regex~") {
        const res = node.patterns.map((p) => luceneRegexToJs(p, node.op === "regex~"));
        test = (s) => res.some((re) => re.test(s));
      } else {
        test = wildcardListTest(node.patterns, node.op !== "like");
      }
      const fn = (d: Doc): Val => {
        const v = l.fn(d);
        const s = v === null ? undefined : toKeyword(v);
        return s === undefined ? null : test(s);
      };
      return folded({ fn, kind: "boolean", float: false, constant: l.constant });
    }
    case "in": {
      const l = compileValue(node.left, ctx);
      const items = node.list.map((e) => compileValue(e, ctx));
      const cmps = items.map((it) => comparator(l, it));
      const ci = node.insensitive;
      const fn = (d: Doc): Val => {
        const v = l.fn(d);
        if (v === null) return null;
        let sawNull = false;
        for (let i = 0; i < items.length; i++) {
          const x = items[i].fn(d);
          if (x === null) sawNull = true;
          else if (ci ? typeof v === "string" && typeof x === "string" && fold(v) === fold(x) : cmps[i](v, x) === 0) {
            return !node.negated;
          }
        }
        return sawNull ? null : node.negated;
      };
      return folded({ fn, kind: "boolean", float: false, constant: l.constant && items.every((i) => i.constant) });
    }
    case "neg": {
      const o = compileValue(node.operand, ctx);
      if (o.kind !== "number" && o.kind !== "any" && o.kind !== "null") throw new EqlError(`cannot negate a ${o.kind}`);
      return folded({ fn: (d) => { const v = o.fn(d); return typeof v === "number" ? -v : null; }, kind: "number", float: o.float, constant: o.constant });
    }
    case "arith": {
      const name = { "+": "add", "-": "subtract", "*": "multiply", "/": "divide", "%": "modulo" }[node.op];
      return compileCall(name, false, [node.left, node.right], ctx);
    }
    case "call":
      return compileCall(node.name, node.insensitive, node.args, ctx);
  }
}

function compileCall(name: string, ci: boolean, argNodes: Expr[], ctx: CompileContext): ValueFn {
  const args = argNodes.map((a) => compileValue(a, ctx));
  const spec = checkCall(name, ci, args.map((a) => ({ kind: a.kind, constant: a.constant, value: a.constant ? a.fn(undefined) : undefined })));
  const extra: { cidrs?: Cidr[]; floatArgs: boolean[] } = { floatArgs: args.map((a) => a.float) };
  if (name === "cidrMatch") extra.cidrs = args.slice(1).map((a) => parseCidr(a.fn(undefined) as string)!);
  const fns = args.map((a) => a.fn);
  const n = fns.length;
  const fn =
    name === "cidrMatch"
      ? (d: Doc) => spec.impl([fns[0](d)], ci, extra)
      : n === 1 ? (d: Doc) => spec.impl([fns[0](d)], ci, extra)
        : n === 2 ? (d: Doc) => spec.impl([fns[0](d), fns[1](d)], ci, extra)
          : (d: Doc) => spec.impl(fns.map((f) => f(d)), ci, extra);
  const float = spec.result === "number" && args.some((a) => a.float) && name !== "indexOf" && name !== "length" && name !== "number";
  const result: ValueFn = { fn, kind: spec.result, float, constant: args.every((a) => a.constant) };
  if (result.constant) {
    const value = fn(undefined);
    const isFloat = float || (name === "number" && typeof value === "number" && !Number.isInteger(value));
    return { ...constant(value, isFloat), kind: value === null ? "null" : spec.result };
  }
  return result;
}
