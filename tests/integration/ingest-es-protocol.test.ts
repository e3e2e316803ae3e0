import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { startTestApp, signInCookie, type TestApp } from "@/tests/helpers/app";
import { ndjson, rawRequest } from "@/tests/helpers/raw-http";

/**
 * The Elasticsearch layer as a shipper's HTTP client sees it (node:http: no redirect followed):
 * paths with and without a trailing slash, the calls shippers make, idempotency keys, bad `_id`s,
 * authentication, body limits and the in-flight budget.
 */
let app: TestApp;
let key: string;
let auth: Record<string, string>;
const INFLIGHT_MB = 40;

beforeAll(async () => {
  app = await startTestApp({ env: { INGEST_INFLIGHT_MB: String(INFLIGHT_MB) } });
  key = await app.apiKey("ingest");
  auth = { authorization: `ApiKey ${key}` };
});
afterAll(() => app?.stop());

const es = (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) =>
  rawRequest(app.url, method, `/api/es${path}`, { headers: { ...auth, "content-type": "application/json", ...headers }, body });
const doc = (id: string, extra: Record<string, unknown> = {}) => ({
  "@timestamp": "2026-11-20T10:00:00Z",
  host: { id: "proto-host", name: "PROTO" },
  event: { id, category: ["process"], type: ["start"] },
  ...extra,
});
const stored = async (where: string, params: unknown[] = []) =>
  (await pool().query(`select count(*)::int as n from events where ${where}`, params)).rows[0].n as number;
const statuses = (body: string) => JSON.parse(body).items.map((i: Record<string, { status: number }>) => Object.values(i)[0].status);

describe("no redirect on any Elasticsearch path", () => {
  const paths = ["", "/", "/_bulk", "/_bulk/", "/logs-x/_bulk", "/logs-x/_bulk/", "/_refresh", "/_refresh/", "/_cat/health", "/_cat/health/",
    "/_cluster/health/", "/_license/", "/_index_template/winlogbeat-8.17.0/", "/logs-x/_doc/", "/logs-x/_create/a/", "/unknown/thing/here/"];
  test.each(["GET", "HEAD", "POST", "PUT", "DELETE"])("%s on every path answers without a redirect, with X-Elastic-Product", async (method) => {
    for (const path of paths) {
      const res = await es(method, path, method === "POST" || method === "PUT" ? "" : undefined);
      expect(res.status >= 300 && res.status < 400, `${method} /api/es${path} answered ${res.status}`).toBe(false);
      expect(res.status, `${method} /api/es${path}`).toBeLessThan(500);
      expect(res.headers["x-elastic-product"], `${method} /api/es${path}`).toBe("Elasticsearch");
    }
    // Unauthenticated and failing answers carry the header too.
    const anonymous = await rawRequest(app.url, method, "/api/es/");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers["x-elastic-product"]).toBe("Elasticsearch");
  });

  test("GET and HEAD of the root, with and without the slash, answer cluster info", async () => {
    for (const path of ["", "/"]) {
      const get = await es("GET", path);
      expect(get.status).toBe(200);
      expect(JSON.parse(get.body)).toMatchObject({ version: { number: expect.stringMatching(/^8\./) }, tagline: "You Know, for Search" });
      const head = await es("HEAD", path);
      expect(head.status).toBe(200);
      expect(head.body).toBe("");
    }
    expect((await es("POST", "/", "")).status).toBe(405);
  });

  test("a page path with a trailing slash answers 308 to the same site's canonical path; API paths answer directly", async () => {
    const page = await rawRequest(app.url, "GET", "/alerts/?status=open");
    expect(page.status).toBe(308);
    expect(new URL(page.headers.location!, app.url).href).toBe(`${app.url}/alerts?status=open`);
    const sneaky = await rawRequest(app.url, "GET", "//evil.example/");
    if (sneaky.status >= 300 && sneaky.status < 400) expect(new URL(sneaky.headers.location!, app.url).host).toBe(new URL(app.url).host);
    const api = await rawRequest(app.url, "GET", "/api/v1/alerts/", { headers: auth });
    expect(api.status).toBe(403); // an ingest key may not read alerts: answered, not redirected
  });
});

