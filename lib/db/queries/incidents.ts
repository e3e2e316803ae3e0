import type { Sql } from "./sql";

/**
 * Incidents and the per-alert movement columns (source host, incident, pivot, critical, priority).
 * Every function takes the caller's Sql (worker connection or Prisma transaction).
 */

/** One lock serializes every change of grouping (worker and analysts), held to the end of the transaction. */
export const GROUPING_LOCK = 4_216_017_017;

export async function lockGrouping(sql: Sql): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock(${GROUPING_LOCK})::text AS ok`);
}

export interface GroupingRow {
  id: string;
  host_id: string;
  host_name: string | null;
  source_ip: string | null;
  source_host_id: string | null;
  source_host_name: string | null;
  first_event_at: Date;
  incident_id: string | null;
  incident_pinned: boolean;
  risk_score: number;
  status: string;
  critical: boolean;
  pivot: boolean;
  source_owners: unknown[];
}

const groupingColumns = (t: string) => `${t}.id, ${t}.host_id, ${t}.host_name, host(${t}.source_ip) AS source_ip, ${t}.source_host_id,
  ${t}.source_host_name, ${t}.first_event_at, ${t}.incident_id, ${t}.incident_pinned, ${t}.risk_score, ${t}.status, ${t}.critical, ${t}.pivot, ${t}.source_owners`;

export async function alertsForGrouping(sql: Sql, ids: string[]): Promise<GroupingRow[]> {
  if (!ids.length) return [];
  const { rows } = await sql.query<GroupingRow>(
    `SELECT ${groupingColumns("a")} FROM alerts a WHERE a.id = ANY($1::text[]) ORDER BY a.first_event_at, a.id`,
    [ids],
  );
  return rows;
}

/** Alerts whose source address is one of these, first event within [from, to] per address. */
export async function alertsBySourceWindows(sql: Sql, windows: { ip: string; from: Date; to: Date }[]): Promise<GroupingRow[]> {
  if (!windows.length) return [];
  const { rows } = await sql.query<GroupingRow>(
    `SELECT DISTINCT ON (a.id) ${groupingColumns("a")}
     FROM unnest($1::inet[], $2::timestamptz[], $3::timestamptz[]) AS w(ip, f, t)
     JOIN alerts a ON a.source_ip = w.ip AND a.first_event_at >= w.f AND a.first_event_at <= w.t
     ORDER BY a.id`,
    [windows.map((w) => w.ip), windows.map((w) => w.from), windows.map((w) => w.to)],
  );
  return rows;
}

export async function setAlertSources(
  sql: Sql,
  updates: { id: string; sourceHostId: string | null; sourceHostName: string | null; owners: unknown[] }[],
): Promise<void> {
  if (!updates.length) return;
  await sql.query(
    `UPDATE alerts a SET source_host_id = u.hid, source_host_name = u.hname, source_owners = u.owners
     FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS u(id, hid, hname, owners) WHERE a.id = u.id`,
    [updates.map((u) => u.id), updates.map((u) => u.sourceHostId), updates.map((u) => u.sourceHostName), updates.map((u) => JSON.stringify(u.owners))],
  );
}

export interface CriticalRuleRow {
  id: string;
  host_id: string | null;
  host_name: string | null;
  pattern: string | null;
  created_at: Date;
  created_by: string | null;
}

export async function criticalRules(sql: Sql): Promise<CriticalRuleRow[]> {
  const { rows } = await sql.query<CriticalRuleRow>(`SELECT id::text AS id, host_id, host_name, pattern, created_at, created_by FROM critical_hosts ORDER BY created_at, id`);
  return rows;
}


/** Which of these alerts are pivots: their source host has an alert (as a target) that began before them. */
export async function pivotAlerts(sql: Sql, rows: { id: string; sourceHostId: string | null; at: Date }[]): Promise<Set<string>> {
  const withSource = rows.filter((r) => r.sourceHostId);
  if (!withSource.length) return new Set();
  const { rows: out } = await sql.query<{ id: string }>(
    `SELECT b.id FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS b(id, src, at)
     WHERE EXISTS (SELECT 1 FROM alerts p WHERE p.host_id = b.src AND p.first_event_at < b.at)`,
    [withSource.map((r) => r.id), withSource.map((r) => r.sourceHostId), withSource.map((r) => r.at)],
  );
  return new Set(out.map((r) => r.id));
}

export interface GroupedAlertWrite {
  id: string;
  sourceHostId: string | null;
  sourceHostName: string | null;
  owners: unknown[];
  critical: boolean;
  pivot: boolean;
  incidentId: string | null;
}

/** One write per alert of a batch: source host and owners, critical, pivot, priority, incident (pins kept). */
export async function writeGroupedAlerts(sql: Sql, list: GroupedAlertWrite[]): Promise<void> {
  if (!list.length) return;
  await sql.query(
    `UPDATE alerts a SET source_host_id = u.hid, source_host_name = u.hname, source_owners = u.owners, critical = u.crit, pivot = u.piv,
       priority = a.risk_score + CASE WHEN u.crit THEN 100 ELSE 0 END + CASE WHEN u.piv THEN 50 ELSE 0 END,
       incident_id = coalesce(u.inc, a.incident_id)
     FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::boolean[], $6::boolean[], $7::text[]) AS u(id, hid, hname, owners, crit, piv, inc)
     WHERE a.id = u.id`,
    [
      list.map((u) => u.id), list.map((u) => u.sourceHostId), list.map((u) => u.sourceHostName), list.map((u) => JSON.stringify(u.owners)),
      list.map((u) => u.critical), list.map((u) => u.pivot), list.map((u) => u.incidentId),
    ],
  );
}

/**
 * Later alerts whose source host is one of these alerts' targets become pivots. Answers the
 * incidents whose alerts changed.
 */
export async function markLaterPivots(sql: Sql, targets: { hostId: string; at: Date }[]): Promise<string[]> {
  if (!targets.length) return [];
  // One index range per target host (alerts_source_host_not_pivot_idx), usually empty; OFFSET 0 keeps
  // it a lookup per host (joined, the planner reads the whole table once the batch has many hosts).
  const { rows } = await sql.query<{ incident_id: string | null }>(
    `UPDATE alerts a SET pivot = true, priority = a.risk_score + CASE WHEN a.critical THEN 100 ELSE 0 END + 50
     WHERE a.id IN (
       SELECT x.id FROM (SELECT host_id, min(at) AS at FROM unnest($1::text[], $2::timestamptz[]) AS t(host_id, at) GROUP BY host_id) t
       CROSS JOIN LATERAL (SELECT l.id FROM alerts l WHERE l.source_host_id = t.host_id AND l.first_event_at > t.at AND NOT l.pivot OFFSET 0) x)
     RETURNING a.incident_id`,
    [targets.map((t) => t.hostId), targets.map((t) => t.at)],
  );
  return [...new Set(rows.map((r) => r.incident_id).filter((x): x is string => x !== null))];
}

/**
 * Per alert, the incidents of the unpinned alerts (outside this batch) linked to it
 * (lib/incidents/grouping.ts, `linked`): answers alert id → incident id pairs.
 */
export async function linkedIncidentsOf(sql: Sql, rows: GroupingRow[], windowMs: number): Promise<{ alert_id: string; incident_id: string }[]> {
  if (!rows.length) return [];
  const { rows: out } = await sql.query<{ alert_id: string; incident_id: string }>(
    `WITH b AS (SELECT * FROM unnest($1::text[], $2::inet[], $3::timestamptz[], $4::text[], $5::text[]) AS b(id, ip, at, src_host, host))
     SELECT DISTINCT b.id AS alert_id, x.incident_id FROM b CROSS JOIN LATERAL (
       SELECT a.incident_id FROM alerts a WHERE b.ip IS NOT NULL AND a.source_ip = b.ip
         AND a.first_event_at >= b.at - $6 * interval '1 millisecond' AND a.first_event_at <= b.at + $6 * interval '1 millisecond'
         AND NOT a.incident_pinned AND a.incident_id IS NOT NULL AND a.id <> ALL($1::text[])
       UNION
       SELECT a.incident_id FROM alerts a WHERE b.src_host IS NOT NULL AND a.host_id = b.src_host
         AND a.first_event_at < b.at AND a.first_event_at >= b.at - $6 * interval '1 millisecond'
         AND NOT a.incident_pinned AND a.incident_id IS NOT NULL AND a.id <> ALL($1::text[])
       UNION
       SELECT a.incident_id FROM alerts a WHERE a.source_host_id = b.host
         AND a.first_event_at > b.at AND a.first_event_at <= b.at + $6 * interval '1 millisecond'
         AND NOT a.incident_pinned AND a.incident_id IS NOT NULL AND a.id <> ALL($1::text[])) x`,
    [rows.map((r) => r.id), rows.map((r) => r.source_ip), rows.map((r) => r.first_event_at), rows.map((r) => r.source_host_id), rows.map((r) => r.host_id), windowMs],
  );
  return out;
}

export async function incidentStarts(sql: Sql, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const { rows } = await sql.query<{ id: string; first_alert_at: Date }>(`SELECT id, first_alert_at FROM incidents WHERE id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r.first_alert_at.getTime()]));
}

