import type pg from "pg";
import { db, type Tx } from "../client";
import type { NotificationDestination, Prisma } from "../generated/client";
import type { Sql } from "./sql";

/**
 * Queries on `notification_destinations` and `notification_outbox` (lib/notify/README.md). The
 * outbox functions take a pg client (the detection transaction, or the pool) or a Prisma
 * transaction, so enqueueing commits with whatever created the alert or incident.
 */
export type SqlClient = Pick<pg.PoolClient, "query"> | Tx | Sql;

async function sql<T extends Record<string, unknown>>(c: SqlClient, text: string, params: unknown[]): Promise<T[]> {
  if ("$queryRawUnsafe" in c) return (c as Tx).$queryRawUnsafe<T[]>(text, ...params);
  return (await (c as Sql).query<T>(text, params)).rows;
}

export interface RoutableDestination {
  id: string;
  rule_ids: string[];
  min_severity: string;
}

export type RoutedEvent = "alerts" | "incidents" | "incident_changes";
const EVENT_COLUMN: Record<RoutedEvent, string> = { alerts: "on_alerts", incidents: "on_incidents", incident_changes: "on_incident_changes" };

/** Enabled destinations that want this kind of event, with their rule and severity filters. */
export async function routableDestinations(c: SqlClient, event: RoutedEvent): Promise<RoutableDestination[]> {
  return sql<RoutableDestination & Record<string, unknown>>(
    c,
    `SELECT id::text AS id, rule_ids, min_severity FROM notification_destinations WHERE enabled AND ${EVENT_COLUMN[event]}`,
    [],
  );
}

export interface OutboxInsert {
  id: string;
  destinationId: string;
  kind: "alert" | "incident" | "incident_change";
  subjectId: string;
  payload: unknown | null;
}

/** Appends messages to the outbox (one statement) and wakes the delivery loop when the transaction commits. */
export async function insertOutboxRows(c: SqlClient, rows: OutboxInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await sql(
    c,
    `INSERT INTO notification_outbox (id, destination_id, kind, subject_id, payload)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[])`,
    [rows.map((r) => r.id), rows.map((r) => r.destinationId), rows.map((r) => r.kind), rows.map((r) => r.subjectId),
      rows.map((r) => (r.payload === null ? null : JSON.stringify(r.payload)))],
  );
  await sql(c, `SELECT pg_notify('lateral_notifications', '') IS NULL AS woken`, []);
}

export interface ClaimedRow {
  id: string;
  destination_id: string;
  kind: "alert" | "incident" | "incident_change";
  subject_id: string;
  payload: unknown;
  attempts: number;
  message_id: string;
  created_at: Date;
}

const DUE = `((o.status = 'pending' AND o.next_attempt_at <= $1) OR (o.status = 'sending' AND o.claimed_until <= $1))`;
const RETURNING = `RETURNING o.id::text AS id, o.destination_id::text AS destination_id, o.kind, o.subject_id, o.payload, o.attempts, o.message_id::text AS message_id, o.created_at`;

/**
 * Messages whose lease ran out (a worker died while sending) after their last allowed attempt:
 * dead letters, never sent again by themselves.
 */
export async function deadLetterAbandoned(c: pg.Pool, now: Date, maxAttempts: number): Promise<number> {
  const r = await c.query(
    `UPDATE notification_outbox SET status = 'dead', claimed_until = NULL,
       last_error = coalesce(last_error || '; ', '') || 'the worker stopped while delivering the last attempt'
     WHERE status = 'sending' AND claimed_until <= $1 AND attempts >= $2`,
    [now, maxAttempts],
  );
  return r.rowCount ?? 0;
}

/** Claims due messages of non-digest destinations (each its own message): attempt counted, leased until `leaseUntil`. */
export async function claimDue(c: pg.Pool, now: Date, limit: number, leaseUntil: Date): Promise<ClaimedRow[]> {
  const r = await c.query(
    `WITH due AS (
       SELECT o.id FROM notification_outbox o JOIN notification_destinations d ON d.id = o.destination_id
       WHERE d.enabled AND d.digest_minutes IS NULL AND ${DUE}
       ORDER BY o.next_attempt_at LIMIT $2 FOR UPDATE OF o SKIP LOCKED)
     UPDATE notification_outbox o SET status = 'sending', attempts = o.attempts + 1, claimed_until = $3, last_attempt_at = $1,
       message_id = coalesce(o.message_id, o.id)
     FROM due WHERE o.id = due.id ${RETURNING}`,
    [now, limit, leaseUntil],
  );
  return r.rows;
}

