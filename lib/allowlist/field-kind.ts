import { resolveFieldType } from "../eql/values";

/** How a condition compares a field: by ECS type (ip, numeric), else as text. */
export type FieldKind = "ip" | "number" | "date" | "boolean" | "text";

export function fieldKind(field: string): FieldKind {
  const t = resolveFieldType(field);
  if (t === "ip") return "ip";
  if (t === "long" || t === "double") return "number";
  if (t === "date") return "date";
  if (t === "boolean") return "boolean";
  return "text";
}