export async function insertIncidents(sql: Sql, list: { id: string; title: string; firstAlertAt: Date }[]): Promise<void> {
  if (!list.length) return;
  await sql.query(
    `INSERT INTO incidents (id, title, first_alert_at, last_alert_at) SELECT id, title, f, f FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS x(id, title, f)
     ON CONFLICT (id) DO NOTHING`,
    [list.map((i) => i.id), list.map((i) => i.title), list.map((i) => i.firstAlertAt)],
  );
}

export async function insertIncident(sql: Sql, i: { id: string; title: string; firstAlertAt: Date; manual: boolean }): Promise<void> {
  await sql.query(
    `INSERT INTO incidents (id, title, first_alert_at, last_alert_at, manual) VALUES ($1, $2, $3, $3, $4) ON CONFLICT (id) DO NOTHING`,
    [i.id, i.title, i.firstAlertAt, i.manual],
  );
}

export async function setAlertsIncident(sql: Sql, alertIds: string[], incidentId: string, pinned: boolean): Promise<void> {
  if (!alertIds.length) return;
  await sql.query(`UPDATE alerts SET incident_id = $2, incident_pinned = $3 WHERE id = ANY($1::text[])`, [alertIds, incidentId, pinned]);
}

/** Moves every alert of `from` into `into` and marks `from` merged. */
export async function mergeIncidentRows(sql: Sql, from: string[], into: string): Promise<void> {
  if (!from.length) return;
  await sql.query(`UPDATE alerts SET incident_id = $2 WHERE incident_id = ANY($1::text[])`, [from, into]);
  await sql.query(
    `UPDATE incidents SET merged_into = $2, alert_count = 0, open_alert_count = 0, host_count = 0, updated_at = now(), last_activity_at = now() WHERE id = ANY($1::text[])`,
    [from, into],
  );
  // Incidents merged earlier into one of these now point at the one kept.
  await sql.query(`UPDATE incidents SET merged_into = $2 WHERE merged_into = ANY($1::text[])`, [from, into]);
}

