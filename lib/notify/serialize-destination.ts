import type { NotificationDestination } from "../db/generated/client";
import type { DestinationKind, Severity } from "./types";

/** The API shape of a destination: its settings without any secret, and its delivery counts. */
export interface DestinationJson {
  id: string;
  name: string;
  kind: DestinationKind;
  enabled: boolean;
  ruleIds: string[];
  minSeverity: Severity;
  onAlerts: boolean;
  onIncidents: boolean;
  onIncidentChanges: boolean;
  digestMinutes: number | null;
  settings: Record<string, unknown>;
  counts: { pending: number; delivered: number; dead: number; suppressed: number };
  lastDeliveredAt: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export function serializeDestination(
  row: NotificationDestination,
  counts: Record<string, number> = {},
  lastDeliveredAt: Date | null = null,
): DestinationJson {
  const settings = { ...(row.config as Record<string, unknown>) };
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as DestinationKind,
    enabled: row.enabled,
    ruleIds: row.ruleIds,
    minSeverity: row.minSeverity as Severity,
    onAlerts: row.onAlerts,
    onIncidents: row.onIncidents,
    onIncidentChanges: row.onIncidentChanges,
    digestMinutes: row.digestMinutes,
    settings,
    counts: {
      pending: (counts.pending ?? 0) + (counts.sending ?? 0),
      delivered: counts.delivered ?? 0,
      dead: counts.dead ?? 0,
      suppressed: counts.suppressed ?? 0,
    },
    lastDeliveredAt: lastDeliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

