"use client";

import { useState } from "react";
import { apiSend } from "@/components/api/client";
import { useApi } from "@/components/api/use-api";
import { incidentRef } from "@/components/incidents/badges";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions, FormError } from "@/components/ui/form-error";
import type { IncidentDetailJson, IncidentListJson } from "@/lib/incidents/types";

/** Merge another incident into this one: pick it among the others not closed (latest activity first). */
export function MergeDialog({ open, incident, onClose, onMerged }: { open: boolean; incident: IncidentDetailJson; onClose: () => void; onMerged: () => void }) {
  const list = useApi<IncidentListJson>(open ? "/api/v1/incidents?status=all&sort=lastActivity&order=desc&limit=100" : null);
  const [other, setOther] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates = (list.data?.incidents ?? []).filter((i) => i.id !== incident.id && !i.mergedInto);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!other) return setError("Pick the incident to merge into this one");
    setBusy(true);
    setError(null);
    const r = await apiSend(`/api/v1/incidents/${encodeURIComponent(incident.id)}/merge`, "POST", { otherId: other });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setOther("");
    onMerged();
  }

  return (
    <Dialog open={open} onClose={onClose} title={`Merge into ${incidentRef(incident.number)}`} wide>
      <form onSubmit={submit} className="space-y-2 text-sm">
        <label className="block">
          <span className="mb-1 block text-xs">Incident whose alerts join this one (later grouping keeps them together)</span>
          <select value={other} onChange={(e) => setOther(e.target.value)} className="input" autoFocus>
            <option value="">{list.loading ? "Loading…" : "Choose an incident"}</option>
            {candidates.map((i) => (
              <option key={i.id} value={i.id}>
                {incidentRef(i.number)} · {i.title} · {i.alertCount} alerts · {i.status}
              </option>
            ))}
          </select>
        </label>
        <FormError error={error ?? list.error} />
        <DialogActions onCancel={onClose} busy={busy} submitLabel="Merge" busyLabel="Merging…" />
      </form>
    </Dialog>
  );
}
