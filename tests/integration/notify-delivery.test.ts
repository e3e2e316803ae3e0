import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createAllowlistEntry } from "@/lib/allowlist/create-allowlist-entry";
import { db, pool } from "@/lib/db/client";
import { runOnce } from "@/lib/detection/detection-loop";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { createDestination } from "@/lib/notify/create-destination";
import { deliverDue } from "@/lib/notify/deliver";
import { enqueueIncidentNotifications } from "@/lib/notify/enqueue";
import { listDeadLetters } from "@/lib/notify/read-destinations";
import { retryDeadLetter } from "@/lib/notify/retry-dead-letter";
import { loadRulePack } from "@/lib/rules";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { winrmPair } from "@/tests/helpers/fixtures/winrm-events";
import { signatureValid, startHttpReceiver, type HttpReceiver } from "@/tests/helpers/receivers";

/**
 * Delivery through real PostgreSQL to a real local HTTP receiver: the outbox row commits with the
 * alert, the worker's pass sends it signed, failures (500, refused, timeout) are retried with
 * exponential backoff under the same id, the last attempt makes a dead letter that Retry sends
 * again; routing by severity, rule and event kind; digests; allowlisted alerts never sent; incidents.
 * Time is moved by passing the pass its clock, never by sleeping.
 */
const PS = "2772264c-6fb9-4d9d-9014-b416eed21254";
const WINRS = "1cd01db9-be24-4bef-8e7c-e923f0ff78ab";
const admin = systemActor("test-admin");
const rules = loadRulePack().rules;
let dbh: TestDatabase;
let rx: HttpReceiver;
let hostN = 0;

beforeAll(async () => {
  Object.assign(process.env, {
    NOTIFY_SECRET_KEY: "a".repeat(64),
    NOTIFY_MAX_ATTEMPTS: "4",
    NOTIFY_RETRY_BASE_SECONDS: "5",
    NOTIFY_RETRY_MAX_SECONDS: "30",
    NOTIFY_TIMEOUT_SECONDS: "3",
    PUBLIC_URL: "https://lateral.example.test",
  });
  dbh = await openMigratedDatabase("notify");
  rx = await startHttpReceiver();
});
afterAll(async () => {
  await rx?.close();
  await closeMigratedDatabase(dbh);
});
beforeEach(async () => {
  await db().notificationDestination.deleteMany();
  rx.requests.length = 0;
  rx.attempts.length = 0;
  rx.behave({ status: 200 });
});

const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
const webhook = async (extra: Record<string, unknown> = {}) =>
  createDestination({ name: `hook ${++hostN}`, kind: "webhook", settings: { url: `${rx.url}/hook`, headers: { authorization: "Bearer t0ken" } }, ...extra }, { actor: admin });
async function newAlerts(n = 1, o: { sourceIp?: string } = {}) {
  const docs = [];
  for (let i = 0; i < n; i++) docs.push(...winrmPair({ host: `NT-${++hostN}`, sourceIp: o.sourceIp ?? "10.9.8.7" }));
  await ingestDocuments(docs.map((doc) => ({ doc })));
  await runOnce(rules, { workerId: "test" }, () => false);
}
const outbox = async () => (await pool().query(`SELECT * FROM notification_outbox ORDER BY created_at`)).rows;

test("an alert reaches the webhook once, signed, with the alert as the API gives it and a link to its page", async () => {
  const { destination, signingSecret } = await webhook();
  await newAlerts(1);
  const rows = await outbox();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ destination_id: destination.id, kind: "alert", status: "pending" });
  const alert = await db().alert.findUniqueOrThrow({ where: { id: rows[0].subject_id } });

  const s = await deliverDue();
  expect(s).toMatchObject({ claimed: 1, delivered: 1, failed: 0 });
  expect(rx.requests).toHaveLength(1);
  const r = rx.requests[0];
  expect(signatureValid(signingSecret!, r.body, r.headers["x-lateral-signature"])).toBe(true);
  expect(signatureValid("another secret", r.body, r.headers["x-lateral-signature"])).toBe(false);
  expect(r.headers.authorization).toBe("Bearer t0ken");
  expect(r.headers["x-lateral-id"]).toBe(r.json.id);
  expect(r.json).toMatchObject({
    id: rows[0].id,
    type: "alert",
    link: `https://lateral.example.test/alerts/${alert.id}`,
    alert: { id: alert.id, ruleId: PS, status: "open", host: { id: alert.hostId, name: alert.hostName }, sourceIp: "10.9.8.7" },
  });
  expect((await outbox())[0]).toMatchObject({ status: "delivered", attempts: 1 });

  expect((await deliverDue({ now: later(3600) })).claimed).toBe(0);
  expect(rx.attempts).toHaveLength(1);
});

