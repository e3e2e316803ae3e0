import Link from "next/link";
import { alertHref, hostHref } from "@/components/alerts/format";
import { formatTime } from "@/components/format";
import { Section } from "@/components/ui/section";
import type { IncidentTimelineItemJson } from "@/lib/incidents/types";

const KIND: Record<IncidentTimelineItemJson["kind"], { label: string; tone: string }> = {
  alert: { label: "Alert", tone: "bg-rose-600 text-white" },
  connection: { label: "Connection", tone: "bg-sky-600/15 text-sky-800 dark:text-sky-300" },
  process: { label: "Process", tone: "bg-slate-500/15 text-slate-700 dark:text-slate-300" },
};

/** One timeline of all its alerts and their key events (connection, process start), in time order. */
export function IncidentTimeline({ items }: { items: IncidentTimelineItemJson[] }) {
  const sorted = [...items].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return (
    <Section title={`Timeline (${items.length})`}>
      <ol aria-label="Incident timeline" className="max-h-[32rem] space-y-1 overflow-auto text-sm">
        {sorted.map((t, n) => (
          <li key={n} data-kind={t.kind} className="grid grid-cols-[10.5rem_5.5rem_8rem_minmax(0,1fr)] items-baseline gap-2">
            <span className="font-mono text-xs text-slate-600 dark:text-slate-300">{formatTime(t.at)}</span>
            <span className={`rounded px-1 text-center text-[11px] font-medium ${KIND[t.kind].tone}`}>{KIND[t.kind].label}</span>
            <Link prefetch={false} href={hostHref(t.hostId)} className="truncate font-mono text-xs text-sky-600 hover:underline dark:text-sky-400">
              {t.hostName ?? t.hostId}
            </Link>
            <Link prefetch={false} href={alertHref(t.alertId)} className={`font-mono text-xs break-all hover:underline ${t.kind === "alert" ? "font-semibold" : ""}`}>
              {t.text}
            </Link>
          </li>
        ))}
        {items.length === 0 && <li className="text-slate-500">Nothing yet.</li>}
      </ol>
    </Section>
  );
}
