import crypto from "node:crypto";
import {
  aggregateIncidents,
  alertsForGrouping,
  criticalRules,
  emptyIncidents,
  incidentById,
  incidentHopAlerts,
  insertIncident,
  insertIncidentActivity,
  linkedIncidents,
  lockGrouping,
  markLaterPivots,
  mergeIncidentRows,
  reopenIncidents,
  setAlertFlags,
  setAlertSources,
  setAlertsIncident,
  writeIncidentSummary,
  type GroupingRow,
} from "../db/queries/incidents";
import { observationsOf } from "../db/queries/movement";
import type { Sql } from "../db/queries/sql";
import { buildChains, type Hop } from "../movement/chains";
import { criticalMatcher } from "../movement/critical";
import { ownerAt, ownersAround } from "../movement/ownership";
import { place } from "./grouping";

/**
 * Grouping in the database (the semantics are lib/incidents/grouping.ts'): for the given alerts,
 * inside the caller's transaction and under the grouping lock: resolve the host behind each source
 * address, set critical, pivot and priority, place each unpinned alert into the incident it links
 * to (creating or merging incidents), then recompute the incidents touched.
 */
export interface GroupingOptions {
  windowMs: number;
  ownershipMs: number;
}

/** The id of the incident an alert starts: stable for the alert. */
export function incidentIdFor(alertId: string): string {
  return `inc-${crypto.createHash("sha256").update(`incident:${alertId}`).digest("hex").slice(0, 20)}`;
}

export async function groupAlerts(sql: Sql, alertIds: string[], opts: GroupingOptions): Promise<{ incidents: string[] }> {
  if (!alertIds.length) return { incidents: [] };
  await lockGrouping(sql);
  const rows = await alertsForGrouping(sql, alertIds);
  await resolveSources(sql, rows, opts.ownershipMs);

  const isCritical = criticalMatcher((await criticalRules(sql)).map((r) => ({ hostId: r.host_id, pattern: r.pattern })));
  await setAlertFlags(sql, rows.map((r) => ({ id: r.id, critical: isCritical(r.host_id, r.host_name) })));
  const touched = new Set<string>(await markLaterPivots(sql, rows.map((r) => ({ hostId: r.host_id, at: r.first_event_at }))));

  const activity: Parameters<typeof insertIncidentActivity>[1] = [];
  const gained = new Set<string>();
  for (const row of rows) {
    if (row.incident_pinned) {
      if (row.incident_id) touched.add(row.incident_id);
      continue;
    }
    const current = (await sql.query<{ incident_id: string | null }>(`SELECT incident_id FROM alerts WHERE id = $1`, [row.id])).rows[0]?.incident_id ?? null;
    const refs = (await linkedIncidents(sql, row, opts.windowMs)).map((r) => ({ id: r.id, firstAlertAt: r.first_alert_at.getTime() }));
    if (current) {
      const own = await incidentById(sql, current);
      if (own) refs.push({ id: own.id, firstAlertAt: Math.min(own.first_alert_at.getTime(), row.first_event_at.getTime()) });
    }
    const p = place(refs);
    let target: string;
    if (p.kind === "create") {
      target = incidentIdFor(row.id);
      await insertIncident(sql, { id: target, title: `Alert on ${row.host_name ?? row.host_id}`, firstAlertAt: row.first_event_at, manual: false });
      activity.push({ incidentId: target, actor: null, kind: "created", details: { alertId: row.id } });
    } else {
      target = p.incidentId;
      if (p.kind === "merge") {
        await mergeIncidentRows(sql, p.absorbed, target);
        activity.push({ incidentId: target, actor: null, kind: "merge", details: { absorbed: p.absorbed, byAlert: row.id, automatic: true } });
        for (const gone of p.absorbed) activity.push({ incidentId: gone, actor: null, kind: "merge", details: { into: target, byAlert: row.id, automatic: true } });
      }
      if (current !== target) activity.push({ incidentId: target, actor: null, kind: "grouped", details: { alertId: row.id } });
    }
    if (current !== target) {
      await setAlertsIncident(sql, [row.id], target, false);
      gained.add(target);
    }
    touched.add(target);
  }
  for (const id of await reopenIncidents(sql, [...gained])) activity.push({ incidentId: id, actor: null, kind: "reopened", details: { reason: "a new alert joined" } });
  await insertIncidentActivity(sql, activity);
  await refreshIncidents(sql, [...touched], opts.windowMs);
  return { incidents: [...touched] };
}

