import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDuration, formatTime } from "@/components/format";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/server-session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { getRuleDetail } from "@/lib/investigation/get-rules-overview";
import { percent, SeverityBadge } from "../_components/badges";
import { GuideMarkdown } from "@/components/guide-markdown";
import { RuleControls } from "../_components/rule-controls";

export const metadata = { title: "Rule" };

export default async function RulePage({ params }: { params: Promise<{ id: string }> }) {
  const ruleId = decodeURIComponent((await params).id);
  const user = await requireUser();
  const rule = await getRuleDetail(ruleId).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const facts: [string, React.ReactNode][] = [
    ["Rule ID", <span key="id" className="font-mono text-xs">{rule.ruleId}</span>],
    ["Severity", <SeverityBadge key="s" severity={rule.severity} />],
    ["Risk score", rule.riskScore],
    ["Version", rule.version],
    [
      "Schedule",
      <span key="sch" data-testid="rule-schedule">
        <span className="block">
          Original rule: every <span className="font-mono">{rule.schedule.interval}</span> over events of the last <span className="font-mono">{rule.schedule.from}</span> by <span className="font-mono">@timestamp</span>, at most {rule.schedule.maxSignals} alerts a run
        </span>
        <span className="block text-slate-500">
          Here: {env().DETECTION_MODE === "realtime" ? `as events arrive (at least every ${rule.schedule.interval}), ` : ""}every event in ingest order, however late its @timestamp; a run that reaches the cap continues in the next
        </span>
      </span>,
    ],
    ["Indices", <span key="i" className="font-mono text-xs">{rule.index.join(", ")}</span>],
    ["Backlog", `${rule.backlog.events}${rule.backlog.capped ? "+" : ""} events, oldest ${formatDuration(rule.backlog.oldestAgeSeconds)}`],
    ["Alerts", `${rule.alerts.open} open · ${rule.alerts.acknowledged} acknowledged · ${rule.alerts.closed} closed`],
    ["False positive rate", <span key="fp" data-testid="fp-breakdown">{`${percent(rule.alerts.falsePositiveRate)} (${rule.alerts.falsePositives} marked false positive + ${rule.alerts.allowlisted} allowlisted, of ${rule.alerts.closed} closed)`}</span>],
    ...(rule.imported
      ? ([
          [
            "Imported",
            <span key="imp" data-testid="rule-imported">
              {rule.imported.versions.map((v) => (
                <span key={v.sha256 + v.importedAt} className="block">
                  v{v.version} · {formatTime(v.importedAt)} by {v.importedBy ?? "?"}
                  {v.fileName && <span className="font-mono text-xs"> · {v.fileName}</span>}
                </span>
              ))}
              <span className="block text-slate-500">
                {rule.imported.startSeq === null ? "Not enabled yet: once enabled, it evaluates the events ingested from then on" : `Evaluates events ingested after sequence ${rule.imported.startSeq} (its first enabling)`}
              </span>
            </span>,
          ],
        ] as [string, React.ReactNode][])
      : []),
    ["Author", rule.author.join(", ")],
    ["License", rule.license],
  ];
  return (
    <>
      <PageHeader title={rule.name}>
        <Link prefetch={false} href={`/alerts?ruleId=${encodeURIComponent(rule.ruleId)}`} className="btn">
          Alerts of this rule
        </Link>
      </PageHeader>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <RuleControls ruleId={rule.ruleId} name={rule.name} enabled={rule.enabled} canWrite={can(user.role, "rules:write")} />
        <span className="text-sm text-slate-500">{rule.enabled ? "Enabled" : "Disabled"}</span>
      </div>
      <p className="mb-4 max-w-4xl text-sm text-slate-600 dark:text-slate-300">{rule.description}</p>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="flex min-w-0 flex-col gap-4">
          <section className="card p-3">
            <h2 className="mb-2 text-sm font-semibold">Query</h2>
            <pre className="overflow-x-auto whitespace-pre-wrap rounded-md bg-slate-100 p-3 font-mono text-xs dark:bg-slate-950" data-testid="rule-query">
              {rule.query}
            </pre>
          </section>
          <section className="card p-4">
            <h2 className="mb-2 text-sm font-semibold">Investigation guide</h2>
            <GuideMarkdown markdown={rule.note} variant="full" />
          </section>
          <section className="card overflow-x-auto">
            <h2 className="px-3 pt-3 text-sm font-semibold">Execution history</h2>
            <table className="mt-2 w-full text-xs">
              <TableHead cells={["Started", "Trigger", "Shard", "Seq range", "Events", "Alerts", "Suppressed", "Duration", "Result"]} />
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {rule.executions.map((x) => (
                  <tr key={x.id}>
                    <td className="px-3 py-1.5 font-mono">{formatTime(x.startedAt)}</td>
                    <td className="px-3 py-1.5">{x.trigger}</td>
                    <td className="px-3 py-1.5 font-mono">{x.shard}</td>
                    <td className="px-3 py-1.5 font-mono">
                      {x.fromSeq}–{x.toSeq}
                    </td>
                    <td className="px-3 py-1.5 tabular-nums">{x.eventsScanned}</td>
                    <td className="px-3 py-1.5 tabular-nums">{x.alertsCreated}</td>
                    <td className="px-3 py-1.5 tabular-nums">{x.suppressed}</td>
                    <td className="px-3 py-1.5 tabular-nums">{x.durationMs ?? "—"} ms</td>
                    <td className={`px-3 py-1.5 ${x.error ? "text-rose-600" : "text-emerald-600"}`}>{x.error ? x.error : x.capped ? "capped, continues" : "ok"}</td>
                  </tr>
                ))}
                {rule.executions.length === 0 && (
                  <tr>
                    <td colSpan={9} className="px-3 py-6 text-center text-slate-500">
                      No executions yet.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </section>
        </div>
        <aside className="flex flex-col gap-4">
          <section className="card p-3">
            <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
              {facts.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-slate-500">{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section className="card p-3">
            <h2 className="mb-2 text-sm font-semibold">MITRE ATT&amp;CK</h2>
            <ul className="space-y-2 text-sm">
              {rule.threat.map((t) => (
                <li key={t.tactic.id}>
                  <a href={t.tactic.reference} target="_blank" rel="noopener noreferrer" className="text-sky-600 hover:underline dark:text-sky-400">
                    {t.tactic.name} ({t.tactic.id})
                  </a>
                  <ul className="ml-4 mt-1 space-y-1">
                    {t.techniques.map((tech) => (
                      <li key={tech.id}>
                        <a href={tech.reference} target="_blank" rel="noopener noreferrer" className="text-sky-600 hover:underline dark:text-sky-400">
                          {tech.id} {tech.name}
                        </a>
                        {tech.subtechniques.map((s) => (
                          <div key={s.id} className="ml-4">
                            <a href={s.reference} target="_blank" rel="noopener noreferrer" className="text-sky-600 hover:underline dark:text-sky-400">
                              {s.id} {s.name}
                            </a>
                          </div>
                        ))}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
          <section className="card p-3">
            <h2 className="mb-2 text-sm font-semibold">Tags</h2>
            <div className="flex flex-wrap gap-1">
              {rule.tags.map((t) => (
                <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
                  {t}
                </span>
              ))}
            </div>
          </section>
          <section className="card p-3">
            <h2 className="mb-2 text-sm font-semibold">References</h2>
            <ul className="space-y-1 text-xs">
              {rule.references.length === 0 && <li className="text-slate-500">None listed in the rule.</li>}
              {rule.references.map((r) => (
                <li key={r} className="break-all">
                  <a href={safeUrl(r)} target="_blank" rel="noopener noreferrer" className="text-sky-600 hover:underline dark:text-sky-400">
                    {r}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </>
  );
}

/** Only http(s) links are clickable. */
function safeUrl(u: string): string | undefined {
  return /^https?:\/\//i.test(u) ? u : undefined;
}
