"use client";

import { ALLOWLIST_OPERATORS, OPERATOR_LABELS, type AllowlistOperator } from "@/lib/allowlist/types";
import { MULTI, NO_VALUE, type ConditionDraft } from "./draft";

/** One condition: field (rule fields offered first, any ECS field accepted), operator, values. */
export function ConditionRow(props: { draft: ConditionDraft; index: number; onChange: (d: ConditionDraft) => void; onRemove: () => void; disabled?: boolean }) {
  const { draft: d, index } = props;
  const set = (patch: Partial<ConditionDraft>) => props.onChange({ ...d, ...patch });
  return (
    <div className="grid grid-cols-1 gap-2 rounded-md border border-slate-200 p-2.5 sm:grid-cols-[minmax(0,14rem)_9rem_minmax(0,1fr)_auto] dark:border-slate-800">
      <input
        className="input font-mono"
        list="allowlist-fields"
        aria-label={`Condition ${index + 1} field`}
        placeholder="ECS field, e.g. source.ip"
        value={d.field}
        onChange={(e) => set({ field: e.target.value })}
        disabled={props.disabled}
      />
      <select
        className="input"
        aria-label={`Condition ${index + 1} operator`}
        value={d.operator}
        onChange={(e) => set({ operator: e.target.value as AllowlistOperator })}
        disabled={props.disabled}
      >
        {ALLOWLIST_OPERATORS.map((op) => (
          <option key={op} value={op}>
            {OPERATOR_LABELS[op]}
          </option>
        ))}
      </select>
      {NO_VALUE.includes(d.operator) ? (
        <div className="self-center text-xs text-slate-500">No value needed</div>
      ) : MULTI.includes(d.operator) ? (
        <textarea
          className="input min-h-[2.4rem] font-mono"
          rows={Math.min(6, Math.max(2, d.text.split("\n").length))}
          aria-label={`Condition ${index + 1} values`}
          placeholder={d.operator === "cidr" ? "10.0.0.0/8\nfd00::/8  (one per line)" : "one value per line"}
          value={d.text}
          onChange={(e) => set({ text: e.target.value })}
          disabled={props.disabled}
        />
      ) : (
        <input
          className="input font-mono"
          aria-label={`Condition ${index + 1} value`}
          placeholder={d.operator === "matches" ? "wildcards: * and ?, e.g. ?:\\Tools\\*.exe" : "value"}
          value={d.text}
          onChange={(e) => set({ text: e.target.value })}
          disabled={props.disabled}
        />
      )}
      <button type="button" className="btn self-start" aria-label={`Remove condition ${index + 1}`} onClick={props.onRemove} disabled={props.disabled}>
        ✕
      </button>
    </div>
  );
}
