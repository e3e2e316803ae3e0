import ipaddr from "ipaddr.js";
import type { EventColumn } from "../ecs/columns";
import type { CompareOp } from "./ast";
import type { Coerced, CompareKind, Leaf } from "./leaf";
import { IP_PATTERN_SQL, isIpv4Mapped, NUMERIC_STRING_SQL, type Cidr } from "./values";
import { fold, hasWildcard } from "./wildcard";

export class SqlParams {
  readonly values: unknown[] = [];
  constructor(private readonly offset: number) {}
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}`;
  }
}

interface LeafOptions {
  columns: Readonly<Record<string, EventColumn>>;
  docColumn: string;
}

const quoteIdent = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

/** `$."a"."b"[*]`: lax mode unwraps arrays of objects on the way and the leaf array at the end. */
function jsonPath(path: readonly string[]): string {
  return "$" + path.map((p) => `."${p.replace(/["\\]/g, "\\$&")}"`).join("") + "[*]";
}

/**
 * The values of a field, as a SQL row source `v(x)` plus the expression of one value `x` coerced
 * to the comparison kind (NULL when the value is not usable as that kind, exactly as the evaluator's
 * coercions in values.ts: numeric strings for numbers, the same IP pattern, text forms for strings).
 */
class FieldValues {
  private readonly column?: EventColumn;
  constructor(private readonly leaf: Leaf, private readonly opts: LeafOptions, private readonly params: SqlParams) {
    this.column = opts.columns[leaf.field.name];
  }

  /** `any value satisfies pred(x)`, never NULL. */
  any(kind: CompareKind | "present", pred: (x: string) => string): string {
    const col = this.column;
    if (col && col.type !== "keyword[]") {
      const x = this.fromColumn(quoteIdent(col.column), col, kind);
      return `COALESCE(${pred(x)}, FALSE)`;
    }
    if (col) {
      const x = this.fromText("v.x", kind);
      return `EXISTS (SELECT 1 FROM unnest(${quoteIdent(col.column)}) AS v(x) WHERE ${pred(x)})`;
    }
    const path = this.params.add(jsonPath(this.leaf.field.path));
    const x = this.fromJson("v.j", kind);
    return `EXISTS (SELECT 1 FROM jsonb_path_query(${quoteIdent(this.opts.docColumn)}, ${path}::jsonpath) AS v(j) WHERE ${pred(x)})`;
  }

  private fromColumn(c: string, col: EventColumn, kind: CompareKind | "present"): string {
    switch (col.type) {
      case "long":
        return kind === "string" ? `(${c})::text` : `(${c})::numeric`;
      case "ip":
        return kind === "string" ? `host(${c})` : c;
      case "date":
        return `date_trunc('milliseconds', ${c})`;
      default:
        return this.fromText(c, kind);
    }
  }

  private fromText(t: string, kind: CompareKind | "present"): string {
    switch (kind) {
      case "number":
        return `(CASE WHEN ${t} ~ '${NUMERIC_STRING_SQL}' THEN (${t})::numeric END)`;
      case "ip":
        return `(CASE WHEN ${t} ~ '${IP_PATTERN_SQL}' THEN (${t})::inet END)`;
      case "boolean":
        return `(CASE WHEN ${t} = 'true' THEN TRUE WHEN ${t} = 'false' THEN FALSE END)`;
      default:
        return t;
    }
  }

