import Link from "next/link";
import { ChecklistProgress, SeverityBadge, StatusBadge } from "@/components/alerts/badges";
import { hostHref, ipHref } from "@/components/alerts/format";
import { formatTime } from "@/components/format";
import { incidentRef, PriorityBadge } from "@/components/incidents/badges";
import { CopyButton } from "@/components/ui/copy-button";
import type { IncidentDetailJson } from "@/lib/incidents/types";
import type { HopEndJson } from "@/lib/movement/types";

const link = "font-mono text-sky-600 hover:underline dark:text-sky-400";

/** A hop end as a link: its host page, or the address's page when no host is known. */
export function HopEnd({ end }: { end: HopEndJson }) {
  if (end.hostId)
    return (
      <Link prefetch={false} href={hostHref(end.hostId)} className={link}>
        {end.hostName ?? end.hostId}
      </Link>
    );
  if (end.ip)
    return (
      <Link prefetch={false} href={ipHref(end.ip)} className={link}>
        {end.ip}
      </Link>
    );
  return <span className="text-slate-500">unknown</span>;
}

/** Name, status, priority, patient zero, counts, times and checklist progress. */
export function IncidentHeader({ incident: i }: { incident: IncidentDetailJson }) {
  const facts: [string, React.ReactNode][] = [
    ["Patient zero", i.patientZero ? <span data-testid="patient-zero"><HopEnd end={i.patientZero} />{i.patientZero.hostId && i.patientZero.ip && <span className="ml-1 font-mono text-xs text-slate-500">{i.patientZero.ip}</span>}</span> : "—"],
    ["Alerts", <span className="tabular-nums">{i.alertCount} ({i.openAlertCount} open)</span>],
    ["Hosts", <span className="tabular-nums">{i.hostCount}</span>],
    ["Assignee", <span data-testid="incident-assignee">{i.assignee ?? "Unassigned"}</span>],
    ["First alert", <span className="font-mono">{formatTime(i.firstAlertAt)}</span>],
    ["Last alert", <span className="font-mono">{formatTime(i.lastAlertAt)}</span>],
    ["Last activity", <span className="font-mono">{formatTime(i.lastActivityAt)}</span>],
    ["Checklist", <ChecklistProgress done={i.checklist.done} total={i.checklist.total} />],
  ];
  return (
    <header data-testid="incident-header" className="card p-4">
      <nav aria-label="Breadcrumb" className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
        <Link prefetch={false} href="/incidents" className="hover:underline">
          Incidents
        </Link>
        <span aria-hidden>/</span>
        <span className="font-mono">{incidentRef(i.number)}</span>
        <CopyButton value={i.id} label="incident id" />
      </nav>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <PriorityBadge priority={i.priority} critical={i.critical} />
        <SeverityBadge severity={i.severity} />
        <StatusBadge status={i.status} reason={i.closingReason} />
        <h1 data-testid="incident-title" className="text-base font-semibold tracking-tight">
          <span className="mr-2 font-mono text-slate-500">{incidentRef(i.number)}</span>
          {i.title}
        </h1>
      </div>
      <dl className="mt-3 grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-x-6 gap-y-2 text-sm">
        {facts.map(([k, v]) => (
          <div key={k} className="min-w-0">
            <dt className="text-[11px] tracking-wide text-slate-600 uppercase dark:text-slate-300">{k}</dt>
            <dd className="flex min-w-0 items-center truncate">{v}</dd>
          </div>
        ))}
      </dl>
    </header>
  );
}
