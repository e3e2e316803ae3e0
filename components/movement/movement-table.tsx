import Link from "next/link";
import { formatTime } from "@/components/format";
import { TableHead } from "@/components/ui/table-head";
import { addressKind } from "./graph-node";
import { nodeHref, nodeName } from "./graph-format";
import type { MovementGraphJson, MovementNode } from "./types";

const ROWS = 500;

function NodeCell({ n, window }: { n: MovementNode | undefined; window: { from: string; to: string } }) {
  if (!n) return <span className="text-slate-500">—</span>;
  const kind = addressKind(n);
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1">
      <Link prefetch={false} href={nodeHref(n, window)} className="font-mono text-sky-600 hover:underline dark:text-sky-400">
        {nodeName(n)}
      </Link>
      {n.kind === "host" && n.ip && <span className="font-mono text-xs text-slate-500">{n.ip}</span>}
      {kind && <span className="text-xs text-slate-500 italic">{kind}</span>}
      {n.critical && <span className="text-[10px] font-semibold text-amber-700 uppercase dark:text-amber-400">critical</span>}
    </span>
  );
}

/** The graph's edges as a table (for keyboards, screen readers and exact reading): alerted first. */
export function MovementTable({ data, window }: { data: MovementGraphJson; window: { from: string; to: string } }) {
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const rows = [...data.edges].sort((a, b) => b.alerts - a.alerts || b.connections - a.connections || (a.firstSeen < b.firstSeen ? -1 : 1));
  return (
    <div className="overflow-x-auto">
      <table aria-label="Connections between hosts" className="w-full text-sm">
        <TableHead cells={["Source", "Target", { label: "Connections", numeric: true }, { label: "Alerts", numeric: true }, "First seen", "Last seen"]} />
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.slice(0, ROWS).map((e) => (
            <tr key={`${e.source}>${e.target}`} data-alerted={e.alerts > 0 ? "true" : undefined}>
              <td className="px-3 py-1.5">
                <NodeCell n={byId.get(e.source)} window={window} />
              </td>
              <td className="px-3 py-1.5">
                <NodeCell n={byId.get(e.target)} window={window} />
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">{e.connections}</td>
              <td className={`px-3 py-1.5 text-right tabular-nums ${e.alerts > 0 ? "font-semibold text-rose-600 dark:text-rose-400" : ""}`}>{e.alerts}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{formatTime(e.firstSeen)}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{formatTime(e.lastSeen)}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                No WinRM connection between hosts in the window.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {rows.length > ROWS && <p className="mt-1 text-xs text-amber-700 dark:text-amber-400">The first {ROWS} of {rows.length} edges are listed (alerted first).</p>}
    </div>
  );
}
