"use client";

import { useEffect, useRef, useState } from "react";
import { parseSourceIpFilter } from "@/lib/validation/alerts";
import { EXCLUDE_KEYS, EXCLUDE_LABELS, type AlertsUrlState, type FilterKey } from "../search-params";

export interface RuleOption {
  ruleId: string;
  name: string;
}

const TEXT_FILTERS: { key: FilterKey; label: string; placeholder: string; width: string }[] = [
  { key: "host", label: "Host", placeholder: "host name or id", width: "w-36" },
  { key: "sourceIp", label: "Source IP", placeholder: "10.13.37.0/24, 10.13.37", width: "w-40" },
  { key: "user", label: "User", placeholder: "user name", width: "w-28" },
];

/** Rule, severity, host, source IP, user, time range and free text; each change goes to the URL. */
export function FiltersBar({ state, rules, onChange }: { state: AlertsUrlState; rules: RuleOption[]; onChange: (changes: Record<string, string | null>) => void }) {
  const f = state.filters;
  const [draft, setDraft] = useState<Partial<Record<FilterKey, string>>>(f);
  // A URL change (back button, "Clear filters") shows in a field unless the analyst has typed there
  // since the last URL: their text is not overwritten by a change that was already under way.
  const seen = useRef(f);
  useEffect(() => {
    const before = seen.current;
    seen.current = f;
    setDraft((d) => {
      const next = { ...d };
      for (const k of new Set([...Object.keys(before), ...Object.keys(f)]) as Set<FilterKey>) if ((d[k] ?? "") === (before[k] ?? "")) next[k] = f[k];
      return next;
    });
  }, [f]);
  const commit = (key: FilterKey) => {
    if ((draft[key] ?? "") !== (f[key] ?? "")) onChange({ [key]: draft[key]?.trim() || null });
  };
  // The source IP is checked as typed; a refused value still goes to the URL, where the list says why.
  const ipDraft = draft.sourceIp?.trim();
  const ipError = ipDraft ? (() => {
    const r = parseSourceIpFilter(ipDraft);
    return r.ok ? null : r.error;
  })() : null;
  const text = (key: FilterKey, label: string, placeholder: string, width: string, type = "text") => (
    <label className="relative flex flex-col gap-0.5 text-[11px] text-slate-500" key={key}>
      {label}
      <input
        type={type}
        aria-label={label}
        aria-invalid={key === "sourceIp" && ipError ? true : undefined}
        aria-describedby={key === "sourceIp" && ipError ? "source-ip-error" : undefined}
        className={`input !py-1 ${width} ${key === "sourceIp" && ipError ? "!border-rose-500" : ""}`}
        placeholder={placeholder}
        value={draft[key] ?? ""}
        onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
        onBlur={() => commit(key)}
        onKeyDown={(e) => e.key === "Enter" && commit(key)}
      />
      {key === "sourceIp" && ipError && (
        <span id="source-ip-error" className="absolute top-full left-0 z-10 mt-0.5 w-72 rounded bg-rose-600 px-1.5 py-0.5 text-[11px] text-white shadow">
          {ipError}
        </span>
      )}
    </label>
  );
  const chips = [
    ...(f.process ? [{ key: "process" as FilterKey, text: `Process is ${f.process}` }] : []),
    ...EXCLUDE_KEYS.filter((k) => f[k]).map((k) => ({ key: k as FilterKey, text: `${EXCLUDE_LABELS[k]} is not ${f[k]}` })),
  ];
  const anyFilter = Object.keys(f).length > 0;
  return (
    <form role="search" aria-label="Filters" className="flex flex-wrap items-end gap-2" onSubmit={(e) => e.preventDefault()}>
      {text("q", "Search", "reason, host, user, process, command line", "w-64")}
      <label className="flex flex-col gap-0.5 text-[11px] text-slate-500">
        Rule
        <select aria-label="Rule" className="input !py-1 w-56" value={f.ruleId ?? ""} onChange={(e) => onChange({ ruleId: e.target.value || null })}>
          <option value="">All rules</option>
          {rules.map((r) => (
            <option key={r.ruleId} value={r.ruleId}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-0.5 text-[11px] text-slate-500">
        Severity
        <select aria-label="Severity" className="input !py-1 w-28" value={f.severity ?? ""} onChange={(e) => onChange({ severity: e.target.value || null })}>
          <option value="">Any</option>
          <option value="critical">Critical</option>
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
          <option value="high,critical">High+</option>
        </select>
      </label>
      {TEXT_FILTERS.map((t) => text(t.key, t.label, t.placeholder, t.width))}
      <label className="flex flex-col gap-0.5 text-[11px] text-slate-500">
        Time of
        <select aria-label="Time field" className="input !py-1 w-28" value={f.timeField ?? "createdAt"} onChange={(e) => onChange({ timeField: e.target.value === "createdAt" ? null : e.target.value })}>
          <option value="createdAt">Created</option>
          <option value="firstEventAt">First event</option>
        </select>
      </label>
      {(["from", "to"] as const).map((k) => (
        <label key={k} className="flex flex-col gap-0.5 text-[11px] text-slate-500">
          {k === "from" ? "From" : "To"}
          <input
            type="datetime-local"
            aria-label={k === "from" ? "From" : "To"}
            className="input !py-1 w-44"
            value={f[k] ? toLocalInput(f[k]!) : ""}
            onChange={(e) => onChange({ [k]: e.target.value ? new Date(e.target.value).toISOString() : null })}
          />
        </label>
      ))}
      {chips.map((c) => (
        <span key={c.key} className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-slate-100 py-0.5 pr-1 pl-2 text-xs dark:border-slate-700 dark:bg-slate-800">
          <span className="max-w-56 truncate font-mono">{c.text}</span>
          <button type="button" aria-label={`Remove filter: ${c.text}`} className="rounded-full px-1 text-slate-500 hover:bg-slate-200 dark:hover:bg-slate-700" onClick={() => onChange({ [c.key]: null })}>
            ×
          </button>
        </span>
      ))}
      {anyFilter && (
        <button
          type="button"
          className="btn !py-1"
          onClick={() => onChange(Object.fromEntries(Object.keys(f).map((k) => [k, null])))}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
