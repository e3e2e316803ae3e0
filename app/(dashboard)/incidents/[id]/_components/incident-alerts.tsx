"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AddressLabel } from "@/components/address/address-label";
import { SeverityBadge, StatusBadge } from "@/components/alerts/badges";
import { alertHref, hostHref } from "@/components/alerts/format";
import { apiSend } from "@/components/api/client";
import { formatTime } from "@/components/format";
import { incidentHref, incidentRef } from "@/components/incidents/badges";
import { FormError } from "@/components/ui/form-error";
import { Section } from "@/components/ui/section";
import type { IncidentDetailJson, IncidentSplitJson } from "@/lib/incidents/types";

/** Its alerts in time order; analysts tick some and take them out into an incident of their own. */
export function IncidentAlerts({ incident, canTriage, onChanged }: { incident: IncidentDetailJson; canTriage: boolean; onChanged: () => void }) {
  const router = useRouter();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<IncidentSplitJson | null>(null);
  const toggle = (id: string) => setPicked((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const all = picked.size === incident.alerts.length;

  async function split() {
    setBusy(true);
    setError(null);
    const r = await apiSend<IncidentSplitJson>(`/api/v1/incidents/${encodeURIComponent(incident.id)}/split`, "POST", { alertIds: [...picked] });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setDone(r.data);
    setPicked(new Set());
    onChanged();
  }

  const actions = canTriage ? (
    <button type="button" className="btn py-0.5 text-xs" disabled={picked.size === 0 || all || busy} onClick={split} title={all ? "Leave at least one alert in this incident" : undefined}>
      {busy ? "Splitting…" : `Split ${picked.size || ""} into a new incident`}
    </button>
  ) : undefined;

  return (
    <Section title={`Alerts (${incident.alertCount})`} actions={actions}>
      <FormError error={error} />
      {done && (
        <p role="status" className="mb-2 text-sm">
          Taken out into{" "}
          <button type="button" className="text-sky-600 underline dark:text-sky-400" onClick={() => router.push(incidentHref(done.incident.id))}>
            {incidentRef(done.incident.number)}
          </button>
          . Later grouping keeps them apart.
        </p>
      )}
      <div className="overflow-x-auto">
        <table aria-label="Incident alerts" className="w-full text-sm">
          <thead className="border-b border-slate-200 text-left text-xs tracking-wide text-slate-600 uppercase dark:border-slate-800 dark:text-slate-300">
            <tr>
              {canTriage && (
                <th scope="col" className="w-8 px-2 py-1.5">
                  <span className="sr-only">Select</span>
                </th>
              )}
              {["Severity", "Target", "Source", "Reason", "Status", "Last event"].map((h) => (
                <th key={h} scope="col" className="px-2 py-1.5 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {incident.alerts.map((a) => (
              <tr key={a.id} data-alert-id={a.id} className="align-top">
                {canTriage && (
                  <td className="px-2 py-1.5">
                    <input type="checkbox" aria-label={`Select alert on ${a.host.name ?? a.host.id}: ${a.reason}`} checked={picked.has(a.id)} onChange={() => toggle(a.id)} />
                  </td>
                )}
                <td className="px-2 py-1.5">
                  <SeverityBadge severity={a.severity} />
                  {a.pivot && <span className="ml-1 rounded bg-orange-500/15 px-1 text-[10px] font-semibold text-orange-800 uppercase dark:text-orange-300">pivot</span>}
                </td>
                <td className="px-2 py-1.5">
                  <Link prefetch={false} href={hostHref(a.host.id)} className="font-mono text-xs text-sky-600 hover:underline dark:text-sky-400">
                    {a.host.name ?? a.host.id}
                  </Link>
                  {a.critical && <span className="ml-1 text-[10px] font-semibold text-amber-700 uppercase dark:text-amber-400">critical</span>}
                </td>
                <td className="px-2 py-1.5 text-xs">{a.sourceIp ? <AddressLabel ip={a.sourceIp} info={a.sourceAddress} /> : "—"}</td>
                <td className="px-2 py-1.5">
                  <Link prefetch={false} href={alertHref(a.id)} className="line-clamp-2 text-xs hover:underline">
                    {a.reason}
                  </Link>
                </td>
                <td className="px-2 py-1.5">
                  <StatusBadge status={a.status} reason={a.closingReason} />
                </td>
                <td className="px-2 py-1.5 font-mono text-xs whitespace-nowrap">{formatTime(a.lastEventAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {incident.alertsTruncated && <p className="mt-1 text-xs text-amber-700 dark:text-amber-400">The first {incident.alerts.length} alerts are listed.</p>}
    </Section>
  );
}
