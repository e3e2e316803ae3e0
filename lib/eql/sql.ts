import type { EventColumn } from "../ecs/columns";
import type { Expr } from "./ast";
import { isQuery } from "./compile-filter";
import { classifyLeaf } from "./leaf";
import { Parser } from "./parser";
import { leafSql, SqlParams } from "./sql-leaf";
import type { FieldTypeMap } from "./values";

export interface SqlOptions {
  /** Fields stored in typed columns (`EVENT_COLUMNS`): field → {column, type}. */
  columns: Readonly<Record<string, EventColumn>>;
  /** The jsonb column holding the whole (nested) document. */
  docColumn: string;
  /** Number of bind parameters already used before this fragment ($1..$paramOffset). */
  paramOffset?: number;
  /** Extra field types, as for the evaluator. */
  fieldTypes?: FieldTypeMap;
}

export interface SqlFragment {
  /** A boolean SQL expression, never NULL, usable in a WHERE clause. */
  sql: string;
  params: unknown[];
  /**
   * true: selects exactly the events the evaluator matches (case-insensitive comparisons of
   * non-ASCII text excepted: there the fragment also returns every event whose text has non-ASCII
   * characters). false: a superset; re-check candidates with the evaluator.
   */
  exact: boolean;
}

interface Translated {
  sql: string;
  exact: boolean;
}

/** Parses a bare condition (the part after `where`). */
export function parseCondition(text: string): Expr {
  const p = new Parser(text);
  const expr = p.parseExpression();
  if (p.peek().kind !== "eof") p.fail("the end of the condition");
  return expr;
}

/**
 * Compiles a condition to a PostgreSQL WHERE fragment over the event store with the same semantics
 * as the in-memory evaluator: columns where a field has one, the jsonb document otherwise. Elasticsearch
 * scripts (functions, arithmetic, field-vs-field comparisons), regex and IP ordering are not translated:
 * they become TRUE (a superset) and `exact` is false.
 */
export function toSql(condition: Expr | string, options: SqlOptions): SqlFragment {
  const expr = typeof condition === "string" ? parseCondition(condition) : condition;
  const params = new SqlParams(options.paramOffset ?? 0);
  const ctx = { fieldTypes: options.fieldTypes };
  // `positive`: the fragment must select a superset of the matching events; under `not` the operand is
  // translated with positive = false, as a subset, so that its negation is again a superset.
  const inexact = (positive: boolean): Translated => ({ sql: positive ? "TRUE" : "FALSE", exact: false });

  const translate = (node: Expr, positive: boolean): Translated => {
    switch (node.type) {
      case "literal":
        if (node.value === true) return { sql: "TRUE", exact: true };
        if (node.value === false || node.value === null) return { sql: "FALSE", exact: true };
        return inexact(positive);
      case "and":
      case "or": {
        const l = translate(node.left, positive);
        const r = translate(node.right, positive);
        return { sql: `(${l.sql} ${node.type.toUpperCase()} ${r.sql})`, exact: l.exact && r.exact };
      }
      case "not": {
        if (!isQuery(node.operand, ctx)) return inexact(positive);
        const inner = translate(node.operand, !positive);
        return { sql: `(NOT ${inner.sql})`, exact: inner.exact };
      }
      default: {
        const leaf = classifyLeaf(node, ctx);
        return leaf ? leafSql(leaf, options, params, positive) : inexact(positive);
      }
    }
  };
  const result = translate(expr, true);
  return { sql: result.sql, params: params.values, exact: result.exact };
}
