import type { EventFilter, Expr, FieldExpr, LiteralValue, QueryAst, SequenceStage } from "./ast";
import { EqlError } from "./errors";

/** One field of an Elasticsearch mapping, as the engine uses it. */
export interface MappedField {
  /** Mapping type (`long`, `keyword`, `ip`, `date`, `version`...); an alias has its target's type. */
  type: string;
  /** `alias` fields (and multi-fields): the dotted field whose values are read. */
  path?: string;
  /** `null_value`: what an explicit null of the field is indexed (and so searched and joined) as. */
  nullValue?: LiteralValue;
}

/** Fields by dotted name. */
export type FieldMapping = Readonly<Record<string, MappedField>>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads an Elasticsearch mapping: `{"properties": ...}`, `{"mappings": {"properties": ...}}`, or the
 * `GET <index>/_mapping` answer (`{"<index>": {"mappings": ...}}`, every index merged). Objects are
 * walked into dotted names; multi-fields (`fields`) become fields reading their parent's values;
 * `alias` fields read their `path`. Throws EqlError on anything that is not a mapping.
 */
export function parseElasticsearchMapping(json: unknown): FieldMapping {
  const roots: Record<string, unknown>[] = [];
  if (isObject(json) && isObject(json.properties)) roots.push(json.properties);
  else if (isObject(json) && isObject(json.mappings) && isObject(json.mappings.properties)) roots.push(json.mappings.properties);
  else if (isObject(json)) {
    for (const v of Object.values(json)) {
      if (isObject(v) && isObject(v.mappings) && isObject(v.mappings.properties)) roots.push(v.mappings.properties);
    }
  }
  if (roots.length === 0) throw new EqlError('not an Elasticsearch mapping: expected {"properties": {...}} or {"mappings": {"properties": {...}}}');
  const out: Record<string, MappedField> = {};
  const walk = (props: Record<string, unknown>, prefix: string) => {
    for (const [name, def] of Object.entries(props)) {
      if (!isObject(def)) continue;
      const full = prefix + name;
      if (isObject(def.properties)) walk(def.properties, `${full}.`);
      const type = typeof def.type === "string" ? def.type : undefined;
      if (!type || type === "object" || type === "nested") continue;
      const field: MappedField = { type };
      if (type === "alias") {
        if (typeof def.path !== "string") throw new EqlError(`alias field ${full} has no path`);
        field.path = def.path;
      }
      const nv = def.null_value;
      if (typeof nv === "string" || typeof nv === "number" || typeof nv === "boolean") field.nullValue = nv;
      out[full] = field;
      if (isObject(def.fields)) {
        for (const [sub, subDef] of Object.entries(def.fields)) {
          if (isObject(subDef) && typeof subDef.type === "string") out[`${full}.${sub}`] = { type: subDef.type, path: full };
        }
      }
    }
  };
  for (const r of roots) walk(r, "");
  // Aliases take their target's type.
  for (const [name, f] of Object.entries(out)) {
    if (f.type !== "alias") continue;
    const target = out[f.path!];
    if (!target) throw new EqlError(`alias field ${name} points to ${f.path}, which is not in the mapping`);
    out[name] = { ...target, path: target.path ?? f.path };
  }
  return out;
}

/** The field types of a mapping, for `fieldTypes`. */
export function mappingTypes(mapping: FieldMapping): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).map(([name, f]) => [name, f.type]));
}

/** The dotted field whose values a (possibly alias) field name reads. */
export function resolveFieldName(name: string, mapping: FieldMapping | undefined): string {
  return mapping?.[name]?.path ?? name;
}

/** Rewrites a field of the query through the mapping: aliases read their target, `null_value` applies. */
function mapField(f: FieldExpr, mapping: FieldMapping): FieldExpr {
  const m = mapping[f.name];
  if (!m) return f;
  const name = m.path ?? f.name;
  const nullValue = m.nullValue ?? mapping[name]?.nullValue;
  return { ...f, name, path: name === f.name ? f.path : name.split("."), ...(nullValue === undefined ? {} : { nullValue }) };
}

function mapExpr(e: Expr, mapping: FieldMapping): Expr {
  switch (e.type) {
    case "literal":
      return e;
    case "field":
      return mapField(e, mapping);
    case "not":
    case "neg":
      return { ...e, operand: mapExpr(e.operand, mapping) };
    case "and":
    case "or":
    case "compare":
    case "arith":
      return { ...e, left: mapExpr(e.left, mapping), right: mapExpr(e.right, mapping) } as Expr;
    case "match":
      return { ...e, left: mapExpr(e.left, mapping) };
    case "in":
      return { ...e, left: mapExpr(e.left, mapping), list: e.list.map((x) => mapExpr(x, mapping)) };
    case "call":
      return { ...e, args: e.args.map((x) => mapExpr(x, mapping)) };
  }
}

function mapFilter<T extends EventFilter>(f: T, mapping: FieldMapping): T {
  return { ...f, condition: mapExpr(f.condition, mapping) };
}

function mapStage(s: SequenceStage, mapping: FieldMapping): SequenceStage {
  return { ...mapFilter(s, mapping), by: s.by.map((b) => mapField(b, mapping)) };
}

/** The query with every field read through the mapping (aliases, null values). */
export function applyMapping(ast: QueryAst, mapping: FieldMapping | undefined): QueryAst {
  if (!mapping) return ast;
  if (ast.type === "event") return { ...ast, filter: mapFilter(ast.filter, mapping) };
  return {
    ...ast,
    by: ast.by.map((b) => mapField(b, mapping)),
    stages: ast.stages.map((s) => mapStage(s, mapping)),
    until: ast.until ? mapStage(ast.until, mapping) : null,
  };
}
