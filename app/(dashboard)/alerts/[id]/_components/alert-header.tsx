import Link from "next/link";
import { RiskScore, SeverityBadge, StatusBadge } from "@/components/alerts/badges";
import { hostHref, ipHref } from "@/components/alerts/format";
import { formatTime } from "@/components/format";
import type { AlertPageJson } from "@/lib/triage/get-alert-detail";

/** Rule, severity, risk, status, assignee, host, source IP, times and the reason sentence. */
export function AlertHeader({ alert }: { alert: AlertPageJson }) {
  const facts: [string, React.ReactNode][] = [
    ["Host", <Link key="h" href={hostHref(alert.host.id)} className="font-mono text-sky-600 hover:underline dark:text-sky-400">{alert.host.name ?? alert.host.id}</Link>],
    [
      "Source IP",
      alert.sourceIp ? (
        <Link key="ip" href={ipHref(alert.sourceIp)} className="font-mono text-sky-600 hover:underline dark:text-sky-400">
          {alert.sourceIp}
          {alert.sourcePort ? `:${alert.sourcePort}` : ""}
        </Link>
      ) : (
        "—"
      ),
    ],
    ["User", <span key="u" className="font-mono">{alert.user ?? "—"}</span>],
    ["Assignee", alert.assignee ?? "Unassigned"],
    ["First event", <span key="f" className="font-mono">{formatTime(alert.firstEventAt)}</span>],
    ["Last event", <span key="l" className="font-mono">{formatTime(alert.lastEventAt)}</span>],
    ["Created", <span key="c" className="font-mono">{formatTime(alert.createdAt)}</span>],
  ];
  return (
    <header className="card p-4">
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <Link href="/alerts" className="hover:underline">
          Alerts
        </Link>
        <span aria-hidden>/</span>
        <span className="font-mono">{alert.id.slice(0, 12)}</span>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <SeverityBadge severity={alert.severity} />
        <span className="text-xs text-slate-500">
          risk <RiskScore score={alert.riskScore} />
        </span>
        <StatusBadge status={alert.status} reason={alert.closingReason} />
        <h1 className="text-base font-semibold tracking-tight">{alert.ruleName}</h1>
        <span className="text-xs text-slate-500">v{alert.ruleVersion}</span>
      </div>
      <p data-testid="alert-reason" className="mt-2 text-sm break-words text-slate-700 dark:text-slate-200">
        {alert.reason}
      </p>
      <dl className="mt-3 grid grid-cols-[repeat(auto-fill,minmax(10.5rem,1fr))] gap-x-6 gap-y-2 text-sm">
        {facts.map(([k, v]) => (
          <div key={k} className="min-w-0">
            <dt className="text-[11px] tracking-wide text-slate-500 uppercase">{k}</dt>
            <dd className="truncate">{v}</dd>
          </div>
        ))}
      </dl>
    </header>
  );
}
