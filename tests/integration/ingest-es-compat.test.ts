import { Client } from "@elastic/elasticsearch";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { startTestApp, type TestApp } from "@/tests/helpers/app";

let app: TestApp;
let key: string;
beforeAll(async () => {
  app = await startTestApp();
  key = await app.apiKey("ingest");
});
afterAll(() => app?.stop());

const es = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}/api/es${path}`, { ...init, headers: { authorization: `ApiKey ${key}`, "content-type": "application/json", ...(init.headers ?? {}) } });

describe("Elasticsearch-compatible ingest", () => {
  test("GET / and HEAD / answer cluster info with an 8.x version and the product header", async () => {
    const res = await es("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-elastic-product")).toBe("Elasticsearch");
    expect((await res.json()).version.number).toMatch(/^8\./);
    const head = await es("/", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("x-elastic-product")).toBe("Elasticsearch");
  });

  test("the official client ships a batch with helpers.bulk and every document is stored and queryable", async () => {
    const client = new Client({ node: `${app.url}/api/es`, auth: { apiKey: key } });
    const docs = Array.from({ length: 250 }, (_, i) => ({
      "@timestamp": new Date(Date.UTC(2026, 10, 20, 10, 0, i)).toISOString(),
      event: { id: `es-${i}`, category: ["network"], type: ["start"] },
      host: { id: "es-host", name: "ES-HOST", os: { type: "windows" } },
      network: { direction: "ingress" },
      destination: { port: 5986 },
      source: { ip: "10.9.9.9" },
    }));
    const stats = await client.helpers.bulk({
      datasource: docs,
      onDocument: (d) => ({ create: { _index: "logs-endpoint.events.network-default", _id: d.event.id } }),
    });
    expect(stats.successful).toBe(250);
    expect(stats.failed).toBe(0);
    const { rows } = await pool().query(`select count(*)::int as n, min(dataset) as dataset, min(protocol) as protocol from events where host_id = 'es-host'`);
    expect(rows[0]).toEqual({ n: 250, dataset: "endpoint.events.network", protocol: "http" });
  });

  test("per-item statuses and the errors flag: 201 created, 409 on a create resend, 400 for a bad document", async () => {
    const doc = { "@timestamp": "2026-11-20T10:00:00Z", host: { id: "bulk-h" }, event: { category: "process" } };
    const body = [
      { create: { _index: "winlogbeat-8", _id: "b-1" } }, doc,
      { index: { _index: "winlogbeat-8", _id: "b-2" } }, doc,
      { create: { _index: "winlogbeat-8" } }, { ...doc, "@timestamp": "not a date" },
    ].map((l) => JSON.stringify(l)).join("\n") + "\n";
    const first = await (await es("/_bulk", { method: "POST", body, headers: { "content-type": "application/x-ndjson" } })).json();
    expect(first.items.map((i: Record<string, { status: number }>) => Object.values(i)[0].status)).toEqual([201, 201, 400]);
    expect(first.errors).toBe(true);
    const again = await (await es("/winlogbeat-8/_bulk", { method: "POST", body: body.split("\n").slice(0, 4).join("\n") + "\n" })).json();
    expect(again.items[0].create.status).toBe(409);
    expect(again.items[0].create.error.type).toBe("version_conflict_engine_exception");
    expect(again.items[1].index.status).toBe(200);
    expect(again.errors).toBe(true);
    const malformed = await (await es("/_bulk", {
      method: "POST",
      body: [JSON.stringify({ create: { _index: "x", _id: "b-3" } }), "{not json", JSON.stringify({ create: { _index: "x", _id: "b-4" } }), JSON.stringify(doc)].join("\n") + "\n",
    })).json();
    expect(malformed.errors).toBe(true);
    expect(malformed.items[0].create).toMatchObject({ _id: "b-3", status: 400, error: { type: "document_parsing_exception" } });
    expect(malformed.items[0].create.error.reason).toMatch(/^\[2:1\] failed to parse: /);
    expect(malformed.items[1].create).toMatchObject({ _id: "b-4", status: 201 });
    const ok = await (await es("/_bulk", { method: "POST", body: JSON.stringify({ index: { _index: "x" } }) + "\n" + JSON.stringify(doc) + "\n" })).json();
    expect(ok.errors).toBe(false);
    const { rows } = await pool().query(`select count(*)::int as n from events where event_id in ('b-1', 'b-2', 'b-3', 'b-4')`);
    expect(rows[0].n).toBe(3);
  });

  test("basic auth with the key as password works; wrong credentials get Elasticsearch's 401", async () => {
    const basic = Buffer.from(`elastic:${key}`).toString("base64");
    expect((await fetch(`${app.url}/api/es/`, { headers: { authorization: `Basic ${basic}` } })).status).toBe(200);
    const encoded = Buffer.from(`someid:${key}`).toString("base64");
    expect((await fetch(`${app.url}/api/es/`, { headers: { authorization: `ApiKey ${encoded}` } })).status).toBe(200);
    const bad = await fetch(`${app.url}/api/es/_bulk`, { method: "POST", headers: { authorization: "ApiKey nope" }, body: "" });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.type).toBe("security_exception");
    const read = await fetch(`${app.url}/api/es/`, { headers: { authorization: `ApiKey ${await app.apiKey("read")}` } });
    expect(read.status).toBe(403);
  });

  test("set-up calls Beats make at start are acknowledged", async () => {
    expect((await es("/_license")).status).toBe(200);
    expect((await es("/_index_template/winlogbeat-8.17.0", { method: "PUT", body: "{}" })).status).toBe(200);
    expect((await es("/_ilm/policy/winlogbeat", { method: "PUT", body: "{}" })).status).toBe(200);
    expect((await es("/_ingest/pipeline/winlogbeat-8.17.0-routing", { method: "PUT", body: "{}" })).status).toBe(200);
    expect((await es("/_index_template/winlogbeat-8.17.0", { method: "HEAD" })).status).toBe(200);
  });
});
