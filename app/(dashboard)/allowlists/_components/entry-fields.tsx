"use client";

import type { RuleOption } from "@/lib/allowlist/rule-options";

export interface EntryFieldValues {
  name: string;
  comment: string;
  ruleId: string;
  expires: string;
}

/** Name, comment, scope (a rule or all) and expiry of an entry. */
export function EntryFields({ value, rules, onChange }: { value: EntryFieldValues; rules: RuleOption[]; onChange: (next: EntryFieldValues) => void }) {
  const set = (k: keyof EntryFieldValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => onChange({ ...value, [k]: e.target.value });
  return (
    <section className="card space-y-3 p-4">
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Name</span>
        <input className="input" value={value.name} onChange={set("name")} required maxLength={200} placeholder="e.g. SCCM jump host" />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Comment</span>
        <textarea className="input" rows={2} value={value.comment} onChange={set("comment")} placeholder="Why this activity is expected, ticket reference…" />
      </label>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Scope</span>
          <select className="input" value={value.ruleId} onChange={set("ruleId")}>
            <option value="">All rules</option>
            {rules.map((r) => (
              <option key={r.ruleId} value={r.ruleId}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Expires</span>
          <input className="input" type="datetime-local" value={value.expires} onChange={set("expires")} />
        </label>
      </div>
    </section>
  );
}
