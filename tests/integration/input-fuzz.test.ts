import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { signInCookie, startTestApp, type TestApp } from "@/tests/helpers/app";
import { insertAlerts, RULE_IDS } from "@/tests/helpers/fixtures/alerts";

/**
 * No input gives a 500: fast-check (seeded) sends every /api/v1 route (found on disk, so new ones
 * are included), plus sign-in and health, hostile path segments, query parameters, cursors, JSON bodies and cookies: NUL, unpaired
 * surrogates, invalid UTF-8 percent-escapes, over-long values, wrong types, zone-scoped IPv6, SQL and
 * path tricks, and random values of the fields each route knows. Path segments are either one of
 * the seeded rows' real ids (so the request reaches the service) or hostile. Every answer must be
 * below 500; the first failures are listed with the request that caused them.
 */
let app: TestApp;
let adminKey: string;
let adminCookie: string;
const ids: Record<string, string[]> = {};

beforeAll(async () => {
  app = await startTestApp();
  adminKey = await app.apiKey("admin");
  const admin = await app.user("admin");
  adminCookie = await signInCookie(app, admin.email, admin.password);
  const alerts = await insertAlerts([{ hostName: "FUZZ-1", sourceIp: "10.20.30.40" }, { hostName: "FUZZ-2", status: "closed", closingReason: "false_positive" }]);
  const entry = await db().allowlistEntry.create({ data: { name: "fuzz", conditions: [{ field: "source.ip", operator: "is", values: ["10.9.9.9"] }] } });
  const victim = await app.user("viewer");
  ids.id = alerts.map((a) => a.id!);
  ids.entry = [entry.id];
  ids.rule = [RULE_IDS.powershell, RULE_IDS.winrs];
  ids.user = [victim.id];
  ids.step = ["1", "0", "step-1"];
  ids.ip = ["10.20.30.40", "2001:db8::1"];
  ids.host = ["fuzz-1"];
}, 180_000);
afterAll(() => app?.stop());

interface Route {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string; // `:name` segments are filled from ids[name] or hostile values
  query?: string[];
  body?: string[]; // known fields of the JSON body
  cookie?: boolean; // only with a session (PATCH /me)
}

const ALERT_QUERY = ["status", "ruleId", "hostId", "host", "sourceIp", "severity", "user", "process", "q", "from", "to", "timeField", "sort", "order", "limit", "cursor", "groupBy", "notHost", "notSourceIp", "notUser", "notProcess", "notRuleId"];
const WINDOW = ["from", "to"];
const KNOWN: Route[] = [
  { method: "GET", path: "/api/v1/alerts", query: ALERT_QUERY },
  { method: "GET", path: "/api/v1/alerts/:id" },
  { method: "PATCH", path: "/api/v1/alerts/:id", body: ["status", "closingReason", "assignee"] },
  { method: "POST", path: "/api/v1/alerts/bulk", body: ["ids", "filter", "status", "closingReason", "assignee"] },
  { method: "POST", path: "/api/v1/alerts/:id/notes", body: ["body"] },
  { method: "PUT", path: "/api/v1/alerts/:id/checklist/:step", body: ["done", "comment"] },
  { method: "GET", path: "/api/v1/alerts/:id/process-tree", query: WINDOW },
  { method: "GET", path: "/api/v1/alerts/:id/ip-activity", query: WINDOW },
  { method: "GET", path: "/api/v1/hosts/:host/process-tree", query: WINDOW },
  { method: "GET", path: "/api/v1/ips/:ip/activity", query: WINDOW },
  { method: "GET", path: "/api/v1/allowlist", query: ["ruleId", "status", "q"] },
  { method: "POST", path: "/api/v1/allowlist", body: ["name", "comment", "ruleId", "conditions", "caseInsensitive", "expiresAt", "closeMatchingAlerts"] },
  { method: "GET", path: "/api/v1/allowlist/:entry" },
  { method: "PATCH", path: "/api/v1/allowlist/:entry", body: ["name", "comment", "ruleId", "conditions", "caseInsensitive", "expiresAt", "enabled"] },
  { method: "DELETE", path: "/api/v1/allowlist/:entry" },
  { method: "GET", path: "/api/v1/allowlist/:entry/history" },
  { method: "POST", path: "/api/v1/allowlist/preview", query: ["days"], body: ["ruleId", "conditions", "caseInsensitive", "expiresAt"] },
  { method: "POST", path: "/api/v1/allowlist/:entry/close-matching-alerts" },
  { method: "GET", path: "/api/v1/rules" },
  { method: "GET", path: "/api/v1/rules/:rule" },
  { method: "PATCH", path: "/api/v1/rules/:rule", body: ["enabled"] },
  { method: "POST", path: "/api/v1/rules/:rule/run" },
  { method: "GET", path: "/api/v1/rules/:rule/executions", query: ["limit"] },
  { method: "POST", path: "/api/v1/rules/import", body: ["files"] },
  { method: "GET", path: "/api/v1/users" },
  { method: "POST", path: "/api/v1/users", body: ["email", "role", "name", "password"] },
  { method: "PATCH", path: "/api/v1/users/:user", body: ["role", "disabled", "name"] },
  { method: "POST", path: "/api/v1/users/:user/reset-password", body: ["password"] },
  { method: "GET", path: "/api/v1/api-keys" },
  { method: "POST", path: "/api/v1/api-keys", body: ["name", "scope"] },
  { method: "DELETE", path: "/api/v1/api-keys/:key" },
  { method: "GET", path: "/api/v1/audit", query: ["actor", "action", "targetType", "targetId", "from", "to", "ok", "limit", "cursor"] },
  { method: "PATCH", path: "/api/v1/me", body: ["theme"], cookie: true },
  { method: "POST", path: "/api/v1/events" },
  { method: "POST", path: "/api/auth/login", body: ["email", "password"] },
  { method: "GET", path: "/api/health" },
];

