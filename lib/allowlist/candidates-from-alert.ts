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
  /** The stage whose event holds the value, or null when every stage's event holds it (host.name). */
  stage: number | null;
  stageLabel: string | null;
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
    const holders: number[] = [];
    docs.forEach((doc, i) => {
      const v = fieldValues(doc, field.split(".")).find((x) => typeof x === "string" || typeof x === "number");
      if (v === undefined || String(v) === "") return;
      if (value === undefined) value = v as string | number;
      if (String(v) === String(value)) holders.push(i);
    });
    if (value === undefined) continue;
    const stage = holders.length === docs.length ? null : holders[0];
    const category = stage === null ? null : (stages as { category?: string | null }[])[stage]?.category;
    out.push({
      key: field,
      label,
      checked: !!checked,
      stage,
      stageLabel: stage === null ? null : `${category ?? `stage ${stage + 1}`} event`,
      condition: { field, operator: "is", values: [value] },
    });
  }
  return out;
}
