"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { StateBadge } from "@/components/admin/badges";
import { formatMinute, timeAgo } from "@/components/format";
import { ROLES } from "@/lib/auth/roles";
import type { UserJson } from "@/lib/users/serialize-user";

/** Columns of the users table. Names and emails are rendered as text only. */
export interface UserColumnOptions {
  currentUserId: string;
  busyId: string | null;
  now: number;
  onRole: (user: UserJson, role: string) => void;
  onToggleDisabled: (user: UserJson) => void;
  onResetPassword: (user: UserJson) => void;
}

export function userColumns(o: UserColumnOptions): ColumnDef<UserJson>[] {
  return [
    {
      id: "user",
      header: "User",
      accessorFn: (u) => u.email,
      cell: ({ row }) => {
        const u = row.original;
        return (
          <div className="min-w-48">
            <div className="font-medium">
              {u.name || u.email}
              {u.id === o.currentUserId && <span className="ml-2 rounded bg-slate-500/15 px-1.5 py-0.5 text-[11px] font-normal text-slate-500">you</span>}
            </div>
            {u.name && <div className="text-xs text-slate-500 dark:text-slate-400">{u.email}</div>}
          </div>
        );
      },
    },
    {
      id: "role",
      header: "Role",
      cell: ({ row }) => {
        const u = row.original;
        return (
          <select
            aria-label={`Role of ${u.email}`}
            value={u.role}
            disabled={o.busyId === u.id}
            onChange={(e) => o.onRole(u, e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-950"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        );
      },
    },
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => <StateBadge ok={!row.original.disabled} label={row.original.disabled ? "Disabled" : "Active"} />,
    },
    {
      id: "lastLoginAt",
      header: "Last sign-in",
      cell: ({ row }) => (
        <span title={formatMinute(row.original.lastLoginAt)} className="text-xs whitespace-nowrap text-slate-600 dark:text-slate-300">
          {timeAgo(row.original.lastLoginAt, o.now)}
        </span>
      ),
    },
    {
      id: "createdAt",
      header: "Created",
      cell: ({ row }) => <span className="text-xs whitespace-nowrap text-slate-600 dark:text-slate-300">{formatMinute(row.original.createdAt)}</span>,
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => {
        const u = row.original;
        return (
          <div className="flex justify-end gap-1.5">
            <button type="button" className="btn px-2 py-1 text-xs" disabled={o.busyId === u.id} onClick={() => o.onResetPassword(u)} aria-label={`Reset password of ${u.email}`}>
              Reset password
            </button>
            <button
              type="button"
              className={`btn px-2 py-1 text-xs ${u.disabled ? "" : "text-rose-600 dark:text-rose-400"}`}
              disabled={o.busyId === u.id}
              onClick={() => o.onToggleDisabled(u)}
              aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.email}`}
            >
              {u.disabled ? "Enable" : "Disable"}
            </button>
          </div>
        );
      },
    },
  ];
}
