import type { AllowlistCondition, AllowlistOperator } from "@/lib/allowlist/types";

/** The form's state of a condition: values as typed (one per line for multi-value operators). */
export interface ConditionDraft {
  key: number;
  field: string;
  operator: AllowlistOperator;
  text: string;
}

export const MULTI: AllowlistOperator[] = ["is_one_of", "cidr"];
export const NO_VALUE: AllowlistOperator[] = ["exists", "not_exists"];

let next = 1;
export const newKey = () => next++;

export function toDraft(c: AllowlistCondition): ConditionDraft {
  return { key: newKey(), field: c.field, operator: c.operator, text: c.values.map(String).join("\n") };
}

export function fromDraft(d: ConditionDraft): AllowlistCondition {
  if (NO_VALUE.includes(d.operator)) return { field: d.field.trim(), operator: d.operator, values: [] };
  const values = MULTI.includes(d.operator) ? d.text.split("\n").filter((l) => l.trim() !== "") : [d.text];
  return { field: d.field.trim(), operator: d.operator, values };
}
