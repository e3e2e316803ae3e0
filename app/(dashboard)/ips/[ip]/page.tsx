import Link from "next/link";
import { AddressLabel } from "@/components/address/address-label";
import { formatInstant } from "@/components/charts/format";
import { IpActivityChart, PointsTruncated } from "@/components/charts/ip-activity-chart";
import { TimeWindowBar } from "@/components/charts/time-window-bar";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { huntHref } from "@/lib/hunt/hunt-links";
import { getSourceIpActivity } from "@/lib/investigation/get-source-ip-activity";
import { parseWindow } from "@/lib/investigation/time-window";
import { INVESTIGATION_WINDOW } from "@/lib/validation/common";
import { addressInfo } from "@/lib/movement/address-info";

export const metadata = { title: "Source IP" };

type Search = { from?: string | string[]; to?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function IpPage({ params, searchParams }: { params: Promise<{ ip: string }>; searchParams: Promise<Search> }) {
  const ip = decodeURIComponent((await params).ip);
  const sp = await searchParams;
  let result;
  try {
    const window = parseWindow({ from: one(sp.from), to: one(sp.to) }, INVESTIGATION_WINDOW);
    result = await getSourceIpActivity(ip, window);
  } catch (e) {
    result = e as Error;
  }
  if (result instanceof Error) {
    return (
      <>
        <PageHeader title={`Source IP ${ip}`} />
        <div role="alert" className="card p-4 text-sm text-rose-600 dark:text-rose-300">
          {result.message}
        </div>
      </>
    );
  }
  const data = result;
  const windowQuery = new URLSearchParams({ from: data.window.from, to: data.window.to }).toString();
  const stats = [
    { label: "First seen", value: formatInstant(data.firstSeen) },
    { label: "Last seen", value: formatInstant(data.lastSeen) },
    { label: "Hosts reached", value: String(data.totals.hosts) },
    { label: "WinRM connections", value: String(data.totals.connections) },
    { label: "Alerts", value: String(data.totals.alerts) },
  ];
  return (
    <>
      <PageHeader title={`Source IP ${data.ip}`}>
        <Link href={`/alerts?sourceIp=${encodeURIComponent(data.ip)}`} className="btn">
          Alerts from this IP
        </Link>
        <Link prefetch={false} href={huntHref({ ip: data.ip, from: data.window.from, to: data.window.to })} className="btn">
          Hunt this address
        </Link>
      </PageHeader>
      <div data-testid="ip-owners" className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
        <span className="text-xs text-slate-600 uppercase dark:text-slate-300">Held by</span>
        <AddressLabel ip={data.ip} info={addressInfo(data.ip, data.owners)} linkIp={false} query={windowQuery} />
        {data.owners.map((o) => (
          <span key={o.hostId} className="text-xs text-slate-600 dark:text-slate-300">
            {o.hostName ?? o.hostId}: {formatInstant(o.firstSeen)} – {formatInstant(o.lastSeen)}
          </span>
        ))}
        <Link prefetch={false} href={`/movement?${new URLSearchParams({ ip: data.ip, from: data.window.from, to: data.window.to })}`} className="text-xs text-sky-600 hover:underline dark:text-sky-400">
          Movement from this address →
        </Link>
      </div>
      {data.origin.length > 0 && (
        <div data-testid="ip-origin" className="card mb-3 px-3 py-2 text-sm">
          <span className="text-xs text-slate-600 uppercase dark:text-slate-300">Origin</span>{" "}
          <span className="text-xs text-slate-600 dark:text-slate-300">(this address&apos;s own host: the client end, not a host reached)</span>
          <ul className="mt-1 space-y-0.5">
            {data.origin.map((o) => (
              <li key={o.hostId}>
                <Link className="font-mono text-sky-600 hover:underline dark:text-sky-400" href={`/hosts/${encodeURIComponent(o.hostId)}?${windowQuery}`}>
                  {o.hostName ?? o.hostId}
                </Link>{" "}
                <span className="text-xs text-slate-600 dark:text-slate-300">
                  recorded {o.connections} outbound WinRM connection{o.connections === 1 ? "" : "s"} itself, {formatInstant(o.firstSeen)} – {formatInstant(o.lastSeen)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="mb-3">
        <TimeWindowBar basePath={`/ips/${encodeURIComponent(data.ip)}`} window={data.window} />
      </div>
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-5">
        {stats.map((s) => (
          <div key={s.label} className="card px-3 py-2">
            <div className="text-xs text-slate-500">{s.label}</div>
            <div className="font-mono text-sm font-semibold">{s.value}</div>
          </div>
        ))}
      </div>
      <h2 className="mb-2 text-sm font-semibold">Activity per host</h2>
      <div className="mb-4">
        {(data.truncated || data.alertsTruncated || data.hostsTruncated) && (
          <div className="mb-1 text-xs">
            <PointsTruncated data={data} />
          </div>
        )}
        <IpActivityChart data={data} />
      </div>
      <h2 className="mb-2 text-sm font-semibold">Hosts reached</h2>
      <div className="card overflow-x-auto">
        <table className="w-full text-sm">
          <TableHead cells={["Host", { label: "Connections", numeric: true }, { label: "Alerts", numeric: true }, "First seen", "Last seen"]} />
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {data.hosts.map((h) => (
              <tr key={h.hostId}>
                <td className="px-3 py-2">
                  <Link
                    className="font-mono text-sky-600 hover:underline dark:text-sky-400"
                    href={`/hosts/${encodeURIComponent(h.hostId)}?${new URLSearchParams({ from: new Date(Date.parse(h.firstSeen) - 3600_000).toISOString(), to: new Date(Date.parse(h.lastSeen) + 3600_000).toISOString() })}`}
                  >
                    {h.hostName ?? h.hostId}
                  </Link>
                  {h.hostName && <div className="font-mono text-xs text-slate-500">{h.hostId}</div>}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{h.connections}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {h.alerts > 0 ? (
                    <Link className="text-rose-600 hover:underline dark:text-rose-400" href={`/alerts?${new URLSearchParams({ sourceIp: data.ip, hostId: h.hostId })}`}>
                      {h.alerts}
                    </Link>
                  ) : (
                    0
                  )}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{formatInstant(h.firstSeen)}</td>
                <td className="px-3 py-2 font-mono text-xs">{formatInstant(h.lastSeen)}</td>
              </tr>
            ))}
            {data.hosts.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-500">
                  Nothing from this address in the window.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