export async function insertIncidentActivity(
  sql: Sql,
  rows: { incidentId: string; actor: string | null; kind: string; details: Record<string, unknown> }[],
): Promise<void> {
  if (!rows.length) return;
  await sql.query(
    `INSERT INTO incident_activity (incident_id, actor, kind, details) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
    [rows.map((r) => r.incidentId), rows.map((r) => r.actor), rows.map((r) => r.kind), rows.map((r) => JSON.stringify(r.details))],
  );
}

export interface IncidentRow {
  id: string;
  number: number;
  title: string;
  title_set: boolean;
  status: string;
  closing_reason: string | null;
  assignee: string | null;
  priority: number;
  severity: string;
  risk_score: number;
  critical: boolean;
  alert_count: number;
  open_alert_count: number;
  host_count: number;
  hosts: { id: string; name: string | null }[];
  patient_zero: { hostId: string | null; hostName: string | null; ip: string | null } | null;
  first_alert_at: Date;
  last_alert_at: Date;
  last_activity_at: Date;
  created_at: Date;
  updated_at: Date;
  merged_into: string | null;
  manual: boolean;
}

export const INCIDENT_COLUMNS = `id, number, title, title_set, status, closing_reason, assignee, priority, severity, risk_score, critical,
  alert_count, open_alert_count, host_count, hosts, patient_zero, first_alert_at, last_alert_at, last_activity_at, created_at,
  updated_at, merged_into, manual`;

export async function incidentById(sql: Sql, id: string, forUpdate = false): Promise<IncidentRow | null> {
  const { rows } = await sql.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = $1${forUpdate ? " FOR UPDATE" : ""}`, [id]);
  return rows[0] ?? null;
}

