"use client";

import type { ConditionCandidate } from "@/lib/allowlist/candidates-from-alert";
import { newKey, type ConditionDraft } from "./draft";

/**
 * The alert's values offered as conditions, grouped by the event that holds them (the connection,
 * the child process): checking one adds `field is value`, unchecking removes it.
 */
export function CandidatePicker(props: {
  alert: { id: string; reason: string };
  candidates: ConditionCandidate[];
  conditions: ConditionDraft[];
  onChange: (next: ConditionDraft[]) => void;
}) {
  const text = (c: ConditionCandidate) => String(c.condition.values[0]);
  const isPicked = (c: ConditionCandidate) => props.conditions.some((d) => d.field === c.condition.field && d.operator === "is" && d.text === text(c));
  const toggle = (c: ConditionCandidate, on: boolean) =>
    props.onChange(
      on
        ? [...props.conditions, { key: newKey(), field: c.condition.field, operator: "is", text: text(c) }]
        : props.conditions.filter((d) => !(d.field === c.condition.field && d.operator === "is" && d.text === text(c))),
    );
  const groups = [...props.candidates.reduce((m, c) => m.set(c.stageLabel, [...(m.get(c.stageLabel) ?? []), c]), new Map<string, ConditionCandidate[]>())];
  const pickedStages = new Set(props.candidates.filter((c) => isPicked(c) && c.stage !== null).map((c) => c.stage));
  return (
    <section className="card p-4" aria-label="From alert">
      <h2 className="text-sm font-semibold">From alert</h2>
      <p className="mt-0.5 line-clamp-2 break-all text-xs text-slate-500 dark:text-slate-400">{props.alert.reason}</p>
      {props.candidates.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">The alert&apos;s events hold none of the usual fields.</p>
      ) : (
        <div className="mt-3 space-y-3">
          {groups.map(([label, list]) => (
            <fieldset key={label} className="space-y-1">
              <legend className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">{label}</legend>
              {list.map((c) => (
                <label key={c.key} className="flex items-start gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <input type="checkbox" className="mt-1" checked={isPicked(c)} onChange={(e) => toggle(c, e.target.checked)} aria-label={`${c.label} (${c.stageLabel})`} />
                  <span className="w-40 shrink-0 text-slate-600 dark:text-slate-300">
                    {c.label} <span className="block font-mono text-[11px] text-slate-500">{c.condition.field}</span>
                  </span>
                  <span className="min-w-0 flex-1 font-mono text-xs leading-5 break-all">{text(c)}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      )}
      {pickedStages.size > 1 && (
        <p role="alert" className="mt-3 rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-xs text-amber-800 dark:text-amber-300">
          These values are on different events of the sequence. An entry is tested against one event at a time, so together they match
          nothing: keep values of one event, or create one entry per event.
        </p>
      )}
    </section>
  );
}
