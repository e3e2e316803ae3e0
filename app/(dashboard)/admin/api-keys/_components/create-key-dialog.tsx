"use client";

import { useState } from "react";
import { apiSend } from "@/components/api/client";
import { SecretBox } from "@/components/admin/secret-box";
import { Dialog } from "@/components/ui/dialog";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/auth/roles";
import type { ApiKeyJson } from "@/lib/users/serialize-api-key";
import { DialogActions, DoneAction, FormError } from "@/components/ui/form-error";

const SCOPE_HELP: Record<ApiKeyScope, string> = {
  ingest: "Send events only (agents, Elasticsearch-compatible shippers).",
  read: "Read alerts, events, rules and allowlists.",
  analyst: "Read, triage alerts and edit allowlists.",
  admin: "Everything, including users, API keys and the audit trail.",
};

/** New API key: name and scope; the key is then shown once with a copy button. */
export function CreateKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (key: ApiKeyJson) => void }) {
  const [scope, setScope] = useState<ApiKeyScope>("ingest");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "");
    setBusy(true);
    setError(null);
    const res = await apiSend<{ apiKey: ApiKeyJson; key: string }>("/api/v1/api-keys", "POST", { name, scope });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    onCreated(res.data.apiKey);
    setCreated({ name: res.data.apiKey.name, key: res.data.key });
  }

  if (created) {
    return (
      <Dialog open wide title="API key created" onClose={onClose}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
          Send it as <code className="font-mono text-xs">Authorization: ApiKey &lt;key&gt;</code>. Key{" "}
          <span className="font-medium text-slate-900 dark:text-slate-100">{created.name}</span>:
        </p>
        <SecretBox label="API key" value={created.key} warning="This key is shown once and is not stored: copy it now. If it is lost, revoke it and create a new one." />
        <DoneAction onDone={onClose} />
      </Dialog>
    );
  }

  return (
    <Dialog open wide title="New API key" onClose={onClose}>
      <form onSubmit={submit} aria-label="New API key" className="space-y-3 text-sm">
        <div>
          <label htmlFor="new-key-name" className="mb-1 block text-xs font-medium text-slate-500 dark:text-slate-400">
            Name
          </label>
          <input id="new-key-name" name="name" required maxLength={100} autoComplete="off" placeholder="e.g. winlogbeat DC01" className="input" />
        </div>
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">Scope</legend>
          <div className="space-y-1.5">
            {API_KEY_SCOPES.map((s) => (
              <label key={s} className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800">
                <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} className="mt-0.5" />
                <span>
                  <span className="font-medium">{s}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{SCOPE_HELP[s]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <FormError error={error} />
        <DialogActions onCancel={onClose} busy={busy} submitLabel="Create key" busyLabel="Creating…" />
      </form>
    </Dialog>
  );
}