  private fromJson(j: string, kind: CompareKind | "present"): string {
    const text = `(${j} #>> '{}')`;
    const scalar = `jsonb_typeof(${j}) IN ('string', 'number', 'boolean')`;
    switch (kind) {
      case "number": {
        const n = `(CASE WHEN jsonb_typeof(${j}) = 'number' THEN (${j})::numeric WHEN jsonb_typeof(${j}) = 'string' AND ${text} ~ '${NUMERIC_STRING_SQL}' THEN ${text}::numeric END)`;
        // A long field's fractional values are truncated, as Elasticsearch indexes them.
        return this.leaf.type === "long" ? `trunc${n}` : n;
      }
      case "ip":
        return `(CASE WHEN jsonb_typeof(${j}) = 'string' AND ${text} ~ '${IP_PATTERN_SQL}' THEN ${text}::inet END)`;
      case "boolean":
        return `(CASE WHEN ${j} IN ('true'::jsonb, '"true"'::jsonb) THEN TRUE WHEN ${j} IN ('false'::jsonb, '"false"'::jsonb) THEN FALSE END)`;
      default:
        return `(CASE WHEN ${scalar} THEN ${text} END)`;
    }
  }

  /** Whether the jsonb fallback is used for a date field (its text dates are not parsed in SQL). */
  get isJsonDate(): boolean {
    return !this.column && this.leaf.type === "date";
  }
}