// ---------------------------------------------------------------- hostile values

const NASTY = [
  "\u0000", "a\u0000b", "\ud800", "x\udfff", "\udc00\ud800", "fe80::1%eth0", "fe80::1%25eth0", "::ffff:10.0.0.1", "10.0.0.0/33", "10.0.0",
  "%", "%25", "%ZZ", "%00", "'; DROP TABLE alerts; --", "\\", "../../etc/passwd", "<script>alert(1)</script>", "", " ", "null", "undefined",
  "-1", "0", "1e309", "NaN", "0x1F", "99999999999999999999", "2026-13-45T99:99:99Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
  "true", "[]", "{}", "x".repeat(5_000), "é".repeat(3_000), "😀", "\u202e", "a%00b",
];
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3, unit: fc.constantFrom("\u0000", "\ud800", "\udfff", "%", "/", "\\") }) },
);

/** Percent-encodes any JS string, unpaired surrogates too (as their WTF-8 bytes, invalid UTF-8). */
function encodeAny(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}
const rawEscapes = fc.constantFrom("%FF", "%C0%AF", "%ED%A0%80", "%E0%A4%A", "%2525", "%25", "%2F", "%5C", "%00", "%F0%9F%98", "%", "%%", "%2e%2e");
const urlValue = fc.oneof({ weight: 4, arbitrary: hostileString.map(encodeAny) }, { weight: 1, arbitrary: rawEscapes });
const cursor = fc.oneof(
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString("base64url")),
  fc.record({ at: hostileString, id: hostileString }).map((v) => Buffer.from(JSON.stringify(v)).toString("base64url")),
  urlValue,
);

const jsonish: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(hostileString, tie("v"), { maxKeys: 3 }),
  ),
})).v;

function bodyFor(route: Route): fc.Arbitrary<string | Uint8Array | undefined> {
  const fields = route.body ?? [];
  const known = fields.length
    ? fc.dictionary(fc.constantFrom(...fields), jsonish, { maxKeys: fields.length }).map((o) => JSON.stringify(o))
    : fc.constant("{}");
  return fc.oneof(
    { weight: 5, arbitrary: known },
    { weight: 1, arbitrary: jsonish.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 1, arbitrary: fc.constantFrom("not json", "{", "[".repeat(5000), '{"a":"\\ud800"}', '{"a":"\\u0000"}', '"\\udfff"', "", "\u0000") },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((b) => new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, ...b, 0x22, 0x7d])) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function requestFor(route: Route) {
  const segments = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const segment = (name: string) => (ids[name]?.length ? fc.oneof(fc.constantFrom(...ids[name]), urlValue) : urlValue);
  return fc.record({
    segments: fc.tuple(...segments.map(segment)),
    query: route.query?.length
      ? fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...route.query) }, { weight: 1, arbitrary: urlValue }), fc.oneof(urlValue, cursor), { maxKeys: 4 })
      : fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(urlValue, urlValue, { maxKeys: 2 }) }),
    body: route.method === "GET" || route.method === "DELETE" ? fc.constant(undefined) : bodyFor(route),
    auth: route.cookie
      ? fc.constantFrom("cookie", "bad-cookie")
      : fc.oneof({ weight: 6, arbitrary: fc.constant("key") }, { weight: 1, arbitrary: fc.constant("cookie") }, { weight: 1, arbitrary: fc.constant("bad-cookie") }),
    badCookie: urlValue,
  });
}

