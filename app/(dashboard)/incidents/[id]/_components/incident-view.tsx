"use client";

import Link from "next/link";
import { useApi } from "@/components/api/use-api";
import { incidentHref } from "@/components/incidents/badges";
import { MovementPanel } from "@/components/movement/movement-panel";
import { Section } from "@/components/ui/section";
import { StatusPage } from "@/components/ui/status-page";
import type { IncidentDetailJson } from "@/lib/incidents/types";
import type { HopEndJson } from "@/lib/movement/types";
import { IncidentActions } from "./incident-actions";
import { IncidentActivity } from "./incident-activity";
import { IncidentAlerts } from "./incident-alerts";
import { IncidentChain } from "./incident-chain";
import { IncidentFacts } from "./incident-facts";
import { IncidentHeader } from "./incident-header";
import { IncidentTimeline } from "./incident-timeline";

const HOUR = 3600_000;
/** The graph's node id of a hop end (lib/movement/types.ts: "host:<id>" or "ip:<address>"). */
export const endNodeId = (e: HopEndJson | null) => (e ? (e.hostId ? `host:${e.hostId}` : e.ip ? `ip:${e.ip}` : null) : null);

export function IncidentView({ id, initial, canTriage, me }: { id: string; initial: IncidentDetailJson; canTriage: boolean; me: string }) {
  const { data, error, reload } = useApi<IncidentDetailJson>(`/api/v1/incidents/${encodeURIComponent(id)}`, { initial });
  if (error && !data) {
    return (
      <StatusPage code="404" title={/not found/i.test(error) ? "Incident not found" : "The incident could not be loaded"} actions={<Link href="/incidents" className="btn">Back to incidents</Link>}>
        {error}
      </StatusPage>
    );
  }
  if (!data) return <p className="text-sm text-slate-500">Loading the incident…</p>;
  const from = new Date(Date.parse(data.firstAlertAt) - HOUR).toISOString();
  // Its alerts' time (not the last analyst action): the graph's window and the sliders' range.
  const to = new Date(Date.parse(data.lastAlertAt) + HOUR).toISOString();
  return (
    <div className="mx-auto max-w-[1600px] space-y-3">
      {data.mergedInto && (
        <p role="status" className="card border-amber-500/50 p-3 text-sm">
          This incident was merged into{" "}
          <Link href={incidentHref(data.mergedInto)} className="text-sky-600 underline dark:text-sky-400">
            another incident
          </Link>
          .
        </p>
      )}
      <IncidentHeader incident={data} />
      {canTriage && <IncidentActions incident={data} me={me} onChanged={reload} />}
      <Section title="Movement">
        <MovementPanel scope={{ incidentId: data.id }} bounds={{ from, to }} window={{ from, to }} patientZero={endNodeId(data.patientZero)} height={460} />
      </Section>
      <div className="grid gap-3 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-3">
          <IncidentChain incident={data} />
          <IncidentTimeline items={data.timeline} />
          <IncidentAlerts incident={data} canTriage={canTriage} onChanged={reload} />
        </div>
        <div className="min-w-0 space-y-3">
          <IncidentFacts incident={data} />
          <IncidentActivity activity={data.activity} />
        </div>
      </div>
    </div>
  );
}
