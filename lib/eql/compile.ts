import type { EventFilter, Expr, FieldExpr, Pipe, QueryAst, SequenceStage } from "./ast";
import { compileFilter, type Predicate } from "./compile-filter";
import type { Doc } from "./compile-value";
import { fieldGetter } from "./fields";
import { anyValue } from "./leaf-eval";
import { parseQuery } from "./parse-query";
import { SequenceMatcher } from "./sequence";
import { toSql, type SqlFragment, type SqlOptions } from "./sql";
import { ipKey, resolveFieldType, toDateMs, toKeyword, toNumber, type FieldTypeMap } from "./values";

export interface EqlOptions {
  /** Field holding the event time (epoch milliseconds or ISO 8601). Default `@timestamp`. */
  timestampField?: string;
  /** Field holding the event category (`process where`). Default `event.category`. */
  categoryField?: string;
  /** Field breaking timestamp ties (numbers or strings); without it, input order breaks ties. */
  tiebreakerField?: string;
  /** Field types beyond the ECS ones (`lib/ecs/columns.ts`), in Elasticsearch mapping vocabulary. */
  fieldTypes?: FieldTypeMap;
}

export interface ResolvedOptions {
  timestampField: string;
  categoryField: string;
  tiebreakerField?: string;
  fieldTypes?: FieldTypeMap;
}

/** Stage SQL options: `categoryColumn` defaults to the column of the category field (`category`). */
export type StageSqlOptions = SqlOptions;

export interface CompiledStage {
  index: number;
  /** Event category, null for `any`. */
  category: string | null;
  condition: Expr;
  /** Join key fields: the sequence's `by` keys, then the stage's own. */
  joinKeys: FieldExpr[];
  /** Category and condition. */
  matches(doc: Doc): boolean;
  /** Join key of the event for this stage; null when a (non-optional) key field is missing. */
  keyOf(doc: Doc): string | null;
  /** The join key values, for reporting. */
  keyValues(doc: Doc): unknown[];
  /** A PostgreSQL WHERE fragment selecting the candidate events of this stage (category included). */
  toSql(options: StageSqlOptions): SqlFragment;
}

interface CompiledBase {
  text: string;
  options: ResolvedOptions;
  pipes: Pipe[];
  /** Event query: does the event match. Sequence: does it match any stage or the until condition. */
  matches(doc: Doc): boolean;
  /** Event time in epoch milliseconds, undefined when the timestamp is missing or unreadable. */
  timestampOf(doc: Doc): number | undefined;
  /** WHERE fragment for the candidate events: the event query's filter, or any stage (or until) of a sequence. */
  toSql(options: StageSqlOptions): SqlFragment;
}

export interface CompiledEventQuery extends CompiledBase {
  kind: "event";
  ast: Extract<QueryAst, { type: "event" }>;
  category: string | null;
  condition: Expr;
}

export interface CompiledSequenceQuery extends CompiledBase {
  kind: "sequence";
  ast: Extract<QueryAst, { type: "sequence" }>;
  maxspanMs: number | null;
  /** Names of the sequence-level `by` fields. */
  joinKeys: string[];
  stages: CompiledStage[];
  until: CompiledStage | null;
  stageMatches(stageIndex: number, doc: Doc): boolean;
  /** A streaming matcher: feed events in time order, get sequences as they complete. */
  createSequenceMatcher(): SequenceMatcher;
}

export type CompiledQuery = CompiledEventQuery | CompiledSequenceQuery;

export function resolveOptions(options: EqlOptions = {}): ResolvedOptions {
  return {
    timestampField: options.timestampField ?? "@timestamp",
    categoryField: options.categoryField ?? "event.category",
    tiebreakerField: options.tiebreakerField,
    fieldTypes: options.fieldTypes,
  };
}

const path = (name: string) => name.split(".");

function compileEventFilter(filter: EventFilter, opts: ResolvedOptions): Predicate {
  const condition = compileFilter(filter.condition, opts);
  if (filter.category === null) return condition;
  const category = filter.category;
  const get = fieldGetter(path(opts.categoryField));
  const isCategory = (v: unknown) => v === category || toKeyword(v) === category;
  return (d) => {
    const raw = get(d);
    if (raw !== category) {
      if (Array.isArray(raw)) {
        if (!(raw.length === 1 && raw[0] === category) && !anyValue(raw, isCategory)) return false;
      } else if (raw === undefined || !isCategory(raw)) return false;
    }
    return condition(d);
  };
}