test("a rolled-back detection transaction leaves no notification behind", async () => {
  await webhook();
  const c = await pool().connect();
  try {
    await c.query("BEGIN");
    const { enqueueAlertNotifications } = await import("@/lib/notify/enqueue");
    expect(await enqueueAlertNotifications(c, [{ id: "x".repeat(32), ruleId: PS, severity: "medium" }])).toBe(1);
    await c.query("ROLLBACK");
  } finally {
    c.release();
  }
  expect(await outbox()).toHaveLength(0);
});

describe("faults", () => {
  test("the receiver answers 500: retried after the backoff with the same id, then delivered", async () => {
    await webhook();
    await newAlerts(1);
    rx.behave({ status: 500, body: "upstream broken" });
    const first = await deliverDue();
    expect(first).toMatchObject({ claimed: 1, failed: 1 });
    let [row] = await outbox();
    expect(row).toMatchObject({ status: "pending", attempts: 1, last_error: "500 upstream broken" });
    expect(row.next_attempt_at.getTime() - row.last_attempt_at.getTime()).toBeGreaterThanOrEqual(4_900);

    expect((await deliverDue()).claimed, "not due before its backoff").toBe(0);
    rx.behave({ status: 200 });
    expect(await deliverDue({ now: later(6) })).toMatchObject({ delivered: 1 });
    [row] = await outbox();
    expect(row).toMatchObject({ status: "delivered", attempts: 2 });
    expect(rx.attempts.map((a) => a.json.id)).toEqual([row.id, row.id]);
  });

  test("the receiver is down for minutes: backoff doubles up to its cap and nothing is lost", async () => {
    await webhook();
    await newAlerts(2);
    await rx.down();
    const gaps: number[] = [];
    let clock = Date.now();
    for (let i = 0; i < 3; i++) {
      const s = await deliverDue({ now: new Date(clock) });
      expect(s.failed).toBe(2);
      const row = (await outbox())[0];
      expect(row.last_error).toMatch(/ECONNREFUSED/);
      gaps.push(Math.round((row.next_attempt_at.getTime() - clock) / 1000));
      clock = row.next_attempt_at.getTime() + 1;
    }
    expect(gaps).toEqual([5, 10, 20]);
    await rx.up();
    expect(await deliverDue({ now: new Date(clock) })).toMatchObject({ delivered: 2 });
    expect(new Set(rx.requests.map((r) => r.json.id)).size).toBe(2);
    expect((await outbox()).every((r) => r.status === "delivered" && r.attempts === 4)).toBe(true);
  });

  test("a slow receiver: no answer within the timeout is a failed attempt, retried", async () => {
    await webhook();
    await newAlerts(1);
    rx.behave({ status: 200, delayMs: 6_000 });
    expect(await deliverDue()).toMatchObject({ failed: 1 });
    expect((await outbox())[0].last_error).toMatch(/timeout/);
    rx.behave({ status: 200 });
    expect(await deliverDue({ now: later(6) })).toMatchObject({ delivered: 1 });
  });

  test("after the last attempt a dead letter, listed with its last error; Retry sends it again under the same id, audited", async () => {
    await webhook();
    await newAlerts(1);
    rx.behave({ status: 503, body: "maintenance" });
    for (let i = 0; i < 4; i++) await deliverDue({ now: later(60 * i) });
    const [row] = await outbox();
    expect(row).toMatchObject({ status: "dead", attempts: 4, last_error: "503 maintenance" });
    expect((await deliverDue({ now: later(3600) })).claimed, "a dead letter is not sent by itself").toBe(0);
    const dead = await listDeadLetters({ actor: admin });
    expect(dead).toEqual([expect.objectContaining({ id: row.id, attempts: 4, lastError: "503 maintenance", kind: "alert" })]);

    rx.behave({ status: 200 });
    expect(await retryDeadLetter(row.id, { actor: admin, ip: "192.0.2.1" })).toEqual({ requeued: 1 });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "notification.retry", targetId: row.id } });
    expect(audit).toMatchObject({ actorLabel: "test-admin", ip: "192.0.2.1" });
    expect(await deliverDue()).toMatchObject({ delivered: 1 });
    expect(rx.requests[0].json.id).toBe(row.id);
    await expect(retryDeadLetter(row.id, { actor: admin })).rejects.toThrow(/delivered, not a dead letter/);
  });
});

