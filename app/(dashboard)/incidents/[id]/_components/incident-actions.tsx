"use client";

import { useState } from "react";
import { CLOSE_REASONS, CLOSING_REASON_LABELS } from "@/components/alerts/format";
import { apiSend } from "@/components/api/client";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions, FormError } from "@/components/ui/form-error";
import type { IncidentDetailJson, IncidentUpdateInput } from "@/lib/incidents/types";
import { MergeDialog } from "./merge-dialog";

type Open = null | "rename" | "assign" | "note" | "close" | "merge";

/**
 * The analyst's actions on an incident: rename, assign, note, acknowledge, close (a reason is
 * required, nothing is preselected; its open alerts close with it), reopen, merge. Splitting is on
 * the alerts table.
 */
export function IncidentActions({ incident, me, onChanged }: { incident: IncidentDetailJson; me: string; onChanged: () => void }) {
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState(incident.title);
  const [assignee, setAssignee] = useState(incident.assignee ?? "");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState<string>("");
  const url = `/api/v1/incidents/${encodeURIComponent(incident.id)}`;

  const show = (o: Open) => {
    setError(null);
    setTitle(incident.title);
    setAssignee(incident.assignee ?? "");
    setNote("");
    setReason("");
    setOpen(o);
  };
  async function patch(body: IncidentUpdateInput) {
    setBusy(true);
    setError(null);
    const r = await apiSend(url, "PATCH", body);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setOpen(null);
    onChanged();
  }
  const submit = (body: () => IncidentUpdateInput | null) => (e: React.FormEvent) => {
    e.preventDefault();
    const b = body();
    if (b) void patch(b);
  };
  const closed = incident.status === "closed";

  return (
    <div className="card flex flex-wrap items-center gap-2 p-2" aria-label="Incident actions" role="group">
      <button type="button" className="btn py-1 text-xs" onClick={() => show("rename")}>
        Rename
      </button>
      <button type="button" className="btn py-1 text-xs" onClick={() => show("assign")}>
        Assign
      </button>
      {incident.assignee !== me && (
        <button type="button" className="btn py-1 text-xs" disabled={busy} onClick={() => patch({ assignee: me })}>
          Assign to me
        </button>
      )}
      <button type="button" className="btn py-1 text-xs" onClick={() => show("note")}>
        Add note
      </button>
      <button type="button" className="btn py-1 text-xs" onClick={() => show("merge")}>
        Merge…
      </button>
      <span className="ml-auto" />
      {incident.status === "open" && (
        <button type="button" className="btn py-1 text-xs" disabled={busy} onClick={() => patch({ status: "acknowledged" })}>
          Acknowledge
        </button>
      )}
      {closed ? (
        <button type="button" className="btn py-1 text-xs" disabled={busy} onClick={() => patch({ status: "open" })}>
          Reopen
        </button>
      ) : (
        <button type="button" className="btn-primary py-1 text-xs" onClick={() => show("close")}>
          Close incident…
        </button>
      )}
      {!open && <FormError error={error} />}

      <Dialog open={open === "rename"} onClose={() => setOpen(null)} title="Rename the incident">
        <form onSubmit={submit(() => (title.trim() ? { title: title.trim() } : (setError("A name is required"), null)))} className="space-y-2 text-sm">
          <label className="block">
            <span className="mb-1 block text-xs">Incident name</span>
            <input autoFocus value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} className="input" />
          </label>
          <FormError error={error} />
          <DialogActions onCancel={() => setOpen(null)} busy={busy} submitLabel="Rename" busyLabel="Saving…" />
        </form>
      </Dialog>

      <Dialog open={open === "assign"} onClose={() => setOpen(null)} title="Assign the incident">
        <form onSubmit={submit(() => ({ assignee: assignee.trim() || null }))} className="space-y-2 text-sm">
          <label className="block">
            <span className="mb-1 block text-xs">Assignee (email; empty: unassigned)</span>
            <input autoFocus value={assignee} onChange={(e) => setAssignee(e.target.value)} className="input" />
          </label>
          <FormError error={error} />
          <DialogActions onCancel={() => setOpen(null)} busy={busy} submitLabel="Assign" busyLabel="Saving…" />
        </form>
      </Dialog>

      <Dialog open={open === "note"} onClose={() => setOpen(null)} title="Add a note">
        <form onSubmit={submit(() => (note.trim() ? { note: note.trim() } : (setError("The note is empty"), null)))} className="space-y-2 text-sm">
          <label className="block">
            <span className="mb-1 block text-xs">Note</span>
            <textarea autoFocus value={note} onChange={(e) => setNote(e.target.value)} rows={4} maxLength={10000} className="input" />
          </label>
          <FormError error={error} />
          <DialogActions onCancel={() => setOpen(null)} busy={busy} submitLabel="Add note" busyLabel="Saving…" />
        </form>
      </Dialog>

      <Dialog open={open === "close"} onClose={() => setOpen(null)} title="Close the incident">
        <form onSubmit={submit(() => (reason ? { status: "closed", closingReason: reason as IncidentUpdateInput["closingReason"] } : (setError("Pick a reason"), null)))} className="space-y-2 text-sm">
          <fieldset className="space-y-1">
            <legend className="mb-1 text-xs">Reason (also written on each of its {incident.openAlertCount} open alerts, which close with it)</legend>
            {CLOSE_REASONS.map((r) => (
              <label key={r} className="flex items-center gap-2">
                <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
                {CLOSING_REASON_LABELS[r]}
              </label>
            ))}
          </fieldset>
          <FormError error={error} />
          <DialogActions onCancel={() => setOpen(null)} busy={busy} submitLabel={`Close incident and ${incident.openAlertCount} alerts`} busyLabel="Closing…" />
        </form>
      </Dialog>

      <MergeDialog open={open === "merge"} incident={incident} onClose={() => setOpen(null)} onMerged={() => { setOpen(null); onChanged(); }} />
    </div>
  );
}
