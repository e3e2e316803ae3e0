import { afterAll, beforeAll, expect, test } from "vitest";
import { db, pool } from "@/lib/db/client";
import { signInCookie, startTestApp, type TestApp } from "@/tests/helpers/app";
import { signatureValid, startHttpReceiver, type HttpReceiver } from "@/tests/helpers/receivers";

/**
 * /api/v1/notifications over real HTTP: destinations created, changed and deleted by an admin
 * (audited, secrets shown once, stored encrypted, never answered or logged), "Send a test" with the
 * receiver's answer for webhook, Slack and Teams, validation that changes nothing, dead letters
 * listed and retried (audited).
 */
let app: TestApp;
let rx: HttpReceiver;
let h: Record<string, string>;
const HEADER_SECRET = "Bearer header-secret-value-123";
const SLACK_PATH = "/services/T000/B000/slack-secret-path";

beforeAll(async () => {
  rx = await startHttpReceiver();
  app = await startTestApp({ env: { NOTIFY_SECRET_KEY: "c".repeat(64), PUBLIC_URL: "https://lateral.example.test" } });
  const admin = await app.user("admin");
  h = { cookie: await signInCookie(app, admin.email, admin.password), origin: app.url, "content-type": "application/json" };
});
afterAll(async () => {
  await app?.stop();
  await rx?.close();
});

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${app.url}/api/v1/notifications${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

test("a webhook: created with its secret shown once, stored encrypted, never answered again; test signed; changes and deletion audited", async () => {
  const created = await api("POST", "", {
    name: "SOAR",
    kind: "webhook",
    minSeverity: "medium",
    settings: { url: `${rx.url}/soar`, headers: { Authorization: HEADER_SECRET } },
  });
  expect(created.status).toBe(201);
  const { destination, signingSecret } = created.body;
  expect(signingSecret).toMatch(/^whsec_/);
  expect(destination).toMatchObject({ name: "SOAR", kind: "webhook", minSeverity: "medium", onAlerts: true, settings: { url: `${rx.url}/soar`, headerNames: ["Authorization"] } });

  const list = await api("GET", "");
  const text = JSON.stringify(list.body);
  expect(list.body.destinations).toHaveLength(1);
  expect(text).not.toContain(signingSecret);
  expect(text).not.toContain(HEADER_SECRET);
  const row = (await pool().query(`SELECT secrets, config::text FROM notification_destinations WHERE id = $1`, [destination.id])).rows[0];
  expect(row.secrets).toMatch(/^v1:/);
  expect(row.secrets + row.config).not.toContain(signingSecret);
  expect(row.secrets + row.config).not.toContain("header-secret-value");

  const t = await api("POST", `/${destination.id}/test`, {});
  expect(t.status).toBe(200);
  expect(t.body.result).toMatchObject({ ok: true, status: 200, response: "ok" });
  const got = rx.requests.at(-1)!;
  expect(signatureValid(signingSecret, got.body, got.headers["x-lateral-signature"])).toBe(true);
  expect(got.headers.authorization).toBe(HEADER_SECRET);
  expect(got.json).toMatchObject({ id: t.body.result.messageId, test: true, type: "alert", alert: { ruleName: expect.stringContaining("(test)") } });

  rx.behave({ status: 500, body: "receiver says no" });
  const failed = await api("POST", `/${destination.id}/test`, {});
  expect(failed.body.result).toMatchObject({ ok: false, status: 500, response: "receiver says no" });
  rx.behave({ status: 200 });

  const patched = await api("PATCH", `/${destination.id}`, { minSeverity: "high", settings: { url: `${rx.url}/soar2`, headers: { "X-Token": "t2-secret" } } });
  expect(patched.status).toBe(200);
  expect(patched.body.destination).toMatchObject({ minSeverity: "high", settings: { url: `${rx.url}/soar2`, headerNames: ["X-Token"] } });
  const rotated = await api("PATCH", `/${destination.id}`, { rotateSecret: true });
  expect(rotated.body.signingSecret).toMatch(/^whsec_/);
  expect(rotated.body.signingSecret).not.toBe(signingSecret);
  await api("POST", `/${destination.id}/test`, {});
  const again = rx.requests.at(-1)!;
  expect(again.path).toBe("/soar2");
  expect(signatureValid(rotated.body.signingSecret, again.body, again.headers["x-lateral-signature"])).toBe(true);
  expect(signatureValid(signingSecret, again.body, again.headers["x-lateral-signature"])).toBe(false);

  expect((await api("DELETE", `/${destination.id}`)).status).toBe(200);
  expect((await api("GET", `/${destination.id}`)).status).toBe(404);

  const audit = await db().auditEntry.findMany({ where: { targetId: destination.id }, orderBy: { at: "asc" } });
  expect(audit.map((a) => a.action)).toEqual([
    "notification.destination.create",
    "notification.destination.test",
    "notification.destination.test",
    "notification.destination.update",
    "notification.destination.update",
    "notification.destination.test",
    "notification.destination.delete",
  ]);
  expect(audit[3].details).toMatchObject({ changed: ["minSeverity", "settings", "secrets"] });
  expect(audit[4].details).toMatchObject({ changed: ["signingSecret"] });
  const everything = JSON.stringify(audit.map((a) => a.details)) + app.output();
  for (const secret of [signingSecret, rotated.body.signingSecret, HEADER_SECRET, "t2-secret"]) expect(everything).not.toContain(secret);
});

test("Slack and Teams: the webhook URL is a secret (only its host is shown); the test arrives in each one's format", async () => {
  const slack = await api("POST", "", { name: "SOC channel", kind: "slack", settings: { url: `${rx.url}${SLACK_PATH}` } });
  expect(slack.status).toBe(201);
  expect(slack.body.signingSecret).toBeUndefined();
  expect(slack.body.destination.settings).toEqual({ urlHost: `127.0.0.1:${rx.port}` });
  expect(JSON.stringify((await api("GET", "")).body)).not.toContain("slack-secret-path");
  expect((await api("POST", `/${slack.body.destination.id}/test`, {})).body.result.ok).toBe(true);
  const s = rx.requests.at(-1)!;
  expect(s.path).toBe(SLACK_PATH);
  expect(s.json.text).toContain("Lateral test message");
  expect(JSON.stringify(s.json.blocks)).toContain("*Rule:* Incoming Execution via PowerShell Remoting (test)");
  expect(JSON.stringify(s.json.blocks)).toContain("<https://lateral.example.test/alerts/00000000000000000000000000000000|");
  expect(JSON.stringify(s.json.blocks)).toContain("192.0.2.10 (TEST-SOURCE)");

  const teams = await api("POST", "", { name: "SOC team", kind: "teams", settings: { url: `${rx.url}/teams/hook` } });
  expect((await api("POST", `/${teams.body.destination.id}/test`, {})).body.result.ok).toBe(true);
  const m = rx.requests.at(-1)!;
  expect(m.json).toMatchObject({ type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { type: "AdaptiveCard" } }] });
  expect(JSON.stringify(m.json)).toContain("https://lateral.example.test/alerts/00000000000000000000000000000000");
  // Changing the routing keeps the stored URL.
  expect((await api("PATCH", `/${slack.body.destination.id}`, { enabled: false, settings: {} })).status).toBe(200);
  await api("POST", `/${slack.body.destination.id}/test`, {});
  expect(rx.requests.at(-1)!.path).toBe(SLACK_PATH);
});

