import type { HostInfo } from "../../movement/build-graph";
import type { Observation } from "../../movement/ownership";
import type { Sql } from "./sql";

/**
 * The address book and the WinRM hops: read from the event store by ingest sequence, kept per
 * hour; and the reads of ownership and movement.
 */

export async function lockMovementState(sql: Sql): Promise<number> {
  const { rows } = await sql.query<{ checkpoint: string }>(`SELECT checkpoint::text AS checkpoint FROM movement_state WHERE id = 1 FOR UPDATE`);
  return rows.length ? Number(rows[0].checkpoint) : 0;
}

export async function setMovementCheckpoint(sql: Sql, checkpoint: number): Promise<void> {
  await sql.query(`UPDATE movement_state SET checkpoint = $1, updated_at = now() WHERE id = 1`, [checkpoint]);
}

export interface AddressEventRow {
  seq: string;
  host_id: string;
  host_name: string | null;
  ts: Date;
  host_ip: unknown;
  direction: string | null;
  source_ip: string | null;
  destination_ip: string | null;
  destination_port: number | null;
  network: boolean;
}

/** The events of (from, to] that carry addresses, in pages of `limit` by seq. */
export async function addressEvents(sql: Sql, from: number, to: number, limit: number): Promise<AddressEventRow[]> {
  const { rows } = await sql.query<AddressEventRow>(
    `SELECT seq::text AS seq, host_id, host_name, ts, doc #> '{host,ip}' AS host_ip, direction,
            host(source_ip) AS source_ip, host(destination_ip) AS destination_ip, destination_port::int AS destination_port,
            ('network' = ANY (category)) AS network
     FROM events WHERE seq > $1 AND seq <= $2 AND host_id IS NOT NULL
     ORDER BY events.seq LIMIT $3`,
    [from, to, limit],
  );
  return rows;
}

export interface ObservationUpsert {
  ip: string;
  hostId: string;
  hour: Date;
  hostName: string | null;
  first: Date;
  last: Date;
  events: number;
}

/**
 * Which of these (address, host) pairs are new around their hour: no observation of that host
 * holding that address within ± windowMs before this batch. Answers "ip\0hostId" keys.
 */
export async function newOwnerPairs(sql: Sql, rows: ObservationUpsert[], windowMs: number): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const { rows: found } = await sql.query<{ ip: string; host_id: string }>(
    `SELECT DISTINCT host(r.ip) AS ip, r.host_id FROM unnest($1::inet[], $2::text[], $3::timestamptz[]) AS r(ip, host_id, hour)
     WHERE NOT EXISTS (SELECT 1 FROM address_observations o WHERE o.ip = r.ip AND o.host_id = r.host_id
       AND o.hour >= r.hour - $4 * interval '1 millisecond' AND o.hour <= r.hour + $4 * interval '1 millisecond')`,
    [rows.map((r) => r.ip), rows.map((r) => r.hostId), rows.map((r) => r.hour), windowMs],
  );
  return new Set(found.map((r) => `${r.ip}\u0000${r.host_id}`));
}

export async function upsertObservations(sql: Sql, rows: ObservationUpsert[]): Promise<void> {
  if (!rows.length) return;
  // Sorted by key: concurrent writers take row locks in one order.
  const sorted = [...rows].sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.hour.getTime() - b.hour.getTime() || (a.hostId < b.hostId ? -1 : 1)));
  await sql.query(
    `INSERT INTO address_observations (ip, host_id, hour, host_name, first_seen, last_seen, events)
     SELECT * FROM unnest($1::inet[], $2::text[], $3::timestamptz[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[])
     ON CONFLICT (ip, hour, host_id) DO UPDATE SET
       first_seen = least(address_observations.first_seen, excluded.first_seen),
       last_seen = greatest(address_observations.last_seen, excluded.last_seen),
       events = address_observations.events + excluded.events,
       host_name = CASE WHEN excluded.last_seen >= address_observations.last_seen THEN coalesce(excluded.host_name, address_observations.host_name)
                        ELSE coalesce(address_observations.host_name, excluded.host_name) END`,
    [
      sorted.map((r) => r.ip), sorted.map((r) => r.hostId), sorted.map((r) => r.hour), sorted.map((r) => r.hostName),
      sorted.map((r) => r.first), sorted.map((r) => r.last), sorted.map((r) => r.events),
    ],
  );
}

