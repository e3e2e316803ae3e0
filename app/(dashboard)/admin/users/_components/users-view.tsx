"use client";

import { getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useState } from "react";
import { apiSend } from "@/components/api/client";
import { ConfirmDialog } from "@/components/admin/confirm-dialog";
import { SecretBox } from "@/components/admin/secret-box";
import { DataTable } from "@/components/data-table/data-table";
import { userColumns } from "@/components/data-table/users/columns";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { can, type Role } from "@/lib/auth/roles";
import type { UserJson } from "@/lib/users/serialize-user";
import { CreateUserDialog } from "./create-user-dialog";

type Pending = { kind: "disable" | "enable" | "reset"; user: UserJson } | null;

export function UsersView({ initialUsers, currentUserId, now }: { initialUsers: UserJson[]; currentUserId: string; now: number }) {
  const [users, setUsers] = useState(initialUsers);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [resetShown, setResetShown] = useState<{ email: string; password: string } | null>(null);

  const replace = (u: UserJson) => setUsers((list) => list.map((x) => (x.id === u.id ? u : x)));

  async function patch(user: UserJson, body: Record<string, unknown>): Promise<string | null> {
    setBusyId(user.id);
    setError(null);
    const res = await apiSend<{ user: UserJson; sessionsEnded: number }>(`/api/v1/users/${user.id}`, "PATCH", body);
    setBusyId(null);
    if (!res.ok) return res.error;
    replace(res.data.user);
    if (res.data.user.id === currentUserId && !can(res.data.user.role as Role, "users:write")) window.location.assign("/alerts");
    return null;
  }

  // Rebuilt on every render: the handlers close over the current state (a handful of rows).
  const columns = userColumns({
        currentUserId,
        busyId,
        now,
        onRole: async (user, role) => {
          const err = await patch(user, { role });
          if (err) setError(err);
          else setNotice(`${user.email} is now ${role}.`);
        },
        onToggleDisabled: (user) => setPending({ kind: user.disabled ? "enable" : "disable", user }),
        onResetPassword: (user) => setPending({ kind: "reset", user }),
      });
  const table = useReactTable({ data: users, columns, getRowId: (u) => u.id, getCoreRowModel: getCoreRowModel(), enableSorting: false });

  async function confirm(): Promise<string | null> {
    if (!pending) return null;
    const { kind, user } = pending;
    if (kind === "reset") {
      const res = await apiSend<{ user: UserJson; password: string }>(`/api/v1/users/${user.id}/reset-password`, "POST");
      if (!res.ok) return res.error;
      setPending(null);
      setResetShown({ email: user.email, password: res.data.password });
      return null;
    }
    const err = await patch(user, { disabled: kind === "disable" });
    if (err) return err;
    setPending(null);
    setNotice(kind === "disable" ? `${user.email} is disabled and was signed out.` : `${user.email} can sign in again.`);
    return null;
  }

  const active = users.filter((u) => !u.disabled).length;
  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-500 dark:text-slate-400">
          {users.length} user{users.length === 1 ? "" : "s"}, {active} active. Disabling a user or resetting a password signs them out everywhere.
        </p>
        <button type="button" className="btn-primary ml-auto" onClick={() => setCreating(true)}>
          New user
        </button>
      </div>
      {error && (
        <div role="alert" className="mb-3 rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </div>
      )}
      {notice && !error && (
        <div role="status" className="mb-3 rounded-md border border-emerald-500/40 bg-emerald-500/10 px-3 py-2 text-sm text-emerald-700 dark:text-emerald-300">
          {notice}
        </div>
      )}
      {users.length === 0 ? (
        <EmptyState title="No users">Create the first account with New user.</EmptyState>
      ) : (
        <div className="card">
          <DataTable table={table} label="Users" />
        </div>
      )}
      {creating && (
        <CreateUserDialog
          onClose={() => setCreating(false)}
          onCreated={(u) => {
            setUsers((list) => [...list, u]);
            setNotice(`Created ${u.email}.`);
            setError(null);
          }}
        />
      )}
      {pending && (
        <ConfirmDialog
          title={pending.kind === "reset" ? "Reset password?" : pending.kind === "disable" ? "Disable user?" : "Enable user?"}
          confirmLabel={pending.kind === "reset" ? "Reset password" : pending.kind === "disable" ? "Disable user" : "Enable user"}
          danger={pending.kind !== "enable"}
          onCancel={() => setPending(null)}
          onConfirm={confirm}
        >
          <span className="font-medium text-slate-900 dark:text-slate-100">{pending.user.email}</span>{" "}
          {pending.kind === "reset"
            ? "gets a new generated password, shown once. Their current password stops working and their sessions end now."
            : pending.kind === "disable"
              ? "can no longer sign in, and their open sessions end now. API keys are not affected."
              : "will be able to sign in again with their current password."}
        </ConfirmDialog>
      )}
      {resetShown && (
        <Dialog open title="Password reset" onClose={() => setResetShown(null)}>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
            New password for <span className="font-medium text-slate-900 dark:text-slate-100">{resetShown.email}</span>:
          </p>
          <SecretBox label="New password" value={resetShown.password} warning="This password is shown once. Copy it now and hand it over securely." />
          <div className="mt-5 flex justify-end">
            <button type="button" className="btn-primary" onClick={() => setResetShown(null)}>
              Done
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