test("retention: delivered and suppressed messages past it are deleted, dead letters and pending ones stay", async () => {
  const { destination } = await webhook();
  const old = new Date(Date.now() - 40 * 86_400_000);
  for (const status of ["delivered", "suppressed", "dead", "pending"]) {
    await pool().query(`INSERT INTO notification_outbox (id, destination_id, kind, subject_id, status, created_at) VALUES (gen_random_uuid(), $1, 'alert', $2, $2, $3)`, [destination.id, status, old]);
  }
  await pool().query(`INSERT INTO notification_outbox (id, destination_id, kind, subject_id, status) VALUES (gen_random_uuid(), $1, 'alert', 'recent', 'delivered')`, [destination.id]);
  const { pruneOutbox } = await import("@/lib/db/queries/notifications");
  expect(await pruneOutbox(pool(), new Date(Date.now() - 30 * 86_400_000))).toBe(2);
  expect((await outbox()).map((r) => r.subject_id).sort()).toEqual(["dead", "pending", "recent"]);
});

describe("routing", () => {
  test("minimum severity, rules and event kinds choose the destinations; a disabled one gets nothing", async () => {
    const high = await webhook({ minSeverity: "high" });
    const winrsOnly = await webhook({ ruleIds: [WINRS] });
    const psOnly = await webhook({ ruleIds: [PS], minSeverity: "medium" });
    const incidentsOnly = await webhook({ onAlerts: false, onIncidents: true });
    const disabled = await webhook({ enabled: false });
    await newAlerts(1);
    const rows = await outbox();
    expect(rows.map((r) => r.destination_id)).toEqual([psOnly.destination.id]);
    void [high, winrsOnly, incidentsOnly, disabled];
  });

  test("allowlisted activity is never sent: an alert closed by an allowlist entry before delivery is suppressed", async () => {
    await webhook();
    await newAlerts(1, { sourceIp: "10.77.0.9" });
    await createAllowlistEntry(
      { name: "scanner", ruleId: null, conditions: [{ field: "source.ip", operator: "cidr", values: ["10.77.0.0/16"] }], closeMatchingAlerts: true },
      { actor: admin },
    );
    expect(await deliverDue()).toMatchObject({ claimed: 1, delivered: 0, suppressed: 1 });
    expect(rx.attempts).toHaveLength(0);
    expect((await outbox())[0]).toMatchObject({ status: "suppressed" });
    // And while the entry exists, the same activity makes no alert and so no notification.
    await newAlerts(1, { sourceIp: "10.77.0.10" });
    expect(await outbox()).toHaveLength(1);
  });

  test("digest: the first message at once, then at most one per N minutes listing what arrived", async () => {
    const { destination, signingSecret } = await webhook({ digestMinutes: 5 });
    await newAlerts(3);
    expect(await deliverDue()).toMatchObject({ claimed: 3, delivered: 3 });
    expect(rx.requests).toHaveLength(1);
    const first = rx.requests[0];
    expect(signatureValid(signingSecret!, first.body, first.headers["x-lateral-signature"])).toBe(true);
    expect(first.json).toMatchObject({ type: "digest", count: 3, digestMinutes: 5 });
    expect((first.json.items as { alert: { host: { name: string } } }[]).map((i) => i.alert.host.name)).toHaveLength(3);

    await newAlerts(2);
    expect((await deliverDue({ now: later(60) })).claimed, "inside the window").toBe(0);
    expect(await deliverDue({ now: later(301) })).toMatchObject({ delivered: 2 });
    expect(rx.requests).toHaveLength(2);
    expect(rx.requests[1].json).toMatchObject({ type: "digest", count: 2 });
    expect(rx.requests[1].json.id).not.toBe(first.json.id);
    const d = await db().notificationDestination.findUniqueOrThrow({ where: { id: destination.id } });
    expect(d.lastDigestAt).not.toBeNull();
  });

  test("a failed digest is retried as the same message: same id, same items", async () => {
    await webhook({ digestMinutes: 1 });
    await newAlerts(2);
    rx.behave({ status: 500 });
    expect(await deliverDue()).toMatchObject({ failed: 2 });
    await newAlerts(1);
    rx.behave({ status: 200 });
    expect(await deliverDue({ now: later(61) })).toMatchObject({ delivered: 2 });
    expect(rx.attempts[1].json.id).toBe(rx.attempts[0].json.id);
    expect(rx.attempts[1].json.count).toBe(2);
    expect(await deliverDue({ now: later(122) })).toMatchObject({ delivered: 1 });
    expect(rx.requests[1].json.count).toBe(1);
  });
});

