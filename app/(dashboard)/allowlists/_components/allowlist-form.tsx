"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { apiSend } from "@/components/api/client";
import type { ConditionCandidate } from "@/lib/allowlist/candidates-from-alert";
import type { RuleOption } from "@/lib/allowlist/rule-options";
import type { AllowlistEntryJson } from "@/lib/allowlist/serialize-entry";
import { CandidatePicker } from "./candidate-picker";
import { ConditionsSection, type EntryFlags } from "./conditions-section";
import { fromDraft, toDraft, type ConditionDraft } from "./draft";
import { EntryFields, type EntryFieldValues } from "./entry-fields";
import { PreviewPanel } from "./preview-panel";
import { useAllowlistPreview } from "./use-allowlist-preview";

/** The editable fields of an entry, as the API answers them. */
export type AllowlistFormInitial = Pick<AllowlistEntryJson, "name" | "comment" | "ruleId" | "conditions" | "caseInsensitive" | "enabled" | "expiresAt">;

const toLocalInput = (iso: string | null) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * Create and edit form with the live (debounced) impact preview beside it. Three pieces of state:
 * the entry's fields, its conditions, its switches; the preview and the save are derived from them.
 */
export function AllowlistForm(props: {
  entryId?: string;
  initial: AllowlistFormInitial;
  rules: RuleOption[];
  candidates?: ConditionCandidate[];
  fromAlert?: { id: string; reason: string };
  closeByDefault: boolean;
}) {
  const router = useRouter();
  const [fields, setFields] = useState<EntryFieldValues>({
    name: props.initial.name,
    comment: props.initial.comment,
    ruleId: props.initial.ruleId ?? "",
    expires: toLocalInput(props.initial.expiresAt),
  });
  const [conditions, setConditions] = useState<ConditionDraft[]>(() => props.initial.conditions.map(toDraft));
  const [flags, setFlags] = useState<EntryFlags>({ caseInsensitive: props.initial.caseInsensitive, enabled: props.initial.enabled, closeMatching: props.closeByDefault });
  const [save, setSave] = useState<{ saving: boolean; error: string | null }>({ saving: false, error: null });

  const body = useMemo(
    () => ({
      name: fields.name,
      comment: fields.comment,
      ruleId: fields.ruleId || null,
      conditions: conditions.map(fromDraft),
      caseInsensitive: flags.caseInsensitive,
      enabled: flags.enabled,
      expiresAt: fields.expires ? new Date(fields.expires).toISOString() : null,
    }),
    [fields, conditions, flags.caseInsensitive, flags.enabled],
  );
  const preview = useAllowlistPreview(body);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSave({ saving: true, error: null });
    const payload = { ...body, ...(flags.closeMatching ? { closeMatchingAlerts: true } : {}) };
    const res = props.entryId
      ? await apiSend<{ closedAlerts: number }>(`/api/v1/allowlist/${props.entryId}`, "PATCH", payload)
      : await apiSend<{ closedAlerts: number }>("/api/v1/allowlist", "POST", payload);
    if (!res.ok) return setSave({ saving: false, error: res.error });
    setSave({ saving: false, error: null });
    router.push(`/allowlists?saved=${encodeURIComponent(fields.name)}&closed=${res.data.closedAlerts}`);
    router.refresh();
  };

  return (
    <form onSubmit={submit} aria-label="Allowlist entry" className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-4">
        {props.fromAlert && <CandidatePicker alert={props.fromAlert} candidates={props.candidates ?? []} conditions={conditions} onChange={setConditions} />}
        <EntryFields value={fields} rules={props.rules} onChange={setFields} />
        <ConditionsSection conditions={conditions} onChange={setConditions} flags={flags} onFlags={setFlags} />
        {save.error && (
          <p role="alert" className="rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-sm text-rose-700 dark:text-rose-300">
            {save.error}
          </p>
        )}
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={save.saving}>
            {props.entryId ? "Save changes" : "Create entry"}
          </button>
          <button type="button" className="btn" onClick={() => router.push("/allowlists")}>
            Cancel
          </button>
        </div>
      </div>
      <PreviewPanel preview={preview.preview} error={preview.error} loading={preview.loading} />
    </form>
  );
}
