import { PageHeader } from "@/components/ui/page-header";
import { parseWindow } from "@/lib/investigation/time-window";
import { INVESTIGATION_WINDOW } from "@/lib/validation/common";
import { MovementExplorer } from "./_components/movement-explorer";

export const metadata = { title: "Movement" };

type Search = { from?: string | string[]; to?: string | string[]; hostId?: string | string[]; ip?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Every WinRM connection between hosts in a window, as a graph. The window and the host or address
 * it is narrowed to are in the URL (`from`, `to`, `hostId`, `ip`); the default is the last 24 hours.
 */
export default async function MovementPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  let window;
  try {
    const w = parseWindow({ from: one(sp.from), to: one(sp.to) }, INVESTIGATION_WINDOW);
    window = { from: w.from.toISOString(), to: w.to.toISOString() };
  } catch (e) {
    return (
      <>
        <PageHeader title="Movement" />
        <div role="alert" className="card p-4 text-sm text-rose-600 dark:text-rose-300">
          {(e as Error).message}
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Movement" />
      <p className="mb-3 max-w-4xl text-sm text-slate-600 dark:text-slate-300">
        Hosts and outside addresses, with every inbound WinRM connection (5985/5986) as an arrow from source to target. A host sits one column right of the host that reached it
        first. Click a host to open it, an arrow for its connections and alerts.
      </p>
      <MovementExplorer window={window} hostId={one(sp.hostId) ?? null} ip={one(sp.ip) ?? null} />
    </>
  );
}
