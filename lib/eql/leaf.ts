import type { CompareOp, Expr, FieldExpr, MatchOp } from "./ast";
import { EqlError } from "./errors";
import {
  isNumericType, parseCidr, resolveFieldType, toBoolean, toDateMs, toNumber,
  type Cidr, type FieldType, type FieldTypeMap,
} from "./values";

/**
 * How a field's values are compared with a literal: decided once, from the field's type and the
 * literal's type, and shared by the in-memory evaluator and the SQL compiler so both agree.
 */
export type CompareKind = "number" | "string" | "ip" | "date" | "boolean" | "version";

/** A literal coerced for comparison with a field (ip: a CIDR block, a plain address being a /32 or /128). */
export type Coerced =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "date"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "version"; value: string }
  | { kind: "ip"; value: Cidr };

/**
 * A condition Elasticsearch translates to a Lucene query on one field (term, terms, range, wildcard,
 * regexp, prefix, exists). These use two-valued logic: a missing field simply does not match, so
 * under `not` (and in `!=`, `not in`) a missing field matches.
 */
export type Leaf =
  | { kind: "compare"; field: FieldExpr; type: FieldType; op: CompareOp; value: Coerced }
  /** `in` / `not in` (negated: true also when the field is missing). */
  | { kind: "in"; field: FieldExpr; type: FieldType; insensitive: boolean; negated: boolean; values: Coerced[] }
  | { kind: "match"; field: FieldExpr; type: FieldType; op: MatchOp; patterns: string[] }
  /** `field != null` (absent false) or `field == null` (absent true). */
  | { kind: "exists"; field: FieldExpr; type: FieldType; absent: boolean }
  | { kind: "string-fn"; fn: "startsWith" | "endsWith" | "stringContains"; field: FieldExpr; type: FieldType; insensitive: boolean; value: string }
  | { kind: "cidr"; field: FieldExpr; type: FieldType; cidrs: Cidr[] };

const FLIP: Record<CompareOp, CompareOp> = { "==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

const isLiteral = (e: Expr): e is Extract<Expr, { type: "literal" }> => e.type === "literal";

function describe(v: unknown) {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** Coerces a literal for a field of the given type; throws where Elasticsearch would reject the query. */
export function coerceLiteral(field: FieldExpr, type: FieldType, value: string | number | boolean, ordering: boolean): Coerced {
  const bad = (what: string): never => {
    throw new EqlError(`cannot compare field ${field.name} (${type}) with ${describe(value)}: ${what}`);
  };
  switch (type) {
    case "long":
    case "double": {
      const n = typeof value === "boolean" ? undefined : toNumber(value);
      return n === undefined ? bad("expected a number") : { kind: "number", value: n };
    }
    case "ip": {
      const c = typeof value === "string" ? parseCidr(value) : undefined;
      if (!c) return bad("expected an IP address or CIDR block");
      if (ordering && c.bits !== 128) return bad("a CIDR block cannot be used with <, <=, > or >=");
      return { kind: "ip", value: c };
    }
    case "date": {
      const ms = typeof value === "boolean" ? undefined : toDateMs(value);
      return ms === undefined ? bad("expected a date (ISO 8601) or epoch milliseconds") : { kind: "date", value: ms };
    }
    case "boolean": {
      const b = toBoolean(value);
      return b === undefined ? bad("expected true or false") : { kind: "boolean", value: b };
    }
    case "version":
      return typeof value === "string" ? { kind: "version", value } : bad("expected a version string");
    case "keyword":
      if (typeof value === "string") return { kind: "string", value };
      // `?field`: an optional field's literal is compared with its text, never an error.
      return field.optional ? { kind: "string", value: String(value) } : bad("expected a string");
    case "dynamic":
      if (typeof value === "number") return { kind: "number", value };
      if (typeof value === "boolean") return { kind: "boolean", value };
      return { kind: "string", value };
  }
}

export interface LeafContext {
  fieldTypes?: FieldTypeMap;
}

const fieldOf = (e: Expr): FieldExpr | undefined => (e.type === "field" ? e : undefined);

/** Recognises the query-translatable shape of a condition, or returns undefined (a script, three-valued). */
export function classifyLeaf(node: Expr, ctx: LeafContext): Leaf | undefined {
  const typeOf = (f: FieldExpr) => resolveFieldType(f.name, ctx.fieldTypes);
  switch (node.type) {
    case "compare": {
      let { left, right, op } = node;
      if (isLiteral(left) && !isLiteral(right)) {
        [left, right] = [right, left];
        op = FLIP[op];
      }
      const field = fieldOf(left);
      if (!field || !isLiteral(right)) return undefined;
      const type = typeOf(field);
      if (right.value === null) {
        return op === "==" || op === "!=" ? { kind: "exists", field, type, absent: op === "==" } : undefined;
      }
      const ordering = op !== "==" && op !== "!=";
      return { kind: "compare", field, type, op, value: coerceLiteral(field, type, right.value, ordering) };
    }
    case "in": {
      const field = fieldOf(node.left);
      if (!field || !node.list.every(isLiteral)) return undefined;
      const type = typeOf(field);
      if (node.insensitive) assertStringField(field, type, "in~");
      const values = node.list
        .map((l) => (l as { value: unknown }).value)
        .filter((v): v is string | number | boolean => v !== null)
        .map((v) => (node.insensitive ? ({ kind: "string", value: String(v) } as Coerced) : coerceLiteral(field, type, v, false)));
      return { kind: "in", field, type, insensitive: node.insensitive, negated: node.negated, values };
    }
    case "match": {
      const field = fieldOf(node.left);
      if (!field) return undefined;
      const type = typeOf(field);
      assertStringField(field, type, node.op);
      return { kind: "match", field, type, op: node.op, patterns: node.patterns };
    }
    case "call": {
      const field = node.args[0] && fieldOf(node.args[0]);
      if (!field || !node.args.slice(1).every(isLiteral)) return undefined;
      const type = typeOf(field);
      if ((node.name === "startsWith" || node.name === "endsWith" || node.name === "stringContains") && node.args.length === 2) {
        const lit = (node.args[1] as { value: unknown }).value;
        if (typeof lit !== "string" || type === "ip" || isNumericType(type) || type === "date" || type === "boolean") return undefined;
        return { kind: "string-fn", fn: node.name, field, type, insensitive: node.insensitive, value: lit };
      }
      if (node.name === "cidrMatch" && node.args.length >= 2 && !node.insensitive) {
        const cidrs = node.args.slice(1).map((a) => (typeof (a as { value: unknown }).value === "string" ? parseCidr((a as { value: string }).value) : undefined));
        if (cidrs.some((c) => !c)) return undefined;
        if (type !== "ip" && type !== "dynamic" && type !== "keyword") return undefined;
        return { kind: "cidr", field, type, cidrs: cidrs as Cidr[] };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function assertStringField(field: FieldExpr, type: FieldType, op: string) {
  if (type !== "keyword" && type !== "dynamic" && type !== "version") {
    throw new EqlError(`operator ${op} needs a string field; ${field.name} is ${type === "long" || type === "double" ? "numeric" : `of type ${type}`} (use string(${field.name}) ${op} ... to compare its text)`);
  }
}
