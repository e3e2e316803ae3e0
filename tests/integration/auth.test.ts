import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { signInCookie, startTestApp, type TestApp } from "@/tests/helpers/app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { LOGIN_MAX_FAILURES: "10", LOGIN_WINDOW_MINUTES: "10" } });
});
afterAll(() => app?.stop());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
  });

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

  test("10 failures for one account within the window → 429 with Retry-After, even with the right password", async () => {
    const u = await app.user("analyst");
    for (let i = 0; i < 10; i++) expect((await login(u.email, `wrong-${i}`, { "x-forwarded-for": `10.0.0.${i}` })).status).toBe(401);
    const blocked = await login(u.email, u.password, { "x-forwarded-for": "10.0.1.1" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("10 failures from one address → that address gets 429 for other accounts too", async () => {
    for (let i = 0; i < 10; i++) await login(`someone${i}@example.test`, "wrong password", { "x-forwarded-for": "192.0.2.77" });
    const other = await app.user("viewer");
    expect((await login(other.email, other.password, { "x-forwarded-for": "192.0.2.77" })).status).toBe(429);
    expect((await login(other.email, other.password, { "x-forwarded-for": "192.0.2.78" })).status).toBe(200);
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

  test("health is public and reports database and migrations", async () => {
    const res = await fetch(`${app.url}/api/health`);
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.database.ok).toBe(true);
    expect(body.migrations).toEqual({ current: true, pending: [] });
    expect(body.worker.ok).toBe(false); // no worker runs in this test
  });
});
