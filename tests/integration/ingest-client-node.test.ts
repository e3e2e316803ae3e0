import { readFile } from "node:fs/promises";
import { Client } from "@elastic/elasticsearch";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "@/tests/helpers/app";
import { alertsAfterDetection, expectStoredOnce, storedCounts, timedShipment, writeCorpus, type Corpus } from "@/tests/helpers/shipper-corpus";

/**
 * The official Node client (@elastic/elasticsearch 9.x, pinned) against the running app: info,
 * ping, helpers.bulk with refreshOnCompletion (its default flushBytes and concurrency), client.bulk,
 * API key and basic auth.
 */
let app: TestApp;
let key: string;
let corpus: Corpus;
const INDEX = "logs-endpoint.events.process-default";

beforeAll(async () => {
  [app, corpus] = await Promise.all([startTestApp(), writeCorpus("nd")]);
  key = await app.apiKey("ingest");
});
afterAll(async () => {
  await app?.stop();
  await corpus?.remove();
});

const client = (auth: "apikey" | "basic" | "wrong") =>
  new Client({
    node: `${app.url}/api/es`,
    auth: auth === "apikey" ? { apiKey: key } : auth === "basic" ? { username: "elastic", password: key } : { apiKey: "not-a-key" },
    requestTimeout: 120_000,
  });

async function docs(file: string): Promise<{ event: { id: string } }[]> {
  return (await readFile(file, "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

async function helperBulk(c: Client, file: string) {
  const dropped: { id: string; status: number; type: string | undefined }[] = [];
  const stats = await c.helpers.bulk<{ event: { id: string } }>({
    datasource: await docs(file),
    onDocument: (d) => ({ index: { _index: INDEX, _id: d.event.id } }),
    onDrop: (d) => dropped.push({ id: d.document.event.id, status: d.status, type: (d.error as { type?: string } | null)?.type }),
    refreshOnCompletion: true,
  });
  return { successful: stats.successful, failed: stats.failed, dropped };
}

// 50,000 documents shipped twice take a minute on an idle machine; the timeout is a safety net for a loaded one.
describe("@elastic/elasticsearch 9", { timeout: 300_000 }, () => {
  test("connects: info() is the cluster info, ping() true with an API key and with basic auth", async () => {
    for (const auth of ["apikey", "basic"] as const) {
      const c = client(auth);
      const info = await c.info();
      expect(typeof info).toBe("object");
      expect(info.version.number).toMatch(/^8\./);
      expect(await c.ping()).toBe(true);
      await c.close();
    }
    const wrong = client("wrong");
    await expect(wrong.info()).rejects.toMatchObject({ meta: { statusCode: 401 } });
    await wrong.close();
  });

  test("client.bulk: one bad document is reported as exactly that item; helpers.bulk drops only it", async () => {
    const c = client("apikey");
    const operations = (await docs(corpus.bad)).flatMap((d) => [{ create: { _index: INDEX, _id: d.event.id } }, d]);
    const res = await c.bulk({ operations });
    expect(res.errors).toBe(true);
    const failed = res.items.filter((i) => i.create!.error);
    expect(failed.map((i) => [i.create!._id, i.create!.status, i.create!.error!.type])).toEqual([[corpus.badId, 400, "document_parsing_exception"]]);
    expect((await storedCounts(corpus.prefix)).bad).toBe(corpus.badCount - 1);
    const viaHelper = await helperBulk(c, corpus.bad);
    expect(viaHelper.dropped).toEqual([{ id: corpus.badId, status: 400, type: "document_parsing_exception" }]);
    await c.close();
  });

  test("50,000 documents with helpers.bulk and refreshOnCompletion, resent with basic auth: stored once", async () => {
    const c = client("apikey");
    expect(await timedShipment("@elastic/elasticsearch helpers.bulk", corpus.smallCount, () => helperBulk(c, corpus.small))).toEqual({ successful: corpus.smallCount, failed: 0, dropped: [] });
    await c.close();
    const b = client("basic");
    expect(await helperBulk(b, corpus.small)).toEqual({ successful: corpus.smallCount, failed: 0, dropped: [] });
    await b.close();
    await expectStoredOnce(corpus, "small");
  });

  test("600 documents of 24 KB with helpers.bulk's defaults, then client.bulk of all 600 at once (~14 MB): stored once", async () => {
    const c = client("apikey");
    expect(await helperBulk(c, corpus.large)).toEqual({ successful: corpus.largeCount, failed: 0, dropped: [] });
    const operations = (await docs(corpus.large)).flatMap((d) => [{ index: { _index: INDEX, _id: d.event.id } }, d]);
    const res = await c.bulk({ operations });
    expect(res.errors).toBe(false);
    expect(res.items.every((i) => i.index!.status === 200)).toBe(true);
    await c.close();
    await expectStoredOnce(corpus, "large");
  });

  test("the planted lateral movement alerts afterwards, once per planted sequence", async () => {
    expect(await alertsAfterDetection(app.db.url)).toEqual(corpus.expectedAlerts);
  });
});