describe("the calls shippers make", () => {
  test("_refresh and <index>/_refresh are no-ops with a shards body; _flush too", async () => {
    for (const [m, p] of [["POST", "/_refresh"], ["GET", "/_refresh"], ["POST", "/logs-x/_refresh"], ["POST", "/logs-x/_flush"]]) {
      const res = await es(m, p, m === "POST" ? "" : undefined);
      expect(res.status, p).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ _shards: { total: 1, successful: 1, failed: 0 } });
    }
  });

  test("GET/HEAD /_cat/health (text, ?v, ?format=json) and /_cluster/health", async () => {
    const text = await es("GET", "/_cat/health");
    expect(text.status).toBe(200);
    expect(text.body).toMatch(/^\d+ \d\d:\d\d:\d\d lateral green 1 1 /);
    expect((await es("GET", "/_cat/health?v")).body.split("\n")[0]).toMatch(/^epoch timestamp cluster status/);
    expect(JSON.parse((await es("GET", "/_cat/health?format=json")).body)[0]).toMatchObject({ cluster: "lateral", status: "green" });
    expect((await es("HEAD", "/_cat/health")).status).toBe(200);
    const health = await es("GET", "/_cluster/health");
    expect(JSON.parse(health.body)).toMatchObject({ cluster_name: "lateral", status: "green", timed_out: false, number_of_nodes: 1 });
    expect((await es("HEAD", "/_cluster/health/logs-x")).status).toBe(200);
  });

  test("POST /<index>/_doc, PUT /<index>/_doc/<id> and PUT /<index>/_create/<id> store one document each, idempotently", async () => {
    const auto = await es("POST", "/logs-single/_doc", JSON.stringify(doc("single-1")));
    expect(auto.status).toBe(201);
    expect(JSON.parse(auto.body)).toMatchObject({ _index: "logs-single", _id: "single-1", result: "created", _shards: { successful: 1 } });
    const again = await es("POST", "/logs-single/_doc", JSON.stringify(doc("single-1")));
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toMatchObject({ _id: "single-1", result: "noop" });

    const put = await es("PUT", "/logs-single/_doc/doc-a", JSON.stringify(doc("single-2")));
    expect(put.status).toBe(201);
    expect(JSON.parse(put.body)._id).toBe("doc-a");
    expect((await es("PUT", "/logs-single/_doc/doc-a", JSON.stringify(doc("single-2")))).status).toBe(200);
    expect((await es("PUT", "/logs-single/_doc/doc-a?op_type=create", JSON.stringify(doc("single-2")))).status).toBe(409);

    const create = await es("PUT", "/logs-single/_create/doc-b", JSON.stringify(doc("single-3")));
    expect(create.status).toBe(201);
    const conflict = await es("PUT", "/logs-single/_create/doc-b", JSON.stringify(doc("single-3")));
    expect(conflict.status).toBe(409);
    expect(JSON.parse(conflict.body).error).toMatchObject({ type: "version_conflict_engine_exception", reason: expect.stringContaining("[doc-b]") });

    const bad = await es("PUT", "/logs-single/_create/doc-c", JSON.stringify({ ...doc("single-4"), "@timestamp": "never" }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.type).toBe("document_parsing_exception");
    expect(await stored(`host_id = 'proto-host' and event_id like 'single-%'`)).toBe(3);
    expect((await es("PUT", "/logs-single/_doc", JSON.stringify(doc("x")))).status).toBe(405);
  });

  test("template, ILM, pipeline, data-stream, alias and index set-up calls of Winlogbeat, Elastic Agent and Logstash are answered", async () => {
    const calls: [string, string, number][] = [
      ["GET", "/_license?human=false", 200],
      ["GET", "/_xpack", 200],
      ["GET", "/_ilm/policy/winlogbeat", 200],
      ["PUT", "/_ilm/policy/winlogbeat", 200],
      ["HEAD", "/_index_template/winlogbeat-8.17.0", 200],
      ["PUT", "/_index_template/winlogbeat-8.17.0", 200],
      ["PUT", "/_component_template/logs-settings", 200],
      ["PUT", "/_template/logstash", 200],
      ["GET", "/_data_stream/winlogbeat-8.17.0", 200],
      ["PUT", "/_data_stream/winlogbeat-8.17.0", 200],
      ["PUT", "/_ingest/pipeline/winlogbeat-8.17.0-routing", 200],
      ["GET", "/_ingest/pipeline/winlogbeat-8.17.0-routing", 200],
      ["HEAD", "/_alias/logstash", 200],
      ["PUT", "/%3Clogstash-%7Bnow%2Fd%7D-000001%3E", 200],
      ["GET", "/_nodes/_local/ingest", 200],
      ["GET", "/_security/_authenticate", 200],
      ["POST", "/_monitoring/bulk?system_id=beats", 200],
      ["PUT", "/_cluster/settings", 200],
      ["GET", "/_search", 400],
    ];
    for (const [method, path, status] of calls) {
      const res = await es(method, path, method === "PUT" || method === "POST" ? "{}" : undefined);
      expect(res.status, `${method} ${path}`).toBe(status);
      if (method !== "HEAD") expect(() => JSON.parse(res.body), `${method} ${path}`).not.toThrow();
    }
    const policy = JSON.parse((await es("GET", "/_ilm/policy/winlogbeat")).body);
    expect(policy.winlogbeat).toBeDefined();
  });
});

