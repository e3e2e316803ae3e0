"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { StateBadge } from "@/components/admin/badges";
import { formatMinute, timeAgo } from "@/components/format";
import type { DeadLetterJson } from "@/lib/notify/read-destinations";
import type { DestinationJson } from "@/lib/notify/serialize-destination";

const KIND_LABEL: Record<string, string> = { webhook: "Webhook", slack: "Slack", teams: "Teams", syslog: "Syslog (CEF)", email: "Email" };

/** Where a destination sends, in words (never a secret: chat webhook URLs show their host only). */
export function targetOf(d: DestinationJson): string {
  const s = d.settings as Record<string, unknown>;
  switch (d.kind) {
    case "webhook":
      return String(s.url);
    case "slack":
    case "teams":
      return `${s.urlHost} (URL hidden)`;
    case "syslog":
      return `${s.host}:${s.port}${s.tls ? " (TLS)" : ""}`;
    case "email":
      return `${(s.to as string[]).join(", ")} via ${s.host}:${s.port}`;
  }
}

function routingOf(d: DestinationJson, ruleNames: Map<string, string>): string {
  const what = [d.onAlerts && "new alerts", d.onIncidents && "new incidents", d.onIncidentChanges && "incident changes"].filter(Boolean).join(", ") || "nothing";
  const rules = d.ruleIds.length ? d.ruleIds.map((r) => ruleNames.get(r) ?? r).join(", ") : "all rules";
  return `${what}; ${rules}; ${d.minSeverity} and above${d.digestMinutes ? `; digest every ${d.digestMinutes} min` : ""}`;
}

export function destinationColumns(o: {
  now: number;
  ruleNames: Map<string, string>;
  testing: string | null;
  onEdit: (d: DestinationJson) => void;
  onDelete: (d: DestinationJson) => void;
  onTest: (d: DestinationJson) => void;
}): ColumnDef<DestinationJson>[] {
  return [
    {
      accessorKey: "name",
      header: "Destination",
      cell: ({ row }) => (
        <div>
          <div className="font-medium">{row.original.name}</div>
          <div className="text-xs text-slate-500 dark:text-slate-400">{KIND_LABEL[row.original.kind]}</div>
        </div>
      ),
    },
    { id: "target", header: "Sends to", cell: ({ row }) => <span className="font-mono text-xs break-all">{targetOf(row.original)}</span> },
    { id: "routing", header: "Receives", cell: ({ row }) => <span className="text-xs">{routingOf(row.original, o.ruleNames)}</span> },
    {
      id: "counts",
      header: "Messages",
      cell: ({ row }) => {
        const c = row.original.counts;
        return (
          <div className="text-xs whitespace-nowrap">
            <div>
              {c.delivered} delivered · {c.pending} queued
            </div>
            <div className={c.dead ? "font-medium text-rose-700 dark:text-rose-300" : "text-slate-500"}>{c.dead} dead</div>
            <div className="text-slate-500" title={formatMinute(row.original.lastDeliveredAt)}>
              last {row.original.lastDeliveredAt ? timeAgo(row.original.lastDeliveredAt, o.now) : "never"}
            </div>
          </div>
        );
      },
    },
    { id: "enabled", header: "Status", cell: ({ row }) => <StateBadge ok={row.original.enabled} label={row.original.enabled ? "Enabled" : "Disabled"} /> },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <div className="flex justify-end gap-1">
          <button type="button" className="btn px-2 py-1 text-xs" disabled={o.testing === row.original.id} onClick={() => o.onTest(row.original)} aria-label={`Send a test to ${row.original.name}`}>
            {o.testing === row.original.id ? "Sending…" : "Send test"}
          </button>
          <button type="button" className="btn px-2 py-1 text-xs" onClick={() => o.onEdit(row.original)} aria-label={`Edit ${row.original.name}`}>
            Edit
          </button>
          <button type="button" className="btn px-2 py-1 text-xs text-rose-600 dark:text-rose-400" onClick={() => o.onDelete(row.original)} aria-label={`Delete ${row.original.name}`}>
            Delete
          </button>
        </div>
      ),
    },
  ];
}

export function deadLetterColumns(o: { now: number; retrying: string | null; onRetry: (d: DeadLetterJson) => void }): ColumnDef<DeadLetterJson>[] {
  return [
    { id: "destination", header: "Destination", cell: ({ row }) => <span className="font-medium">{row.original.destination.name}</span> },
    {
      id: "subject",
      header: "Message",
      cell: ({ row }) =>
        row.original.kind === "alert" ? (
          <a className="link font-mono text-xs" href={`/alerts/${encodeURIComponent(row.original.subjectId)}`}>
            alert {row.original.subjectId.slice(0, 12)}
          </a>
        ) : (
          <span className="font-mono text-xs">
            {row.original.kind.replace("_", " ")} {row.original.subjectId}
          </span>
        ),
    },
    { id: "attempts", header: "Attempts", cell: ({ row }) => <span className="text-xs">{row.original.attempts}</span> },
    { id: "error", header: "Last error", cell: ({ row }) => <span className="font-mono text-xs break-all text-rose-700 dark:text-rose-300">{row.original.lastError ?? ""}</span> },
    {
      id: "last",
      header: "Last attempt",
      cell: ({ row }) => (
        <span className="text-xs whitespace-nowrap" title={formatMinute(row.original.lastAttemptAt)}>
          {row.original.lastAttemptAt ? timeAgo(row.original.lastAttemptAt, o.now) : ""}
        </span>
      ),
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <div className="flex justify-end">
          <button type="button" className="btn px-2 py-1 text-xs" disabled={o.retrying === row.original.id} onClick={() => o.onRetry(row.original)} aria-label={`Retry message to ${row.original.destination.name}`}>
            {o.retrying === row.original.id ? "Retrying…" : "Retry"}
          </button>
        </div>
      ),
    },
  ];
}
