"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { ChecklistProgress, RiskScore, SeverityBadge, StatusBadge } from "@/components/alerts/badges";
import { AddressLabel } from "@/components/address/address-label";
import { alertHref, hostHref } from "@/components/alerts/format";
import { formatTime, timeAgo } from "@/components/format";
import { PriorityBadge } from "@/components/incidents/badges";
import type { AlertJson } from "@/lib/alerts/types";
import type { AlertSort } from "@/lib/validation/alerts";

/** The alerts table's columns. Every value from events is rendered as text. */
export const ALERT_COLUMN_LABELS: Record<string, string> = {
  priority: "Priority",
  severity: "Severity",
  risk: "Risk",
  rule: "Rule",
  reason: "Reason",
  host: "Host",
  sourceIp: "Source IP",
  user: "User",
  process: "Process",
  status: "Status",
  assignee: "Assignee",
  checklist: "Checklist",
  created: "Created",
  lastEvent: "Last event",
};
export const DEFAULT_HIDDEN_COLUMNS = ["process", "created"];

/**
 * Column id → the API's sort. The sorting itself is the server's (manualSorting); these columns get
 * an accessor so that tanstack lets their headers sort.
 */
export const COLUMN_SORTS: Record<string, AlertSort> = {
  priority: "priority",
  severity: "severity",
  risk: "riskScore",
  host: "host",
  created: "createdAt",
  lastEvent: "lastEventAt",
};
export const sortColumn = (sort: AlertSort) => Object.entries(COLUMN_SORTS).find(([, s]) => s === sort)?.[0] ?? "lastEvent";

const muted = <span className="text-slate-400 dark:text-slate-600">—</span>;

export function alertColumns({ selectable }: { selectable: boolean }): ColumnDef<AlertJson>[] {
  const cols: ColumnDef<AlertJson>[] = [
    {
      id: "priority",
      accessorFn: (a) => a.priority,
      header: "Priority",
      size: 64,
      cell: ({ row }) => <PriorityBadge priority={row.original.priority} critical={row.original.critical} />,
    },
    {
      id: "severity",
      accessorFn: (a) => a.severity,
      header: "Severity",
      size: 84,
      cell: ({ row }) => <SeverityBadge severity={row.original.severity} />,
    },
    { id: "risk", accessorFn: (a) => a.riskScore, header: "Risk", size: 56, cell: ({ row }) => <RiskScore score={row.original.riskScore} /> },
    {
      id: "rule",
      header: "Rule",
      enableSorting: false,
      cell: ({ row }) => (
        <span className="line-clamp-1 max-w-44 text-xs text-slate-600 dark:text-slate-300" title={row.original.ruleName}>
          {row.original.ruleName.replace(/^Incoming Execution via /i, "")}
        </span>
      ),
    },
    {
      id: "reason",
      header: "Reason",
      enableSorting: false,
      cell: ({ row }) => (
        <Link prefetch={false} href={alertHref(row.original.id)} className="line-clamp-2 min-w-64 hover:text-sky-500 hover:underline" title={row.original.reason}>
          {row.original.reason}
        </Link>
      ),
    },
    {
      id: "host",
      accessorFn: (a) => a.host.name ?? a.host.id,
      header: "Host",
      cell: ({ row }) => (
        <Link prefetch={false} href={hostHref(row.original.host.id)} className="font-mono text-xs whitespace-nowrap text-sky-600 hover:underline dark:text-sky-400">
          {row.original.host.name ?? row.original.host.id}
        </Link>
      ),
    },
    {
      id: "sourceIp",
      header: "Source IP",
      enableSorting: false,
      cell: ({ row }) =>
        row.original.sourceIp ? (
          <span className="text-xs">
            <AddressLabel ip={row.original.sourceIp} info={row.original.sourceAddress} />
            {row.original.pivot && <span className="ml-1 rounded bg-orange-500/15 px-1 text-[10px] font-semibold text-orange-800 uppercase dark:text-orange-300">pivot</span>}
          </span>
        ) : (
          muted
        ),
    },
    { id: "user", header: "User", enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs">{row.original.user ?? muted}</span> },
    {
      id: "process",
      header: "Process",
      enableSorting: false,
      cell: ({ row }) => (
        <span className="line-clamp-1 max-w-64 font-mono text-xs" title={row.original.process.commandLine ?? undefined}>
          {row.original.process.name ?? "—"}
        </span>
      ),
    },
    { id: "status", header: "Status", enableSorting: false, cell: ({ row }) => <StatusBadge status={row.original.status} reason={row.original.closingReason} /> },
    {
      id: "assignee",
      header: "Assignee",
      enableSorting: false,
      cell: ({ row }) => <span className="line-clamp-1 max-w-36 text-xs">{row.original.assignee ?? muted}</span>,
    },
    {
      id: "checklist",
      header: "Checklist",
      enableSorting: false,
      cell: ({ row }) => <ChecklistProgress done={row.original.checklist.done} total={row.original.checklist.total} />,
    },
    {
      id: "created",
      accessorFn: (a) => a.createdAt,
      header: "Created",
      cell: ({ row }) => (
        <span className="font-mono text-xs whitespace-nowrap text-slate-500" title={formatTime(row.original.createdAt)}>
          {timeAgo(row.original.createdAt)}
        </span>
      ),
    },
    {
      id: "lastEvent",
      accessorFn: (a) => a.lastEventAt,
      header: "Last event",
      cell: ({ row }) => (
        <span className="font-mono text-xs whitespace-nowrap text-slate-500" title={formatTime(row.original.lastEventAt)}>
          {timeAgo(row.original.lastEventAt)}
        </span>
      ),
    },
  ];
  if (!selectable) return cols;
  return [
    {
      id: "select",
      size: 28,
      enableSorting: false,
      enableHiding: false,
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label="Select all on this page"
          className="accent-sky-500"
          checked={table.getIsAllPageRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomePageRowsSelected();
          }}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label="Select alert"
          className="accent-sky-500"
          checked={row.getIsSelected()}
          onClick={(e) => e.stopPropagation()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    },
    ...cols,
  ];
}