/** Digest destinations whose window has passed and that have something due. */
export async function dueDigestDestinations(c: pg.Pool, now: Date): Promise<{ id: string; digest_minutes: number }[]> {
  const r = await c.query(
    `SELECT d.id::text AS id, d.digest_minutes FROM notification_destinations d
     WHERE d.enabled AND d.digest_minutes IS NOT NULL
       AND (d.last_digest_at IS NULL OR d.last_digest_at + d.digest_minutes * interval '1 minute' <= $1)
       AND EXISTS (SELECT 1 FROM notification_outbox o WHERE o.destination_id = d.id AND ${DUE})`,
    [now],
  );
  return r.rows;
}

/**
 * Claims one digest of a destination: a digest that failed before is retried as the same message
 * (same id, same items); otherwise everything due (at most `limit`) becomes a new one.
 */
export async function claimDigest(c: pg.Pool, destinationId: string, now: Date, limit: number, leaseUntil: Date, newMessageId: string): Promise<ClaimedRow[]> {
  const client = await c.connect();
  try {
    await client.query("BEGIN");
    const locked = await client.query(
      `SELECT id FROM notification_destinations d WHERE id = $1 AND (d.last_digest_at IS NULL OR d.last_digest_at + d.digest_minutes * interval '1 minute' <= $2)
       FOR UPDATE SKIP LOCKED`,
      [destinationId, now],
    );
    if (locked.rowCount === 0) {
      await client.query("ROLLBACK");
      return [];
    }
    const earlier = await client.query(
      `SELECT o.message_id FROM notification_outbox o WHERE o.destination_id = $2 AND o.message_id IS NOT NULL AND ${DUE}
       ORDER BY o.created_at LIMIT 1`,
      [now, destinationId],
    );
    const messageId: string = earlier.rows[0]?.message_id ?? newMessageId;
    const r = await client.query(
      `WITH due AS (
         SELECT o.id FROM notification_outbox o WHERE o.destination_id = $2 AND ${DUE}
           AND ${earlier.rowCount ? "o.message_id = $5" : "o.message_id IS NULL"}
         ORDER BY o.created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE notification_outbox o SET status = 'sending', attempts = o.attempts + 1, claimed_until = $4, last_attempt_at = $1, message_id = $5
       FROM due WHERE o.id = due.id ${RETURNING}`,
      [now, destinationId, limit, leaseUntil, messageId],
    );
    if (r.rowCount) await client.query(`UPDATE notification_destinations SET last_digest_at = $2 WHERE id = $1`, [destinationId, now]);
    await client.query("COMMIT");
    return r.rows;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function markDelivered(c: pg.Pool, ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  await c.query(
    `UPDATE notification_outbox SET status = 'delivered', delivered_at = $2, claimed_until = NULL, last_error = NULL, payload = CASE WHEN kind = 'alert' THEN NULL ELSE payload END
     WHERE id = ANY($1::uuid[]) AND status = 'sending'`,
    [ids, now],
  );
}

/** Delivered and suppressed messages older than the retention period; dead letters stay until handled. */
export async function pruneOutbox(c: pg.Pool, olderThan: Date): Promise<number> {
  const r = await c.query(`DELETE FROM notification_outbox WHERE status IN ('delivered', 'suppressed') AND created_at < $1`, [olderThan]);
  return r.rowCount ?? 0;
}

/** A failed attempt: retried after base × 2^(attempts−1) seconds (at most `maxSeconds`), or a dead letter after the last attempt. */
export async function markFailed(
  c: pg.Pool,
  ids: string[],
  now: Date,
  error: string,
  policy: { maxAttempts: number; baseSeconds: number; maxSeconds: number },
): Promise<void> {
  if (!ids.length) return;
  await c.query(
    `UPDATE notification_outbox SET
       status = CASE WHEN attempts >= $4 THEN 'dead' ELSE 'pending' END,
       next_attempt_at = $2::timestamptz + least($6::float8, $5::float8 * power(2, greatest(attempts - 1, 0))) * interval '1 second',
       claimed_until = NULL, last_error = $3
     WHERE id = ANY($1::uuid[]) AND status = 'sending'`,
    [ids, now, error.slice(0, 2000), policy.maxAttempts, policy.baseSeconds, policy.maxSeconds],
  );
}

/** Messages that must not be sent any more (their alert was allowlisted or no longer exists). */
export async function markSuppressed(c: pg.Pool, ids: string[], reason: string): Promise<void> {
  if (!ids.length) return;
  await c.query(`UPDATE notification_outbox SET status = 'suppressed', claimed_until = NULL, last_error = $2 WHERE id = ANY($1::uuid[])`, [ids, reason]);
}

export async function alertsByIds(ids: string[]) {
  if (!ids.length) return [];
  return db().alert.findMany({ where: { id: { in: ids } }, omit: { stages: true, threat: true } });
}

export async function destinationsByIds(ids: string[]): Promise<NotificationDestination[]> {
  if (!ids.length) return [];
  return db().notificationDestination.findMany({ where: { id: { in: ids } } });
}

// ---------------------------------------------------------------- destinations (admin)

export async function listDestinationRows(tx?: Tx): Promise<NotificationDestination[]> {
  return (tx ?? db()).notificationDestination.findMany({ orderBy: { createdAt: "asc" } });
}

export async function findDestinationRow(id: string, tx?: Tx): Promise<NotificationDestination | null> {
  return (tx ?? db()).notificationDestination.findUnique({ where: { id } });
}

export async function insertDestinationRow(data: Prisma.NotificationDestinationCreateInput, tx: Tx): Promise<NotificationDestination> {
  return tx.notificationDestination.create({ data });
}

export async function updateDestinationRow(id: string, data: Prisma.NotificationDestinationUpdateInput, tx: Tx): Promise<NotificationDestination> {
  return tx.notificationDestination.update({ where: { id }, data });
}

export async function deleteDestinationRow(id: string, tx: Tx): Promise<void> {
  await tx.notificationDestination.delete({ where: { id } });
}

/** Messages per status for each destination (the list page). */
export async function outboxCounts(tx?: Tx): Promise<Map<string, Record<string, number>>> {
  const rows = await (tx ?? db()).notificationOutbox.groupBy({ by: ["destinationId", "status"], _count: { _all: true } });
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const m = out.get(r.destinationId) ?? {};
    m[r.status] = r._count._all;
    out.set(r.destinationId, m);
  }
  return out;
}

export async function lastDeliveries(tx?: Tx): Promise<Map<string, Date>> {
  const rows = await (tx ?? db()).notificationOutbox.groupBy({ by: ["destinationId"], where: { status: "delivered" }, _max: { deliveredAt: true } });
  return new Map(rows.filter((r) => r._max.deliveredAt).map((r) => [r.destinationId, r._max.deliveredAt!]));
}

export async function listDeadLetterRows(limit: number, tx?: Tx) {
  return (tx ?? db()).notificationOutbox.findMany({
    where: { status: "dead" },
    orderBy: [{ lastAttemptAt: "desc" }, { createdAt: "desc" }],
    take: limit,
    include: { destination: { select: { name: true, kind: true } } },
  });
}

export async function findOutboxRow(id: string, tx?: Tx) {
  return (tx ?? db()).notificationOutbox.findUnique({ where: { id } });
}

/**
 * A dead letter back in the queue, due now, with its attempts reset. The message keeps its id
 * (receivers deduplicate on it), so a dead digest goes back whole: every dead row of the same message.
 */
export async function requeueDeadLetter(row: { id: string; messageId: string | null }, now: Date, tx: Tx): Promise<number> {
  const where = row.messageId ? { messageId: row.messageId, status: "dead" } : { id: row.id, status: "dead" };
  const r = await tx.notificationOutbox.updateMany({ where, data: { status: "pending", attempts: 0, nextAttemptAt: now, claimedUntil: null } });
  return r.count;
}

export async function wakeDelivery(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_notify('lateral_notifications', '')`);
}

// ---------------------------------------------------------------- incidents of new alerts

/** Which of these incident ids exist already. */
export async function existingIncidentIds(c: SqlClient, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await sql<{ id: string }>(c, `SELECT id FROM incidents WHERE id = ANY($1::text[])`, [ids]);
  return new Set(rows.map((r) => r.id));
}

/** Every rule of an incident's alerts. */
export async function incidentRuleIds(c: SqlClient, incidentId: string): Promise<string[]> {
  const rows = await sql<{ rule_id: string }>(c, `SELECT DISTINCT rule_id FROM alerts WHERE incident_id = $1`, [incidentId]);
  return rows.map((r) => r.rule_id);
}

/** The incidents these alerts are in now, with how many of them each got and every rule of its alerts. */
export async function incidentsOfAlerts(c: SqlClient, alertIds: string[]): Promise<{ incident_id: string; added: number; rule_ids: string[] }[]> {
  if (!alertIds.length) return [];
  return sql(
    c,
    `SELECT n.incident_id, n.added, (SELECT array_agg(DISTINCT a.rule_id) FROM alerts a WHERE a.incident_id = n.incident_id) AS rule_ids
     FROM (SELECT incident_id, count(*)::int AS added FROM alerts WHERE id = ANY($1::text[]) AND incident_id IS NOT NULL GROUP BY incident_id) n`,
    [alertIds],
  );
}
