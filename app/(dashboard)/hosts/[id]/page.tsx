import Link from "next/link";
import { notFound } from "next/navigation";
import { formatTime } from "@/components/format";
import { TimeWindowBar } from "@/components/charts/time-window-bar";
import { ProcessTreeView } from "@/components/process-tree/process-tree-view";
import { PageHeader } from "@/components/ui/page-header";
import { huntHref } from "@/lib/hunt/hunt-links";
import { isKnownHost } from "@/lib/investigation/is-known-host";
import { getHostAlerts } from "@/lib/investigation/get-host-alerts";
import { parseInstant } from "@/lib/investigation/time-window";
import { getHostProcessTree } from "@/lib/process-tree/get-host-process-tree";

export const metadata = { title: "Host" };

type Search = { from?: string | string[]; to?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function HostPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { id: rawId } = await params;
  const hostId = decodeURIComponent(rawId);
  const sp = await searchParams;
  let from: Date | undefined;
  let to: Date | undefined;
  let windowError: string | null = null;
  try {
    from = parseInstant(one(sp.from), "from");
    to = parseInstant(one(sp.to), "to");
  } catch (e) {
    windowError = (e as Error).message;
  }
  const [known, data, hostAlerts] = await Promise.all([isKnownHost(hostId), getHostProcessTree(hostId, { from, to }).catch((e: Error) => e), getHostAlerts(hostId, 9)]);
  if (!known) notFound();
  const alertsHref = `/alerts?hostId=${encodeURIComponent(hostId)}`;
  const title = data instanceof Error ? hostId : (data.host.name ?? hostId);

  return (
    <>
      <PageHeader title={`Host ${title}`}>
        <Link prefetch={false} href={`/movement?hostId=${encodeURIComponent(hostId)}`} className="btn">
          Movement
        </Link>
        <Link prefetch={false} href={alertsHref} className="btn">
          All alerts of this host
        </Link>
        <Link
          prefetch={false}
          href={huntHref({ hostId, from: data instanceof Error ? new Date(Date.now() - 86_400_000) : data.window.from, to: data instanceof Error ? new Date() : data.window.to })}
          className="btn"
        >
          Hunt on this host
        </Link>
      </PageHeader>
      <div className="mb-3 text-xs text-slate-500">
        host.id <span className="font-mono">{hostId}</span>
      </div>
      <div className="mb-4 flex flex-col-reverse gap-4">
        <section aria-label="Process tree" className="flex min-w-0 flex-col gap-3">
          {data instanceof Error || windowError ? (
            <div role="alert" className="card p-4 text-sm text-rose-600 dark:text-rose-300">
              {windowError ?? (data as Error).message}
            </div>
          ) : (
            <>
              <TimeWindowBar basePath={`/hosts/${encodeURIComponent(hostId)}`} window={data.window} />
              <div className="flex flex-wrap gap-4 text-xs text-slate-500">
                <span>{data.processCount} process starts from {formatTime(data.window.from)} to {formatTime(data.window.to)}</span>
                <span>{data.inferredEdges} inferred edges</span>
                {data.truncated && <span className="text-amber-600">Truncated to the first 5,000 processes: narrow the window</span>}
              </div>
              <ProcessTreeView tree={data.tree} />
            </>
          )}
        </section>
        <section aria-label="Host alerts" className="card p-3">
          <div className="mb-2 flex items-center gap-2">
            <h2 className="text-sm font-semibold">Alerts</h2>
            <span className="text-xs text-slate-500">
              {hostAlerts.counts.open} open · {hostAlerts.counts.acknowledged} acknowledged · {hostAlerts.counts.closed} closed
            </span>
          </div>
          {hostAlerts.alerts.length === 0 ? (
            <p className="text-sm text-slate-500">No alerts on this host.</p>
          ) : (
            <ul className="grid gap-x-6 divide-slate-200 text-sm md:grid-cols-2 xl:grid-cols-3 dark:divide-slate-800">
              {hostAlerts.alerts.map((a) => (
                <li key={a.id} className="py-2">
                  <Link prefetch={false} href={`/alerts/${encodeURIComponent(a.id)}`} className="font-medium text-sky-600 hover:underline dark:text-sky-400">
                    {a.ruleName}
                  </Link>
                  <div className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-500">
                    <span className="capitalize">{a.status}</span>
                    <span>{a.severity}</span>
                    <span className="font-mono">{a.processName ?? ""}</span>
                    {a.sourceIp && (
                      <Link prefetch={false} href={`/ips/${encodeURIComponent(a.sourceIp)}`} className="font-mono hover:underline">
                        {a.sourceIp}
                      </Link>
                    )}
                    <span>{formatTime(a.createdAt)}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <Link prefetch={false} href={alertsHref} className="mt-2 inline-block text-xs text-sky-600 hover:underline dark:text-sky-400">
            Open in the alerts table →
          </Link>
        </section>
      </div>
    </>
  );
}
