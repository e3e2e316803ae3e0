import { pathTarget } from "../validation/common";
import crypto from "node:crypto";
import { requirePermission } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { criticalRules, deleteCriticalRule, insertCriticalRule, knownHostsMatching, lockGrouping, recomputeCritical, type CriticalRuleRow } from "../db/queries/incidents";
import { AppError, notFound } from "../http/errors";
import { refreshIncidents } from "../incidents/group-alerts";
import { inSqlTransaction, readSql, type Sql } from "../db/queries/sql";
import type { ServiceContext } from "../service-context";
import { criticalHostCreateSchema } from "../validation/movement";
import { patternLike } from "./critical";
import { movementOptions } from "./options";
import type { CriticalHostRuleJson, CriticalHostsJson } from "./types";

/**
 * Critical hosts (admin): one host by id, or a name pattern (`DC-*`). A critical target adds 100 to
 * the priority of its alerts and so of their incidents; adding or removing a rule recomputes
 * every alert's flag and priority in the same transaction, audited.
 */
const MATCHES_LISTED = 50;

async function serializeRule(sql: Sql, r: CriticalRuleRow): Promise<CriticalHostRuleJson> {
  const matches = await knownHostsMatching(sql, r.pattern ? { like: patternLike(r.pattern) } : { hostId: r.host_id ?? undefined }, MATCHES_LISTED);
  return {
    id: r.id,
    hostId: r.host_id,
    hostName: r.host_name ?? matches.find((m) => m.host_id === r.host_id)?.host_name ?? null,
    pattern: r.pattern,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    matches: matches.map((m) => ({ hostId: m.host_id, hostName: m.host_name })),
  };
}

export async function listCriticalHosts(ctx: ServiceContext): Promise<CriticalHostsJson> {
  requirePermission(ctx.actor, "read");
  const sql = readSql(ctx.tx);
  const rules = await criticalRules(sql);
  return { rules: await Promise.all(rules.map((r) => serializeRule(sql, r))) };
}

async function recompute(sql: Sql): Promise<void> {
  const rules = await criticalRules(sql);
  const touched = await recomputeCritical(
    sql,
    rules.filter((r) => r.host_id).map((r) => r.host_id!),
    rules.filter((r) => r.pattern).map((r) => patternLike(r.pattern!)),
  );
  await refreshIncidents(sql, touched, movementOptions().windowMs);
}

export async function addCriticalHost(input: unknown, ctx: ServiceContext): Promise<CriticalHostRuleJson> {
  const actor = requirePermission(ctx.actor, "rules:write");
  const v = criticalHostCreateSchema.parse(input);
  return inSqlTransaction(ctx.tx, async (tx, sql) => {
    await lockGrouping(sql);
    const existing = await criticalRules(sql);
    if (existing.some((r) => (v.hostId && r.host_id === v.hostId) || (v.pattern && r.pattern?.toLowerCase() === v.pattern.toLowerCase()))) {
      throw new AppError("conflict", v.hostId ? "This host is already marked critical" : "This pattern is already a rule");
    }
    const name = v.hostId ? ((await knownHostsMatching(sql, { hostId: v.hostId }, 1))[0]?.host_name ?? null) : null;
    const id = crypto.randomUUID();
    await insertCriticalRule(sql, { id, hostId: v.hostId ?? null, hostName: name, pattern: v.pattern ?? null, createdBy: actor.label });
    await recompute(sql);
    await recordAudit({ actor, action: "critical_host.create", targetType: "critical_host", targetId: id, ip: ctx.ip ?? null, details: { hostId: v.hostId ?? null, pattern: v.pattern ?? null } }, tx);
    const row = (await criticalRules(sql)).find((r) => r.id === id)!;
    return serializeRule(sql, row);
  });
}

export async function removeCriticalHost(input: unknown, ctx: ServiceContext): Promise<{ deleted: string }> {
  const actor = requirePermission(ctx.actor, "rules:write");
  const { id } = pathTarget.parse(input);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("Critical host rule");
  return inSqlTransaction(ctx.tx, async (tx, sql) => {
    await lockGrouping(sql);
    const gone = await deleteCriticalRule(sql, id);
    if (!gone) throw notFound("Critical host rule");
    await recompute(sql);
    await recordAudit({ actor, action: "critical_host.delete", targetType: "critical_host", targetId: gone.id, ip: ctx.ip ?? null, details: { hostId: gone.host_id, pattern: gone.pattern } }, tx);
    return { deleted: gone.id };
  });
}