describe("idempotency a client can predict", () => {
  test("the duplicate key is the bulk _id when given, else event.id, else the raw Windows record's key", async () => {
    const first = await es("POST", "/_bulk", ndjson([
      { create: { _index: "logs-k", _id: "key-a" } }, doc("ev-1"),
      { create: { _index: "logs-k" } }, doc("ev-2"),
      { create: { _index: "logs-k" } }, { EventID: 1, Channel: "Microsoft-Windows-Sysmon/Operational", Hostname: "RAW-1", RecordNumber: 7, UtcTime: "2026-11-20 10:00:00.000", Image: "C:\\x.exe" },
    ]));
    const items = JSON.parse(first.body).items.map((i: { create: { _id: string; status: number } }) => i.create);
    expect(items.map((i: { status: number }) => i.status)).toEqual([201, 201, 201]);
    expect(items.map((i: { _id: string }) => i._id)).toEqual(["key-a", "ev-2", "raw-1/microsoft-windows-sysmon/operational/7"]);

    // A new _id with an event.id already stored is a new document: its key is the _id.
    const newId = JSON.parse((await es("POST", "/_bulk", ndjson([{ create: { _index: "logs-k", _id: "key-b" } }, doc("ev-2")]))).body);
    expect(newId.items[0].create).toMatchObject({ _id: "key-b", status: 201 });
    // Resends: 409 for create, 200 noop for index, each naming the key that is stored.
    const resend = JSON.parse((await es("POST", "/_bulk", ndjson([
      { create: { _index: "logs-k", _id: "key-a" } }, doc("something-else"),
      { create: { _index: "logs-k" } }, doc("ev-2"),
      { index: { _index: "logs-k" } }, { EventID: 1, Channel: "Microsoft-Windows-Sysmon/Operational", Hostname: "RAW-1", RecordNumber: 7, UtcTime: "2026-11-20 10:00:00.000", Image: "C:\\x.exe" },
    ]))).body);
    expect(resend.items[0].create).toMatchObject({ _id: "key-a", status: 409, error: { type: "version_conflict_engine_exception", reason: expect.stringContaining("[key-a]") } });
    expect(resend.items[1].create).toMatchObject({ _id: "ev-2", status: 409 });
    expect(resend.items[2].index).toMatchObject({ _id: "raw-1/microsoft-windows-sysmon/operational/7", status: 200, result: "noop" });
    expect(await stored(`dataset = 'k' or event_id in ('ev-1', 'ev-2', 'something-else')`)).toBeGreaterThanOrEqual(0);
    expect(await stored(`event_id = 'ev-2'`)).toBe(2);
    expect(await stored(`event_id = 'something-else'`)).toBe(0);
  });

  test("a bad _id rejects that item alone, whatever is wrong with it; the request's valid items are stored", async () => {
    const bad: [unknown, RegExp][] = [
      ["", /must not be empty/],
      ["nul\u0000id", /NUL/],
      ["\ud800lone", /lone surrogate/],
      [{ nested: "object" }, /must be a string, got an object/],
      [42, /must be a string, got a number/],
      [["a"], /must be a string, got an array/],
      ["x".repeat(513), /too long/],
    ];
    const lines: unknown[] = [];
    bad.forEach(([id], i) => lines.push({ create: { _index: "logs-badid", _id: id } }, doc(`badid-${i}`)));
    lines.push({ create: { _index: "logs-badid", _id: "good-id" } }, doc("badid-ok"));
    lines.push({ index: { _index: "logs-badid" } }, doc("badid-ok-2"));
    const res = await es("POST", "/_bulk", ndjson(lines));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.errors).toBe(true);
    expect(statuses(res.body)).toEqual([...bad.map(() => 400), 201, 201]);
    bad.forEach(([, reason], i) => {
      expect(body.items[i].create.error.type).toBe("action_request_validation_exception");
      expect(body.items[i].create.error.reason).toMatch(reason);
    });
    expect(await stored(`event_id like 'badid-%'`)).toBe(2);
    // Resent as it was: the bad ones are refused the same way, nothing is stored twice.
    expect(statuses((await es("POST", "/_bulk", ndjson(lines))).body)).toEqual([...bad.map(() => 400), 409, 200]);
    expect(await stored(`event_id like 'badid-%'`)).toBe(2);
    expect((await es("PUT", "/logs-badid/_create/%00", JSON.stringify(doc("badid-path")))).status).toBe(400);
  });

  test("an action line that is not an action refuses the request with Elasticsearch's 400, storing nothing", async () => {
    for (const line of ["{not json", "[]", '"create"', '{"create":{},"index":{}}', '{"upsert":{}}']) {
      const res = await es("POST", "/_bulk", ndjson([{ create: { _index: "logs-syn", _id: "syn-1" } }, doc("syn-1"), line, doc("syn-2")]));
      expect(res.status, line).toBe(400);
      expect(JSON.parse(res.body).error.reason).toMatch(/Malformed action\/metadata line \[3\]/);
    }
    expect(await stored(`event_id like 'syn-%'`)).toBe(0);
  });
});

