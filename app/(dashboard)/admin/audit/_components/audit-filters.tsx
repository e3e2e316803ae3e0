"use client";

import { useRouter } from "next/navigation";
import { auditHref, type AuditUrlState } from "../search-params";

/** datetime-local values are read and written as UTC, like every time on these pages. */
const toLocalInput = (iso?: string) => (iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso).toISOString().slice(0, 16) : "");
const fromLocalInput = (v: string) => (v ? `${v}:00Z` : undefined);

/** A labelled filter control: the label names the control with id `id`. */
function Field({ id, label, className, children }: { id: string; label: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-500 dark:text-slate-400">
        {label}
      </label>
      {children}
    </div>
  );
}

export function AuditFilters({ state, actions }: { state: AuditUrlState; actions: string[] }) {
  const router = useRouter();

  function apply(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? "").trim() || undefined;
    router.push(
      auditHref({
        action: text("action"),
        actor: text("actor"),
        targetType: text("targetType"),
        targetId: text("targetId"),
        ok: text("ok"),
        from: fromLocalInput(String(f.get("from") ?? "")),
        to: fromLocalInput(String(f.get("to") ?? "")),
      }),
    );
  }

  const key = JSON.stringify(state);
  return (
    <form key={key} onSubmit={apply} aria-label="Audit filters" className="card mb-3 grid grid-cols-2 gap-3 p-3 text-sm md:grid-cols-4 xl:grid-cols-8">
      <Field id="audit-action" label="Action (prefix)" className="col-span-2 md:col-span-1 xl:col-span-2">
        <input id="audit-action" name="action" list="audit-actions" defaultValue={state.action} placeholder="e.g. user. or auth.sign_in" className="input" />
        <datalist id="audit-actions">
          {actions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </Field>
      <Field id="audit-actor" label="Actor" className="col-span-2 md:col-span-1 xl:col-span-2">
        <input id="audit-actor" name="actor" defaultValue={state.actor} placeholder="email, apikey:name or id" className="input" />
      </Field>
      <Field id="audit-target-type" label="Target type">
        <select id="audit-target-type" name="targetType" defaultValue={state.targetType ?? ""} className="input">
          <option value="">Any</option>
          {["user", "apikey", "alert", "allowlist_entry", "rule"].map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-target-id" label="Target id">
        <input id="audit-target-id" name="targetId" defaultValue={state.targetId} className="input" />
      </Field>
      <Field id="audit-ok" label="Outcome" className="col-span-2 xl:col-span-2">
        <select id="audit-ok" name="ok" defaultValue={state.ok ?? ""} className="input">
          <option value="">Any</option>
          <option value="true">Succeeded</option>
          <option value="false">Failed</option>
        </select>
      </Field>
      <Field id="audit-from" label="From (UTC)" className="col-span-2 xl:col-span-2">
        <input id="audit-from" name="from" type="datetime-local" defaultValue={toLocalInput(state.from)} className="input" />
      </Field>
      <Field id="audit-to" label="To (UTC)" className="col-span-2 xl:col-span-2">
        <input id="audit-to" name="to" type="datetime-local" defaultValue={toLocalInput(state.to)} className="input" />
      </Field>
      <div className="col-span-2 flex items-end gap-2 md:col-span-4 xl:col-span-4 xl:justify-end">
        <button type="button" className="btn" onClick={() => router.push(auditHref({}))}>
          Clear
        </button>
        <button type="submit" className="btn-primary">
          Apply filters
        </button>
      </div>
    </form>
  );
}