export interface HopUpsert {
  sourceIp: string;
  hostId: string;
  hour: Date;
  hostName: string | null;
  connections: number;
  first: Date;
  last: Date;
  firstSeq: number;
}

export async function upsertHops(sql: Sql, rows: HopUpsert[]): Promise<void> {
  if (!rows.length) return;
  const sorted = [...rows].sort((a, b) => (a.sourceIp < b.sourceIp ? -1 : a.sourceIp > b.sourceIp ? 1 : a.hostId < b.hostId ? -1 : a.hostId > b.hostId ? 1 : a.hour.getTime() - b.hour.getTime()));
  await sql.query(
    `INSERT INTO winrm_hops (source_ip, host_id, hour, host_name, connections, first_seen, last_seen, first_seq)
     SELECT * FROM unnest($1::inet[], $2::text[], $3::timestamptz[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[], $8::bigint[])
     ON CONFLICT (source_ip, host_id, hour) DO UPDATE SET
       connections = winrm_hops.connections + excluded.connections,
       first_seen = least(winrm_hops.first_seen, excluded.first_seen),
       last_seen = greatest(winrm_hops.last_seen, excluded.last_seen),
       first_seq = CASE WHEN excluded.first_seen < winrm_hops.first_seen THEN excluded.first_seq ELSE winrm_hops.first_seq END,
       host_name = coalesce(excluded.host_name, winrm_hops.host_name)`,
    [
      sorted.map((r) => r.sourceIp), sorted.map((r) => r.hostId), sorted.map((r) => r.hour), sorted.map((r) => r.hostName),
      sorted.map((r) => r.connections), sorted.map((r) => r.first), sorted.map((r) => r.last), sorted.map((r) => String(r.firstSeq)),
    ],
  );
}

/** Observations of these addresses overlapping [from, to] (hour rows). */
export async function observationsOf(sql: Sql, ips: string[], from: Date, to: Date): Promise<Observation[]> {
  if (!ips.length) return [];
  const { rows } = await sql.query<{ ip: string; host_id: string; host_name: string | null; first_seen: Date; last_seen: Date }>(
    `SELECT host(ip) AS ip, host_id, host_name, first_seen, last_seen FROM address_observations
     WHERE ip = ANY($1::inet[]) AND hour >= date_trunc('hour', $2::timestamptz) AND hour <= $3::timestamptz
       AND last_seen >= $2::timestamptz AND first_seen <= $3::timestamptz`,
    [ips, from, to],
  );
  return rows.map((r) => ({ ip: r.ip, hostId: r.host_id, hostName: r.host_name, firstSeen: r.first_seen.getTime(), lastSeen: r.last_seen.getTime() }));
}

/** Per address and host: first and last seen over [from, to], aggregated in SQL (for long windows). */
export async function ownersOf(sql: Sql, ips: string[], from: Date, to: Date): Promise<Observation[]> {
  if (!ips.length) return [];
  const { rows } = await sql.query<{ ip: string; host_id: string; host_name: string | null; first_seen: Date; last_seen: Date }>(
    `SELECT host(ip) AS ip, host_id, (array_agg(host_name ORDER BY last_seen DESC))[1] AS host_name, min(first_seen) AS first_seen, max(last_seen) AS last_seen
     FROM address_observations
     WHERE ip = ANY($1::inet[]) AND hour >= date_trunc('hour', $2::timestamptz) AND hour <= $3::timestamptz
       AND last_seen >= $2::timestamptz AND first_seen <= $3::timestamptz
     GROUP BY ip, host_id`,
    [ips, from, to],
  );
  return rows.map((r) => ({ ip: r.ip, hostId: r.host_id, hostName: r.host_name, firstSeen: r.first_seen.getTime(), lastSeen: r.last_seen.getTime() }));
}

