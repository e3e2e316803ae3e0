import crypto from "node:crypto";
import {
  aggregateIncidents,
  alertsForGrouping,
  criticalRules,
  emptyIncidents,
  grownIncidents,
  incidentHopAlerts,
  incidentStarts,
  insertIncidentActivity,
  insertIncidents,
  linkedIncidentsOf,
  lockGrouping,
  markLaterPivots,
  mergeIncidentRows,
  reopenIncidents,
  pivotAlerts,
  writeGroupedAlerts,
  type GroupedAlertWrite,
  setAlertSources,
  writeIncidentSummaries,
  type IncidentSummaryWrite,
  type GrownIncidentRow,
  type GroupingRow,
} from "../db/queries/incidents";
import { observationsOf } from "../db/queries/movement";
import type { Sql } from "../db/queries/sql";
import { buildChains, type Hop } from "../movement/chains";
import { criticalMatcher } from "../movement/critical";
import { ownerAt, ownersAround } from "../movement/ownership";
import { linked, place, type GroupingAlert } from "./grouping";

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
  // Source hosts, critical and pivot are worked out first and written once with the incident.
  const sources = await resolveSources(sql, rows, opts.ownershipMs, { write: false });
  const isCritical = criticalMatcher((await criticalRules(sql)).map((r) => ({ hostId: r.host_id, pattern: r.pattern })));
  const pivots = await pivotAlerts(sql, rows.map((r) => ({ id: r.id, sourceHostId: r.source_host_id, at: r.first_event_at })));
  const touched = new Set<string>(await markLaterPivots(sql, rows.map((r) => ({ hostId: r.host_id, at: r.first_event_at }))));

  const activity: Parameters<typeof insertIncidentActivity>[1] = [];
  const gained = new Set<string>();
  // Incidents whose only change is alerts that were in no incident before: their summary is the
  // stored one plus those alerts (refreshIncidents); every other touched incident is recomputed.
  const grown = new Map<string, string[]>();
  const recompute = new Set<string>(touched);
  for (const row of rows) if (row.incident_pinned && row.incident_id) {
    touched.add(row.incident_id);
    recompute.add(row.incident_id);
  }
  const free = rows.filter((r) => !r.incident_pinned);

  // The components of "linked" among these alerts and the incidents they link to (grouping.ts).
  const parent = new Map(free.map((r) => [r.id, r.id]));
  const find = (id: string): string => {
    let x = id;
    while (parent.get(x) !== x) x = parent.get(x)!;
    parent.set(id, x);
    return x;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra > rb ? ra : rb, ra > rb ? rb : ra);
  };
  const plain = new Map(free.map((r) => [r.id, toGrouping(r)]));
  const byKey = new Map<string, string[]>();
  const put = (k: string, id: string) => byKey.set(k, [...(byKey.get(k) ?? []), id]);
  for (const r of free) {
    if (r.source_ip) put(`ip:${r.source_ip}`, r.id);
    put(`target:${r.host_id}`, r.id);
    if (r.source_host_id) put(`src:${r.source_host_id}`, r.id);
  }
  for (const r of free) {
    const candidates = new Set([
      ...(r.source_ip ? (byKey.get(`ip:${r.source_ip}`) ?? []) : []),
      ...(r.source_host_id ? (byKey.get(`target:${r.source_host_id}`) ?? []) : []),
      ...(byKey.get(`src:${r.host_id}`) ?? []),
    ]);
    for (const other of candidates) if (other !== r.id && linked(plain.get(r.id)!, plain.get(other)!, opts.windowMs)) union(r.id, other);
  }
  const incidentsOf = new Map<string, Set<string>>();
  const addTo = (alertId: string, incidentId: string) => {
    const root = find(alertId);
    incidentsOf.set(root, (incidentsOf.get(root) ?? new Set()).add(incidentId));
  };
  for (const l of await linkedIncidentsOf(sql, free, opts.windowMs)) addTo(l.alert_id, l.incident_id);
  for (const r of free) if (r.incident_id) addTo(r.id, r.incident_id);
  const starts = await incidentStarts(sql, [...new Set([...incidentsOf.values()].flatMap((s) => [...s]))]);

  const members = new Map<string, GroupingRow[]>();
  for (const r of free) members.set(find(r.id), [...(members.get(find(r.id)) ?? []), r]);
  const creates: { id: string; title: string; firstAlertAt: Date }[] = [];
  const assign: { alertId: string; incidentId: string }[] = [];
  for (const [root, list] of members) {
    const refs = [...(incidentsOf.get(root) ?? [])].map((id) => ({ id, firstAlertAt: starts.get(id) ?? Infinity }));
    const p = place(refs);
    const first = list[0]; // rows are in (first_event_at, id) order
    let target: string;
    if (p.kind === "create") {
      target = incidentIdFor(first.id);
      recompute.add(target);
      creates.push({ id: target, title: `Alert on ${first.host_name ?? first.host_id}`, firstAlertAt: first.first_event_at });
      activity.push({ incidentId: target, actor: null, kind: "created", details: { alertId: first.id } });
    } else {
      target = p.incidentId;
      if (p.kind === "merge") {
        recompute.add(target);
        await mergeIncidentRows(sql, p.absorbed, target);
        activity.push({ incidentId: target, actor: null, kind: "merge", details: { absorbed: p.absorbed, byAlert: first.id, automatic: true } });
        for (const gone of p.absorbed) activity.push({ incidentId: gone, actor: null, kind: "merge", details: { into: target, byAlert: first.id, automatic: true } });
      }
    }
    for (const r of list) {
      // Already a member (detection ran again): its fields may have changed.
      if (r.incident_id !== null) recompute.add(target);
      if (r.incident_id === target && p.kind !== "merge") continue;
      if (r.incident_id === null) grown.set(target, (grown.get(target) ?? []).concat(r.id));
      if (r.incident_id !== target) {
        assign.push({ alertId: r.id, incidentId: target });
        if (p.kind !== "create" || r !== first) activity.push({ incidentId: target, actor: null, kind: "grouped", details: { alertId: r.id } });
        gained.add(target);
      }
    }
    touched.add(target);
  }
  await insertIncidents(sql, creates);
  const incidentOf = new Map(assign.map((a) => [a.alertId, a.incidentId]));
  const owners = new Map(sources.updates.map((u) => [u.id, u.owners]));
  const writes: GroupedAlertWrite[] = [];
  for (const r of rows) {
    const w: GroupedAlertWrite = {
      id: r.id, sourceHostId: r.source_host_id, sourceHostName: r.source_host_name, owners: owners.get(r.id) ?? r.source_owners ?? [],
      critical: isCritical(r.host_id, r.host_name), pivot: pivots.has(r.id), incidentId: incidentOf.get(r.id) ?? null,
    };
    const same = w.incidentId === null && w.critical === r.critical && w.pivot === r.pivot && !sources.changedIds.has(r.id)
      && JSON.stringify(w.owners) === JSON.stringify(r.source_owners ?? []);
    if (!same) writes.push(w);
  }
  await writeGroupedAlerts(sql, writes);
  for (const id of await reopenIncidents(sql, [...gained])) activity.push({ incidentId: id, actor: null, kind: "reopened", details: { reason: "a new alert joined" } });
  await insertIncidentActivity(sql, activity);
  for (const id of recompute) grown.delete(id);
  await refreshIncidents(sql, [...touched], opts.windowMs, grown);
  return { incidents: [...touched] };
}

