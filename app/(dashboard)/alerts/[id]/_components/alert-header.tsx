import Link from "next/link";
import { RiskScore, SeverityBadge, StatusBadge } from "@/components/alerts/badges";
import { CommandLine } from "@/components/alerts/command-line";
import { AddressLabel } from "@/components/address/address-label";
import { hostHref } from "@/components/alerts/format";
import { incidentHref } from "@/components/incidents/badges";
import { ValueActions } from "@/components/alerts/value-actions";
import { formatTime } from "@/components/format";
import { CopyButton } from "@/components/ui/copy-button";
import type { AlertStage } from "@/lib/alerts/types";
import { huntAroundAddress, huntAroundHost } from "@/lib/hunt/hunt-links";
import type { AlertPageJson } from "@/lib/triage/get-alert-detail";

const link = "font-mono text-sky-600 hover:underline dark:text-sky-400";

/** "10.13.37.5:49712 → 10.20.0.5:5985 tcp" from the stage that holds the connection. */
export function connectionText(stages: AlertStage[]): string | null {
  const f = stages.find((s) => s.fields.sourceIp || s.fields.destinationPort)?.fields;
  if (!f) return null;
  const side = (ip?: string, port?: number) => `${ip ?? "?"}${port !== undefined ? `:${port}` : ""}`;
  return `${side(f.sourceIp, f.sourcePort)} → ${side(f.destinationIp, f.destinationPort)}${f.protocol ? ` ${f.protocol}` : ""}`;
}

/**
 * The evidence first: rule and verdict, the reason sentence, the child's command line (decoded when
 * PowerShell's -EncodedCommand hides it) and the connection; then host, source, user, process and
 * times, each with copy and "filter for / filter out".
 */
export function AlertHeader({ alert }: { alert: AlertPageJson }) {
  const child = [...alert.stages].reverse().find((s) => s.fields.processName || s.fields.commandLine)?.fields;
  const connection = connectionText(alert.stages);
  const facts: [string, React.ReactNode][] = [
    [
      "Host",
      <>
        <Link prefetch={false} href={hostHref(alert.host.id)} className={link}>
          {alert.host.name ?? alert.host.id}
        </Link>
        {alert.critical && <span className="ml-1 text-[10px] font-semibold text-amber-700 uppercase dark:text-amber-400">critical</span>}
        <ValueActions value={alert.host.name ?? alert.host.id} label="host" filter="host" />
      </>,
    ],
    [
      "Source IP",
      alert.sourceIp ? (
        <>
          <AddressLabel ip={alert.sourceIp} info={alert.sourceAddress} />
          {alert.pivot && (
            <span title="The source host itself has alerts: the intruder moved on from there" className="ml-1 rounded bg-orange-500/15 px-1 text-[10px] font-semibold text-orange-800 uppercase dark:text-orange-300">
              pivot
            </span>
          )}
          <ValueActions value={alert.sourceIp} label="source IP" filter="sourceIp" />
        </>
      ) : (
        "—"
      ),
    ],
    ["User", alert.user ? <><span className="font-mono">{alert.user}</span><ValueActions value={alert.user} label="user" filter="user" /></> : "—"],
    ["Process", alert.process.name ? <><span className="font-mono">{alert.process.name}</span><ValueActions value={alert.process.name} label="process" filter="process" /></> : "—"],
    [
      "Incident",
      alert.incidentId ? (
        <Link prefetch={false} href={incidentHref(alert.incidentId)} data-testid="alert-incident" className="text-sky-600 hover:underline dark:text-sky-400">
          Open the incident
        </Link>
      ) : (
        "—"
      ),
    ],
    ["Assignee", alert.assignee ?? "Unassigned"],
    ["First event", <span className="font-mono">{formatTime(alert.firstEventAt)}</span>],
    ["Last event", <span className="font-mono">{formatTime(alert.lastEventAt)}</span>],
    ["Created", <span className="font-mono">{formatTime(alert.createdAt)}</span>],
  ];
  return (
    <header data-testid="alert-header" className="card p-4">
      <nav aria-label="Breadcrumb" className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <Link prefetch={false} href="/alerts" className="hover:underline">
          Alerts
        </Link>
        <span aria-hidden>/</span>
        <span className="font-mono">{alert.id.slice(0, 12)}</span>
        <CopyButton value={alert.id} label="alert id" />
      </nav>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <SeverityBadge severity={alert.severity} />
        <span className="text-xs text-slate-500">
          risk <RiskScore score={alert.riskScore} />
        </span>
        <StatusBadge status={alert.status} reason={alert.closingReason} />
        <h1 className="text-base font-semibold tracking-tight">{alert.ruleName}</h1>
        <span className="text-xs text-slate-500">v{alert.ruleVersion}</span>
        <ValueActions value={alert.ruleName} label="rule name" />
      </div>
      <p data-testid="alert-reason" className="mt-2 text-sm break-words text-slate-700 dark:text-slate-200">
        {alert.reason}
      </p>
      <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm md:grid-cols-[8rem_minmax(0,1fr)]">
        <dt className="text-[11px] tracking-wide text-slate-500 uppercase md:pt-0.5">Command line</dt>
        <dd data-testid="header-command-line" className="min-w-0">
          <CommandLine value={child?.commandLine ?? alert.process.commandLine} />
        </dd>
        <dt className="text-[11px] tracking-wide text-slate-500 uppercase md:pt-0.5">Connection</dt>
        <dd data-testid="header-connection" className="flex items-center font-mono text-[13px]">
          {connection ?? "—"}
          {connection && <CopyButton value={connection} label="connection" />}
        </dd>
      </dl>
      <dl className="mt-3 grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-x-6 gap-y-2 text-sm">
        {facts.map(([k, v]) => (
          <div key={k} className="min-w-0">
            <dt className="text-[11px] tracking-wide text-slate-500 uppercase">{k}</dt>
            <dd className="flex min-w-0 items-center truncate">{v}</dd>
          </div>
        ))}
      </dl>
      <nav aria-label="Hunt around this" className="mt-3 flex flex-wrap items-center gap-3 text-xs">
        <span className="text-slate-500">Hunt around this:</span>
        <Link prefetch={false} href={huntAroundHost(alert.host.id, alert.firstEventAt, alert.lastEventAt)} className="text-sky-600 hover:underline dark:text-sky-400">
          same host ± 1 h
        </Link>
        {alert.sourceIp && (
          <Link prefetch={false} href={huntAroundAddress(alert.sourceIp, alert.firstEventAt, alert.lastEventAt)} className="text-sky-600 hover:underline dark:text-sky-400">
            same source address across hosts
          </Link>
        )}
      </nav>
    </header>
  );
}
