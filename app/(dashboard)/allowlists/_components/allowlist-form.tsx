"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import type { ConditionCandidate } from "@/lib/allowlist/candidates-from-alert";
import type { AllowlistPreview } from "@/lib/allowlist/preview-allowlist";
import type { RuleOption } from "@/lib/allowlist/rule-options";
import type { AllowlistEntryJson } from "@/lib/allowlist/serialize-entry";
import { RULE_FIELDS } from "@/lib/allowlist/types";
import { apiSend } from "@/components/api/client";
import { CandidatePicker } from "./candidate-picker";
import { ConditionRow } from "./condition-row";
import { fromDraft, newKey, toDraft, type ConditionDraft } from "./draft";
import { PreviewPanel } from "./preview-panel";

/** The editable fields of an entry, as the API answers them. */
export type AllowlistFormInitial = Pick<
  AllowlistEntryJson,
  "name" | "comment" | "ruleId" | "conditions" | "caseInsensitive" | "enabled" | "expiresAt"
>;

const toLocalInput = (iso: string | null) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** Create and edit form with the live (debounced) impact preview beside it. */
export function AllowlistForm(props: {
  entryId?: string;
  initial: AllowlistFormInitial;
  rules: RuleOption[];
  candidates?: ConditionCandidate[];
  fromAlert?: { id: string; reason: string };
  closeByDefault: boolean;
}) {
  const router = useRouter();
  const [name, setName] = useState(props.initial.name);
  const [comment, setComment] = useState(props.initial.comment);
  const [ruleId, setRuleId] = useState(props.initial.ruleId ?? "");
  const [conditions, setConditions] = useState<ConditionDraft[]>(props.initial.conditions.map(toDraft));
  const [caseInsensitive, setCaseInsensitive] = useState(props.initial.caseInsensitive);
  const [enabled, setEnabled] = useState(props.initial.enabled);
  const [expires, setExpires] = useState(toLocalInput(props.initial.expiresAt));
  const [closeMatching, setCloseMatching] = useState(props.closeByDefault);
  const [preview, setPreview] = useState<AllowlistPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewLoading, setPreviewLoading] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const body = useMemo(
    () => ({
      name,
      comment,
      ruleId: ruleId || null,
      conditions: conditions.map(fromDraft),
      caseInsensitive,
      enabled,
      expiresAt: expires ? new Date(expires).toISOString() : null,
    }),
    [name, comment, ruleId, conditions, caseInsensitive, enabled, expires],
  );
  const previewKey = JSON.stringify({ ...body, name: "" });

  useEffect(() => {
    if (body.conditions.length === 0) {
      setPreview(null);
      setPreviewError(null);
      return;
    }
    const ctrl = new AbortController();
    setPreviewLoading(true);
    const timer = setTimeout(() => {
      apiSend<{ preview: AllowlistPreview }>("/api/v1/allowlist/preview?days=7", "POST", JSON.parse(previewKey), ctrl.signal)
        .then((r) => {
          setPreviewLoading(false);
          if (r.ok) {
            setPreview(r.data.preview);
            setPreviewError(null);
          } else setPreviewError(r.error);
        })
        .catch(() => undefined);
    }, 350);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [previewKey]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setSaveError(null);
    const payload = { ...body, ...(closeMatching ? { closeMatchingAlerts: true } : {}) };
    const res = props.entryId
      ? await apiSend<{ closedAlerts: number }>(`/api/v1/allowlist/${props.entryId}`, "PATCH", payload)
      : await apiSend<{ closedAlerts: number }>("/api/v1/allowlist", "POST", payload);
    setSaving(false);
    if (!res.ok) return setSaveError(res.error);
    router.push(`/allowlists?saved=${encodeURIComponent(name)}&closed=${res.data.closedAlerts}`);
    router.refresh();
  };

  const update = (key: number, d: ConditionDraft) => setConditions((cs) => cs.map((c) => (c.key === key ? d : c)));

  return (
    <form onSubmit={submit} aria-label="Allowlist entry" className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-4">
        {props.fromAlert && (
          <CandidatePicker alert={props.fromAlert} candidates={props.candidates ?? []} conditions={conditions} onChange={setConditions} />
        )}
        <section className="card space-y-3 p-4">
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Name</span>
            <input className="input" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} placeholder="e.g. SCCM jump host" />
          </label>
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Comment</span>
            <textarea className="input" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Why this activity is expected, ticket reference…" />
          </label>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <label className="block text-sm">
              <span className="mb-1 block font-medium">Scope</span>
              <select className="input" value={ruleId} onChange={(e) => setRuleId(e.target.value)}>
                <option value="">All rules</option>
                {props.rules.map((r) => (
                  <option key={r.ruleId} value={r.ruleId}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="block text-sm">
              <span className="mb-1 block font-medium">Expires</span>
              <input className="input" type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
            </label>
          </div>
        </section>

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
            <ConditionRow key={d.key} draft={d} index={i} onChange={(nd) => update(d.key, nd)} onRemove={() => setConditions((cs) => cs.filter((c) => c.key !== d.key))} />
          ))}
          <button type="button" className="btn" onClick={() => setConditions((cs) => [...cs, { key: newKey(), field: "", operator: "is", text: "" }])}>
            + Add condition
          </button>
          <div className="flex flex-wrap gap-x-6 gap-y-2 pt-1 text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={caseInsensitive} onChange={(e) => setCaseInsensitive(e.target.checked)} />
              Ignore case (Windows names and paths)
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
              Enabled
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={closeMatching} onChange={(e) => setCloseMatching(e.target.checked)} />
              Close matching open alerts
            </label>
          </div>
        </section>

        {saveError && (
          <p role="alert" className="rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-sm text-rose-700 dark:text-rose-300">
            {saveError}
          </p>
        )}
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={saving}>
            {props.entryId ? "Save changes" : "Create entry"}
          </button>
          <button type="button" className="btn" onClick={() => router.push("/allowlists")}>
            Cancel
          </button>
        </div>
      </div>
      <PreviewPanel preview={preview} error={previewError} loading={previewLoading} />
    </form>
  );
}