function toGrouping(r: GroupingRow): GroupingAlert {
  return { id: r.id, hostId: r.host_id, sourceIp: r.source_ip, sourceHostId: r.source_host_id, at: r.first_event_at.getTime() };
}

/**
 * Each alert's source host and owners from the address book; written (only where they changed)
 * unless `write: false` (groupAlerts writes them with the rest).
 */
export async function resolveSources(
  sql: Sql,
  rows: GroupingRow[],
  ownershipMs: number,
  opts: { write?: boolean } = {},
): Promise<{ changed: GroupingRow[]; changedIds: Set<string>; updates: Parameters<typeof setAlertSources>[1] }> {
  const withIp = rows.filter((r) => r.source_ip);
  const changed: GroupingRow[] = [];
  const updates: Parameters<typeof setAlertSources>[1] = [];
  if (!withIp.length) return { changed, changedIds: new Set(), updates };
  const times = withIp.map((r) => r.first_event_at.getTime());
  const observations = await observationsOf(
    sql,
    [...new Set(withIp.map((r) => r.source_ip!))],
    new Date(Math.min(...times) - ownershipMs),
    new Date(Math.max(...times) + ownershipMs),
  );
  const byIp = new Map<string, typeof observations>();
  for (const o of observations) {
    const list = byIp.get(o.ip);
    if (list) list.push(o);
    else byIp.set(o.ip, [o]);
  }
  for (const r of withIp) {
    const at = r.first_event_at.getTime();
    const owners = ownersAround(byIp.get(r.source_ip!) ?? [], r.source_ip!, at, ownershipMs);
    const owner = ownerAt(owners, at);
    const hostId = owner?.hostId ?? null;
    const hostName = owner?.hostName ?? null;
    const ownersChanged = JSON.stringify(owners) !== JSON.stringify(r.source_owners ?? []);
    if (hostId !== r.source_host_id || ownersChanged) updates.push({ id: r.id, sourceHostId: hostId, sourceHostName: hostName, owners });
    if (hostId !== r.source_host_id) {
      r.source_host_id = hostId;
      r.source_host_name = hostName;
      changed.push(r);
    }
  }
  if (opts.write !== false) await setAlertSources(sql, updates);
  return { changed, changedIds: new Set(changed.map((r) => r.id)), updates };
}

