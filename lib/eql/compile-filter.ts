import type { Expr } from "./ast";
import { compileValue, type CompileContext, type Doc } from "./compile-value";
import { EqlError, locateError } from "./errors";
import { classifyLeaf } from "./leaf";
import { leafPredicate } from "./leaf-eval";

export type Predicate = (doc: Doc) => boolean;

/**
 * Whether Elasticsearch turns the condition into a Lucene query (two-valued: a missing field does not
 * match, and `not` of it matches) rather than a script (three-valued: null is neither true nor false,
 * and `not null` is still null, so it does not match).
 *
 * - `and` / `or` always become a bool query.
 * - `not X` is a must_not query when X is a query, a script when X is a script.
 * - field-vs-literal comparisons, `in`, `:`, `like`, `regex`, `field == null`, and startsWith /
 *   endsWith / stringContains / cidrMatch on a field with literal arguments are queries.
 * - everything else (functions, arithmetic, field-vs-field) is a script.
 */
export function isQuery(node: Expr, ctx: CompileContext): boolean {
  switch (node.type) {
    case "and":
    case "or":
      return true;
    case "not":
      return isQuery(node.operand, ctx);
    case "literal":
      return typeof node.value === "boolean";
    default:
      return classifyLeaf(node, ctx) !== undefined;
  }
}

/** Compiles a condition in filter context: does the event match (true), or not (false or null). */
export function compileFilter(node: Expr, ctx: CompileContext): Predicate {
  switch (node.type) {
    case "literal": {
      if (node.value === null || node.value === false) return () => false;
      if (node.value === true) return () => true;
      throw new EqlError(`a condition must be boolean, found ${JSON.stringify(node.value)} (line ${node.pos.line}:${node.pos.column})`);
    }
    case "and": {
      const l = compileFilter(node.left, ctx);
      const r = compileFilter(node.right, ctx);
      return (d) => l(d) && r(d);
    }
    case "or": {
      const l = compileFilter(node.left, ctx);
      const r = compileFilter(node.right, ctx);
      return (d) => l(d) || r(d);
    }
    case "not": {
      if (isQuery(node.operand, ctx)) {
        const inner = compileFilter(node.operand, ctx);
        return (d) => !inner(d);
      }
      let v;
      try {
        v = compileValue(node.operand, ctx);
      } catch (err) {
        return locateError(err, node.operand.pos);
      }
      assertBoolean(v.kind, node);
      // A script: not(null) is null, which does not match.
      return (d) => v.fn(d) === false;
    }
    default:
      try {
        return compileLeafOrScript(node, ctx);
      } catch (err) {
        return locateError(err, node.pos);
      }
  }
}

function compileLeafOrScript(node: Expr, ctx: CompileContext): Predicate {
  const leaf = classifyLeaf(node, ctx);
  if (leaf) return leafPredicate(leaf);
  const v = compileValue(node, ctx);
  assertBoolean(v.kind, node);
  if (v.constant) {
    const value = v.fn(undefined) === true;
    return () => value;
  }
  return (d) => v.fn(d) === true;
}

function assertBoolean(kind: string, node: Expr) {
  if (kind !== "boolean" && kind !== "any" && kind !== "null") {
    throw new EqlError(`a condition must be boolean, found a ${kind} expression (line ${node.pos.line}:${node.pos.column})`);
  }
}