describe("incidents (enqueueIncidentNotifications on plain incident data)", () => {
  const incident = { id: "inc-1", title: "WinRM chain from 10.1.2.3", severity: "high", status: "open", ruleIds: [PS], hosts: ["A", "B"] };

  test("a new incident goes to destinations with new incidents, a change to those with incident changes; routing applies", async () => {
    const created = await webhook({ onAlerts: false, onIncidents: true });
    const changes = await webhook({ onAlerts: false, onIncidentChanges: true });
    await webhook({ onAlerts: false, onIncidents: true, minSeverity: "critical" });
    await webhook({ onAlerts: false, onIncidents: true, ruleIds: [WINRS] });
    await webhook({ onAlerts: true });
    const c = await pool().connect();
    try {
      await c.query("BEGIN");
      expect(await enqueueIncidentNotifications(c, incident, { type: "created" })).toBe(1);
      expect(await enqueueIncidentNotifications(c, { ...incident, status: "closed" }, { type: "status_changed", summary: "closed as true positive" })).toBe(1);
      await c.query("COMMIT");
    } finally {
      c.release();
    }
    expect(await deliverDue()).toMatchObject({ delivered: 2 });
    const byPath = Object.fromEntries(rx.requests.map((r) => [r.json.type, r.json]));
    expect(byPath.incident).toMatchObject({ incident, change: { type: "created" }, link: "https://lateral.example.test/incidents/inc-1" });
    expect(byPath.incident_change).toMatchObject({ incident: { status: "closed" }, change: { type: "status_changed", summary: "closed as true positive" } });
    const rows = await outbox();
    expect(rows.find((r) => r.kind === "incident").destination_id).toBe(created.destination.id);
    expect(rows.find((r) => r.kind === "incident_change").destination_id).toBe(changes.destination.id);
  });

  test("detection announces the incidents its alerts create or join, in the same transaction", async () => {
    const created = await webhook({ onAlerts: false, onIncidents: true });
    const changes = await webhook({ onAlerts: false, onIncidentChanges: true });
    await newAlerts(1, { sourceIp: "10.66.6.6" });
    expect(await deliverDue()).toMatchObject({ delivered: 1 });
    const first = rx.requests[0].json as { type: string; incident: { id: string; alertCount: number; ruleIds: string[] }; change: { type: string } };
    expect(first).toMatchObject({ type: "incident", change: { type: "created" }, incident: { alertCount: 1, ruleIds: [PS] } });
    expect(first.incident.id).toMatch(/^inc-/);
    expect((await outbox())[0].destination_id).toBe(created.destination.id);

    await newAlerts(1, { sourceIp: "10.66.6.6" }); // the same source address: the same incident
    expect(await deliverDue()).toMatchObject({ delivered: 1 });
    expect(rx.requests[1].json).toMatchObject({
      type: "incident_change",
      change: { type: "alerts_added", summary: "1 new alert joined the incident" },
      incident: { id: first.incident.id, alertCount: 2 },
    });
    expect((await outbox()).at(-1).destination_id).toBe(changes.destination.id);
  });

  test("an analyst's change to an incident (close, merge) goes to destinations with incident changes", async () => {
    const { updateIncident } = await import("@/lib/incidents/update-incident");
    const { mergeIncidents } = await import("@/lib/incidents/merge-split");
    await newAlerts(1, { sourceIp: "10.67.0.1" });
    await newAlerts(1, { sourceIp: "10.67.0.2" });
    const [a, b] = (await pool().query(`SELECT incident_id FROM alerts WHERE source_ip IN ('10.67.0.1', '10.67.0.2') ORDER BY source_ip`)).rows.map((r) => r.incident_id);
    expect(a).not.toBe(b);
    await webhook({ onAlerts: false, onIncidentChanges: true });
    await mergeIncidents({ id: a, body: { otherId: b } }, { actor: admin });
    await updateIncident({ id: a, body: { status: "closed", closingReason: "true_positive", assignee: "bob" } }, { actor: admin });
    expect(await deliverDue()).toMatchObject({ delivered: 2 });
    const bodies = rx.requests.map((r) => r.json).sort((x, y) => String((x.change as { type: string }).type).localeCompare(String((y.change as { type: string }).type)));
    expect(bodies[0]).toMatchObject({ type: "incident_change", change: { type: "merged", summary: expect.stringMatching(/\(1 alerts\) merged into it by test-admin$/) }, incident: { id: a, alertCount: 2 } });
    expect(bodies[1]).toMatchObject({
      type: "incident_change",
      change: { type: "updated", summary: "assigned to bob, closed as true_positive (2 alerts closed), by test-admin" },
      incident: { id: a, status: "closed", assignee: "bob", ruleIds: [PS] },
    });
  });

  test("inside a transaction that rolls back, no incident notification remains; bad data is refused", async () => {
    await webhook({ onIncidents: true });
    const c = await pool().connect();
    try {
      await c.query("BEGIN");
      await enqueueIncidentNotifications(c, incident, { type: "created" });
      await c.query("ROLLBACK");
      await expect(enqueueIncidentNotifications(c, { id: "x" } as never, { type: "created" })).rejects.toThrow(/id and severity/);
    } finally {
      c.release();
    }
    expect(await outbox()).toHaveLength(0);
  });
});