/** At most this many alerts of an incident (the earliest) make its chain for patient zero and title. */
const CHAIN_ALERTS = 300;

/**
 * Recomputes counts, priority, hosts, patient zero and the automatic title of these incidents. An
 * incident in `grown` only gained those alerts (which were in no incident before) since its stored
 * summary: the summary is then the stored one combined with theirs, and its chain is read again
 * only when they are among its earliest CHAIN_ALERTS alerts — the same result as recomputing it
 * (tests/integration/incident-refresh.test.ts), without reading a large incident's every alert at
 * each new one.
 */
export async function refreshIncidents(sql: Sql, ids: string[], windowMs: number, grown: Map<string, string[]> = new Map()): Promise<void> {
  if (!ids.length) return;
  const grownIds = ids.filter((id) => grown.has(id));
  const grownRows = await grownIncidents(sql, grownIds, grownIds.flatMap((id) => grown.get(id)!), CHAIN_ALERTS);
  const kept = new Map(grownRows.filter((r) => !r.chain_changed).map((r) => [r.incident_id, r]));
  const aggregates = [...(await aggregateIncidents(sql, ids.filter((id) => !grown.has(id)))), ...grownRows];
  const hopRows = await incidentHopAlerts(sql, aggregates.map((a) => a.incident_id).filter((id) => !kept.has(id)), CHAIN_ALERTS);
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
  const writes: IncidentSummaryWrite[] = [];
  for (const a of aggregates) {
    const same = kept.get(a.incident_id);
    let patientZero: GrownIncidentRow["patient_zero"];
    let hosts: { id: string; name: string | null }[];
    if (same) ({ patient_zero: patientZero, hosts } = same);
    else ({ patientZero, hosts } = chainSummary(hopsBy.get(a.incident_id) ?? [], windowMs));
    writes.push({
      id: a.incident_id,
      alertCount: a.alert_count, openAlertCount: a.open_alert_count, hostCount: a.host_count, priority: a.priority, riskScore: a.risk_score,
      critical: a.critical, severity: a.severity, firstAlertAt: a.first_alert_at, lastAlertAt: a.last_alert_at, hosts, patientZero,
      title: incidentTitle(patientZero, hosts, a.host_count),
    });
  }
  await writeIncidentSummaries(sql, writes);
  await emptyIncidents(sql, ids.filter((id) => !aggregates.some((a) => a.incident_id === id)));
}

/** Patient zero and the first 10 hosts reached, from an incident's earliest alerts as hops. */
function chainSummary(hops: Hop[], windowMs: number) {
  const chains = buildChains(hops, windowMs);
  const hosts: { id: string; name: string | null }[] = [];
  for (const h of hops) if (!hosts.some((x) => x.id === h.target.hostId) && hosts.length < 10) hosts.push({ id: h.target.hostId, name: h.target.hostName });
  return { patientZero: chains[0]?.patientZero ?? null, hosts };
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
