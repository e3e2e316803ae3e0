"use client";

import { RULE_FIELDS } from "@/lib/allowlist/types";
import { ConditionRow } from "./condition-row";
import { newKey, type ConditionDraft } from "./draft";

export interface EntryFlags {
  caseInsensitive: boolean;
  enabled: boolean;
  closeMatching: boolean;
}

/** The conditions (all must hold), and the entry's switches. */
export function ConditionsSection({ conditions, onChange, flags, onFlags }: { conditions: ConditionDraft[]; onChange: (next: ConditionDraft[]) => void; flags: EntryFlags; onFlags: (next: EntryFlags) => void }) {
  const flag = (k: keyof EntryFlags, label: string) => (
    <label className="flex items-center gap-2">
      <input type="checkbox" checked={flags[k]} onChange={(e) => onFlags({ ...flags, [k]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <section className="card space-y-2.5 p-4" aria-label="Conditions">
      <div className="flex items-center">
        <h2 className="text-sm font-semibold">Conditions</h2>
        <span className="ml-2 text-xs text-slate-500">all must hold for an event to be allowlisted</span>
      </div>
      <datalist id="allowlist-fields">
        {RULE_FIELDS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      {conditions.map((d, i) => (
        <ConditionRow key={d.key} draft={d} index={i} onChange={(nd) => onChange(conditions.map((c) => (c.key === d.key ? nd : c)))} onRemove={() => onChange(conditions.filter((c) => c.key !== d.key))} />
      ))}
      <button type="button" className="btn" onClick={() => onChange([...conditions, { key: newKey(), field: "", operator: "is", text: "" }])}>
        + Add condition
      </button>
      <div className="flex flex-wrap gap-x-6 gap-y-2 pt-1 text-sm">
        {flag("caseInsensitive", "Ignore case (Windows names and paths)")}
        {flag("enabled", "Enabled")}
        {flag("closeMatching", "Close matching open alerts")}
      </div>
    </section>
  );
}