export interface IncidentAggregate {
  incident_id: string;
  alert_count: number;
  open_alert_count: number;
  host_count: number;
  priority: number;
  risk_score: number;
  critical: boolean;
  severity: string;
  first_alert_at: Date;
  last_alert_at: Date;
}

/** An incident's severity is its alerts' highest: ranked 1 (low) to 4 (critical), and the rank back to its name. */
const severityRank = (column: string) => `CASE ${column} WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END`;
const severityName = (rank: string) => `(ARRAY['low','medium','high','critical'])[${rank}]`;

/** Every alert of these incidents, read incident by incident (OFFSET 0: joined, the planner misjudges a batch of small new incidents and reads the whole table). */
export async function aggregateIncidents(sql: Sql, ids: string[]): Promise<IncidentAggregate[]> {
  if (!ids.length) return [];
  const { rows } = await sql.query<IncidentAggregate>(
    `SELECT incident_id, count(*)::int AS alert_count, (count(*) FILTER (WHERE status <> 'closed'))::int AS open_alert_count,
            count(DISTINCT host_id)::int AS host_count, max(priority)::int AS priority, max(risk_score)::int AS risk_score,
            bool_or(critical) AS critical,
            ${severityName(`max(${severityRank("severity")})`)} AS severity,
            min(first_event_at) AS first_alert_at, max(last_event_at) AS last_alert_at
     FROM unnest($1::text[]) AS i(id) CROSS JOIN LATERAL (
       SELECT incident_id, status, host_id, priority, risk_score, critical, severity, first_event_at, last_event_at FROM alerts WHERE incident_id = i.id OFFSET 0) a
     GROUP BY incident_id`,
    [ids],
  );
  return rows;
}

/**
 * The summary of incidents that only gained the alerts `added` (already written with their
 * incident_id) since their stored summary: the stored counts, extremes and hosts combined with the
 * added alerts', without reading the incidents' other alerts. Also answers whether the added alerts
 * reach into the earliest `chainAlerts` of their incident (then its chain must be read again) and
 * the stored chain fields otherwise.
 */
export interface GrownIncidentRow extends IncidentAggregate {
  chain_changed: boolean;
  hosts: { id: string; name: string | null }[];
  patient_zero: { hostId: string | null; hostName: string | null; ip: string | null } | null;
}