export interface HopPairRow {
  source_ip: string;
  host_id: string;
  host_name: string | null;
  connections: number;
  first_seen: Date;
  last_seen: Date;
}

/**
 * WinRM connections per (source address, target host) in [from, to] (hour rows overlapping it).
 * With alertPairs, the input of the plain-code graph (lib/movement/build-graph.ts) that the
 * equivalence test holds movementEdges to.
 */
export async function hopPairs(sql: Sql, from: Date, to: Date, hostIds?: string[]): Promise<HopPairRow[]> {
  const { rows } = await sql.query<HopPairRow>(
    `SELECT host(source_ip) AS source_ip, host_id, (array_agg(host_name ORDER BY hour DESC))[1] AS host_name,
            sum(connections)::int AS connections, min(first_seen) AS first_seen, max(last_seen) AS last_seen
     FROM winrm_hops WHERE hour >= date_trunc('hour', $1::timestamptz) AND hour <= $2::timestamptz
       AND last_seen >= $1::timestamptz AND first_seen <= $2::timestamptz
       AND ($3::text[] IS NULL OR host_id = ANY($3::text[]))
     GROUP BY source_ip, host_id`,
    [from, to, hostIds ?? null],
  );
  return rows;
}

export interface AlertPairRow {
  source_ip: string | null;
  host_id: string;
  host_name: string | null;
  alerts: number;
  first_seen: Date;
  last_seen: Date;
}

/** Alerts per (source address, target host) whose first event lies in [from, to]. */
export async function alertPairs(sql: Sql, from: Date, to: Date, opts: { hostIds?: string[]; incidentId?: string } = {}): Promise<AlertPairRow[]> {
  const { rows } = await sql.query<AlertPairRow>(
    `SELECT host(source_ip) AS source_ip, host_id, max(host_name) AS host_name, count(*)::int AS alerts,
            min(first_event_at) AS first_seen, max(first_event_at) AS last_seen
     FROM alerts WHERE first_event_at >= $1 AND first_event_at <= $2
       AND ($3::text[] IS NULL OR host_id = ANY($3::text[]))
       AND ($4::text IS NULL OR incident_id = $4)
     GROUP BY source_ip, host_id`,
    [from, to, opts.hostIds ?? null, opts.incidentId ?? null],
  );
  return rows;
}

/**
 * What a host node shows for each host of a window: the address it held last in [from, to] (or the
 * hour before it starts) and its name then, from its latest hour row by the (host_id, hour) index
 * (the latest last_seen is always in the latest hour), not a sort of every row of the window; with
 * no name there, the name on its latest WinRM hour row of the window, else on its latest alert.
 * Hosts with neither an address nor a name are left out.
 */
