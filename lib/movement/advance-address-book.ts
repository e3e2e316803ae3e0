import type pg from "pg";
import { pool } from "../db/client";
import { committedHighWaterMark } from "../db/queries/detection";
import { alertsBySourceWindows, lockGrouping } from "../db/queries/incidents";
import {
  addressEvents,
  lockMovementState,
  newOwnerPairs,
  setMovementCheckpoint,
  upsertHops,
  upsertObservations,
  type HopUpsert,
  type ObservationUpsert,
} from "../db/queries/movement";
import { inPgTransaction } from "../db/transaction";
import { pgSql } from "../db/queries/sql";
import { groupAlerts, resolveSources } from "../incidents/group-alerts";
import { movementOptions } from "./options";
import { ownAddresses, winrmHopSource } from "./extract-addresses";

/**
 * The worker's address-book step: reads the events ingested since its checkpoint, records which
 * host held which address per hour and the inbound WinRM connections per source, target and hour;
 * where a host appears as a new owner of an address, the alerts from that address around then get
 * their source host again and are regrouped (a late event can so link, and merge, incidents). One
 * transaction per batch, checkpoint included: a crash loses nothing and repeats nothing.
 */
export interface AddressBookSummary {
  from: number;
  to: number;
  events: number;
  observations: number;
  hops: number;
  regrouped: number;
  more: boolean;
}

const HOUR_MS = 3_600_000;
const PAGE = 20_000;

export async function advanceAddressBook(c: pg.PoolClient, opts: { upTo?: number; batchSize?: number } = {}): Promise<AddressBookSummary> {
  const { windowMs, ownershipMs } = movementOptions();
  const hwm = opts.upTo ?? (await committedHighWaterMark(c));
  const sql = pgSql(c);
  return inPgTransaction(c, async () => {
    const checkpoint = await lockMovementState(sql);
    const to = Math.min(hwm, checkpoint + (opts.batchSize ?? 100_000));
    if (to <= checkpoint) {
      return { from: checkpoint, to: checkpoint, events: 0, observations: 0, hops: 0, regrouped: 0, more: false };
    }
    const observations = new Map<string, ObservationUpsert>();
    const hops = new Map<string, HopUpsert>();
    let events = 0;
    for (let from = checkpoint; from < to; ) {
      const page = await addressEvents(sql, from, to, PAGE);
      if (!page.length) break;
      for (const e of page) {
        events++;
        const ts = e.ts.getTime();
        const hour = new Date(ts - (ts % HOUR_MS));
        const own = ownAddresses({ hostIp: e.host_ip, direction: e.direction, sourceIp: e.source_ip, destinationIp: e.destination_ip, destinationPort: e.destination_port, network: e.network });
        for (const ip of own) {
          const key = `${ip}\u0000${e.host_id}\u0000${hour.getTime()}`;
          const o = observations.get(key);
          if (!o) observations.set(key, { ip, hostId: e.host_id, hour, hostName: e.host_name, first: e.ts, last: e.ts, events: 1 });
          else {
            o.events++;
            if (e.ts < o.first) o.first = e.ts;
            if (e.ts >= o.last) {
              o.last = e.ts;
              o.hostName = e.host_name ?? o.hostName;
            }
          }
        }
        const src = winrmHopSource({ hostIp: e.host_ip, direction: e.direction, sourceIp: e.source_ip, destinationIp: e.destination_ip, destinationPort: e.destination_port, network: e.network }, own);
        if (src) {
          const key = `${src}\u0000${e.host_id}\u0000${hour.getTime()}`;
          const h = hops.get(key);
          if (!h) hops.set(key, { sourceIp: src, hostId: e.host_id, hour, hostName: e.host_name, connections: 1, first: e.ts, last: e.ts, firstSeq: Number(e.seq) });
          else {
            h.connections++;
            if (e.ts < h.first) {
              h.first = e.ts;
              h.firstSeq = Number(e.seq);
            }
            if (e.ts > h.last) h.last = e.ts;
          }
        }
      }
      from = Number(page[page.length - 1].seq);
      if (page.length < PAGE) break;
    }
    const rows = [...observations.values()];
    const fresh = await newOwnerPairs(sql, rows, ownershipMs);
    await upsertObservations(sql, rows);
    await upsertHops(sql, [...hops.values()]);

    // Alerts from an address that gained an owner around their time: source host again, regrouped.
    const windows = new Map<string, { ip: string; from: Date; to: Date }>();
    for (const r of rows) {
      if (!fresh.has(`${r.ip}\u0000${r.hostId}`)) continue;
      const w = windows.get(r.ip);
      const f = new Date(r.first.getTime() - ownershipMs);
      const t = new Date(r.last.getTime() + ownershipMs);
      if (!w) windows.set(r.ip, { ip: r.ip, from: f, to: t });
      else {
        if (f < w.from) w.from = f;
        if (t > w.to) w.to = t;
      }
    }
    let regrouped = 0;
    if (windows.size) {
      await lockGrouping(sql);
      const affected = await alertsBySourceWindows(sql, [...windows.values()]);
      const { changed } = await resolveSources(sql, affected, ownershipMs);
      if (changed.length) await groupAlerts(sql, changed.map((r) => r.id), { windowMs, ownershipMs });
      regrouped = changed.length;
    }
    await setMovementCheckpoint(sql, to);
    return { from: checkpoint, to, events, observations: rows.length, hops: hops.size, regrouped, more: to < hwm };
  });
}

/** Runs the step until it has read everything committed up to `upTo` (default: now). */
export async function advanceAddressBookFully(upTo?: number): Promise<AddressBookSummary[]> {
  const c = await pool().connect();
  const out: AddressBookSummary[] = [];
  try {
    const target = upTo ?? (await committedHighWaterMark(c));
    for (;;) {
      const s = await advanceAddressBook(c, { upTo: target });
      out.push(s);
      if (!s.more) break;
    }
    return out;
  } finally {
    c.release();
  }
}