export async function grownIncidents(sql: Sql, ids: string[], added: string[], chainAlerts: number): Promise<GrownIncidentRow[]> {
  if (!ids.length) return [];
  const { rows } = await sql.query<GrownIncidentRow>(
    `WITH n AS (
       SELECT id, incident_id, status, host_id, priority, risk_score, critical, first_event_at, last_event_at,
              ${severityRank("severity")} AS sev
       FROM alerts WHERE id = ANY($2::text[]) AND incident_id = ANY($1::text[])
     ), d AS (
       SELECT incident_id, count(*)::int AS alerts, (count(*) FILTER (WHERE status <> 'closed'))::int AS open,
              (count(DISTINCT host_id) FILTER (WHERE NOT EXISTS (
                 SELECT 1 FROM alerts o WHERE o.host_id = n.host_id AND o.incident_id = n.incident_id AND o.id <> ALL($2::text[]))))::int AS new_hosts,
              max(priority) AS priority, max(risk_score) AS risk_score, bool_or(critical) AS critical, max(sev) AS sev,
              min(first_event_at) AS first_at, max(last_event_at) AS last_at
       FROM n GROUP BY incident_id
     ), first_added AS (
       SELECT DISTINCT ON (incident_id) incident_id, first_event_at, id FROM n ORDER BY incident_id, first_event_at, id
     )
     SELECT i.id AS incident_id, i.alert_count + d.alerts AS alert_count, i.open_alert_count + d.open AS open_alert_count,
            i.host_count + d.new_hosts AS host_count, greatest(i.priority, d.priority)::int AS priority, greatest(i.risk_score, d.risk_score)::int AS risk_score,
            i.critical OR d.critical AS critical,
            ${severityName(`greatest(d.sev, ${severityRank("i.severity")})`)} AS severity,
            least(i.first_alert_at, d.first_at) AS first_alert_at, greatest(i.last_alert_at, d.last_at) AS last_alert_at,
            -- The chain is the incident's earliest chainAlerts alerts: it changes when fewer than that
            -- come before the earliest added one (all of which are alerts it had) — certainly not when
            -- it had that many and the added ones began after every alert it had ended.
            CASE WHEN i.alert_count < $3 THEN true WHEN f.first_event_at > i.last_alert_at THEN false
                 ELSE (SELECT count(*) FROM (SELECT 1 FROM alerts a WHERE a.incident_id = i.id
                         AND (a.first_event_at, a.id) < (f.first_event_at, f.id) LIMIT $3) x) < $3 END AS chain_changed,
            i.hosts, i.patient_zero
     FROM d JOIN incidents i ON i.id = d.incident_id JOIN first_added f ON f.incident_id = d.incident_id`,
    [ids, added, chainAlerts],
  );
  return rows;
}

export interface HopAlertRow {
  id: string;
  incident_id: string;
  host_id: string;
  host_name: string | null;
  source_ip: string | null;
  source_host_id: string | null;
  source_host_name: string | null;
  first_event_at: Date;
}

/** The earliest `limit` alerts of each incident as hops (target, source, time). */
export async function incidentHopAlerts(sql: Sql, ids: string[], limit: number): Promise<HopAlertRow[]> {
  if (!ids.length) return [];
  const { rows } = await sql.query<HopAlertRow>(
    `SELECT h.* FROM unnest($1::text[]) AS i(id) CROSS JOIN LATERAL (
       SELECT id, incident_id, host_id, host_name, host(source_ip) AS source_ip, source_host_id, source_host_name, first_event_at
       FROM alerts WHERE incident_id = i.id ORDER BY first_event_at, id LIMIT $2) h`,
    [ids, limit],
  );
  return rows;
}

export interface IncidentSummaryWrite {
  id: string;
  alertCount: number; openAlertCount: number; hostCount: number; priority: number; riskScore: number; critical: boolean; severity: string;
  firstAlertAt: Date; lastAlertAt: Date; hosts: unknown[]; patientZero: unknown; title: string;
}

export async function writeIncidentSummaries(sql: Sql, list: IncidentSummaryWrite[]): Promise<void> {
  if (!list.length) return;
  await sql.query(
    `UPDATE incidents i SET alert_count = s.ac, open_alert_count = s.oc, host_count = s.hc, priority = s.pr, risk_score = s.rs, critical = s.cr,
       severity = s.sev, first_alert_at = s.fa, last_alert_at = s.la, hosts = s.hosts, patient_zero = s.pz,
       title = CASE WHEN i.title_set THEN i.title ELSE s.title END, updated_at = now(), last_activity_at = greatest(i.last_activity_at, s.la)
     FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::boolean[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::jsonb[], $12::jsonb[], $13::text[])
       AS s(id, ac, oc, hc, pr, rs, cr, sev, fa, la, hosts, pz, title)
     WHERE i.id = s.id`,
    [
      list.map((x) => x.id), list.map((x) => x.alertCount), list.map((x) => x.openAlertCount), list.map((x) => x.hostCount), list.map((x) => x.priority),
      list.map((x) => x.riskScore), list.map((x) => x.critical), list.map((x) => x.severity), list.map((x) => x.firstAlertAt), list.map((x) => x.lastAlertAt),
      list.map((x) => JSON.stringify(x.hosts)), list.map((x) => JSON.stringify(x.patientZero)), list.map((x) => x.title),
    ],
  );
}

