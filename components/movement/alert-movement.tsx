"use client";

import Link from "next/link";
import { incidentHref } from "@/components/incidents/badges";
import { useInView } from "@/components/ui/use-in-view";
import { MovementPanel } from "./movement-panel";

const HOUR = 3600_000;

/**
 * The alert page's movement panel: its incident's graph when it has one, else every connection that
 * touches its host, around the alert (±6 h; the sliders reach ±24 h). Loaded when scrolled near.
 */
export function AlertMovement({ alert }: { alert: { id: string; host: { id: string }; incidentId: string | null; sourceHost: { id: string } | null; firstEventAt: string; lastEventAt: string } }) {
  const { ref, seen } = useInView<HTMLDivElement>();
  const a = Date.parse(alert.firstEventAt);
  const b = Date.parse(alert.lastEventAt);
  const iso = (t: number) => new Date(t).toISOString();
  const scope = alert.incidentId ? { incidentId: alert.incidentId } : { hostId: alert.host.id };
  return (
    <div ref={ref} className="space-y-2">
      <p className="text-xs text-slate-600 dark:text-slate-300">
        {alert.incidentId ? (
          <>
            The hops of{" "}
            <Link prefetch={false} href={incidentHref(alert.incidentId)} className="text-sky-600 hover:underline dark:text-sky-400">
              its incident
            </Link>
            .
          </>
        ) : (
          "Every WinRM connection to or from this host."
        )}{" "}
        This alert&apos;s host has a blue ring.
      </p>
      {seen ? (
        <MovementPanel scope={scope} bounds={{ from: iso(a - 24 * HOUR), to: iso(b + 24 * HOUR) }} window={{ from: iso(a - 6 * HOUR), to: iso(b + 6 * HOUR) }} height={380} highlight={[`host:${alert.host.id}`]} />
      ) : (
        <div className="h-40 animate-pulse rounded-lg bg-slate-200/60 dark:bg-slate-800/60" aria-busy="true" />
      )}
    </div>
  );
}
