"use client";

import { useState } from "react";
import { apiSend } from "@/components/api/client";
import { SecretBox } from "@/components/admin/secret-box";
import { Dialog } from "@/components/ui/dialog";
import { ROLES } from "@/lib/auth/roles";
import type { UserJson } from "@/lib/users/serialize-user";
import { PASSWORD_MIN } from "@/lib/validation/admin";
import { DialogActions, DoneAction, FormError } from "@/components/ui/form-error";

/** New user: email, name, role, and a chosen or generated password (a generated one is shown once). */
export function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (user: UserJson) => void }) {
  const [mode, setMode] = useState<"generate" | "set">("generate");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ email: string; password: string } | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = {
      email: String(f.get("email") ?? ""),
      name: String(f.get("name") ?? "") || undefined,
      role: String(f.get("role") ?? "viewer"),
      password: mode === "set" ? String(f.get("password") ?? "") : undefined,
    };
    setBusy(true);
    setError(null);
    const res = await apiSend<{ user: UserJson; password?: string }>("/api/v1/users", "POST", body);
    setBusy(false);
    if (!res.ok) return setError(res.error);
    onCreated(res.data.user);
    if (res.data.password) setShown({ email: res.data.user.email, password: res.data.password });
    else onClose();
  }

  if (shown) {
    return (
      <Dialog open title="User created" onClose={onClose}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
          <span className="font-medium text-slate-900 dark:text-slate-100">{shown.email}</span> can sign in with this password.
        </p>
        <SecretBox label="Password" value={shown.password} warning="This password is shown once. Copy it now and hand it over securely; it cannot be displayed again." />
        <DoneAction onDone={onClose} />
      </Dialog>
    );
  }

  return (
    <Dialog open title="New user" onClose={onClose}>
      <form onSubmit={submit} aria-label="New user" className="space-y-3 text-sm">
        <div>
          <label htmlFor="new-user-email" className="mb-1 block text-xs font-medium text-slate-500 dark:text-slate-400">
            Email
          </label>
          <input id="new-user-email" name="email" type="email" required autoComplete="off" className="input" />
        </div>
        <div>
          <label htmlFor="new-user-name" className="mb-1 block text-xs font-medium text-slate-500 dark:text-slate-400">
            Name (optional)
          </label>
          <input id="new-user-name" name="name" maxLength={200} autoComplete="off" className="input" />
        </div>
        <div>
          <label htmlFor="new-user-role" className="mb-1 block text-xs font-medium text-slate-500 dark:text-slate-400">
            Role
          </label>
          <select id="new-user-role" name="role" defaultValue="analyst" className="input">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">Password</legend>
          <div className="flex gap-4">
            <label className="flex items-center gap-1.5">
              <input type="radio" name="mode" checked={mode === "generate"} onChange={() => setMode("generate")} /> Generate one
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="mode" checked={mode === "set"} onChange={() => setMode("set")} /> Set it now
            </label>
          </div>
          {mode === "set" && (
            <div className="mt-2">
              <label htmlFor="new-user-password" className="sr-only">
                Initial password
              </label>
              <input
                id="new-user-password"
                name="password"
                type="password"
                required
                minLength={PASSWORD_MIN}
                autoComplete="new-password"
                placeholder={`At least ${PASSWORD_MIN} characters`}
                className="input"
              />
            </div>
          )}
        </fieldset>
        <FormError error={error} />
        <DialogActions onCancel={onClose} busy={busy} submitLabel="Create user" busyLabel="Creating…" />
      </form>
    </Dialog>
  );
}