/** Sets each alert's source host and owners from the address book (only where they changed). */
export async function resolveSources(sql: Sql, rows: GroupingRow[], ownershipMs: number): Promise<GroupingRow[]> {
  const withIp = rows.filter((r) => r.source_ip);
  if (!withIp.length) return [];
  const times = withIp.map((r) => r.first_event_at.getTime());
  const observations = await observationsOf(
    sql,
    [...new Set(withIp.map((r) => r.source_ip!))],
    new Date(Math.min(...times) - ownershipMs),
    new Date(Math.max(...times) + ownershipMs),
  );
  const changed: GroupingRow[] = [];
  const updates: Parameters<typeof setAlertSources>[1] = [];
  for (const r of withIp) {
    const at = r.first_event_at.getTime();
    const owners = ownersAround(observations, r.source_ip!, at, ownershipMs);
    const owner = ownerAt(owners, at);
    const hostId = owner?.hostId ?? null;
    const hostName = owner?.hostName ?? null;
    updates.push({ id: r.id, sourceHostId: hostId, sourceHostName: hostName, owners });
    if (hostId !== r.source_host_id) {
      r.source_host_id = hostId;
      r.source_host_name = hostName;
      changed.push(r);
    }
  }
  await setAlertSources(sql, updates);
  return changed;
}

/** At most this many alerts of an incident (the earliest) make its chain for patient zero and title. */
const CHAIN_ALERTS = 2000;

/** Recomputes counts, priority, hosts, patient zero and the automatic title of these incidents. */
export async function refreshIncidents(sql: Sql, ids: string[], windowMs: number): Promise<void> {
  if (!ids.length) return;
  const aggregates = await aggregateIncidents(sql, ids);
  const hopRows = await incidentHopAlerts(sql, aggregates.map((a) => a.incident_id), CHAIN_ALERTS);
  const hopsBy = new Map<string, Hop[]>();
  for (const r of hopRows) {
    const list = hopsBy.get(r.incident_id) ?? [];
    list.push({
      kind: "alert",
      id: r.id,
      at: r.first_event_at.getTime(),
      source: { hostId: r.source_host_id, hostName: r.source_host_name, ip: r.source_ip },
      target: { hostId: r.host_id, hostName: r.host_name, ip: null },
    });
    hopsBy.set(r.incident_id, list);
  }
  for (const a of aggregates) {
    const hops = hopsBy.get(a.incident_id) ?? [];
    const chains = buildChains(hops, windowMs);
    const patientZero = chains[0]?.patientZero ?? null;
    const hosts: { id: string; name: string | null }[] = [];
    for (const h of hops) if (!hosts.some((x) => x.id === h.target.hostId) && hosts.length < 10) hosts.push({ id: h.target.hostId, name: h.target.hostName });
    await writeIncidentSummary(sql, a.incident_id, {
      alertCount: a.alert_count, openAlertCount: a.open_alert_count, hostCount: a.host_count, priority: a.priority, riskScore: a.risk_score,
      critical: a.critical, severity: a.severity, firstAlertAt: a.first_alert_at, lastAlertAt: a.last_alert_at, hosts, patientZero,
      title: incidentTitle(patientZero, hosts, a.host_count),
    });
  }
  await emptyIncidents(sql, ids.filter((id) => !aggregates.some((a) => a.incident_id === id)));
}

/** "WKS-017 → SRV-FILE-01, SRV-SQL-02, DC-01" (and "+ n more" past three). Plain text. */
export function incidentTitle(
  patientZero: { hostName: string | null; hostId: string | null; ip: string | null } | null,
  hosts: { id: string; name: string | null }[],
  hostCount: number,
): string {
  const from = patientZero ? (patientZero.hostName ?? patientZero.hostId ?? patientZero.ip ?? "unknown source") : "unknown source";
  const names = hosts.slice(0, 3).map((h) => h.name ?? h.id);
  const more = hostCount > names.length ? ` + ${hostCount - names.length} more` : "";
  return `${from} → ${names.join(", ")}${more}`.slice(0, 300);
}