/** Incidents left without alerts (all split out) get zero counts. */
export async function emptyIncidents(sql: Sql, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await sql.query(
    `UPDATE incidents SET alert_count = 0, open_alert_count = 0, host_count = 0, updated_at = now()
     WHERE id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM alerts WHERE incident_id = incidents.id)`,
    [ids],
  );
}

/** A closed incident that gains an alert opens again. Answers the ids reopened. */
export async function reopenIncidents(sql: Sql, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const { rows } = await sql.query<{ id: string }>(
    `UPDATE incidents SET status = 'open', closing_reason = NULL, updated_at = now(), last_activity_at = now()
     WHERE id = ANY($1::text[]) AND status = 'closed' RETURNING id`,
    [ids],
  );
  return rows.map((r) => r.id);
}

export type IncidentSortKey = "priority" | "size" | "lastActivity" | "createdAt";

const SORT_COLUMNS: Record<IncidentSortKey, string[]> = {
  priority: ["priority", "last_activity_at", "id"],
  size: ["alert_count", "last_activity_at", "id"],
  lastActivity: ["last_activity_at", "id"],
  createdAt: ["created_at", "id"],
};

export interface IncidentListFilter {
  status: string;
  q?: string;
  assignee?: string;
  hostId?: string;
  critical?: boolean;
}

