import Link from "next/link";
import { AddressLabel } from "@/components/address/address-label";
import { hostHref } from "@/components/alerts/format";
import { Section } from "@/components/ui/section";
import type { IncidentDetailJson, IncidentHostJson } from "@/lib/incidents/types";

const ROLE: Record<IncidentHostJson["role"], string> = { patient_zero: "patient zero", pivot: "pivot", target: "target" };

/** Its hosts (with their role in the chain), users and addresses. */
export function IncidentFacts({ incident }: { incident: IncidentDetailJson }) {
  return (
    <>
      <Section title={`Hosts (${incident.hostList.length})`}>
        <ul aria-label="Hosts" className="space-y-1 text-sm">
          {incident.hostList.map((h) => (
            <li key={h.id} data-host-role={h.role} className="flex flex-wrap items-baseline gap-2">
              <Link prefetch={false} href={hostHref(h.id)} className="font-mono text-sky-600 hover:underline dark:text-sky-400">
                {h.name ?? h.id}
              </Link>
              <span className={`rounded px-1 text-[11px] ${h.role === "patient_zero" ? "bg-violet-500/15 text-violet-800 dark:text-violet-300" : h.role === "pivot" ? "bg-orange-500/15 text-orange-800 dark:text-orange-300" : "bg-slate-500/15 text-slate-700 dark:text-slate-300"}`}>
                {ROLE[h.role]}
              </span>
              {h.critical && <span className="text-[11px] font-semibold text-amber-700 uppercase dark:text-amber-400">critical</span>}
              <span className="ml-auto text-xs text-slate-600 tabular-nums dark:text-slate-300">{h.alerts} alerts</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={`Users (${incident.users.length})`}>
        {incident.users.length === 0 ? (
          <p className="text-sm text-slate-500">None recorded.</p>
        ) : (
          <ul aria-label="Users" className="flex flex-wrap gap-2 font-mono text-xs">
            {incident.users.map((u) => (
              <li key={u} className="rounded bg-slate-500/10 px-1.5 py-0.5">
                <Link prefetch={false} href={`/alerts?${new URLSearchParams({ status: "all", user: u })}`} className="hover:underline">
                  {u}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={`Addresses (${incident.addresses.length})`}>
        <ul aria-label="Addresses" className="space-y-1 text-sm">
          {incident.addresses.map((a) => (
            <li key={a.ip}>
              <AddressLabel ip={a.ip} info={a} />
            </li>
          ))}
          {incident.addresses.length === 0 && <li className="text-slate-500">None.</li>}
        </ul>
      </Section>
    </>
  );
}
