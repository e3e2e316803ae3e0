import type { AlertJson } from "../alerts/types";
import { hopRowsFrom, observationsOfHosts } from "../db/queries/movement";
import type { Sql } from "../db/queries/sql";
import { buildChains, type Hop } from "../movement/chains";
import { ownerAt, ownersAround } from "../movement/ownership";
import type { ChainJson } from "../movement/types";

/**
 * The chains of an incident: its alerts as hops, plus the WinRM connections without an alert that
 * went out of one of its hosts (from an address that host held then) up to a chain window after its
 * last alert. Connections *into* its hosts from elsewhere are not added: MON-01's probes reach every
 * server every 10 minutes and would otherwise become everyone's patient zero.
 */
const MAX_CONNECTION_HOPS = 2000;

export async function incidentChains(sql: Sql, alerts: AlertJson[], windowMs: number, ownershipMs: number): Promise<ChainJson[]> {
  if (!alerts.length) return [];
  const alertHops: Hop[] = alerts.map((a) => ({
    kind: "alert",
    id: a.id,
    at: Date.parse(a.firstEventAt),
    source: { hostId: a.sourceHost?.id ?? null, hostName: a.sourceHost?.name ?? null, ip: a.sourceIp },
    target: { hostId: a.host.id, hostName: a.host.name, ip: null },
  }));
  const hosts = new Set<string>();
  for (const a of alerts) {
    hosts.add(a.host.id);
    if (a.sourceHost) hosts.add(a.sourceHost.id);
  }
  const first = Math.min(...alertHops.map((h) => h.at));
  const last = Math.max(...alertHops.map((h) => h.at));
  const from = new Date(first - ownershipMs);
  const to = new Date(last + windowMs);
  const observations = await observationsOfHosts(sql, [...hosts], from, new Date(to.getTime() + ownershipMs));
  const ips = [...new Set(observations.map((o) => o.ip))];
  const rows = await hopRowsFrom(sql, ips, new Date(first), to, MAX_CONNECTION_HOPS);
  const alerted = new Set(alerts.map((a) => `${a.sourceIp}\u0000${a.host.id}\u0000${Math.floor(Date.parse(a.firstEventAt) / 3_600_000)}`));
  const connectionHops: Hop[] = [];
  for (const r of rows) {
    if (alerted.has(`${r.source_ip}\u0000${r.host_id}\u0000${Math.floor(r.hour.getTime() / 3_600_000)}`)) continue;
    const at = r.first_seen.getTime();
    const owner = ownerAt(ownersAround(observations, r.source_ip, at, ownershipMs), at);
    if (!owner || !hosts.has(owner.hostId) || owner.hostId === r.host_id) continue;
    connectionHops.push({
      kind: "connection",
      id: r.first_seq,
      at,
      source: { hostId: owner.hostId, hostName: owner.hostName, ip: r.source_ip },
      target: { hostId: r.host_id, hostName: r.host_name, ip: null },
    });
  }
  return buildChains([...alertHops, ...connectionHops], windowMs);
}
