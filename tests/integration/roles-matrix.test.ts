import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signInCookie, startTestApp, type TestApp } from "@/tests/helpers/app";

/**
 * Role × endpoint: every API route answers 401 to anonymous callers, 403 to roles that may not use
 * it, and lets the others past authorization (bodies are deliberately empty or invalid, so an
 * allowed write answers 4xx validation or 404 and changes nothing; a 5xx fails the test).
 *
 * The roles, as the product defines them: viewer reads; analyst reads, triages and manages
 * allowlists; admin does everything, including users, API keys, rules, notification destinations
 * and the audit trail;
 * an ingest key only sends events. API keys act with the role of their scope (read = viewer).
 */
type Who = "viewer" | "analyst" | "admin" | "key:read" | "key:analyst" | "key:admin" | "key:ingest";
const ALL: Who[] = ["viewer", "analyst", "admin", "key:read", "key:analyst", "key:admin", "key:ingest"];
const READERS: Who[] = ["viewer", "analyst", "admin", "key:read", "key:analyst", "key:admin"];
const TRIAGERS: Who[] = ["analyst", "admin", "key:analyst", "key:admin"];
const ADMINS: Who[] = ["admin", "key:admin"];
const INGESTERS: Who[] = ["key:ingest", "admin", "key:admin"];

const X = "00000000-0000-0000-0000-000000000000";
const ROUTES: { method: string; path: string; allowed: Who[]; body?: string }[] = [
  { method: "GET", path: "/api/v1/alerts", allowed: READERS },
  { method: "GET", path: `/api/v1/alerts/${X}`, allowed: READERS },
  { method: "PATCH", path: `/api/v1/alerts/${X}`, allowed: TRIAGERS, body: "{}" },
  { method: "POST", path: "/api/v1/alerts/bulk", allowed: TRIAGERS, body: "{}" },
  { method: "POST", path: `/api/v1/alerts/${X}/notes`, allowed: TRIAGERS, body: "{}" },
  { method: "PUT", path: `/api/v1/alerts/${X}/checklist/step-x`, allowed: TRIAGERS, body: "{}" },
  { method: "GET", path: `/api/v1/alerts/${X}/process-tree`, allowed: READERS },
  { method: "GET", path: `/api/v1/alerts/${X}/ip-activity`, allowed: READERS },
  { method: "GET", path: "/api/v1/hosts/h1/process-tree", allowed: READERS },
  { method: "GET", path: "/api/v1/ips/10.0.0.1/activity", allowed: READERS },
  { method: "GET", path: "/api/v1/movement", allowed: READERS },
  { method: "GET", path: "/api/v1/addresses?ip=10.0.0.1", allowed: READERS },
  { method: "GET", path: "/api/v1/incidents", allowed: READERS },
  { method: "GET", path: `/api/v1/incidents/${X}`, allowed: READERS },
  { method: "PATCH", path: `/api/v1/incidents/${X}`, allowed: TRIAGERS, body: "{}" },
  { method: "POST", path: `/api/v1/incidents/${X}/merge`, allowed: TRIAGERS, body: "{}" },
  { method: "POST", path: `/api/v1/incidents/${X}/split`, allowed: TRIAGERS, body: "{}" },
  { method: "GET", path: "/api/v1/critical-hosts", allowed: READERS },
  { method: "POST", path: "/api/v1/critical-hosts", allowed: ADMINS, body: "{}" },
  { method: "DELETE", path: `/api/v1/critical-hosts/${X}`, allowed: ADMINS },
  { method: "GET", path: "/api/v1/allowlist", allowed: READERS },
  { method: "POST", path: "/api/v1/allowlist", allowed: TRIAGERS, body: "{}" },
  { method: "POST", path: "/api/v1/allowlist/preview", allowed: READERS, body: "{}" },
  { method: "GET", path: `/api/v1/allowlist/${X}`, allowed: READERS },
  { method: "PATCH", path: `/api/v1/allowlist/${X}`, allowed: TRIAGERS, body: "{}" },
  { method: "DELETE", path: `/api/v1/allowlist/${X}`, allowed: TRIAGERS },
  { method: "GET", path: `/api/v1/allowlist/${X}/history`, allowed: READERS },
  { method: "POST", path: `/api/v1/allowlist/${X}/close-matching-alerts`, allowed: TRIAGERS, body: "{}" },
  { method: "GET", path: "/api/v1/rules", allowed: READERS },
  { method: "GET", path: "/api/v1/rules/no-such-rule", allowed: READERS },
  { method: "PATCH", path: "/api/v1/rules/no-such-rule", allowed: ADMINS, body: "{}" },
  { method: "POST", path: "/api/v1/rules/no-such-rule/run", allowed: ADMINS, body: "{}" },
  { method: "GET", path: "/api/v1/rules/no-such-rule/executions", allowed: READERS },
  { method: "POST", path: "/api/v1/rules/import", allowed: ADMINS, body: "{}" },
  { method: "PATCH", path: "/api/v1/me", allowed: READERS, body: "{}" },
  { method: "GET", path: "/api/v1/users", allowed: ADMINS },
  { method: "POST", path: "/api/v1/users", allowed: ADMINS, body: "{}" },
  { method: "PATCH", path: `/api/v1/users/${X}`, allowed: ADMINS, body: "{}" },
  { method: "POST", path: `/api/v1/users/${X}/reset-password`, allowed: ADMINS, body: "{}" },
  { method: "GET", path: "/api/v1/api-keys", allowed: ADMINS },
  { method: "POST", path: "/api/v1/api-keys", allowed: ADMINS, body: "{}" },
  { method: "DELETE", path: `/api/v1/api-keys/${X}`, allowed: ADMINS },
  { method: "GET", path: "/api/v1/audit", allowed: ADMINS },
  { method: "GET", path: "/api/v1/notifications", allowed: ADMINS },
  { method: "POST", path: "/api/v1/notifications", allowed: ADMINS, body: "{}" },
  { method: "GET", path: `/api/v1/notifications/${X}`, allowed: ADMINS },
  { method: "PATCH", path: `/api/v1/notifications/${X}`, allowed: ADMINS, body: "{}" },
  { method: "DELETE", path: `/api/v1/notifications/${X}`, allowed: ADMINS },
  { method: "POST", path: `/api/v1/notifications/${X}/test`, allowed: ADMINS, body: "{}" },
  { method: "GET", path: "/api/v1/notifications/dead-letters", allowed: ADMINS },
  { method: "POST", path: `/api/v1/notifications/dead-letters/${X}/retry`, allowed: ADMINS, body: "{}" },
  { method: "POST", path: "/api/v1/events", allowed: INGESTERS, body: "" },
  { method: "POST", path: "/api/v1/hunt", allowed: READERS, body: "{}" },
  { method: "GET", path: `/api/v1/hunt/${X}`, allowed: READERS },
  { method: "DELETE", path: `/api/v1/hunt/${X}`, allowed: READERS },
  { method: "POST", path: "/api/v1/hunt/export", allowed: READERS, body: "{}" },
  { method: "GET", path: "/api/v1/hunts", allowed: READERS },
  { method: "POST", path: "/api/v1/hunts", allowed: READERS, body: "{}" },
  { method: "GET", path: `/api/v1/hunts/${X}`, allowed: READERS },
  { method: "PATCH", path: `/api/v1/hunts/${X}`, allowed: READERS, body: "{}" },
  { method: "DELETE", path: `/api/v1/hunts/${X}`, allowed: READERS },
  { method: "POST", path: `/api/v1/hunts/${X}/rule`, allowed: ADMINS, body: "{}" },
  { method: "DELETE", path: `/api/v1/hunts/${X}/rule`, allowed: ADMINS },
];

