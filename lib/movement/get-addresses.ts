import { requirePermission } from "../auth/actor";
import { ownersOf } from "../db/queries/movement";
import { readSql, type Sql } from "../db/queries/sql";
import type { ServiceContext } from "../service-context";
import { parseWindow } from "../investigation/time-window";
import { INVESTIGATION_WINDOW } from "../validation/common";
import { addressesQuerySchema } from "../validation/movement";
import { addressInfo } from "./address-info";
import { ownersInWindow } from "./ownership";
import type { AddressesJson, AddressInfoJson } from "./types";

/** `GET /api/v1/addresses`: how each address reads with its owners in the window (default: the last 24 h, at most 31 days). */
export async function getAddresses(input: unknown, ctx: ServiceContext): Promise<AddressesJson> {
  requirePermission(ctx.actor, "read");
  const q = addressesQuerySchema.parse(input);
  const window = parseWindow({ from: q.from?.toISOString(), to: q.to?.toISOString() }, INVESTIGATION_WINDOW);
  const addresses = await addressesInWindow(readSql(ctx.tx), [...new Set(q.ip)], window.from, window.to);
  return { window: { from: window.from.toISOString(), to: window.to.toISOString() }, addresses };
}

export async function addressesInWindow(sql: Sql, ips: string[], from: Date, to: Date): Promise<AddressInfoJson[]> {
  const observations = await ownersOf(sql, ips, from, to);
  return ips.map((ip) => addressInfo(ip, ownersInWindow(observations, ip, from.getTime(), to.getTime())));
}