/** Builds the join-key function: typed values joined into one string; null drops the event. */
function compileKey(fields: FieldExpr[], opts: ResolvedOptions): { keyOf: (d: Doc) => string | null; keyValues: (d: Doc) => unknown[] } {
  const parts = fields.map((f) => {
    const get = fieldGetter(f.path);
    const type = resolveFieldType(f.name, opts.fieldTypes);
    const norm = (v: unknown): string | undefined => {
      if (type === "long" || type === "double") {
        const n = toNumber(v);
        return n === undefined ? undefined : `\u0002n${n}`;
      }
      if (type === "ip") {
        const k = ipKey(v);
        return k === undefined ? undefined : `\u0002i${k}`;
      }
      if (type === "date") {
        const ms = toDateMs(v);
        return ms === undefined ? undefined : `\u0002d${ms}`;
      }
      // Strings are the key as they are (no allocation per event); other types get a control-character tag.
      if (typeof v === "string") return v;
      if (typeof v === "number") return `\u0002n${v}`;
      if (typeof v === "boolean") return `\u0002b${v}`;
      return undefined;
    };
    const one = (d: Doc): string | null => {
      const raw = get(d);
      let out: string | undefined;
      if (!Array.isArray(raw)) out = raw === undefined ? undefined : norm(raw);
      else anyValue(raw, (v) => (out = norm(v)) !== undefined);
      return out ?? (f.optional ? "\u0002null" : null);
    };
    return { one, get };
  });
  const keyOf =
    parts.length === 0 ? () => ""
      : parts.length === 1 ? parts[0].one
        : (d: Doc) => {
          let key = "";
          for (let i = 0; i < parts.length; i++) {
            const k = parts[i].one(d);
            if (k === null) return null;
            key += i === 0 ? k : `\u0001${k}`;
          }
          return key;
        };
  const keyValues = (d: Doc) => parts.map((p) => p.get(d) ?? null);
  return { keyOf, keyValues };
}

function compileStage(stage: SequenceStage, index: number, seqBy: FieldExpr[], opts: ResolvedOptions): CompiledStage {
  const joinKeys = [...seqBy, ...stage.by];
  const { keyOf, keyValues } = compileKey(joinKeys, opts);
  return {
    index,
    category: stage.category,
    condition: stage.condition,
    joinKeys,
    matches: compileEventFilter(stage, opts),
    keyOf,
    keyValues,
    toSql: (o) => filterToSql(stage, opts, o),
  };
}

function filterToSql(filter: EventFilter, opts: ResolvedOptions, o: SqlOptions): SqlFragment {
  const cond = toSql(filter.condition, { fieldTypes: opts.fieldTypes, ...o });
  if (filter.category === null) return cond;
  const column = o.columns[opts.categoryField];
  const param = `$${(o.paramOffset ?? 0) + cond.params.length + 1}`;
  const categorySql = column
    ? column.type === "keyword[]" ? `${param} = ANY(${column.column})` : `${column.column} = ${param}`
    : `jsonb_path_exists(${o.docColumn}, '${jsonPathOf(opts.categoryField)} ? (@ == $c)', jsonb_build_object('c', ${param}::text))`;
  return { sql: `(${categorySql} AND ${cond.sql})`, params: [...cond.params, filter.category], exact: cond.exact };
}

function jsonPathOf(field: string): string {
  return "$" + path(field).map((p) => `."${p.replace(/["\\]/g, "\\$&").replace(/'/g, "''")}"`).join("") + "[*]";
}

export function compileQuery(text: string, options?: EqlOptions): CompiledQuery {
  const ast = parseQuery(text);
  const opts = resolveOptions(options);
  const getTs = fieldGetter(path(opts.timestampField));
  const timestampOf = (d: Doc) => {
    const raw = getTs(d);
    return toDateMs(Array.isArray(raw) ? raw[0] : raw);
  };
  if (ast.type === "event") {
    const matches = compileEventFilter(ast.filter, opts);
    return {
      kind: "event", ast, text, options: opts, pipes: ast.pipes, matches, timestampOf,
      category: ast.filter.category, condition: ast.filter.condition,
      toSql: (o) => filterToSql(ast.filter, opts, o),
    };
  }
  const stages = ast.stages.map((s, i) => compileStage(s, i, ast.by, opts));
  const until = ast.until ? compileStage(ast.until, -1, ast.by, opts) : null;
  const compiled: CompiledSequenceQuery = {
    kind: "sequence", ast, text, options: opts, pipes: ast.pipes, timestampOf,
    maxspanMs: ast.maxspanMs,
    joinKeys: ast.by.map((f) => f.name),
    stages,
    until,
    matches: (d) => stages.some((s) => s.matches(d)) || (until !== null && until.matches(d)),
    stageMatches: (i, d) => {
      const stage = stages[i];
      if (!stage) throw new RangeError(`stage ${i} does not exist (the sequence has ${stages.length})`);
      return stage.matches(d);
    },
    createSequenceMatcher: () => new SequenceMatcher(compiled),
    toSql: (o) => {
      const parts: SqlFragment[] = [];
      let offset = o.paramOffset ?? 0;
      for (const stage of until ? [...stages, until] : stages) {
        const f = stage.toSql({ ...o, paramOffset: offset });
        offset += f.params.length;
        parts.push(f);
      }
      return { sql: `(${parts.map((p) => p.sql).join(" OR ")})`, params: parts.flatMap((p) => p.params), exact: parts.every((p) => p.exact) };
    },
  };
  return compiled;
}
