import Link from "next/link";
import { SeverityBadge, StatusBadge } from "@/components/alerts/badges";
import { hostHref } from "@/components/alerts/format";
import { formatTime, timeAgo } from "@/components/format";
import { incidentHref, incidentRef, PriorityBadge } from "@/components/incidents/badges";
import type { IncidentSort, IncidentSummaryJson } from "@/lib/incidents/types";

const link = "text-sky-600 hover:underline dark:text-sky-400";

function SortHeader({ label, sort, current, order, onSort, numeric }: { label: string; sort: IncidentSort; current: IncidentSort; order: "asc" | "desc"; onSort: (s: IncidentSort) => void; numeric?: boolean }) {
  const active = current === sort;
  return (
    <th scope="col" aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"} className={`px-3 py-2 font-medium ${numeric ? "text-right" : ""}`}>
      <button type="button" onClick={() => onSort(sort)} className="inline-flex items-center gap-1 uppercase hover:text-slate-900 dark:hover:text-slate-100">
        {label}
        <span aria-hidden>{active ? (order === "asc" ? "▲" : "▼") : "↕"}</span>
      </button>
    </th>
  );
}

/** One row per incident: priority, name, status, patient zero and hosts, alerts, severity, assignee, last activity. */
export function IncidentsTable({ incidents, sort, order, onSort, loading }: { incidents: IncidentSummaryJson[] | null; sort: IncidentSort; order: "asc" | "desc"; onSort: (s: IncidentSort) => void; loading: boolean }) {
  const plain = (label: string) => (
    <th scope="col" className="px-3 py-2 font-medium">
      {label}
    </th>
  );
  return (
    <table aria-label="Incidents" className="w-full text-sm" aria-busy={loading || undefined}>
      <thead className="border-b border-slate-200 text-left text-xs tracking-wide text-slate-600 uppercase dark:border-slate-800 dark:text-slate-300">
        <tr>
          <SortHeader label="Priority" sort="priority" current={sort} order={order} onSort={onSort} />
          {plain("Incident")}
          {plain("Status")}
          {plain("Patient zero → hosts")}
          <SortHeader label="Alerts" sort="size" current={sort} order={order} onSort={onSort} numeric />
          {plain("Severity")}
          {plain("Assignee")}
          <SortHeader label="Last activity" sort="lastActivity" current={sort} order={order} onSort={onSort} />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
        {(incidents ?? []).map((i) => (
          <tr key={i.id} data-incident-id={i.id} className="align-top">
            <td className="px-3 py-2">
              <PriorityBadge priority={i.priority} critical={i.critical} />
            </td>
            <td className="px-3 py-2">
              <Link prefetch={false} href={incidentHref(i.id)} className={`font-medium ${link}`}>
                <span className="mr-1.5 font-mono text-xs">{incidentRef(i.number)}</span>
                {i.title}
              </Link>
            </td>
            <td className="px-3 py-2">
              <StatusBadge status={i.status} reason={i.closingReason} />
            </td>
            <td className="max-w-md px-3 py-2 text-xs">
              {i.patientZero && <span className="font-mono font-semibold">{i.patientZero.hostName ?? i.patientZero.hostId ?? i.patientZero.ip}</span>}
              {i.patientZero && i.hosts.length > 0 && <span className="mx-1 text-slate-500">→</span>}
              {i.hosts.map((h, n) => (
                <span key={h.id}>
                  {n > 0 && ", "}
                  <Link prefetch={false} href={hostHref(h.id)} className={`font-mono ${link}`}>
                    {h.name ?? h.id}
                  </Link>
                </span>
              ))}
              {i.hostCount > i.hosts.length && <span className="text-slate-500"> +{i.hostCount - i.hosts.length} more</span>}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">
              {i.alertCount}
              {i.openAlertCount > 0 && i.openAlertCount !== i.alertCount && <span className="text-xs text-slate-500"> ({i.openAlertCount} open)</span>}
            </td>
            <td className="px-3 py-2">
              <SeverityBadge severity={i.severity} />
            </td>
            <td className="px-3 py-2 text-xs">{i.assignee ?? <span className="text-slate-500">Unassigned</span>}</td>
            <td className="px-3 py-2 font-mono text-xs whitespace-nowrap" title={formatTime(i.lastActivityAt)}>
              {timeAgo(i.lastActivityAt)}
            </td>
          </tr>
        ))}
        {incidents && incidents.length === 0 && (
          <tr>
            <td colSpan={8} className="px-3 py-8 text-center text-slate-500">
              No incident matches.
            </td>
          </tr>
        )}
        {!incidents && (
          <tr>
            <td colSpan={8} className="px-3 py-8 text-center text-slate-500">
              Loading…
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
