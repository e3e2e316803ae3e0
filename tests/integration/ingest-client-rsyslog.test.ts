import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { startTestApp, type TestApp } from "@/tests/helpers/app";
import { startRsyslog, type Rsyslog } from "@/tests/helpers/rsyslog";
import { alertsAfterDetection, expectStoredOnce, storedCounts, timedShipment, writeCorpus, type Corpus } from "@/tests/helpers/shipper-corpus";

/**
 * rsyslog 8.2302 with omelasticsearch (Debian's rsyslog-elasticsearch), a private rsyslogd in the
 * foreground, bulk mode with its default batch sizes, basic auth with the ingest key as password
 * (omelasticsearch has no API-key option), and its error file: the files it reads are the corpus,
 * one document per line.
 */
let app: TestApp;
let corpus: Corpus;
let rsyslog: Rsyslog;

beforeAll(async () => {
  [app, corpus] = await Promise.all([startTestApp(), writeCorpus("rs")]);
  const key = await app.apiKey("ingest");
  rsyslog = await startRsyslog(corpus.dir, {
    esUrl: `${app.url}/api/es`,
    password: key,
    markerPrefix: corpus.prefix,
    isStored: async (id) => (await pool().query(`SELECT 1 FROM events WHERE event_id = $1`, [id])).rowCount === 1,
  });
});
afterAll(async () => {
  await rsyslog?.stop();
  await app?.stop();
  await corpus?.remove();
});

/** The failed items in the error file: each with the request lines rsyslog sent for it and its reply item (as JSON text). */
async function failedItems(): Promise<{ request: string; reply: string }[]> {
  const text = (await rsyslog.errors()).trim();
  return text ? text.split("\n").flatMap((l) => JSON.parse(l).response) : [];
}

// 50,000 documents shipped twice take a minute on an idle machine; the timeout is a safety net for a loaded one.
describe("rsyslog omelasticsearch", { timeout: 300_000 }, () => {
  test("one bad document is written to the error file as exactly that item; the others are stored", async () => {
    await rsyslog.ship(corpus.bad, "bad");
    expect((await storedCounts(corpus.prefix)).bad).toBe(corpus.badCount - 1);
    // rsyslog writes its error file once it has read the answer, just after the server committed.
    const deadline = Date.now() + 30_000;
    while (!(await failedItems()).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const failed = await failedItems();
    expect(failed).toHaveLength(1);
    expect(failed[0].request).toContain(`"id":"${corpus.badId}"`);
    expect(failed[0].request.trim().split("\n")).toHaveLength(2);
    expect(JSON.parse(failed[0].reply)).toMatchObject({ _id: corpus.badId, status: 400, error: { type: "document_parsing_exception" } });
  });

  test("50,000 documents, then the same file again: stored once, nothing new in the error file", async () => {
    await timedShipment("rsyslog omelasticsearch", corpus.smallCount, () => rsyslog.ship(corpus.small, "small"));
    expect((await storedCounts(corpus.prefix)).small).toBe(corpus.smallCount);
    await rsyslog.ship(corpus.small, "small-again");
    await expectStoredOnce(corpus, "small");
    expect(await failedItems()).toHaveLength(1);
  });

  test("600 documents of 24 KB in its default batches: stored, none lost, nothing in the error file", async () => {
    await rsyslog.ship(corpus.large, "large");
    const counts = await storedCounts(corpus.prefix);
    expect(counts.large).toBe(corpus.largeCount);
    expect(counts.large_min_bytes).toBeGreaterThan(24_000);
    expect(await failedItems()).toHaveLength(1);
    expect(rsyslog.output()).not.toMatch(/error|413/i);
  });

  test("the planted lateral movement alerts afterwards, once per planted sequence", async () => {
    expect(await alertsAfterDetection(app.db.url)).toEqual(corpus.expectedAlerts);
  });
});
