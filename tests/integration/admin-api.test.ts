import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { signInCookie, startTestApp, type TestApp } from "@/tests/helpers/app";

let app: TestApp;
let admin: { id: string; email: string; cookie: string };
beforeAll(async () => {
  app = await startTestApp({ env: { LOGIN_MAX_FAILURES: "50" } });
  const u = await app.user("admin");
  admin = { id: u.id, email: u.email, cookie: await signInCookie(app, u.email, u.password) };
});
afterAll(() => app?.stop());

type Auth = { cookie?: string; key?: string };
const ZERO_ID = "00000000-0000-4000-8000-000000000000";

async function call(method: string, url: string, auth: Auth, body?: unknown) {
  const headers: Record<string, string> = {};
  if (auth.cookie) Object.assign(headers, { cookie: auth.cookie, origin: app.url });
  if (auth.key) headers.authorization = `ApiKey ${auth.key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${app.url}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}
const asAdmin = () => ({ cookie: admin.cookie });

const login = (email: string, password: string) =>
  fetch(`${app.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });

async function auditRows(where: { action?: string; targetId?: string } = {}) {
  const rows = await db().auditEntry.findMany({ where, orderBy: { id: "asc" } });
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}

describe("who may call the admin API", () => {
  const endpoints: [string, string, unknown?][] = [
    ["GET", "/api/v1/users"],
    ["POST", "/api/v1/users", { email: "x@example.test", role: "viewer" }],
    ["PATCH", `/api/v1/users/${ZERO_ID}`, { role: "viewer" }],
    ["POST", `/api/v1/users/${ZERO_ID}/reset-password`],
    ["GET", "/api/v1/api-keys"],
    ["POST", "/api/v1/api-keys", { name: "k", scope: "read" }],
    ["DELETE", `/api/v1/api-keys/${ZERO_ID}`],
    ["GET", "/api/v1/audit"],
  ];

  test("analysts, viewers and read/ingest/analyst keys get 403; anonymous callers 401", async () => {
    const analyst = await app.user("analyst");
    const viewer = await app.user("viewer");
    const callers: [string, Auth][] = [
      ["analyst session", { cookie: await signInCookie(app, analyst.email, analyst.password) }],
      ["viewer session", { cookie: await signInCookie(app, viewer.email, viewer.password) }],
      ["read key", { key: await app.apiKey("read") }],
      ["ingest key", { key: await app.apiKey("ingest") }],
      ["analyst key", { key: await app.apiKey("analyst") }],
    ];
    for (const [method, url, body] of endpoints) {
      for (const [who, auth] of callers) {
        const res = await call(method, url, auth, body);
        expect({ who, method, url, status: res.status, code: res.body?.error?.code }).toEqual({ who, method, url, status: 403, code: "forbidden" });
      }
      const anon = await call(method, url, {}, body);
      expect({ method, url, status: anon.status }).toEqual({ method, url, status: 401 });
    }
    expect(await db().user.count({ where: { email: "x@example.test" } })).toBe(0);
  });

  test("an admin-scope API key may use every endpoint", async () => {
    const key = await app.apiKey("admin");
    expect((await call("GET", "/api/v1/users", { key })).status).toBe(200);
    expect((await call("GET", "/api/v1/api-keys", { key })).status).toBe(200);
    expect((await call("GET", "/api/v1/audit", { key })).status).toBe(200);
    expect((await call("PATCH", `/api/v1/users/${ZERO_ID}`, { key }, { role: "viewer" })).status).toBe(404);
  });
});