export async function latestHostInfo(sql: Sql, hostIds: string[], from: Date, to: Date): Promise<Map<string, HostInfo>> {
  if (!hostIds.length) return new Map();
  const { rows } = await sql.query<{ host_id: string; ip: string | null; host_name: string | null }>(
    `SELECT * FROM (
       SELECT h.host_id, host(o.ip) AS ip, coalesce(o.host_name,
         (SELECT w.host_name FROM winrm_hops w WHERE w.host_id = h.host_id AND w.hour >= date_trunc('hour', $2::timestamptz) AND w.hour <= $3::timestamptz
            AND w.host_name IS NOT NULL ORDER BY w.hour DESC, w.last_seen DESC LIMIT 1),
         (SELECT a.host_name FROM alerts a WHERE a.host_id = h.host_id AND a.first_event_at >= $2::timestamptz AND a.first_event_at <= $3::timestamptz
            AND a.host_name IS NOT NULL ORDER BY a.first_event_at DESC, a.host_name COLLATE "C" LIMIT 1)) AS host_name
       FROM unnest($1::text[]) AS h(host_id)
       LEFT JOIN LATERAL (
         SELECT ip, host_name FROM address_observations a
         WHERE a.host_id = h.host_id AND a.hour >= date_trunc('hour', $2::timestamptz) - interval '1 hour' AND a.hour <= $3::timestamptz
         ORDER BY a.hour DESC, a.last_seen DESC LIMIT 1
       ) o ON true
     ) x WHERE ip IS NOT NULL OR host_name IS NOT NULL`,
    [hostIds, from, to],
  );
  return new Map(rows.map((r) => [r.host_id, { ip: r.ip, name: r.host_name }]));
}

/** Every observation of these hosts in [from, to] (which addresses they held). */
export async function observationsOfHosts(sql: Sql, hostIds: string[], from: Date, to: Date): Promise<Observation[]> {
  if (!hostIds.length) return [];
  const { rows } = await sql.query<{ ip: string; host_id: string; host_name: string | null; first_seen: Date; last_seen: Date }>(
    `SELECT host(ip) AS ip, host_id, host_name, first_seen, last_seen FROM address_observations
     WHERE host_id = ANY($1::text[]) AND hour >= date_trunc('hour', $2::timestamptz) AND hour <= $3::timestamptz`,
    [hostIds, from, to],
  );
  return rows.map((r) => ({ ip: r.ip, hostId: r.host_id, hostName: r.host_name, firstSeen: r.first_seen.getTime(), lastSeen: r.last_seen.getTime() }));
}

export interface HopRow {
  source_ip: string;
  host_id: string;
  host_name: string | null;
  hour: Date;
  connections: number;
  first_seen: Date;
  last_seen: Date;
  first_seq: string;
}

/** WinRM hop rows (per hour) from these addresses in [from, to], earliest first, at most `limit`. */
export async function hopRowsFrom(sql: Sql, ips: string[], from: Date, to: Date, limit: number): Promise<HopRow[]> {
  if (!ips.length) return [];
  const { rows } = await sql.query<HopRow>(
    `SELECT host(source_ip) AS source_ip, host_id, host_name, hour, connections, first_seen, last_seen, first_seq::text AS first_seq
     FROM winrm_hops WHERE source_ip = ANY($1::inet[]) AND hour >= date_trunc('hour', $2::timestamptz) AND hour <= $3::timestamptz
     ORDER BY first_seen, host_id LIMIT $4`,
    [ips, from, to, limit],
  );
  return rows;
}

export interface MovementEdgeRow {
  /** "host:<id>" when exactly one host held the source address in the window, else "ip:<address>". */
  source: string;
  /** The owner host of a "host:" source. */
  source_host_id: string | null;
  host_id: string;
  connections: number;
  alerts: number;
  /** Epoch ms. */
  first_seen: number;
  last_seen: number;
  /** The source addresses the edge was made of (unordered). */
  ips: string[];
}

export interface MovementEdgesResult {
  /** The busiest edges of this part after the filters, at most `limit` (in no order: compareEdges orders them). */
  edges: MovementEdgeRow[];
  /** Every edge of this part after the filters. */
  totalEdges: number;
  /** The address nodes of this part's edges (parts never share one). */
  addressNodes: number;
  /** The hosts of this part's edges (plus, unfiltered, the hosts with alerts): parts may share them. */
  hostNodes: string[];
  /** Alerts per target host in the window (and incident): the nodes' alert counts (the last part only). */
  hostAlerts: { host_id: string; alerts: number }[];
  /** The addresses of the listed edges that two or more hosts held in the window. */
  ambiguous: string[];
}

