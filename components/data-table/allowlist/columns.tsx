"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { conditionSummary, formatTimestamp, shortDuration } from "@/lib/allowlist/format";
import type { AllowlistEntryJson } from "@/lib/allowlist/serialize-entry";

/** Columns of the allowlist table. Every value shown is text: conditions hold attacker-controlled strings. */
export interface AllowlistColumnOptions {
  canWrite: boolean;
  ruleNames: Record<string, string>;
  now: number;
  busyId: string | null;
  onToggle: (entry: AllowlistEntryJson, enabled: boolean) => void;
  onDelete: (entry: AllowlistEntryJson) => void;
}

export function ExpiryBadge({ entry, now }: { entry: AllowlistEntryJson; now: number }) {
  if (!entry.expiresAt) return <span className="text-slate-500">Never</span>;
  const left = new Date(entry.expiresAt).getTime() - now;
  if (left <= 0) {
    return <span className="rounded-full bg-rose-500/15 px-2 py-0.5 text-xs font-medium text-rose-600 ring-1 ring-rose-500/30 dark:text-rose-300">Expired</span>;
  }
  const soon = left < 3 * 86_400_000;
  return (
    <span
      title={formatTimestamp(entry.expiresAt)}
      className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${soon ? "bg-amber-500/15 text-amber-700 ring-amber-500/30 dark:text-amber-300" : "bg-slate-500/10 text-slate-600 ring-slate-500/20 dark:text-slate-300"}`}
    >
      Expires in {shortDuration(left)}
    </span>
  );
}

export function allowlistColumns(o: AllowlistColumnOptions): ColumnDef<AllowlistEntryJson>[] {
  const cols: ColumnDef<AllowlistEntryJson>[] = [
    {
      id: "expand",
      header: () => <span className="sr-only">History</span>,
      cell: ({ row }) => (
        <button
          type="button"
          onClick={row.getToggleExpandedHandler()}
          aria-expanded={row.getIsExpanded()}
          aria-label={`History of ${row.original.name}`}
          className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-slate-100"
        >
          <span className={`inline-block transition-transform ${row.getIsExpanded() ? "rotate-90" : ""}`}>▸</span>
        </button>
      ),
    },
    {
      accessorKey: "name",
      header: "Name",
      cell: ({ row }) => (
        <div className="min-w-40">
          <div className="font-medium">{row.original.name}</div>
          {row.original.comment && <div className="mt-0.5 line-clamp-2 text-xs text-slate-500 dark:text-slate-400">{row.original.comment}</div>}
        </div>
      ),
    },
    {
      id: "scope",
      header: "Scope",
      cell: ({ row }) =>
        row.original.ruleId ? (
          <span className="text-xs">{o.ruleNames[row.original.ruleId] ?? row.original.ruleId}</span>
        ) : (
          <span className="rounded bg-sky-500/10 px-1.5 py-0.5 text-xs font-medium text-sky-700 ring-1 ring-sky-500/25 dark:text-sky-300">All rules</span>
        ),
    },
    {
      id: "conditions",
      header: "Conditions",
      cell: ({ row }) => (
        <ul className="max-w-md space-y-0.5 font-mono text-xs">
          {row.original.conditions.map((c, i) => (
            <li key={i} className="break-all">
              {i > 0 && <span className="mr-1 font-sans font-semibold text-slate-400">AND</span>}
              {conditionSummary(c)}
            </li>
          ))}
          {!row.original.caseInsensitive && <li className="font-sans text-[11px] text-slate-500">case-sensitive</li>}
        </ul>
      ),
    },
    {
      id: "hits",
      header: "Hits",
      cell: ({ row }) => (
        <div className="whitespace-nowrap text-xs tabular-nums">
          <div>
            <span className="font-medium">{row.original.hitEvents.toLocaleString("en-US")}</span> events
          </div>
          <div className="text-slate-500 dark:text-slate-400">
            <span className="font-medium">{row.original.hitAlerts.toLocaleString("en-US")}</span> alerts closed
          </div>
        </div>
      ),
    },
    {
      accessorKey: "lastHitAt",
      header: "Last hit",
      cell: ({ row }) => <span className="whitespace-nowrap text-xs text-slate-600 dark:text-slate-300">{formatTimestamp(row.original.lastHitAt)}</span>,
    },
    { id: "expiry", header: "Expiry", cell: ({ row }) => <ExpiryBadge entry={row.original} now={o.now} /> },
    {
      id: "enabled",
      header: "Enabled",
      cell: ({ row }) => {
        const e = row.original;
        return (
          <button
            type="button"
            role="switch"
            aria-checked={e.enabled}
            aria-label={`Enabled: ${e.name}`}
            disabled={!o.canWrite || o.busyId === e.id}
            onClick={() => o.onToggle(e, !e.enabled)}
            className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${e.enabled ? "bg-sky-600" : "bg-slate-300 dark:bg-slate-700"}`}
          >
            <span className={`inline-block h-4 w-4 rounded-full bg-white shadow transition-transform ${e.enabled ? "translate-x-4" : "translate-x-0.5"}`} />
          </button>
        );
      },
    },
  ];
  if (o.canWrite) {
    cols.push({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <div className="flex justify-end gap-1.5">
          <Link prefetch={false} href={`/allowlists/${row.original.id}`} className="btn px-2 py-1 text-xs" aria-label={`Edit ${row.original.name}`}>
            Edit
          </Link>
          <button
            type="button"
            className="btn px-2 py-1 text-xs text-rose-600 dark:text-rose-400"
            aria-label={`Delete ${row.original.name}`}
            onClick={() => o.onDelete(row.original)}
          >
            Delete
          </button>
        </div>
      ),
    });
  }
  return cols;
}