const failures: string[] = [];

/**
 * Every route handler under app/api/v1 (and sign-in, health), found on disk with its methods, so a
 * route added later is fuzzed too; KNOWN adds the query and body fields of the routes it lists.
 */
function discoverRoutes(): Route[] {
  const root = path.join(process.cwd(), "app/api/v1");
  const found: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const apiPath = `/api/v1/${path.relative(root, dir)}`.replace(/\/$/, "").replace(/\[(\w+)\]/g, ":$1");
        for (const m of source.matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)) found.push({ method: m[1] as Route["method"], path: apiPath });
      }
    }
  };
  walk(root);
  const key = (r: Route) => `${r.method} ${r.path.replace(/:\w+/g, ":")}`;
  const known = new Map(KNOWN.map((r) => [key(r), r]));
  const routes = found.map((r) => known.get(key(r)) ?? { ...r, query: ["q", "limit", "cursor", "from", "to", "status"], body: ["name", "id", "ids", "status", "enabled", "url"] });
  for (const r of KNOWN) if (!r.path.startsWith("/api/v1/")) routes.push(r);
  return routes.sort((a, b) => key(a).localeCompare(key(b)));
}
const ROUTES = discoverRoutes();

test("the fuzzed routes include every /api/v1 route handler", () => {
  expect(ROUTES.length).toBeGreaterThanOrEqual(KNOWN.length);
  for (const r of KNOWN) expect(ROUTES.map((x) => `${x.method} ${x.path}`)).toContain(`${r.method} ${r.path}`);
});

test.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))("%s: no 5xx for hostile input", async (_name, route) => {
  let n = 0;
  failures.length = 0;
  await fc.assert(
    fc.asyncProperty(requestFor(route), async (r) => {
      let i = 0;
      const path = route.path.replace(/:(\w+)/g, () => String(r.segments[i++]));
      const query = Object.entries(r.query).map(([k, v]) => `${k}=${v}`).join("&");
      const url = `${app.url}${path}${query ? `?${query}` : ""}`;
      const headers: Record<string, string> = { origin: app.url };
      if (r.auth === "key") headers.authorization = `ApiKey ${adminKey}`;
      else if (r.auth === "cookie") headers.cookie = adminCookie;
      else headers.cookie = `lateral_session=${r.badCookie}`;
      if (r.body !== undefined) headers["content-type"] = route.path === "/api/v1/events" ? "application/x-ndjson" : "application/json";
      let status: number;
      let text: string;
      try {
        const res = await fetch(url, { method: route.method, headers, body: r.body as BodyInit | undefined, redirect: "manual" });
        status = res.status;
        text = await res.text();
      } catch (err) {
        // fetch refuses some URLs itself (nothing was sent): not the server's answer
        if (err instanceof TypeError && /Invalid URL|Failed to parse URL/i.test(String((err as Error).message))) return;
        failures.push(`${route.method} ${url.slice(0, 300)} → ${(err as Error).message} ${String((err as { cause?: unknown }).cause ?? "")}`);
        return false;
      }
      n++;
      if (status >= 500) {
        failures.push(`${route.method} ${url.slice(0, 300)} body=${JSON.stringify(typeof r.body === "string" ? r.body.slice(0, 200) : r.body)} → ${status} ${text.slice(0, 200)}`);
        return false;
      }
      if (status >= 400 && status !== 431) {
        // every refusal says what is wrong (431: Node's own answer to a request line or headers over 16 KB)
        let message: unknown;
        try {
          message = JSON.parse(text).error.message;
        } catch {
          message = undefined;
        }
        if (!message) {
          failures.push(`${route.method} ${url.slice(0, 300)} → ${status} without a JSON error message: ${text.slice(0, 200)}`);
          return false;
        }
      }
      return true;
    }),
    { seed: 20261204, numRuns: 40, endOnFailure: true },
  ).catch((err) => {
    throw new Error(`${failures.slice(-3).join("\n")}\n${(err as Error).message.slice(0, 2000)}`);
  });
  expect(n).toBeGreaterThan(30); // the requests were sent and answered
});