/**
 * The movement graph's edges, built in the database (lib/movement/build-graph.ts is the same
 * semantics in plain code, and tests/integration/movement-graph.test.ts holds them equal): WinRM
 * connections (winrm_hops) and alerts per (source address, target host) in [from, to]; a source
 * address that exactly one host held in the window becomes that host, any other stays an address;
 * pairs with the same source node and target add up; an edge from a host to itself is dropped.
 * Filters as buildGraph's; only the busiest `limit` edges are returned (with the totals), so a
 * window of tens of thousands of pairs never travels to the web server.
 *
 * `part` of `parts`: the pairs whose source address hashes to `part` (the summed edges of hosts
 * with several addresses in the first part, the hosts' alert counts in the last), so that the parts, run at once on
 * as many connections, together give the whole graph (lib/movement/get-movement.ts merges them).
 */
export async function movementEdges(
  sql: Sql,
  from: Date,
  to: Date,
  opts: { targets?: string[]; incidentId?: string; hostId?: string; ip?: string; nodeIds?: string[]; limit: number; part?: number; parts?: number },
): Promise<MovementEdgesResult> {
  const filtered = Boolean(opts.hostId || opts.ip || opts.nodeIds);
  // A day of a busy estate is tens of thousands of pairs: hashing and sorting them in memory, not on
  // disk; and no parallel workers (the parts are the parallelism, and nearly every row is a group
  // of its own, so partial aggregates save nothing) — within the caller's transaction (a no-op
  // outside one).
  await sql.query(`SELECT set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true)`);
  // WinRM connections (hour rows) and alerts of the window, after the filters, and `only`.
  const rows = (only: string) => `
         SELECT source_ip, host_id, connections, 0 AS alerts, first_seen, last_seen
         FROM winrm_hops WHERE hour >= date_trunc('hour', $1::timestamptz) AND hour <= $2::timestamptz
           AND last_seen >= $1::timestamptz AND first_seen <= $2::timestamptz AND ($3::text[] IS NULL OR host_id = ANY($3::text[]))
           AND (($5::text IS NULL AND $6::inet IS NULL) OR host_id = $5 OR host_id IN (SELECT host_id FROM holders) OR source_ip IN (SELECT ip FROM scope_ips))
           AND ${only}
         UNION ALL
         SELECT source_ip, host_id, 0, 1, first_event_at, first_event_at
         FROM alerts WHERE first_event_at >= $1::timestamptz AND first_event_at <= $2::timestamptz AND source_ip IS NOT NULL
           AND ($3::text[] IS NULL OR host_id = ANY($3::text[])) AND ($4::text IS NULL OR incident_id = $4)
           AND (($5::text IS NULL AND $6::inet IS NULL) OR host_id = $5 OR host_id IN (SELECT host_id FROM holders) OR source_ip IN (SELECT ip FROM scope_ips))
           AND ${only}`;
  const { rows: result } = await sql.query<{ result: Omit<MovementEdgesResult, "edges"> & { edges: EdgeTuple[] } }>(
    `WITH observed AS (
       SELECT ip, host_id FROM address_observations
       WHERE hour >= date_trunc('hour', $1::timestamptz) AND hour <= $2::timestamptz AND last_seen >= $1::timestamptz AND first_seen <= $2::timestamptz
     ), holders AS (
       SELECT DISTINCT host_id FROM observed WHERE $6::inet IS NOT NULL AND ip = $6::inet
     ), scope_ips AS (
       -- With a host or address filter, only the pairs that can make a kept edge: into the host (or
       -- a holder of the address), from the address, or from an address the host (or a holder) held.
       SELECT ip FROM observed WHERE host_id = $5 OR host_id IN (SELECT host_id FROM holders)
       UNION SELECT $6::inet WHERE $6::inet IS NOT NULL
     ), owned AS (
       -- (From the table, not from observed: unfiltered, observed is then never read.)
       SELECT ip, min(host_id COLLATE "C") AS host_id, count(*) = 1 AS single FROM (
         SELECT DISTINCT ip, host_id FROM address_observations
         WHERE hour >= date_trunc('hour', $1::timestamptz) AND hour <= $2::timestamptz AND last_seen >= $1::timestamptz AND first_seen <= $2::timestamptz
       ) o GROUP BY ip
     ), owners AS (
       -- gather: the address's one owner held two or more addresses in the window, so its pairs are
       -- summed into one edge per target (below, in part 0); any other pair is an edge by itself.
       SELECT ip, host_id, single, single AND host_id IN (SELECT host_id FROM owned WHERE single GROUP BY host_id HAVING count(*) > 1) AS gather
       FROM owned
     ), pairs AS (
       -- This part's pairs (source address, target host), in one aggregate.
       SELECT source_ip, host_id, sum(connections)::int AS connections, sum(alerts)::int AS alerts, min(first_seen) AS first_seen, max(last_seen) AS last_seen
       -- (The part's test inside a CASE: the planner then takes it to keep half the rows, not 0.5 %,
       -- and hashes the pairs rather than sorting them.)
       FROM (${rows("($11::int = 1 OR CASE WHEN (hashinet(source_ip) & 2147483647) % $11 = $10 THEN true ELSE false END)")}
       ) u
       GROUP BY source_ip, host_id
     ), gathered AS (
       -- The rows from the addresses of hosts that held several, summed per (owner host, target), read
       -- again by address (an empty list reads nothing).
       SELECT o.host_id AS src_host, r.host_id, sum(r.connections)::int AS connections, sum(r.alerts)::int AS alerts,
              min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen, array_agg(DISTINCT r.source_ip) AS ips
       FROM (${rows("$10::int = 0 AND source_ip = ANY (ARRAY(SELECT ip FROM owners WHERE gather))")}
       ) r JOIN owners o ON o.ip = r.source_ip
       GROUP BY o.host_id, r.host_id
     ), edges AS (
       -- The source is the owner host (src_host) or the address (src_ip); strings are made for the kept
       -- edges only. An edge by itself keeps its one address (ip); a summed one, all of them (ips).
       SELECT CASE WHEN o.single THEN o.host_id END AS src_host, CASE WHEN o.single THEN NULL ELSE p.source_ip END AS src_ip,
              NOT o.single AS ambiguous, p.host_id, p.connections, p.alerts, p.first_seen, p.last_seen, p.source_ip AS ip, NULL::inet[] AS ips
       FROM pairs p LEFT JOIN owners o ON o.ip = p.source_ip
       WHERE o.gather IS NOT TRUE
       UNION ALL
       SELECT src_host, NULL, false, host_id, connections, alerts, first_seen, last_seen, NULL, ips FROM gathered
     ), kept AS (
       SELECT * FROM edges
       WHERE src_host IS DISTINCT FROM host_id
         AND ($5::text IS NULL OR src_host = $5 OR host_id = $5)
         AND ($6::inet IS NULL OR host(ip) = host($6::inet) OR EXISTS (SELECT 1 FROM unnest(ips) x WHERE host(x) = host($6::inet))
              OR src_host IN (SELECT host_id FROM holders) OR host_id IN (SELECT host_id FROM holders))
         AND ($7::text[] IS NULL OR (CASE WHEN src_host IS NOT NULL THEN 'host:' || src_host ELSE 'ip:' || host(src_ip) END = ANY($7::text[])
              AND 'host:' || host_id = ANY($7::text[])))
     ), bound AS (
       -- The (alerts, connections) at which the busiest $8 edges are reached, counting the edges per
       -- value, and how many rank above it: only the edges of that one value need sorting.
       SELECT alerts, connections, reached - n AS above FROM (
         SELECT alerts, connections, n, sum(n) OVER (ORDER BY alerts DESC, connections DESC) AS reached
         FROM (SELECT alerts, connections, count(*) AS n FROM kept GROUP BY alerts, connections) g
       ) c WHERE reached >= $8 ORDER BY reached LIMIT 1
     ), top AS (
       -- The busiest $8 edges (in no order: compareEdges orders them): those above the bound, then
       -- those at it by the rest of compareEdges' order (first seen, the source id, the target id, by
       -- code unit: "host:…" before "ip:…"), or every edge when there are no more than $8.
       SELECT k.* FROM kept k, bound b WHERE (k.alerts, k.connections) > (b.alerts, b.connections)
       UNION ALL
       (SELECT k.* FROM kept k, bound b WHERE k.alerts = b.alerts AND k.connections = b.connections
        ORDER BY k.first_seen, k.src_host IS NULL, k.src_host COLLATE "C", host(k.src_ip) COLLATE "C", k.host_id COLLATE "C"
        LIMIT (SELECT $8 - above FROM bound))
       UNION ALL
       SELECT * FROM kept WHERE NOT EXISTS (SELECT 1 FROM bound)
     ), host_alerts AS (
       -- Every alert of the window counts on its host's node, whatever the filters (index-only; in
       -- the last part, as the summed edges are in the first).
       SELECT host_id, count(*)::int AS alerts FROM alerts
       WHERE first_event_at >= $1::timestamptz AND first_event_at <= $2::timestamptz
         AND ($3::text[] IS NULL OR host_id = ANY($3::text[])) AND ($4::text IS NULL OR incident_id = $4) AND $10::int = $11::int - 1
       GROUP BY host_id
     )
     SELECT json_build_object(
       -- Edges as arrays (source, source host, host, connections, alerts, first and last seen in epoch
       -- ms, addresses: an inet[] in JSON is the addresses' text), read into MovementEdgeRow below.
       'edges', coalesce((SELECT json_agg(json_build_array(CASE WHEN src_host IS NOT NULL THEN 'host:' || src_host ELSE 'ip:' || host(src_ip) END,
           src_host, host_id, connections, alerts, (extract(epoch FROM first_seen) * 1000)::bigint, (extract(epoch FROM last_seen) * 1000)::bigint, coalesce(ips, ARRAY[ip])))
           FROM top), '[]'::json),
       'totalEdges', (SELECT count(*) FROM kept),
       -- Distinct by hashing, not count(DISTINCT …)'s sort (addresses are stored without a prefix
       -- length, lib/ecs/values.ts, so one inet is one address).
       'addressNodes', (SELECT count(*) FROM (SELECT src_ip FROM kept WHERE src_ip IS NOT NULL GROUP BY src_ip) a),
       'hostNodes', coalesce((SELECT json_agg(h) FROM (SELECT src_host AS h FROM kept WHERE src_host IS NOT NULL GROUP BY src_host
                          UNION SELECT host_id FROM kept GROUP BY host_id
                          UNION SELECT host_id FROM host_alerts WHERE NOT $9::boolean AND alerts > 0) n), '[]'::json),
       'hostAlerts', coalesce((SELECT json_agg(h) FROM host_alerts h), '[]'::json),
       'ambiguous', coalesce((SELECT json_agg(DISTINCT host(src_ip)) FROM top WHERE ambiguous), '[]'::json)
     ) AS result`,
    [from, to, opts.targets ?? null, opts.incidentId ?? null, opts.hostId ?? null, opts.ip ?? null, opts.nodeIds ?? null, opts.limit, filtered, opts.part ?? 0, opts.parts ?? 1],
  );
  const r = result[0].result;
  return {
    ...r,
    edges: r.edges.map(([source, srcHost, hostId, connections, alerts, first, last, ips]) => ({
      source, source_host_id: srcHost, host_id: hostId, connections, alerts,
      first_seen: first, last_seen: last, ips,
    })),
  };
}

type EdgeTuple = [string, string | null, string, number, number, number, number, string[]];
