import type { EventFilter, Expr, FieldExpr, Pipe, QueryAst, SequenceStage } from "./ast";
import { compileFilter, type Predicate } from "./compile-filter";
import type { Doc } from "./compile-value";
import { fieldGetter, fieldGetterOf } from "./fields";
import { compileJoinKey } from "./join-key";
import { applyMapping, mappingTypes, resolveFieldName, type FieldMapping } from "./mapping";
import { anyValue } from "./leaf-eval";
import { parseQuery } from "./parse-query";
import { SequenceMatcher } from "./sequence";
import { toSql, type SqlFragment, type SqlOptions } from "./sql";
import { toDateMs, toKeyword, type FieldTypeMap } from "./values";
import { EqlError } from "./errors";

export interface EqlOptions {
  /** Field holding the event time (epoch milliseconds or ISO 8601). Default `@timestamp`. */
  timestampField?: string;
  /** Field holding the event category (`process where`). Default `event.category`. */
  categoryField?: string;
  /** Field breaking timestamp ties (numbers or strings); without it, input order breaks ties. */
  tiebreakerField?: string;
  /** Field types beyond the ECS ones (`lib/ecs/columns.ts`), in Elasticsearch mapping vocabulary. */
  fieldTypes?: FieldTypeMap;
  /**
   * An Elasticsearch mapping (`parseElasticsearchMapping`): its types (under `fieldTypes`, which win),
   * `alias` fields read their path (also for the timestamp, category and tiebreaker fields), and
   * `null_value` is what an explicit null reads as.
   */
  mapping?: FieldMapping;
}

export interface ResolvedOptions {
  timestampField: string;
  categoryField: string;
  tiebreakerField?: string;
  fieldTypes?: FieldTypeMap;
  mapping?: FieldMapping;
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
  /** `![...]`: a missing-event stage (no event may match it there); its events reject sequences. */
  missing: boolean;
  /** Join key of the event for this stage (the first, for a multi-valued key); null when a (non-optional) key field is missing. */
  keyOf(doc: Doc): string | null;
  /** Every join key of the event (multi-valued key fields give several): a string, an array, or null. */
  keys(doc: Doc): string | string[] | null;
  /** The values of a key returned by `keys`/`keyOf` (typed; null for an optional key without value). */
  decodeKey(key: string): unknown[];
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
  const m = options.mapping;
  const tiebreaker = options.tiebreakerField;
  return {
    timestampField: resolveFieldName(options.timestampField ?? "@timestamp", m),
    categoryField: resolveFieldName(options.categoryField ?? "event.category", m),
    tiebreakerField: tiebreaker === undefined ? undefined : resolveFieldName(tiebreaker, m),
    fieldTypes: m ? { ...mappingTypes(m), ...options.fieldTypes } : options.fieldTypes,
    mapping: m,
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

function compileStage(stage: SequenceStage, index: number, seqBy: FieldExpr[], opts: ResolvedOptions): CompiledStage {
  const joinKeys = [...seqBy, ...stage.by];
  const key = compileJoinKey(joinKeys, opts.fieldTypes);
  const getters = joinKeys.map((f) => fieldGetterOf(f));
  return {
    index,
    category: stage.category,
    condition: stage.condition,
    joinKeys,
    missing: stage.missing === true,
    matches: compileEventFilter(stage, opts),
    keyOf: key.keyOf,
    keys: key.keys,
    decodeKey: key.decode,
    keyValues: (d) => getters.map((g) => g(d) ?? null),
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
  const opts = resolveOptions(options);
  const ast = applyMapping(parseQuery(text), opts.mapping);
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
  checkMissingStages(ast);
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

/** At least one positive stage; a missing-event stage at the start or the end needs `maxspan` (its window). */
function checkMissingStages(ast: Extract<QueryAst, { type: "sequence" }>) {
  const stages = ast.stages;
  if (stages.every((s) => s.missing)) throw new EqlError("a sequence needs at least one stage that is not a missing-event stage (![...])");
  const edge = stages[0].missing || stages[stages.length - 1].missing;
  if (edge && ast.maxspanMs === null) {
    throw new EqlError("a sequence with a missing-event stage (![...]) at its start or end needs 'with maxspan=...'");
  }
}