describe("authentication: API keys and basic auth only", () => {
  test("the session cookie is not accepted, so a cross-origin text/plain POST stores nothing", async () => {
    const admin = await app.user("admin");
    const cookie = await signInCookie(app, admin.email, admin.password);
    const res = await rawRequest(app.url, "POST", "/api/es/_bulk", {
      headers: { cookie, "content-type": "text/plain", origin: "https://evil.example" },
      body: ndjson([{ create: { _index: "logs-csrf", _id: "csrf-1" } }, doc("csrf-1")]),
    });
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toMatch(/ApiKey/);
    expect((await rawRequest(app.url, "GET", "/api/es/", { headers: { cookie } })).status).toBe(401);
    expect(await stored(`event_id = 'csrf-1'`)).toBe(0);
  });

  test("basic auth with the key as password and ApiKey base64(id:key) are accepted; other keys' scopes are refused", async () => {
    const basic = Buffer.from(`elastic:${key}`).toString("base64");
    expect((await rawRequest(app.url, "GET", "/api/es/", { headers: { authorization: `Basic ${basic}` } })).status).toBe(200);
    const encoded = Buffer.from(`someid:${key}`).toString("base64");
    expect((await rawRequest(app.url, "GET", "/api/es/", { headers: { authorization: `ApiKey ${encoded}` } })).status).toBe(200);
    expect((await rawRequest(app.url, "GET", "/api/es/", { headers: { authorization: "ApiKey nope" } })).status).toBe(401);
    expect((await rawRequest(app.url, "GET", "/api/es/", { headers: { authorization: `ApiKey ${await app.apiKey("read")}` } })).status).toBe(403);
  });
});

