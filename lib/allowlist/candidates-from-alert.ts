import { fieldValues } from "../eql/fields";
import type { AllowlistCondition } from "./types";

/**
 * The conditions an analyst may pick when allowlisting from an alert: each stage event's own values,
 * labelled by the stage that holds them (the connection: `source.ip`, `destination.port`, …; the
 * child process: `user.name`, `process.executable`, `process.command_line`, …). A value is never
 * taken from another event than the one it describes: the connection's `SYSTEM` user is offered as
 * the connection's, not as the user who ran the child. A value every event holds alike (`host.name`)
 * is offered once, for all events.
 */
export interface ConditionCandidate {
  /** Unique per candidate: `<stage>:<field>`, or `all:<field>`. */
  key: string;
  /** The field's name for people ("User"). */
  label: string;
  condition: AllowlistCondition;
  /** Picked by default (the connection's source IP). */
  checked: boolean;
  /** The stage whose event holds the value, or null when every stage's event holds it (host.name). */
  stage: number | null;
  /** "Connection (network event)", "Child process (process event)", "Every event". */
  stageLabel: string;
}

const STAGE_FIELDS: Record<string, { field: string; label: string }[]> = {
  network: [
    { field: "source.ip", label: "Source IP" },
    { field: "destination.port", label: "Destination port" },
    { field: "user.name", label: "User" },
    { field: "process.executable", label: "Process executable" },
  ],
  process: [
    { field: "user.name", label: "User" },
    { field: "process.executable", label: "Process executable" },
    { field: "process.command_line", label: "Command line" },
    { field: "process.parent.name", label: "Parent process name" },
    { field: "process.parent.executable", label: "Parent executable" },
  ],
};
// A stage of another category offers every field above (once).
const ANY_STAGE = [...new Map([...STAGE_FIELDS.network!, ...STAGE_FIELDS.process!].map((f) => [f.field, f])).values()];
const SHARED_FIELDS = [{ field: "host.name", label: "Host" }];

export function stageLabel(category: string | null | undefined, index: number): string {
  if (category === "network") return "Connection (network event)";
  if (category === "process") return "Child process (process event)";
  return `Stage ${index + 1}${category ? ` (${category} event)` : ""}`;
}

const first = (doc: unknown, field: string): string | number | undefined => {
  const v = fieldValues(doc, field.split(".")).find((x) => typeof x === "string" || typeof x === "number");
  return v === undefined || String(v) === "" ? undefined : (v as string | number);
};

export function candidatesFromAlert(stages: unknown): ConditionCandidate[] {
  const list = (Array.isArray(stages) ? stages : []) as { category?: string | null; doc?: unknown }[];
  const docs = list.map((s) => (s?.doc && typeof s.doc === "object" ? s.doc : null));
  const out: ConditionCandidate[] = [];
  const shared = new Set<string>();
  for (const { field, label } of SHARED_FIELDS) {
    const values = docs.map((d) => (d ? first(d, field) : undefined));
    if (values.length && values[0] !== undefined && values.every((v) => String(v) === String(values[0]))) {
      shared.add(field);
      out.push({ key: `all:${field}`, label, checked: false, stage: null, stageLabel: "Every event", condition: { field, operator: "is", values: [values[0]!] } });
    }
  }
  list.forEach((s, i) => {
    const doc = docs[i];
    if (!doc) return;
    const fields = [...(STAGE_FIELDS[s.category ?? ""] ?? ANY_STAGE), ...SHARED_FIELDS.filter((f) => !shared.has(f.field))];
    for (const { field, label } of fields) {
      const value = first(doc, field);
      if (value === undefined) continue;
      out.push({
        key: `${i}:${field}`,
        label,
        checked: field === "source.ip" && !out.some((c) => c.checked),
        stage: i,
        stageLabel: stageLabel(s.category, i),
        condition: { field, operator: "is", values: [value] },
      });
    }
  });
  return out;
}