let app: TestApp;
const auth: Record<Who, Record<string, string>> = {} as never;
beforeAll(async () => {
  app = await startTestApp();
  for (const role of ["viewer", "analyst", "admin"] as const) {
    const u = await app.user(role);
    auth[role] = { cookie: await signInCookie(app, u.email, u.password), origin: app.url };
  }
  for (const scope of ["read", "analyst", "admin", "ingest"] as const) {
    auth[`key:${scope}`] = { authorization: `ApiKey ${await app.apiKey(scope)}` };
  }
});
afterAll(() => app?.stop());

const call = (r: (typeof ROUTES)[number], headers: Record<string, string>) =>
  fetch(`${app.url}${r.path}`, { method: r.method, headers: { "content-type": "application/json", ...headers }, body: r.body });

describe.each(ROUTES)("$method $path", (route) => {
  test("anonymous → 401", async () => {
    expect((await call(route, {})).status).toBe(401);
  });
  test.each(ALL)("%s", async (who) => {
    const res = await call(route, auth[who]);
    if (route.allowed.includes(who)) {
      // Past authorization, the empty or invalid body gets a 4xx answer of its own (or 2xx for a
      // read); a 5xx is a broken route, never "allowed".
      expect([401, 403], `${who} should pass authorization`).not.toContain(res.status);
      expect(res.status, `${who}: ${await res.text()}`).toBeLessThan(500);
    } else expect(res.status, `${who} must be refused`).toBe(403);
  });
});

test("the matrix covers every API route file", async () => {
  const fs = await import("node:fs");
  const files = (fs.readdirSync("app/api/v1", { recursive: true }) as string[])
    .map((f) => `app/api/v1/${f.replace(/\\/g, "/")}`)
    .filter((f) => f.endsWith("/route.ts"));
  const covered = new Set(
    ROUTES.map((r) =>
      r.path
        .replace(X, "[id]")
        .replace(/\?.*$/, "")
        .replace("step-x", "[stepId]")
        .replace("/hosts/h1", "/hosts/[id]")
        .replace("/ips/10.0.0.1", "/ips/[ip]")
        .replace("/rules/no-such-rule", "/rules/[id]"),
    ),
  );
  for (const f of files) {
    const route = "/" + f.replace(/^app\//, "").replace(/\/route\.ts$/, "");
    expect(covered.has(route), `${route} is not in the role matrix`).toBe(true);
  }
});