describe("users", () => {
  test("list never exposes password hashes", async () => {
    const res = await call("GET", "/api/v1/users", asAdmin());
    expect(res.status).toBe(200);
    expect(res.body.users.some((u: { email: string }) => u.email === admin.email)).toBe(true);
    expect(res.text).not.toMatch(/passwordHash|password_hash|\$argon2/);
  });

  test("create with a generated password: shown once, and it signs in", async () => {
    const email = `new-${Date.now()}@example.test`;
    const res = await call("POST", "/api/v1/users", asAdmin(), { email: ` ${email.toUpperCase()} `, role: "analyst", name: "New Analyst" });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, role: "analyst", name: "New Analyst", disabled: false });
    expect(res.body.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(res.text).not.toMatch(/\$argon2/);
    expect((await login(email, res.body.password)).status).toBe(200);

    const entries = await auditRows({ action: "user.create", targetId: res.body.user.id });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: admin.id, actorLabel: admin.email, ok: true, details: { email, role: "analyst", passwordGenerated: true } });
    expect(JSON.stringify(entries)).not.toContain(res.body.password);
  });

  test("create with a chosen password does not echo it; duplicates 409; bad input 422", async () => {
    const email = `chosen-${Date.now()}@example.test`;
    const password = "a chosen passphrase 42";
    const res = await call("POST", "/api/v1/users", asAdmin(), { email, role: "viewer", password });
    expect(res.status).toBe(201);
    expect(res.body.password).toBeUndefined();
    expect((await login(email, password)).status).toBe(200);
    expect(JSON.stringify(await auditRows({ targetId: res.body.user.id }))).not.toContain(password);

    const dup = await call("POST", "/api/v1/users", asAdmin(), { email, role: "viewer" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain("already exists");
    for (const bad of [{ email: "not-an-email", role: "viewer" }, { email: "ok@example.test", role: "root" }, { email: "s@example.test", role: "viewer", password: "short" }]) {
      expect((await call("POST", "/api/v1/users", asAdmin(), bad)).status).toBe(422);
    }
  });

  test("change role and name; the change is audited with before and after", async () => {
    const u = await app.user("viewer");
    const cookie = await signInCookie(app, u.email, u.password);
    const res = await call("PATCH", `/api/v1/users/${u.id}`, asAdmin(), { role: "analyst", name: "Renamed" });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ role: "analyst", name: "Renamed" });
    // the new role applies to the open session at once
    expect((await call("PATCH", `/api/v1/alerts/does-not-exist`, { cookie }, { status: "acknowledged" })).status).not.toBe(403);
    const [entry] = await auditRows({ action: "user.role_change", targetId: u.id });
    expect(entry.details).toMatchObject({ changes: { role: { from: "viewer", to: "analyst" }, name: { from: null, to: "Renamed" } } });
    expect((await call("PATCH", `/api/v1/users/${u.id}`, asAdmin(), {})).status).toBe(422);
    expect((await call("PATCH", `/api/v1/users/${u.id}`, asAdmin(), { role: "superuser" })).status).toBe(422);
    expect((await call("PATCH", `/api/v1/users/not-a-uuid`, asAdmin(), { role: "viewer" })).status).toBe(422);
  });

  test("disable ends the user's sessions at once and blocks sign-in; enable lets them back", async () => {
    const u = await app.user("analyst");
    const cookie = await signInCookie(app, u.email, u.password);
    expect((await call("GET", "/api/v1/alerts", { cookie })).status).toBe(200);
    const res = await call("PATCH", `/api/v1/users/${u.id}`, asAdmin(), { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { disabled: true }, sessionsEnded: 1 });
    expect((await call("GET", "/api/v1/alerts", { cookie })).status).toBe(401);
    expect(await db().session.count({ where: { userId: u.id } })).toBe(0);
    expect((await login(u.email, u.password)).status).toBe(401);
    expect((await auditRows({ action: "user.disable", targetId: u.id })).length).toBe(1);

    expect((await call("PATCH", `/api/v1/users/${u.id}`, asAdmin(), { disabled: false })).status).toBe(200);
    expect((await login(u.email, u.password)).status).toBe(200);
    expect((await auditRows({ action: "user.enable", targetId: u.id })).length).toBe(1);
  });

  test("reset password: a new password shown once, old password and sessions stop working", async () => {
    const u = await app.user("viewer");
    const cookie = await signInCookie(app, u.email, u.password);
    const res = await call("POST", `/api/v1/users/${u.id}/reset-password`, asAdmin());
    expect(res.status).toBe(200);
    expect(res.body.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(res.body.sessionsEnded).toBe(1);
    expect((await call("GET", "/api/v1/alerts", { cookie })).status).toBe(401);
    expect((await login(u.email, u.password)).status).toBe(401);
    expect((await login(u.email, res.body.password)).status).toBe(200);
    const entries = await auditRows({ action: "user.reset_password", targetId: u.id });
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain(res.body.password);
    expect((await call("POST", `/api/v1/users/${ZERO_ID}/reset-password`, asAdmin())).status).toBe(404);
  });
});

