/**
 * The project's EQL engine: Elasticsearch EQL semantics, evaluated in memory (arrays in any order,
 * or a stream in time order) and compiled to PostgreSQL WHERE fragments for candidate reads.
 * See README.md for the semantics, case by case.
 */
export type * from "./ast";
export { EqlError, EqlSyntaxError } from "./errors";
export { parseQuery } from "./parse-query";
export {
  compileQuery,
  type CompiledEventQuery,
  type CompiledQuery,
  type CompiledSequenceQuery,
  type CompiledStage,
  type EqlOptions,
} from "./compile";
export { evaluate, sortEvents, applyPipes, type EqlMatch } from "./evaluate";
export { SequenceMatcher, type SequenceMatch } from "./sequence";
export { parseElasticsearchMapping, type FieldMapping, type MappedField } from "./mapping";
export { compareVersions } from "./values";
export { toSql, parseCondition, type SqlFragment, type SqlOptions } from "./sql";
export { evaluateExpression } from "./expression";
export type { FieldType, FieldTypeMap } from "./values";
export type { Val } from "./functions";
export { indexConditionSql, stagesIndexConditionSql, type IndexSql, type IndexSqlOptions } from "./index-sql";
