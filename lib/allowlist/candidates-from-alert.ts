import { fieldValues } from "../eql/fields";
import type { AllowlistCondition } from "./types";

/**
 * The conditions an analyst may pick when allowlisting from an alert, read from its stage events:
 * the first value found of each field across the stages (network stage first, then process stage).
 */
export interface ConditionCandidate {
  key: string;
  label: string;
  condition: AllowlistCondition;
  /** Picked by default (the source IP). */
  checked: boolean;
}

const CANDIDATE_FIELDS: { field: string; label: string; checked?: boolean }[] = [
  { field: "source.ip", label: "Source IP", checked: true },
  { field: "user.name", label: "User" },
  { field: "host.name", label: "Host" },
  { field: "process.executable", label: "Process executable" },
  { field: "process.parent.name", label: "Parent process name" },
  { field: "process.command_line", label: "Command line" },
];

export function candidatesFromAlert(stages: unknown): ConditionCandidate[] {
  const docs = Array.isArray(stages) ? stages.map((s) => (s as { doc?: unknown })?.doc).filter((d) => d && typeof d === "object") : [];
  const out: ConditionCandidate[] = [];
  for (const { field, label, checked } of CANDIDATE_FIELDS) {
    let value: string | number | undefined;
    for (const doc of docs) {
      const v = fieldValues(doc, field.split(".")).find((x) => typeof x === "string" || typeof x === "number");
      if (v !== undefined && String(v) !== "") {
        value = v as string | number;
        break;
      }
    }
    if (value === undefined) continue;
    out.push({ key: field, label, checked: !!checked, condition: { field, operator: "is", values: [value] } });
  }
  return out;
}
