"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { RoleBadge, StateBadge } from "@/components/admin/badges";
import { formatMinute, timeAgo } from "@/components/format";
import type { ApiKeyJson } from "@/lib/users/serialize-api-key";

/** Columns of the API keys table: the prefix identifies a key; the key itself is never shown again. */
export function apiKeyColumns(o: { now: number; onRevoke: (key: ApiKeyJson) => void }): ColumnDef<ApiKeyJson>[] {
  return [
    { accessorKey: "name", header: "Name", cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
    { id: "key", header: "Key", cell: ({ row }) => <code className="font-mono text-xs text-slate-600 dark:text-slate-300">{row.original.display}</code> },
    { id: "scope", header: "Scope", cell: ({ row }) => <RoleBadge role={row.original.scope} /> },
    {
      id: "created",
      header: "Created",
      cell: ({ row }) => (
        <div className="text-xs whitespace-nowrap">
          <div className="text-slate-600 dark:text-slate-300">{formatMinute(row.original.createdAt)}</div>
          <div className="text-slate-500">by {row.original.createdBy ?? "unknown"}</div>
        </div>
      ),
    },
    {
      id: "lastUsedAt",
      header: "Last used",
      cell: ({ row }) => (
        <span title={formatMinute(row.original.lastUsedAt)} className="text-xs whitespace-nowrap text-slate-600 dark:text-slate-300">
          {timeAgo(row.original.lastUsedAt, o.now)}
        </span>
      ),
    },
    {
      id: "status",
      header: "Status",
      cell: ({ row }) =>
        row.original.revokedAt ? (
          <span title={formatMinute(row.original.revokedAt)}>
            <StateBadge ok={false} label="Revoked" />
          </span>
        ) : (
          <StateBadge ok label="Active" />
        ),
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) =>
        row.original.revokedAt ? null : (
          <div className="flex justify-end">
            <button
              type="button"
              className="btn px-2 py-1 text-xs text-rose-600 dark:text-rose-400"
              onClick={() => o.onRevoke(row.original)}
              aria-label={`Revoke ${row.original.name}`}
            >
              Revoke
            </button>
          </div>
        ),
    },
  ];
}