describe("API keys", () => {
  test("create shows the key once; it works for its scope; revoke → 401; audit never holds the key", async () => {
    const created = await call("POST", "/api/v1/api-keys", asAdmin(), { name: "SIEM export", scope: "admin" });
    expect(created.status).toBe(201);
    const { key, apiKey } = created.body;
    expect(key).toMatch(/^lat_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{32}$/);
    expect(apiKey).toMatchObject({ name: "SIEM export", scope: "admin", createdBy: admin.email, revokedAt: null, display: `lat_${apiKey.prefix}_…` });
    expect(key.startsWith(`lat_${apiKey.prefix}_`)).toBe(true);
    expect((await call("GET", "/api/v1/audit", { key })).status).toBe(200);

    const read = await call("POST", "/api/v1/api-keys", asAdmin(), { name: "dashboards", scope: "read" });
    expect((await call("GET", "/api/v1/alerts", { key: read.body.key })).status).toBe(200);
    expect((await call("GET", "/api/v1/audit", { key: read.body.key })).status).toBe(403);

    const list = await call("GET", "/api/v1/api-keys", asAdmin());
    expect(list.body.apiKeys.find((k: { id: string }) => k.id === apiKey.id)).toMatchObject({ name: "SIEM export", lastUsedAt: expect.any(String) });
    expect(list.text).not.toContain(key);
    expect(list.text).not.toMatch(/keyHash|key_hash/);

    const revoked = await call("DELETE", `/api/v1/api-keys/${apiKey.id}`, asAdmin());
    expect(revoked.status).toBe(200);
    expect(revoked.body.apiKey.revokedAt).toEqual(expect.any(String));
    expect((await call("GET", "/api/v1/audit", { key })).status).toBe(401);
    expect((await call("DELETE", `/api/v1/api-keys/${apiKey.id}`, asAdmin())).status).toBe(404);

    const entries = [...(await auditRows({ targetId: apiKey.id })), ...(await auditRows({ targetId: read.body.apiKey.id }))];
    expect(entries.map((e) => e.action).sort()).toEqual(["apikey.create", "apikey.create", "apikey.revoke"]);
    const all = JSON.stringify(await auditRows());
    expect(all).not.toContain(key);
    expect(all).not.toContain(read.body.key);
    expect(all).not.toContain(key.split("_")[2]);
  });

  test("bad input is refused", async () => {
    expect((await call("POST", "/api/v1/api-keys", asAdmin(), { name: "", scope: "read" })).status).toBe(422);
    expect((await call("POST", "/api/v1/api-keys", asAdmin(), { name: "x", scope: "god" })).status).toBe(422);
  });
});

