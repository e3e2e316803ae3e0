import { pathTarget } from "../validation/common";
import { serializeAlert } from "../alerts/serialize-alert";
import type { AlertJson, AlertStage } from "../alerts/types";
import { requirePermission } from "../auth/actor";
import { listIncidentAlerts } from "../db/queries/alerts";
import { incidentById, listIncidentActivity, openAlertCounts } from "../db/queries/incidents";
import { ownersOf } from "../db/queries/movement";
import { readSql } from "../db/queries/sql";
import { notFound } from "../http/errors";
import { addressInfo } from "../movement/address-info";
import { movementGraph } from "../movement/get-movement";
import { movementOptions } from "../movement/options";
import { ownersInWindow } from "../movement/ownership";
import type { ServiceContext } from "../service-context";
import { incidentChains } from "./incident-chains";
import { serializeIncident } from "./serialize-incident";
import type { IncidentActivityJson, IncidentDetailJson, IncidentHostJson, IncidentTimelineItemJson } from "./types";

/** At most this many alerts on the incident page (the earliest). */
export const INCIDENT_PAGE_ALERTS = 500;

/** `GET /api/v1/incidents/:id`: the incident with its alerts, timeline, hosts, users, addresses, chains, graph and activity. */
export async function getIncident(input: unknown, ctx: ServiceContext): Promise<IncidentDetailJson> {
  requirePermission(ctx.actor, "read");
  const sql = readSql(ctx.tx);
  const { id } = pathTarget.parse(input);
  const row = await incidentById(sql, id);
  if (!row) throw notFound("Incident");
  const { windowMs, ownershipMs } = movementOptions();
  const rows = await listIncidentAlerts(row.id, INCIDENT_PAGE_ALERTS + 1, ctx.tx);
  const alerts: AlertJson[] = rows.slice(0, INCIDENT_PAGE_ALERTS).map(serializeAlert);
  const first = alerts.length ? Date.parse(alerts[0].firstEventAt) : row.first_alert_at.getTime();
  const last = alerts.length ? Math.max(...alerts.map((a) => Date.parse(a.lastEventAt))) : row.last_alert_at.getTime();

  const chains = await incidentChains(sql, alerts, windowMs, ownershipMs);
  const ips = [...new Set(alerts.map((a) => a.sourceIp).filter((x): x is string => x !== null))];
  const observations = await ownersOf(sql, ips, new Date(first - ownershipMs), new Date(last + ownershipMs));
  const addresses = ips.map((ip) => addressInfo(ip, ownersInWindow(observations, ip, first - ownershipMs, last + ownershipMs)));

  const patientZeroHost = chains[0]?.patientZero.hostId ?? null;
  const hostMap = new Map<string, IncidentHostJson>();
  const sources = new Set<string>();
  for (const a of alerts) {
    const h = hostMap.get(a.host.id) ?? { id: a.host.id, name: a.host.name, role: "target", alerts: 0, critical: false };
    h.alerts++;
    h.critical ||= a.critical;
    hostMap.set(a.host.id, h);
    if (a.sourceHost) {
      sources.add(a.sourceHost.id);
      if (!hostMap.has(a.sourceHost.id)) hostMap.set(a.sourceHost.id, { id: a.sourceHost.id, name: a.sourceHost.name, role: "target", alerts: 0, critical: false });
    }
  }
  for (const h of hostMap.values()) h.role = h.id === patientZeroHost ? "patient_zero" : sources.has(h.id) ? "pivot" : "target";

  const graph = await movementGraph(sql, { from: new Date(first - 3_600_000), to: new Date(last + 3_600_000) }, {
    incidentId: row.id,
    nodeIds: new Set([...hostMap.keys()].map((id) => `host:${id}`).concat(ips.map((ip) => `ip:${ip}`))),
  });
  const activity = await listIncidentActivity(sql, row.id);
  // Counted when read, like the list's (all of the incident's alerts, not only the page's): the stored
  // count is grouping's, and alerts are triaged one by one too.
  const open = (await openAlertCounts(sql, [row.id])).get(row.id) ?? 0;
  return {
    ...serializeIncident(row, open),
    alerts,
    alertsTruncated: rows.length > INCIDENT_PAGE_ALERTS,
    timeline: timeline(rows.slice(0, INCIDENT_PAGE_ALERTS).map((r) => ({ alert: serializeAlert(r), stages: r.stages as unknown as AlertStage[] }))),
    hostList: [...hostMap.values()].sort((a, b) => (a.role === "patient_zero" ? -1 : b.role === "patient_zero" ? 1 : b.alerts - a.alerts)),
    users: [...new Set(alerts.map((a) => a.user).filter((u): u is string => !!u))].sort(),
    addresses,
    chains,
    graph,
    activity: activity.map((a): IncidentActivityJson => ({ id: a.id, at: a.at.toISOString(), actor: a.actor, kind: a.kind as IncidentActivityJson["kind"], details: a.details })),
    checklist: { done: alerts.reduce((n, a) => n + a.checklist.done, 0), total: alerts.reduce((n, a) => n + a.checklist.total, 0) },
  };
}

/** One line per alert, and per stage its key event: the connection, the process started. Text only. */
function timeline(items: { alert: AlertJson; stages: AlertStage[] }[]): IncidentTimelineItemJson[] {
  const out: IncidentTimelineItemJson[] = [];
  for (const { alert, stages } of items) {
    out.push({ at: alert.firstEventAt, kind: "alert", alertId: alert.id, hostId: alert.host.id, hostName: alert.host.name, text: `${alert.ruleName}: ${alert.reason}` });
    for (const s of stages ?? []) {
      const f = s.fields ?? {};
      if (f.sourceIp && f.destinationPort) {
        out.push({
          at: s.event.timestamp, kind: "connection", alertId: alert.id, hostId: alert.host.id, hostName: alert.host.name,
          text: `${f.sourceIp}:${f.sourcePort ?? "?"} → ${f.destinationIp ?? alert.host.name ?? alert.host.id}:${f.destinationPort}`,
        });
      } else if (f.processName || f.commandLine) {
        out.push({
          at: s.event.timestamp, kind: "process", alertId: alert.id, hostId: alert.host.id, hostName: alert.host.name,
          text: `${f.parentName ?? "?"} → ${f.commandLine ?? f.processName}${f.userName ? ` (${f.userName})` : ""}`,
        });
      }
    }
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || (a.kind === "alert" ? 1 : 0) - (b.kind === "alert" ? 1 : 0));
}