test("bad input gets a clear 422 and creates or changes nothing", async () => {
  const before = await db().notificationDestination.count();
  const cases: [unknown, RegExp][] = [
    [{ name: "x", kind: "webhook", settings: { url: "ftp://nope" } }, /http:\/\/ or https:\/\//],
    [{ name: "x", kind: "pager", settings: {} }, /kind/],
    [{ name: "", kind: "slack", settings: { url: "https://hooks.slack.com/x" } }, /name is required/],
    [{ name: "x", kind: "webhook", settings: { url: "https://a.example", headers: { "X-Lateral-Signature": "forged" } } }, /set by Lateral/],
    [{ name: "x", kind: "webhook", settings: { url: "https://a.example", headers: { "X-A": "a\r\nInjected: 1" } } }, /line breaks/],
    [{ name: "x", kind: "email", settings: { host: "smtp.example", port: 25, from: "not-an-address", to: [] } }, /email address/],
    [{ name: "x", kind: "syslog", settings: { host: "siem.example", port: 70000 } }, /port/],
    [{ name: "x", kind: "webhook", digestMinutes: 0, settings: { url: "https://a.example" } }, /at least 1 minute/],
  ];
  for (const [body, message] of cases) {
    const r = await api("POST", "", body);
    expect(r.status, JSON.stringify(body)).toBe(422);
    expect(r.body.error.message).toMatch(message);
  }
  expect(await db().notificationDestination.count()).toBe(before);
  const d = (await api("POST", "", { name: "keep", kind: "webhook", settings: { url: "https://a.example" } })).body.destination;
  const bad = await api("PATCH", `/${d.id}`, { name: "renamed", settings: { url: "not a url" } });
  expect(bad.status).toBe(422);
  expect((await api("GET", `/${d.id}`)).body.destination.name).toBe("keep");
  expect((await api("PATCH", `/${d.id}`, { kind: "slack" })).status).toBe(422);
});

test("dead letters: listed with the last error; Retry requeues it once (audited), a second Retry is a conflict", async () => {
  const d = (await api("POST", "", { name: "flaky", kind: "webhook", settings: { url: `${rx.url}/flaky` } })).body.destination;
  const id = "11111111-2222-4333-8444-555555555555";
  await pool().query(
    `INSERT INTO notification_outbox (id, destination_id, kind, subject_id, status, attempts, last_error, last_attempt_at, message_id)
     VALUES ($1, $2, 'alert', 'abc', 'dead', 10, '503 maintenance', now(), $1)`,
    [id, d.id],
  );
  const list = await api("GET", "/dead-letters");
  expect(list.body.deadLetters).toEqual([expect.objectContaining({ id, attempts: 10, lastError: "503 maintenance", destination: { id: d.id, name: "flaky", kind: "webhook" } })]);
  const r = await api("POST", `/dead-letters/${id}/retry`, {});
  expect(r).toEqual({ status: 200, body: { requeued: 1 } });
  const row = (await pool().query(`SELECT status, attempts FROM notification_outbox WHERE id = $1`, [id])).rows[0];
  expect(row).toEqual({ status: "pending", attempts: 0 });
  expect((await api("POST", `/dead-letters/${id}/retry`, {})).status).toBe(409);
  expect((await api("GET", "/dead-letters")).body.deadLetters).toEqual([]);
  const audit = await db().auditEntry.findMany({ where: { action: "notification.retry", targetId: id } });
  expect(audit).toHaveLength(1);
  expect(audit[0].details).toMatchObject({ destinationId: d.id, attempts: 10, lastError: "503 maintenance" });
});