describe("audit trail", () => {
  test("sign-ins, ok and failed, are recorded without the password", async () => {
    const u = await app.user("viewer");
    await login(u.email, "wrong password for audit");
    await login(u.email, u.password);
    const failed = await call("GET", `/api/v1/audit?action=auth.sign_in&ok=false&actor=${encodeURIComponent(u.email)}`, asAdmin());
    expect(failed.status).toBe(200);
    expect(failed.body.entries).toHaveLength(1);
    expect(failed.body.entries[0]).toMatchObject({ action: "auth.sign_in", ok: false, actorType: "anonymous", actorLabel: u.email });
    const ok = await call("GET", `/api/v1/audit?action=auth.&ok=true&actor=${encodeURIComponent(u.email)}`, asAdmin());
    expect(ok.body.entries).toHaveLength(1);
    expect(ok.body.entries[0]).toMatchObject({ action: "auth.sign_in", ok: true, actorId: u.id });
    const all = JSON.stringify(await auditRows());
    expect(all).not.toContain("wrong password for audit");
    expect(all).not.toContain(u.password);
  });

  test("filters by target and time; keyset pages neither skip nor repeat", async () => {
    const u = await app.user("viewer");
    for (const role of ["analyst", "viewer", "analyst"] as const) await call("PATCH", `/api/v1/users/${u.id}`, asAdmin(), { role });
    const byTarget = await call("GET", `/api/v1/audit?targetType=user&targetId=${u.id}`, asAdmin());
    expect(byTarget.body.entries.map((e: { action: string }) => e.action)).toEqual(["user.role_change", "user.role_change", "user.role_change", "user.create"]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof call>> = await call("GET", `/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ""}`, asAdmin());
      expect(page.status).toBe(200);
      expect(page.body.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.entries.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const ids = (await auditRows()).map((r) => r.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...ids].sort());

    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await call("GET", `/api/v1/audit?from=${future}`, asAdmin())).body.entries).toEqual([]);
    expect((await call("GET", `/api/v1/audit?to=${new Date(0).toISOString()}`, asAdmin())).body.entries).toEqual([]);
    expect((await call("GET", "/api/v1/audit?from=yesterday-ish", asAdmin())).status).toBe(422);
    expect((await call("GET", "/api/v1/audit?cursor=garbage", asAdmin())).status).toBe(400);
    expect((await call("GET", "/api/v1/audit?limit=100000", asAdmin())).status).toBe(422);
  });

  test("append-only: no method changes the trail, and no code updates or deletes its rows", async () => {
    const before = await db().auditEntry.count();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await call(method, "/api/v1/audit", asAdmin(), method === "DELETE" ? undefined : { action: "forged" });
      expect(res.status).toBe(405);
    }
    expect(await db().auditEntry.count()).toBeGreaterThanOrEqual(before);
    expect(await db().auditEntry.count({ where: { action: "forged" } })).toBe(0);

    const offenders: string[] = [];
    const scan = (dir: string) => {
      for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, f.name);
        if (f.isDirectory()) {
          if (f.name !== "generated" && f.name !== "node_modules") scan(p);
        } else if (/\.tsx?$/.test(f.name)) {
          const src = fs.readFileSync(p, "utf8");
          if (/auditEntry\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b|(UPDATE|DELETE\s+FROM|TRUNCATE)\s+"?audit_log/i.test(src)) offenders.push(p);
        }
      }
    };
    for (const dir of ["app", "lib", "components"]) scan(path.join(process.cwd(), dir));
    expect(offenders).toEqual([]);
  });
});

describe("last active admin", () => {
  test("cannot be disabled or demoted (409, by themself or by a key); works once another admin exists", async () => {
    await db().user.updateMany({ where: { role: "admin", id: { not: admin.id } }, data: { disabled: true } });
    const self = await call("PATCH", `/api/v1/users/${admin.id}`, asAdmin(), { disabled: true });
    expect(self.status).toBe(409);
    expect(self.body.error.message).toMatch(/You are the last active admin/);
    const demote = await call("PATCH", `/api/v1/users/${admin.id}`, asAdmin(), { role: "analyst" });
    expect(demote.status).toBe(409);
    const key = await app.apiKey("admin");
    const byKey = await call("PATCH", `/api/v1/users/${admin.id}`, { key }, { role: "viewer" });
    expect(byKey.status).toBe(409);
    expect(byKey.body.error.message).toContain(`${admin.email} is the last active admin`);
    expect((await call("PATCH", `/api/v1/users/${admin.id}`, asAdmin(), { name: "Still admin" })).status).toBe(200);
    expect(await db().user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "admin", disabled: false });

    const other = await call("POST", "/api/v1/users", asAdmin(), { email: `second-admin-${Date.now()}@example.test`, role: "admin" });
    expect(other.status).toBe(201);
    const ok = await call("PATCH", `/api/v1/users/${admin.id}`, asAdmin(), { role: "analyst" });
    expect(ok.status).toBe(200);
    // the demoted admin's session no longer administers
    expect((await call("GET", "/api/v1/users", asAdmin())).status).toBe(403);
  });
});
