import type pg from "pg";
import { pool } from "../db/client";
import { committedHighWaterMark } from "../db/queries/detection";
import { alertsBySourceWindows, lockGrouping } from "../db/queries/incidents";
import {
  aggregateAddressBatch,
  lockMovementState,
  newOwnerPairs,
  setMovementCheckpoint,
  upsertHops,
  upsertObservations,
} from "../db/queries/movement";
import { pgSql } from "../db/queries/sql";
import { groupAlerts, resolveSources } from "../incidents/group-alerts";
import { movementOptions } from "./options";

/**
 * The worker's address-book step: reads the events ingested since its checkpoint (aggregated in
 * PostgreSQL by the SQL twin of extract-addresses.ts), records which
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


export async function advanceAddressBook(c: pg.PoolClient, opts: { upTo?: number; batchSize?: number } = {}): Promise<AddressBookSummary> {
  const { windowMs, ownershipMs } = movementOptions();
  const hwm = opts.upTo ?? (await committedHighWaterMark(c));
  const sql = pgSql(c);
  await c.query("BEGIN");
  try {
    const checkpoint = await lockMovementState(sql);
    const to = Math.min(hwm, checkpoint + (opts.batchSize ?? 100_000));
    if (to <= checkpoint) {
      await c.query("COMMIT");
      return { from: checkpoint, to: checkpoint, events: 0, observations: 0, hops: 0, regrouped: 0, more: false };
    }
    // Aggregated inside PostgreSQL: only (address, host, hour) rows leave the server.
    const batch = await aggregateAddressBatch(sql, checkpoint, to);
    const events = batch.events;
    const hops = batch.hops;
    const rows = batch.observations;
    const fresh = await newOwnerPairs(sql, rows, ownershipMs);
    await upsertObservations(sql, rows);
    await upsertHops(sql, hops);

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
      const changed = await resolveSources(sql, affected, ownershipMs);
      if (changed.length) await groupAlerts(sql, changed.map((r) => r.id), { windowMs, ownershipMs });
      regrouped = changed.length;
    }
    await setMovementCheckpoint(sql, to);
    await c.query("COMMIT");
    return { from: checkpoint, to, events, observations: rows.length, hops: hops.length, regrouped, more: to < hwm };
  } catch (err) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
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
