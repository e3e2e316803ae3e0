import Link from "next/link";
import { formatDuration, formatTime } from "@/components/format";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/server-session";
import { env } from "@/lib/env";
import { getRulesOverview } from "@/lib/investigation/get-rules-overview";
import { percent, SeverityBadge } from "./_components/badges";
import { RuleControls } from "./_components/rule-controls";
import { RuleImportForm } from "./_components/rule-import-form";
import { WorkerStatus } from "./_components/worker-status";

export const metadata = { title: "Rules" };

export default async function RulesPage() {
  const [user, rules] = await Promise.all([requireUser(), getRulesOverview()]);
  const canWrite = can(user.role, "rules:write");
  const realtime = env().DETECTION_MODE === "realtime";
  return (
    <>
      <PageHeader title="Rules" />
      <div className="mb-4">
        <WorkerStatus />
      </div>
      {canWrite && (
        <div className="mb-4">
          <RuleImportForm />
        </div>
      )}
      <div className="card overflow-x-auto">
        <table className="w-full text-sm">
          <TableHead
            cells={["Rule", "Enabled", "Schedule", "Last execution", ...["Backlog", "Open", "Ack.", "Closed", "False positive rate"].map((label) => ({ label, numeric: true }))]}
          />
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {rules.map((r) => (
              <tr key={r.ruleId} data-rule-id={r.ruleId} className="align-top">
                <td className="px-3 py-2">
                  <Link prefetch={false} href={`/rules/${encodeURIComponent(r.ruleId)}`} className="font-medium text-sky-600 hover:underline dark:text-sky-400">
                    {r.name}
                  </Link>
                  <div className="mt-1 flex items-center gap-2 text-xs text-slate-500">
                    <SeverityBadge severity={r.severity} />
                    <span>risk {r.riskScore}</span>
                    <span>v{r.version}</span>
                    {r.origin === "imported" && <span className="rounded bg-slate-200 px-1.5 py-0.5 text-slate-700 dark:bg-slate-700 dark:text-slate-200">imported</span>}
                  </div>
                </td>
                <td className="px-3 py-2">
                  <RuleControls ruleId={r.ruleId} name={r.name} enabled={r.enabled} canWrite={canWrite} />
                  {r.runRequestedAt && <div className="mt-1 text-xs text-amber-600">Run requested {formatTime(r.runRequestedAt)}</div>}
                </td>
                <td className="px-3 py-2 text-xs">
                  every <span className="font-mono">{r.schedule.interval}</span>
                  <div className="text-slate-500">
                    original look-back <span className="font-mono">{r.schedule.from}</span>; here: {realtime ? "as events arrive, " : ""}by ingest order
                  </div>
                </td>
                <td className="px-3 py-2 text-xs">
                  {r.lastExecution ? (
                    <>
                      <div className={r.lastExecution.error ? "text-rose-600" : ""}>
                        {formatTime(r.lastExecution.startedAt)} · {r.lastExecution.trigger}
                      </div>
                      <div className="text-slate-500">
                        {r.lastExecution.eventsScanned} events, {r.lastExecution.alertsCreated} alerts, {r.lastExecution.durationMs ?? "?"} ms
                        {r.lastExecution.error && " · failed"}
                      </div>
                    </>
                  ) : (
                    <span className="text-slate-500">never</span>
                  )}
                </td>
                <td className="px-3 py-2 text-right text-xs tabular-nums">
                  {r.backlog.events}
                  {r.backlog.capped && "+"} events
                  <div className="text-slate-500">oldest {formatDuration(r.backlog.oldestAgeSeconds)}</div>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{r.alerts.open}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.alerts.acknowledged}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.alerts.closed}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {percent(r.alerts.falsePositiveRate)}
                  <div className="text-xs text-slate-500" data-testid="fp-breakdown">
                    {r.alerts.falsePositives} marked + {r.alerts.allowlisted} allowlisted of {r.alerts.closed} closed
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
