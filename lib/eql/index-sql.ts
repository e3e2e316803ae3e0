import ipaddr from "ipaddr.js";
import type { EventColumn } from "../ecs/columns";
import type { EventFilter, Expr } from "./ast";
import type { CompiledQuery } from "./compile";
import { classifyLeaf, type Coerced } from "./leaf";
import { SqlParams } from "./sql-leaf";
import { isIpv4Mapped } from "./values";

/**
 * Index-friendly necessary conditions of a query, for reading a time window of a large event store.
 *
 * `toSql` is exact (or a superset) but shaped for re-checking candidates: every predicate is wrapped
 * (`COALESCE(x = ANY(...), FALSE)`, `lower(x) = ... OR <non-ASCII>`), which PostgreSQL cannot answer
 * from an index. This adds, beside it, conditions every matching event must satisfy, written as plain
 * comparisons of a typed column with parameters (`destination_port = ANY($1::bigint[])`,
 * `lower(parent_name COLLATE "C") = ANY($2::text[])`) that the indexes of the `events` table serve.
 * It never changes what matches: the caller ANDs it with `toSql` and re-checks in memory.
 *
 * Only comparisons whose column holds exactly the value the evaluator reads are used: ingest fills
 * the typed columns from the normalized document (lib/ecs/extract-columns.ts), keywords as single
 * strings, longs truncated as the evaluator truncates them, addresses in canonical form.
 */
export interface IndexSqlOptions {
  columns: Readonly<Record<string, EventColumn>>;
  paramOffset?: number;
  /** Fields whose case-insensitive comparisons are served by an index on `lower(column COLLATE "C")`. */
  foldedColumns?: readonly string[];
}

export interface IndexSql {
  sql: string;
  params: unknown[];
}

/**
 * A condition on typed columns that every event the query can use (any stage, missing-event stage or
 * `until` of a sequence) satisfies; null when some stage has none (the caller reads the whole window).
 */
export function indexConditionSql(query: CompiledQuery, options: IndexSqlOptions): IndexSql | null {
  const filters: EventFilter[] =
    query.kind === "event" ? [query.ast.filter] : [...query.ast.stages, ...(query.ast.until ? [query.ast.until] : [])];
  return filtersConditionSql(query, filters, options);
}

/** The same for some stages of a sequence only (0-based indexes; "until" for the until condition). */
export function stagesIndexConditionSql(query: CompiledQuery, stages: (number | "until")[], options: IndexSqlOptions): IndexSql | null {
  if (query.kind !== "sequence") return null;
  const filters: EventFilter[] = [];
  for (const i of stages) {
    const f = i === "until" ? query.ast.until : query.ast.stages[i];
    if (f) filters.push(f);
  }
  return filtersConditionSql(query, filters, options);
}

function filtersConditionSql(query: CompiledQuery, filters: EventFilter[], options: IndexSqlOptions): IndexSql | null {
  const params = new SqlParams(options.paramOffset ?? 0);
  const ctx = { fieldTypes: query.options.fieldTypes };
  const parts: string[] = [];
  for (const f of filters) {
    const sql = necessary(f.condition);
    if (sql === null) return null;
    parts.push(sql);
  }
  return { sql: parts.length === 1 ? parts[0] : `(${parts.join(" OR ")})`, params: params.values };

  function necessary(node: Expr): string | null {
    switch (node.type) {
      case "and": {
        const l = necessary(node.left);
        const r = necessary(node.right);
        return l && r ? `(${l} AND ${r})` : (l ?? r);
      }
      case "or": {
        const l = necessary(node.left);
        const r = necessary(node.right);
        return l && r ? `(${l} OR ${r})` : null;
      }
      case "literal":
        return node.value === false || node.value === null ? "FALSE" : null;
      case "compare":
      case "in":
      case "match":
        return leaf(node);
      default:
        return null;
    }
  }

  function leaf(node: Expr): string | null {
    let l;
    try {
      l = classifyLeaf(node, ctx);
    } catch {
      return null; // a type error: compileQuery has reported it already
    }
    if (!l) return null;
    const col = options.columns[l.field.name];
    if (!col || col.type === "keyword[]" || col.type === "date") return null;
    const c = col.column;
    if (l.kind === "compare" && l.op === "==") return equality(c, col, [l.value]);
    if (l.kind === "in" && !l.negated && !l.insensitive) return equality(c, col, l.values);
    const folded = options.foldedColumns?.includes(l.field.name);
    if (!folded || col.type !== "keyword") return null;
    if (l.kind === "in" && !l.negated && l.insensitive) return foldedEquality(c, l.values.map((v) => String(v.value)));
    if (l.kind === "match" && l.op === ":") return foldedEquality(c, l.patterns);
    return null;
  }

  function equality(c: string, col: EventColumn, values: Coerced[]): string | null {
    if (values.length === 0) return "FALSE";
    if (col.type === "long") {
      if (!values.every((v) => v.kind === "number" && Number.isSafeInteger(v.value))) return null;
      return `${c} = ANY(${params.add(values.map((v) => v.value))}::bigint[])`;
    }
    if (col.type === "keyword") {
      if (!values.every((v) => v.kind === "string")) return null;
      return `${c} = ANY(${params.add(values.map((v) => v.value))}::text[])`;
    }
    // ip: single addresses only (a CIDR block is a range the column's index does not serve as equality).
    const texts: string[] = [];
    for (const v of values) {
      if (v.kind !== "ip" || v.value.bits !== 128) return null;
      const v6 = ipaddr.fromByteArray(Array.from(v.value.bytes)) as ipaddr.IPv6;
      texts.push(isIpv4Mapped(v.value.bytes) ? v6.toIPv4Address().toString() : v6.toString());
    }
    return `${c} = ANY(${params.add(texts)}::inet[])`;
  }

  /**
   * `lower(column COLLATE "C")` folds ASCII letters only; the engine folds with JavaScript's
   * toLowerCase. For a pattern of ASCII characters without wildcards, the two agree on every text
   * that can match it, except where a non-ASCII letter folds to ASCII: only U+212A (Kelvin sign → "k")
   * does, so patterns containing "k" are not used. Wildcard patterns are left to the full scan.
   */
  function foldedEquality(c: string, patterns: string[]): string | null {
    const folded: string[] = [];
    for (const p of patterns) {
      const f = p.toLowerCase();
      if (!/^[\x00-\x7f]*$/.test(f) || /[*?k]/.test(f)) return null;
      folded.push(f);
    }
    if (folded.length === 0) return "FALSE";
    return `lower(${c} COLLATE "C") = ANY(${params.add(folded)}::text[])`;
  }
}
