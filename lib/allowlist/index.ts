/** The pure allowlist core (no database, no Next): evaluator and vocabulary. */
export { compileAllowlist, isEntryActive, matchAlert, type CompiledAllowlist, type StagedAlert } from "./compile-allowlist";
export { compileCondition, ConditionCompileError } from "./compile-condition";
export { fieldKind, type FieldKind } from "./field-kind";
export * from "./types";