describe("body limits", () => {
  test("a 12 MB _bulk body (over the JSON API's 10 MB) is ingested whole", async () => {
    const lines: unknown[] = [];
    const padding = "p".repeat(2000);
    let n = 0;
    while (lines.length < 2 * 5800) {
      lines.push({ index: { _index: "logs-big" } }, doc(`big-${n++}`, { message: padding }));
    }
    const body = ndjson(lines);
    expect(Buffer.byteLength(body)).toBeGreaterThan(12 * 1024 * 1024);
    const res = await es("POST", "/_bulk", body, { "content-type": "application/x-ndjson" });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).errors).toBe(false);
    expect(await stored(`event_id like 'big-%'`)).toBe(n);
  });

  test("a body declared over ES_MAX_CONTENT_LENGTH_MB (100) gets 413 with Elasticsearch's error body before it is sent", async () => {
    const res = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const url = new URL(app.url);
      const req = http.request({ host: url.hostname, port: url.port, method: "POST", path: "/api/es/_bulk", headers: { ...auth, "content-type": "application/x-ndjson", "content-length": String(101 * 1024 * 1024) } }, (r) => {
        let body = "";
        r.on("data", (c) => (body += c));
        r.on("end", () => resolve({ status: r.statusCode!, body, sent }));
      });
      req.on("error", () => undefined); // the server closes the connection after answering
      const chunk = Buffer.from(ndjson([{ index: { _index: "logs-huge" } }, doc("huge")]).repeat(1000));
      const pump = () => {
        // Sends at most 10 MB: the answer must come before the body has been sent.
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return req.once("drain", pump);
        }
      };
      pump();
      setTimeout(() => reject(new Error("no answer")), 30_000).unref();
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ status: 413, error: { type: "content_too_long_exception", reason: expect.stringMatching(/100 MB/) } });
    expect(await stored(`event_id = 'huge'`)).toBe(0);
  });
});

describe("in-flight body budget", () => {
  test(`beyond INGEST_INFLIGHT_MB (${INFLIGHT_MB}) of bodies being received, requests get 503 with Retry-After at once; the others complete`, async () => {
    const size = 9 * 1024 * 1024;
    const url = new URL(app.url);
    const line = JSON.stringify(doc("inflight", { message: "m".repeat(900) })) + "\n";
    const body = Buffer.from(line.repeat(Math.ceil(size / line.length))).subarray(0, size);
    // Cut at the last newline and pad with spaces, so every request is exactly `size` bytes of valid NDJSON.
    const cut = body.lastIndexOf(0x0a) + 1;
    body.fill(0x20, cut);
    const uploads = Array.from({ length: 6 }, () => {
      let answered: (r: { status: number; retryAfter?: string }) => void;
      const result = new Promise<{ status: number; retryAfter?: string }>((resolve) => (answered = resolve));
      const req = http.request({ host: url.hostname, port: url.port, method: "POST", path: "/api/v1/events", headers: { ...auth, "content-type": "application/x-ndjson", "content-length": String(size) } }, (r) => {
        r.resume();
        r.on("end", () => answered({ status: r.statusCode!, retryAfter: r.headers["retry-after"] as string | undefined }));
      });
      req.on("error", () => undefined);
      req.write(body.subarray(0, 1024 * 1024));
      return { req, result, done: false };
    });
    uploads.forEach((u) => u.result.then(() => (u.done = true)));
    // 4 × 9 MB fit in 40 MB: two of the six are answered 503 while all six are still sending.
    const refused = await new Promise<{ status: number; retryAfter?: string }[]>((resolve) => {
      const seen: { status: number; retryAfter?: string }[] = [];
      uploads.forEach((u) => u.result.then((r) => {
        seen.push(r);
        if (seen.length === 2) resolve(seen);
      }));
    });
    expect(refused).toEqual([{ status: 503, retryAfter: "1" }, { status: 503, retryAfter: "1" }]);
    for (const u of uploads) if (!u.done) u.req.end(body.subarray(1024 * 1024));
    const all = await Promise.all(uploads.map((u) => u.result));
    expect(all.filter((r) => r.status === 200)).toHaveLength(4);
    expect(all.filter((r) => r.status === 503)).toHaveLength(2);
  });
});
