import Link from "next/link";
import { formatDuration, formatTime } from "@/components/format";
import { StackedTimeChart } from "@/components/charts/stacked-time-chart";
import { TimeWindowBar } from "@/components/charts/time-window-bar";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { getOverview } from "@/lib/investigation/get-overview";
import { DAY_MS, parseWindow } from "@/lib/investigation/time-window";
import { OVERVIEW_WINDOW } from "@/lib/validation/common";

export const metadata = { title: "Overview" };

type Search = { from?: string | string[]; to?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const PRESETS = [
  { label: "24 h", ms: DAY_MS },
  { label: "7 d", ms: 7 * DAY_MS },
  { label: "30 d", ms: 30 * DAY_MS },
];

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  let data;
  try {
    data = await getOverview(parseWindow({ from: one(sp.from), to: one(sp.to) }, OVERVIEW_WINDOW));
  } catch (e) {
    return (
      <>
        <PageHeader title="Overview" />
        <div role="alert" className="card p-4 text-sm text-rose-600 dark:text-rose-300">
          {(e as Error).message}
        </div>
      </>
    );
  }
  const span = Date.parse(data.window.to) - Date.parse(data.window.from);
  const tiles = [
    { label: "Alerts", value: String(data.counts.total), testId: "tile-total" },
    { label: "Open", value: String(data.counts.open), testId: "tile-open" },
    { label: "Acknowledged", value: String(data.counts.acknowledged), testId: "tile-acknowledged" },
    { label: "Closed", value: String(data.counts.closed), testId: "tile-closed" },
    { label: "Mean time to acknowledge", value: formatDuration(data.meanTimeToAcknowledgeSeconds), hint: `${data.acknowledgedCount} acknowledged`, testId: "tile-mtta" },
    { label: "Mean time to close", value: formatDuration(data.meanTimeToCloseSeconds), hint: `${data.closedCount} closed`, testId: "tile-mttc" },
  ];
  return (
    <>
      <PageHeader title="Overview" />
      <div className="mb-3">
        <TimeWindowBar basePath="/overview" window={data.window} presets={PRESETS} />
      </div>
      <p className="mb-3 text-xs text-slate-500">Alerts created from {formatTime(data.window.from)} to {formatTime(data.window.to)}.</p>
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {tiles.map((t) => (
          <div key={t.label} className="card px-3 py-2" data-testid={t.testId}>
            <div className="text-xs text-slate-500">{t.label}</div>
            <div className="text-xl font-semibold tabular-nums">{t.value}</div>
            {t.hint && <div className="text-xs text-slate-500">{t.hint}</div>}
          </div>
        ))}
      </div>
      <div className="mb-4 grid gap-4 xl:grid-cols-2">
        <section className="card p-3">
          <h2 className="mb-2 text-sm font-semibold">Open alerts over time, by rule</h2>
          <StackedTimeChart keys={data.openByRule.keys} rows={data.openByRule.rows} spanMs={span} label="Open alerts over time by rule" />
        </section>
        <section className="card p-3">
          <h2 className="mb-2 text-sm font-semibold">Open alerts over time, by host</h2>
          <StackedTimeChart keys={data.openByHost.keys} rows={data.openByHost.rows} spanMs={span} label="Open alerts over time by host" />
        </section>
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <RankTable
          title="Top source IPs"
          head={["Source IP", "Alerts", "Open", "Hosts", "Last seen"]}
          rows={data.topSourceIps.map((r) => ({
            key: r.ip,
            href: `/ips/${encodeURIComponent(r.ip)}`,
            label: r.ip,
            cells: [r.alerts, r.open, r.hosts, formatTime(r.lastSeen)],
          }))}
        />
        <RankTable
          title="Hosts with most alerts"
          head={["Host", "Alerts", "Open", "Source IPs"]}
          rows={data.topHosts.map((r) => ({ key: r.hostId, href: `/hosts/${encodeURIComponent(r.hostId)}`, label: r.hostName ?? r.hostId, cells: [r.alerts, r.open, r.sourceIps] }))}
        />
      </div>
    </>
  );
}

function RankTable({ title, head, rows }: { title: string; head: string[]; rows: { key: string; href: string; label: string; cells: (string | number)[] }[] }) {
  return (
    <section className="card overflow-x-auto" aria-label={title}>
      <h2 className="px-3 pt-3 text-sm font-semibold">{title}</h2>
      <table className="mt-2 w-full text-sm">
        <TableHead cells={head.map((label, i) => ({ label, numeric: i > 0 }))} />
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.key}>
              <td className="px-3 py-1.5">
                <Link prefetch={false} href={r.href} className="font-mono text-sky-600 hover:underline dark:text-sky-400">
                  {r.label}
                </Link>
              </td>
              {r.cells.map((c, i) => (
                <td key={i} className="px-3 py-1.5 text-right tabular-nums">
                  {c}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={head.length} className="px-3 py-6 text-center text-slate-500">
                No alerts in this window.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