test("each input the security review answered with a 500 now gets a 4xx with a message", async () => {
  const alertId = ids.id[0];
  const entryId = ids.entry[0];
  const nul = "%00";
  const cases: [string, string, unknown?][] = [
    ...["q", "user", "host", "hostId", "ruleId", "process", "notHost", "notUser"].map((k): [string, string] => ["GET", `/api/v1/alerts?${k}=a${nul}b`]),
    ["GET", `/api/v1/audit?actor=a${nul}`],
    ["GET", `/api/v1/audit?action=a${nul}`],
    ["GET", `/api/v1/alerts/a${nul}b`],
    ["GET", `/api/v1/allowlist/a${nul}b`],
    ["GET", `/api/v1/rules/a${nul}b`],
    ["POST", `/api/v1/alerts/${alertId}/notes`, { body: "a\u0000b" }],
    ["PATCH", `/api/v1/alerts/${alertId}`, { assignee: "a\u0000b" }],
    ["POST", "/api/v1/allowlist", { name: "a\u0000", conditions: [{ field: "user.name", operator: "is", values: ["x"] }] }],
    ["POST", "/api/v1/allowlist", { name: "ok", conditions: [{ field: "user.name", operator: "is", values: ["x\u0000"] }] }],
    ["PATCH", `/api/v1/allowlist/${entryId}`, { name: "\ud800" }],
    ["POST", "/api/v1/users", { email: "a\u0000@example.test", role: "viewer" }],
    ["POST", "/api/v1/users", { email: "n@example.test", role: "viewer", name: "a\u0000" }],
    ["POST", "/api/v1/api-keys", { name: "k\u0000", scope: "read" }],
    ["POST", "/api/v1/rules/import", { files: [{ name: "a.toml", content: "[rule]\nname = \"x\u0000\"" }] }],
    ["POST", "/api/auth/login", { email: "a\u0000@example.test", password: "x" }],
    ["GET", `/api/v1/alerts?cursor=${Buffer.from(JSON.stringify({ v: "\u0000", id: 1 })).toString("base64url")}`],
    ["GET", `/api/v1/alerts?cursor=${Buffer.from("{not json").toString("base64url")}`],
    ["GET", "/api/v1/alerts?cursor=%FF%FE"],
    ["GET", `/api/v1/audit?cursor=${Buffer.from(JSON.stringify({ at: "x", id: "1; drop" })).toString("base64url")}`],
    ["GET", "/api/v1/alerts?sourceIp=fe80::1%25eth0"],
    ["GET", "/api/v1/ips/fe80::1%25eth0/activity"],
    ["GET", "/api/v1/ips/%25/activity"],
    ["GET", "/api/v1/alerts/%C0%AF"],
  ];
  const seen: string[] = [];
  for (const [method, path, body] of cases) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: `ApiKey ${adminKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    seen.push(`${method} ${path} → ${res.status}`);
    expect(res.status, `${method} ${path}: ${text}`).toBeGreaterThanOrEqual(400);
    expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(500);
    expect(JSON.parse(text).error.message, `${method} ${path}`).toBeTruthy();
  }
  // a literal % is a legal host id (decoded once): an empty tree, not a 500
  expect((await fetch(`${app.url}/api/v1/hosts/%25/process-tree`, { headers: { authorization: `ApiKey ${adminKey}` } })).status).toBe(200);
  for (const path of ["/api/v1/alerts", "/api/auth/logout", "/api/v1/rules"]) {
    const res = await fetch(`${app.url}${path}`, { method: path.includes("logout") ? "POST" : "GET", headers: { cookie: "lateral_session=%ZZ", origin: app.url } });
    expect(res.status, path).toBeLessThan(500);
  }
});
