import crypto from "node:crypto";
import { serializeAlert } from "../alerts/serialize-alert";
import { pool } from "../db/client";
import {
  alertsByIds,
  claimDigest,
  claimDue,
  deadLetterAbandoned,
  destinationsByIds,
  dueDigestDestinations,
  markDelivered,
  markFailed,
  markSuppressed,
  type ClaimedRow,
} from "../db/queries/notifications";
import { env } from "../env";
import { loadDestination } from "./load-destination";
import type { LoadedDestination } from "./destination";
import { sendMessages } from "./senders";
import type { AlertNotice, IncidentChange, IncidentNotice, Message, NoticeItem, SendResult } from "./types";

/**
 * One pass of the delivery loop (README: delivery): claim due messages (FOR UPDATE SKIP LOCKED,
 * the attempt counted and a lease taken before anything is sent), send them, record the outcome.
 * A worker killed mid-send leaves its messages leased: once the lease runs out another pass sends
 * them again (the same id), until the attempts are used up. So every message is sent at least once
 * while it has attempts left, and never more than NOTIFY_MAX_ATTEMPTS times.
 */
export interface PassSummary {
  claimed: number;
  delivered: number;
  failed: number;
  suppressed: number;
  abandoned: number;
}

const DIGEST_LIMIT = 1000;

export async function deliverDue(opts: { now?: Date } = {}): Promise<PassSummary> {
  const e = env();
  const now = opts.now ?? new Date();
  const startedAt = Date.now();
  // The pass's clock: the real one, or the one it was given, moving on as the pass takes time.
  const clock = () => new Date(now.getTime() + (Date.now() - startedAt));
  const timeoutMs = e.NOTIFY_TIMEOUT_SECONDS * 1000;
  // Long enough for a whole batch of timeouts: waves of NOTIFY_CONCURRENCY sends, plus one.
  const leaseUntil = new Date(now.getTime() + (Math.ceil(e.NOTIFY_BATCH_SIZE / e.NOTIFY_CONCURRENCY) + 1) * timeoutMs);
  const abandoned = await deadLetterAbandoned(pool(), now, e.NOTIFY_MAX_ATTEMPTS);

  const rows = await claimDue(pool(), now, e.NOTIFY_BATCH_SIZE, leaseUntil);
  const digests = new Map<string, number>(); // message id → digest minutes
  for (const d of await dueDigestDestinations(pool(), now)) {
    const claimed = await claimDigest(pool(), d.id, now, DIGEST_LIMIT, leaseUntil, crypto.randomUUID());
    for (const r of claimed) digests.set(r.message_id, d.digest_minutes);
    rows.push(...claimed);
  }
  const summary: PassSummary = { claimed: rows.length, delivered: 0, failed: 0, suppressed: 0, abandoned };
  if (rows.length === 0) return summary;

  // What each row announces: the alert as the API gives it now, or the incident as it was given.
  const alerts = new Map((await alertsByIds([...new Set(rows.filter((r) => r.kind === "alert").map((r) => r.subject_id))])).map((a) => [a.id, a]));
  const items = new Map<string, NoticeItem>();
  const gone: string[] = [];
  const allowlisted: string[] = [];
  for (const r of rows) {
    if (r.kind === "alert") {
      const a = alerts.get(r.subject_id);
      if (!a) gone.push(r.id);
      else if (a.status === "closed" && a.closingReason === "allowlisted") allowlisted.push(r.id);
      else items.set(r.id, { type: "alert", alert: serializeAlert(a) as AlertNotice });
    } else {
      const p = r.payload as { incident: IncidentNotice; change: IncidentChange };
      items.set(r.id, { type: r.kind, incident: p.incident, change: p.change });
    }
  }
  await markSuppressed(pool(), gone, "the alert no longer exists");
  await markSuppressed(pool(), allowlisted, "the alert was closed by an allowlist entry before it was sent");
  summary.suppressed = gone.length + allowlisted.length;

  // Messages: one per row, or one per digest (rows sharing a message id).
  const byMessage = new Map<string, { destinationId: string; rows: ClaimedRow[] }>();
  for (const r of rows) {
    if (!items.has(r.id)) continue;
    const g = byMessage.get(r.message_id) ?? { destinationId: r.destination_id, rows: [] };
    g.rows.push(r);
    byMessage.set(r.message_id, g);
  }
  const destRows = await destinationsByIds([...new Set([...byMessage.values()].map((g) => g.destinationId))]);
  const outcomes: { ids: string[]; result: SendResult }[] = [];
  await Promise.all(
    destRows.map(async (row) => {
      const groups = [...byMessage.entries()].filter(([, g]) => g.destinationId === row.id);
      const ids = (g: { rows: ClaimedRow[] }) => g.rows.map((r) => r.id);
      let dest: LoadedDestination;
      try {
        dest = loadDestination(row);
      } catch (err) {
        const result = { ok: false, status: null, response: (err as Error).message, durationMs: 0 };
        for (const [, g] of groups) outcomes.push({ ids: ids(g), result });
        return;
      }
      const messages: Message[] = groups.map(([id, g]) => ({
        id,
        kind: digests.has(id) ? "digest" : "single",
        digestMinutes: digests.get(id) ?? null,
        sentAt: clock().toISOString(),
        items: g.rows.map((r) => items.get(r.id)!),
      }));
      const results = await sendMessages(dest, messages, timeoutMs).catch((err) =>
        messages.map(() => ({ ok: false, status: null, response: (err as Error).message, durationMs: 0 })),
      );
      groups.forEach(([, g], i) => outcomes.push({ ids: ids(g), result: results[i] }));
    }),
  );

  const done = clock();
  const delivered = outcomes.filter((o) => o.result.ok).flatMap((o) => o.ids);
  await markDelivered(pool(), delivered, done);
  summary.delivered = delivered.length;
  const failures = new Map<string, string[]>();
  for (const o of outcomes.filter((x) => !x.result.ok)) {
    const text = describeFailure(o.result);
    failures.set(text, [...(failures.get(text) ?? []), ...o.ids]);
  }
  const policy = { maxAttempts: e.NOTIFY_MAX_ATTEMPTS, baseSeconds: e.NOTIFY_RETRY_BASE_SECONDS, maxSeconds: e.NOTIFY_RETRY_MAX_SECONDS };
  for (const [text, ids] of failures) {
    await markFailed(pool(), ids, done, text, policy);
    summary.failed += ids.length;
  }
  return summary;
}

export function describeFailure(r: SendResult): string {
  const body = r.response.trim();
  return r.status !== null ? `${r.status}${body ? ` ${body}` : ""}` : body || "failed";
}
