import { compileValue } from "./compile-value";
import type { Val } from "./functions";
import { parseCondition } from "./sql";
import type { FieldTypeMap } from "./values";

/**
 * Evaluates one expression (three-valued: null for an undefined result) against a document, e.g.
 * `evaluateExpression('between("a-b-c", "-", "-")')` is "b". Useful for tests and tooling.
 */
export function evaluateExpression(text: string, doc: unknown = {}, fieldTypes?: FieldTypeMap): Val {
  return compileValue(parseCondition(text), { fieldTypes }).fn(doc);
}
