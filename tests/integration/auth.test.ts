import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { signInCookie, startTestApp, type TestApp } from "@/tests/helpers/app";

/**
 * The test process is the trusted proxy (TRUST_PROXY=127.0.0.1): requests from 127.0.0.1 may say
 * who the client is with X-Forwarded-For. Requests sent from 127.0.0.2 come from an untrusted peer.
 * LOGIN_MAX_FAILURES=3: 3 attempts per account × address, 30 per account or per address.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { LOGIN_MAX_FAILURES: "3", LOGIN_WINDOW_MINUTES: "10", TRUST_PROXY: "127.0.0.1" } });
});
afterAll(() => app?.stop());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
  });

/** A sign-in from another peer address (127.0.0.2, which TRUST_PROXY does not name). */
function loginFromUntrustedPeer(email: string, password: string, headers: Record<string, string> = {}): Promise<{ status: number }> {
  const body = JSON.stringify({ email, password });
  const url = new URL(`${app.url}/api/auth/login`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", localAddress: "127.0.0.2", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode! }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("sign-in", () => {
  test("a good password opens a session: httpOnly, SameSite=Lax cookie, new token at each sign-in", async () => {
    const u = await app.user("analyst");
    const first = await login(u.email, u.password);
    expect(first.status).toBe(200);
    const cookie = first.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^lateral_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here
    const second = await login(u.email, u.password);
    expect(second.headers.get("set-cookie")!.split(";")[0]).not.toBe(cookie.split(";")[0]);
    const page = await fetch(`${app.url}/alerts`, { headers: { cookie: cookie.split(";")[0] }, redirect: "manual" });
    expect(page.status).toBe(200);
  });

  test("behind https the cookie is Secure", async () => {
    const u = await app.user("viewer");
    const res = await login(u.email, u.password, { "x-forwarded-proto": "https" });
    expect(res.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  test("a wrong password and an unknown account get the same generic answer", async () => {
    const u = await app.user("viewer");
    const wrong = await login(u.email, "not the password");
    const unknown = await login("nobody-here@example.test", "not the password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  test("3 attempts for one account from one address, then 429 with Retry-After of one window, even with the right password", async () => {
    const u = await app.user("analyst");
    for (let i = 0; i < 3; i++) expect((await login(u.email, `wrong-${i}`, { "x-forwarded-for": "10.0.0.1" })).status).toBe(401);
    const blocked = await login(u.email, u.password, { "x-forwarded-for": "10.0.0.1" });
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
  });

  test("the lockout cannot lock out an office: the same account elsewhere and other accounts at that address still sign in", async () => {
    const victim = await app.user("analyst");
    const colleague = await app.user("viewer");
    for (let i = 0; i < 4; i++) await login(victim.email, "guess", { "x-forwarded-for": "192.0.2.77" });
    expect((await login(victim.email, victim.password, { "x-forwarded-for": "192.0.2.77" })).status).toBe(429);
    expect((await login(colleague.email, colleague.password, { "x-forwarded-for": "192.0.2.77" })).status).toBe(200);
    expect((await login(victim.email, victim.password, { "x-forwarded-for": "198.51.100.5" })).status).toBe(200);
  });

  test("a second lockout of the same account × address lasts twice as long", async () => {
    const u = await app.user("viewer");
    for (let i = 0; i < 4; i++) await login(u.email, "guess", { "x-forwarded-for": "10.0.0.2" });
    // the first lockout has run out (moved into the past), the key counts again
    await db().loginThrottle.updateMany({ where: { key: { startsWith: `pair:${u.email}|` } }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    for (let i = 0; i < 3; i++) expect((await login(u.email, "guess", { "x-forwarded-for": "10.0.0.2" })).status).toBe(401);
    const second = await login(u.email, "guess", { "x-forwarded-for": "10.0.0.2" });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(1190);
  });

  test("a parallel burst of 30 guesses evaluates at most the limit (3); the rest are refused unevaluated", async () => {
    const u = await app.user("analyst");
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => login(u.email, `burst-${i}`, { "x-forwarded-for": "10.0.0.3" }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(27);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const failures = await db().auditEntry.count({ where: { action: "auth.sign_in", ok: false, actorLabel: u.email } });
    expect(failures).toBeLessThanOrEqual(3);
  });

  test("spraying many accounts from one address: after 30 attempts that address gets 429 for every account", async () => {
    for (let i = 0; i < 30; i++) expect((await login(`spray${i}@example.test`, "guess", { "x-forwarded-for": "203.0.113.66" })).status).toBe(401);
    const other = await app.user("viewer");
    expect((await login(other.email, other.password, { "x-forwarded-for": "203.0.113.66" })).status).toBe(429);
    expect((await login(other.email, other.password, { "x-forwarded-for": "203.0.113.67" })).status).toBe(200);
  });

  test("X-Forwarded-For from a peer that is not a trusted proxy is ignored: rotating it does not escape the limit", async () => {
    const u = await app.user("analyst");
    for (let i = 0; i < 3; i++) expect((await loginFromUntrustedPeer(u.email, "guess", { "x-forwarded-for": `10.9.9.${i}` })).status).toBe(401);
    expect((await loginFromUntrustedPeer(u.email, u.password, { "x-forwarded-for": "10.9.9.200" })).status).toBe(429);
  });

  test("a cross-site sign-in is refused (login CSRF); a same-origin one and a non-browser client are not", async () => {
    const u = await app.user("viewer");
    expect((await login(u.email, u.password, { origin: "https://evil.example" })).status).toBe(403);
    expect((await login(u.email, u.password, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    const form = await fetch(`${app.url}/api/auth/login`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ email: u.email, password: u.password }) });
    expect(form.status).toBe(400);
    expect(form.headers.get("set-cookie")).toBeNull();
    expect((await login(u.email, u.password, { origin: app.url, "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await login(u.email, u.password)).status).toBe(200);
  });

  test("X-Forwarded-Host is not trusted from an untrusted peer for the origin check", async () => {
    const u = await app.user("viewer");
    const cookie = await signInCookie(app, u.email, u.password);
    const res = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${app.url}/api/auth/logout`);
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", localAddress: "127.0.0.2", headers: { cookie, origin: "https://evil.example", "x-forwarded-host": "evil.example" } },
        (r) => {
          r.resume();
          r.on("end", () => resolve(r.statusCode!));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(res).toBe(403);
  });

  test("after sign-in the browser only goes to a path of this site", async () => {
    const u = await app.user("viewer");
    const cookie = await signInCookie(app, u.email, u.password);
    const cases: [string, string][] = [
      ["/%5Cevil.example/x", "/alerts"],
      ["/%09/evil.example/x", "/alerts"],
      ["//evil.example", "/alerts"],
      ["https://evil.example", "/alerts"],
      ["/%2F%2Fevil.example", "/alerts"],
      ["/rules?x=1", "/rules?x=1"],
    ];
    for (const [next, expected] of cases) {
      const res = await fetch(`${app.url}/login?next=${encodeURIComponent(next)}`, { headers: { cookie }, redirect: "manual" });
      expect(res.status, next).toBe(307);
      expect(new URL(res.headers.get("location")!, app.url).toString(), next).toBe(new URL(expected, app.url).toString());
    }
  });
});

describe("sessions and keys", () => {
  test("pages without a session redirect to sign-in; a forged or malformed cookie counts as signed out", async () => {
    for (const cookie of [undefined, "lateral_session=forged-token-value", "lateral_session=%%%<script>", "lateral_session="]) {
      const res = await fetch(`${app.url}/alerts`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
      expect(res.status).toBe(307);
      expect(res.headers.get("location")).toMatch(/\/login/);
    }
  });

  test("sign-out ends the session server-side", async () => {
    const u = await app.user("viewer");
    const cookie = await signInCookie(app, u.email, u.password);
    const out = await fetch(`${app.url}/api/auth/logout`, { method: "POST", headers: { cookie, origin: app.url } });
    expect(out.status).toBe(200);
    const res = await fetch(`${app.url}/alerts`, { headers: { cookie }, redirect: "manual" });
    expect(res.status).toBe(307);
  });

  test("an idle session expires", async () => {
    const u = await app.user("viewer");
    const cookie = await signInCookie(app, u.email, u.password);
    await db().session.updateMany({ where: { userId: u.id }, data: { lastSeenAt: new Date(Date.now() - 2 * 3600_000) } });
    const res = await fetch(`${app.url}/alerts`, { headers: { cookie }, redirect: "manual" });
    expect(res.status).toBe(307);
  });

  test("a cookie that is not even percent-encoded reads as signed out: 401 on the API, sign-out still works", async () => {
    for (const cookie of ["lateral_session=%ZZ", "lateral_session=%", "lateral_session=%E0%A4%A"]) {
      const api = await fetch(`${app.url}/api/v1/alerts`, { headers: { cookie } });
      expect(api.status, cookie).toBe(401);
      const out = await fetch(`${app.url}/api/auth/logout`, { method: "POST", headers: { cookie, origin: app.url } });
      expect(out.status, cookie).toBe(200);
    }
  });
});

describe("health", () => {
  test("anonymous callers (and viewers, ingest keys) learn only ok / not ok", async () => {
    const viewer = await app.user("viewer");
    const viewerCookie = await signInCookie(app, viewer.email, viewer.password);
    const ingest = await app.apiKey("ingest");
    for (const headers of [{}, { cookie: viewerCookie }, { authorization: `ApiKey ${ingest}` }] as Record<string, string>[]) {
      const res = await fetch(`${app.url}/api/health`, { headers });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: false }); // no worker runs in this test
    }
  });

  test("an admin or a read key gets the details: database, migrations, this server, every shard", async () => {
    const admin = await app.user("admin");
    const cookie = await signInCookie(app, admin.email, admin.password);
    const read = await app.apiKey("read");
    for (const headers of [{ cookie }, { authorization: `ApiKey ${read}` }] as Record<string, string>[]) {
      const body = await (await fetch(`${app.url}/api/health`, { headers })).json();
      expect(body.status).toBe("degraded");
      expect(body.ok).toBe(false);
      expect(body.database.ok).toBe(true);
      expect(body.migrations).toEqual({ current: true, pending: [] });
      expect(body.server.pid).toEqual(expect.any(Number));
      expect(body.worker).toEqual({ ok: false, shards: [expect.objectContaining({ shard: "all", state: "missing" })] });
    }
  });

  test("every shard shows: a silent shard beside a running one makes health not ok", async () => {
    const read = await app.apiKey("read");
    const now = Date.now();
    const row = (id: string, shard: string, beatAgo: number) => ({
      workerId: id, pid: 1000, hostname: "w", startedAt: new Date(now - 3600_000), beatAt: new Date(now - beatAgo),
      info: { mode: "schedule", shard, rules: 2, backlog: { pendingEvents: 0, oldestPendingAgeSeconds: null } },
    });
    await db().workerHeartbeat.createMany({ data: [row("w0", "0/2", 1000), row("w1", "1/2", 600_000)] });
    try {
      const body = await (await fetch(`${app.url}/api/health`, { headers: { authorization: `ApiKey ${read}` } })).json();
      expect(body.worker.shards.map((s: { shard: string; state: string }) => [s.shard, s.state])).toEqual([["0/2", "running"], ["1/2", "silent"]]);
      expect(body.worker.shards[1].heartbeatAgeSeconds).toBeGreaterThanOrEqual(600);
      expect(body.ok).toBe(false);
      expect(await (await fetch(`${app.url}/api/health`)).json()).toEqual({ ok: false });
    } finally {
      await db().workerHeartbeat.deleteMany({});
    }
  });
});