function incidentWhere(f: IncidentListFilter, params: unknown[], withStatus: boolean): string {
  const where = ["merged_into IS NULL", "alert_count > 0"];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (withStatus && f.status !== "all") where.push(`status = ${p(f.status)}`);
  if (f.q) {
    // search_text is lower(title, hosts, patient zero), trigram-indexed; "INC-12" or "12" is also the number.
    const like = p(`%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const number = /^(?:INC-)?(\d{1,9})$/i.exec(f.q.trim());
    where.push(number ? `(search_text LIKE ${like} OR number = ${p(Number(number[1]))})` : `search_text LIKE ${like}`);
  }
  if (f.assignee) where.push(`assignee = ${p(f.assignee)}`);
  if (f.hostId) {
    const h = p(f.hostId);
    where.push(`EXISTS (SELECT 1 FROM alerts a WHERE a.incident_id = incidents.id AND (a.host_id = ${h} OR a.source_host_id = ${h}))`);
  }
  if (f.critical !== undefined) where.push(`critical = ${p(f.critical)}`);
  return where.join(" AND ");
}

/** One page in keyset order; `after` is the previous page's last sort key (values as text) and id. */
export async function listIncidentRows(
  sql: Sql,
  args: { filter: IncidentListFilter; sort: IncidentSortKey; order: "asc" | "desc"; limit: number; after?: string[] },
): Promise<{ rows: (IncidentRow & { k: string[] })[]; more: boolean }> {
  const cols = SORT_COLUMNS[args.sort];
  const params: unknown[] = [];
  let where = incidentWhere(args.filter, params, true);
  const types = cols.map((c) => (c === "id" ? "text" : c.endsWith("_at") ? "timestamptz" : "int"));
  if (args.after && args.after.length === cols.length) {
    const placeholders = args.after.map((v, i) => {
      params.push(v);
      return `$${params.length}::${types[i]}`;
    });
    where += ` AND (${cols.join(", ")}) ${args.order === "desc" ? "<" : ">"} (${placeholders.join(", ")})`;
  }
  params.push(args.limit + 1);
  const dir = args.order === "desc" ? "DESC" : "ASC";
  const { rows } = await sql.query<IncidentRow & { k: string[] }>(
    `SELECT ${INCIDENT_COLUMNS}, ARRAY[${cols.map((c) => (c.endsWith("_at") ? `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `${c}::text`)).join(", ")}] AS k
     FROM incidents WHERE ${where} ORDER BY ${cols.map((c) => `${c} ${dir}`).join(", ")} LIMIT $${params.length}`,
    params,
  );
  return { rows: rows.slice(0, args.limit), more: rows.length > args.limit };
}

export async function countIncidentsByStatus(sql: Sql, filter: IncidentListFilter): Promise<Record<string, number>> {
  const params: unknown[] = [];
  const { rows } = await sql.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM incidents WHERE ${incidentWhere(filter, params, false)} GROUP BY status`,
    params,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Alerts not closed, per incident. */
export async function openAlertCounts(sql: Sql, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const { rows } = await sql.query<{ incident_id: string; n: number }>(
    `SELECT incident_id, count(*)::int AS n FROM alerts WHERE incident_id = ANY($1::text[]) AND status <> 'closed' GROUP BY incident_id`,
    [ids],
  );
  return new Map(rows.map((r) => [r.incident_id, r.n]));
}

export interface IncidentActivityRow {
  id: string;
  at: Date;
  actor: string | null;
  kind: string;
  details: Record<string, unknown>;
}

export async function listIncidentActivity(sql: Sql, id: string, limit = 500): Promise<IncidentActivityRow[]> {
  const { rows } = await sql.query<IncidentActivityRow>(
    `SELECT * FROM (SELECT id::text AS id, at, actor, kind, details FROM incident_activity WHERE incident_id = $1 ORDER BY incident_activity.at DESC, incident_activity.id DESC LIMIT $2) x ORDER BY at, id::bigint`,
    [id, limit],
  );
  return rows;
}

export async function updateIncidentFields(
  sql: Sql,
  id: string,
  f: { title?: string; assignee?: string | null; status?: string; closingReason?: string | null },
): Promise<void> {
  const sets: string[] = ["updated_at = now()", "last_activity_at = now()"];
  const params: unknown[] = [id];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.title !== undefined) sets.push(`title = ${p(f.title)}`, "title_set = true");
  if (f.assignee !== undefined) sets.push(`assignee = ${p(f.assignee)}`);
  if (f.status !== undefined) sets.push(`status = ${p(f.status)}`);
  if (f.closingReason !== undefined) sets.push(`closing_reason = ${p(f.closingReason)}`);
  await sql.query(`UPDATE incidents SET ${sets.join(", ")} WHERE id = $1`, params);
}

/** Closes every alert of the incident not closed yet; answers each with the status it had. */
export async function closeIncidentAlerts(sql: Sql, id: string, reason: string): Promise<{ id: string; from: string }[]> {
  const { rows } = await sql.query<{ id: string; from: string }>(
    `UPDATE alerts a SET status = 'closed', closing_reason = $2, closed_at = now(), updated_at = now()
     FROM (SELECT id, status FROM alerts WHERE incident_id = $1 AND status <> 'closed' FOR UPDATE) old
     WHERE a.id = old.id RETURNING a.id, old.status AS "from"`,
    [id, reason],
  );
  return rows;
}

export async function insertAlertActivities(sql: Sql, rows: { alertId: string; actor: string | null; kind: string; details: Record<string, unknown> }[]): Promise<void> {
  if (!rows.length) return;
  await sql.query(
    `INSERT INTO alert_activity (alert_id, actor, kind, details) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
    [rows.map((r) => r.alertId), rows.map((r) => r.actor), rows.map((r) => r.kind), rows.map((r) => JSON.stringify(r.details))],
  );
}

export async function incidentAlertIds(sql: Sql, id: string): Promise<{ id: string }[]> {
  const { rows } = await sql.query<{ id: string }>(`SELECT id FROM alerts WHERE incident_id = $1`, [id]);
  return rows;
}

/** The earliest first event of these alerts (where an incident split from them starts). */
export async function firstEventOfAlerts(sql: Sql, ids: string[]): Promise<Date> {
  const { rows } = await sql.query<{ first: Date }>(`SELECT min(first_event_at) AS first FROM alerts WHERE id = ANY($1::text[])`, [ids]);
  return rows[0].first;
}

export async function insertCriticalRule(sql: Sql, r: { id: string; hostId: string | null; hostName: string | null; pattern: string | null; createdBy: string }): Promise<void> {
  await sql.query(`INSERT INTO critical_hosts (id, host_id, host_name, pattern, created_by) VALUES ($1::uuid, $2, $3, $4, $5)`, [r.id, r.hostId, r.hostName, r.pattern, r.createdBy]);
}

export async function deleteCriticalRule(sql: Sql, id: string): Promise<CriticalRuleRow | null> {
  const { rows } = await sql.query<CriticalRuleRow>(
    `DELETE FROM critical_hosts WHERE id::text = $1 RETURNING id::text AS id, host_id, host_name, pattern, created_at, created_by`,
    [id],
  );
  return rows[0] ?? null;
}

/** Hosts the store knows (from its address book and alerts) whose name matches an ILIKE pattern, or with this id. */
export async function knownHostsMatching(sql: Sql, m: { like?: string; hostId?: string }, limit: number): Promise<{ host_id: string; host_name: string | null }[]> {
  const { rows } = await sql.query<{ host_id: string; host_name: string | null }>(
    `SELECT host_id, max(host_name) AS host_name FROM (
       SELECT host_id, host_name FROM address_observations WHERE ($1::text IS NOT NULL AND host_name ILIKE $1) OR host_id = $2
       UNION ALL
       SELECT host_id, host_name FROM alerts WHERE ($1::text IS NOT NULL AND host_name ILIKE $1) OR host_id = $2) h
     GROUP BY host_id ORDER BY max(host_name), host_id LIMIT $3`,
    [m.like ?? null, m.hostId ?? null, limit],
  );
  return rows;
}

/** Critical flags and priorities of every alert again (after the rules changed); answers the incidents touched. */
export async function recomputeCritical(sql: Sql, hostIds: string[], likes: string[]): Promise<string[]> {
  const { rows } = await sql.query<{ incident_id: string | null }>(
    `UPDATE alerts SET critical = c.v, priority = risk_score + CASE WHEN c.v THEN 100 ELSE 0 END + CASE WHEN pivot THEN 50 ELSE 0 END
     FROM (SELECT id, (host_id = ANY($1::text[]) OR coalesce(host_name ILIKE ANY($2::text[]), false)) AS v FROM alerts) c
     WHERE alerts.id = c.id AND alerts.critical <> c.v RETURNING alerts.incident_id`,
    [hostIds, likes],
  );
  return [...new Set(rows.map((r) => r.incident_id).filter((x): x is string => x !== null))];
}

/** An incident's time span (its alerts' first and last events) and the hosts and addresses of its alerts; null when there is no such incident. */
export async function incidentParts(
  sql: Sql,
  id: string,
): Promise<{ first: Date | null; last: Date | null; parts: { host_id: string; source_ip: string | null; source_host_id: string | null }[] } | null> {
  const { rows } = await sql.query<{ first: Date | null; last: Date | null }>(
    `SELECT (SELECT min(first_event_at) FROM alerts WHERE incident_id = i.id) AS first, (SELECT max(last_event_at) FROM alerts WHERE incident_id = i.id) AS last
     FROM incidents i WHERE i.id = $1`,
    [id],
  );
  if (!rows.length) return null;
  const { rows: parts } = await sql.query<{ host_id: string; source_ip: string | null; source_host_id: string | null }>(
    `SELECT DISTINCT host_id, host(source_ip) AS source_ip, source_host_id FROM alerts WHERE incident_id = $1`,
    [id],
  );
  return { first: rows[0].first, last: rows[0].last, parts };
}
