import Link from "next/link";
import { alertHref } from "@/components/alerts/format";
import { formatTime } from "@/components/format";
import { Section } from "@/components/ui/section";
import type { IncidentDetailJson } from "@/lib/incidents/types";
import { HopEnd } from "./incident-header";

/** The chains of its hops: patient zero, then each hop in time order with its depth. */
export function IncidentChain({ incident }: { incident: IncidentDetailJson }) {
  return (
    <Section title={`Chain${incident.chains.length > 1 ? `s (${incident.chains.length})` : ""}`}>
      {incident.chains.length === 0 && <p className="text-sm text-slate-500">No hop between hosts: these alerts share a source address.</p>}
      {incident.chains.map((c, n) => (
        <div key={n} className="mb-3 last:mb-0" data-testid="chain">
          <p className="mb-1 text-sm">
            <span className="text-slate-600 dark:text-slate-300">Patient zero </span>
            <HopEnd end={c.patientZero} />
            <span className="ml-2 text-xs text-slate-600 dark:text-slate-300">
              depth {c.depth} · breadth {c.breadth} · {c.hops.length} hops
            </span>
          </p>
          <ol className="space-y-0.5 text-sm">
            {c.hops.slice(0, 200).map((h) => (
              <li key={`${h.kind}:${h.id}`} data-hop-kind={h.kind} className="flex flex-wrap items-baseline gap-x-2" style={{ paddingLeft: `${Math.min(h.depth - 1, 8) * 1.25}rem` }}>
                <span className="font-mono text-xs text-slate-600 dark:text-slate-300">{formatTime(h.at)}</span>
                <HopEnd end={h.source} />
                <span aria-label="to" className="text-slate-500">
                  →
                </span>
                <HopEnd end={h.target} />
                {h.kind === "alert" ? (
                  <Link prefetch={false} href={alertHref(h.id)} className="text-xs text-rose-700 hover:underline dark:text-rose-400">
                    alert
                  </Link>
                ) : (
                  <span className="text-xs text-slate-600 dark:text-slate-300">connection</span>
                )}
              </li>
            ))}
          </ol>
          {c.hops.length > 200 && <p className="text-xs text-amber-700 dark:text-amber-400">The first 200 of {c.hops.length} hops are listed.</p>}
        </div>
      ))}
    </Section>
  );
}