const SQL_OP: Record<CompareOp, string> = { "==": "=", "!=": "=", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

/** CIDR blocks as inet values, with the other spelling of IPv4 (mapped ::ffff:a.b.c.d) alongside. */
function cidrTexts(c: Cidr): string[] {
  const bytes = Array.from(c.bytes);
  let bits = c.bits;
  for (let i = 0; i < 16; i++, bits -= 8) {
    if (bits >= 8) continue;
    bytes[i] &= bits <= 0 ? 0 : (0xff << (8 - bits)) & 0xff;
  }
  const v6 = ipaddr.fromByteArray(bytes) as ipaddr.IPv6;
  const out = [`${v6.toString()}/${c.bits}`];
  if (isIpv4Mapped(c.bytes) && c.bits >= 96) out.push(`${v6.toIPv4Address().toString()}/${c.bits - 96}`);
  return out;
}

function likePattern(pattern: string): string {
  let out = "";
  for (const ch of pattern) out += ch === "*" ? "%" : ch === "?" ? "_" : ch === "%" || ch === "_" || ch === "\\" ? `\\${ch}` : ch;
  return out;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, "\\$&");

/**
 * Case-insensitive match on x (PostgreSQL's lower() may fold only ASCII, as in the C locale): exact for
 * ASCII text; text with non-ASCII characters is always kept for a superset, always dropped for a subset.
 */
const ci = (x: string, test: string, positive: boolean) =>
  positive ? `(${test} OR octet_length(${x}) <> char_length(${x}))` : `(${test} AND octet_length(${x}) = char_length(${x}))`;

/**
 * Translates one leaf. positive: the result must be a superset of the matching events (or exact);
 * otherwise a subset (it is about to be negated). Exact translations serve both.
 */
export function leafSql(leaf: Leaf, opts: LeafOptions, params: SqlParams, positive: boolean): { sql: string; exact: boolean } {
  const values = new FieldValues(leaf, opts, params);
  const p = (v: unknown) => params.add(v);
  const literal = (c: Coerced): string => {
    switch (c.kind) {
      case "number":
        return `${p(c.value)}::numeric`;
      case "string":
      case "version":
        return `${p(c.value)}::text`;
      case "boolean":
        return `${p(c.value)}::boolean`;
      case "date":
        return `('epoch'::timestamptz + ${p(c.value)}::bigint * interval '1 millisecond')`;
      case "ip":
        return `${p(ipaddr.fromByteArray(Array.from(c.value.bytes)).toString())}::inet`;
    }
  };
  const equals = (x: string, c: Coerced): string =>
    c.kind === "ip" ? `(${cidrTexts(c.value).map((t) => `${x} <<= ${p(t)}::inet`).join(" OR ")})` : `${x} = ${literal(c)}`;
  const inexact = (pos: boolean) => ({ sql: pos ? "TRUE" : "FALSE", exact: false });

  const inSql = (leaf: Extract<Leaf, { kind: "in" }>, pos: boolean): { sql: string; exact: boolean } => {
    if (leaf.values.length === 0) return { sql: "FALSE", exact: true };
    if (leaf.insensitive) {
      const list = p(leaf.values.map((c) => fold(String(c.value))));
      return { sql: values.any("string", (x) => ci(x, `lower(${x}) = ANY(${list}::text[])`, pos)), exact: true };
    }
    if (values.isJsonDate) return inexact(pos);
    const byKind = new Map<CompareKind, Coerced[]>();
    for (const c of leaf.values) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
    const parts = [...byKind.entries()].map(([kind, cs]) =>
      values.any(kind, (x) =>
        kind === "string" ? `${x} = ANY(${p(cs.map((c) => c.value))}::text[])`
          : kind === "number" ? `${x} = ANY(${p(cs.map((c) => c.value))}::numeric[])`
            : `(${cs.map((c) => equals(x, c)).join(" OR ")})`,
      ),
    );
    return { sql: parts.length === 1 ? parts[0] : `(${parts.join(" OR ")})`, exact: true };
  };

  switch (leaf.kind) {
    case "exists": {
      if (values.isJsonDate) return inexact(positive);
      const sql = values.any(leaf.type === "dynamic" ? "string" : kindOfType(leaf.type), (x) => `${x} IS NOT NULL`);
      return { sql: leaf.absent ? `(NOT ${sql})` : sql, exact: true };
    }
    case "compare": {
      const c = leaf.value;
      const ordering = leaf.op !== "==" && leaf.op !== "!=";
      if (values.isJsonDate || ((c.kind === "ip" || c.kind === "version") && ordering)) return inexact(positive);
      const pred = (x: string) =>
        leaf.op === "==" || leaf.op === "!=" ? equals(x, c)
          : `${c.kind === "string" ? `${x} COLLATE "C"` : x} ${SQL_OP[leaf.op]} ${literal(c)}`;
      const sql = values.any(c.kind, pred);
      return { sql: leaf.op === "!=" ? `(NOT ${sql})` : sql, exact: true };
    }
    case "in": {
      if (!leaf.negated) return inSql(leaf, positive);
      const inner = inSql(leaf, !positive);
      return { sql: `(NOT ${inner.sql})`, exact: inner.exact };
    }
    case "match": {
      if (leaf.op === "regex" || leaf.op === "regex~") return inexact(positive);
      const insensitive = leaf.op !== "like";
      const sql = values.any("string", (x) => {
        const target = insensitive ? `lower(${x})` : x;
        const tests = leaf.patterns.map((pat) => {
          const folded = insensitive ? fold(pat) : pat;
          return hasWildcard(folded) ? `${target} LIKE ${p(likePattern(folded))}` : `${target} = ${p(folded)}`;
        });
        const test = tests.length === 1 ? tests[0] : `(${tests.join(" OR ")})`;
        return insensitive ? ci(x, test, positive) : test;
      });
      return { sql, exact: true };
    }
    case "string-fn": {
      const lit = leaf.insensitive ? fold(leaf.value) : leaf.value;
      if (leaf.fn === "stringContains" && lit === "") return { sql: "FALSE", exact: true };
      const pattern = leaf.fn === "startsWith" ? `${escapeLike(lit)}%` : leaf.fn === "endsWith" ? `%${escapeLike(lit)}` : `%${escapeLike(lit)}%`;
      const sql = values.any("string", (x) => {
        const target = leaf.insensitive ? `lower(${x})` : x;
        const test = `${target} LIKE ${p(pattern)}`;
        return leaf.insensitive ? ci(x, test, positive) : test;
      });
      return { sql, exact: true };
    }
    case "cidr": {
      const sql = values.any("ip", (x) => `(${leaf.cidrs.flatMap(cidrTexts).map((t) => `${x} <<= ${p(t)}::inet`).join(" OR ")})`);
      return { sql, exact: true };
    }
  }
}

function kindOfType(type: Leaf["type"]): CompareKind {
  switch (type) {
    case "long":
    case "double":
      return "number";
    case "ip":
      return "ip";
    case "date":
      return "date";
    case "boolean":
      return "boolean";
    default:
      return "string";
  }
}
