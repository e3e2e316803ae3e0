import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "@/tests/helpers/app";
import { alertsAfterDetection, expectStoredOnce, storedCounts, timedShipment, writeCorpus, type Corpus } from "@/tests/helpers/shipper-corpus";
import { lastJson, runProgram } from "@/tests/helpers/run-program";

/**
 * Debian's ruby-elasticsearch 7.17 against the running app: info, ping (the client checks the
 * X-Elastic-Product header first), client.bulk in slices of 500 (7.17 has no bulk helper), gzip,
 * API key and basic auth.
 */
const SCRIPT = path.join(process.cwd(), "tests/helpers/clients/ruby-client.rb");
let app: TestApp;
let key: string;
let corpus: Corpus;
type Outcome = { ok: number; errors: { id: string; status: number; type: string }[] };

beforeAll(async () => {
  [app, corpus] = await Promise.all([startTestApp(), writeCorpus("rb")]);
  key = await app.apiKey("ingest");
});
afterAll(async () => {
  await app?.stop();
  await corpus?.remove();
});

const ruby = (auth: string, action: string, file?: string) => runProgram("/usr/bin/ruby", [SCRIPT, `${app.url}/api/es`, key, auth, action, ...(file ? [file] : [])]);

// 50,000 documents shipped twice take a minute on an idle machine; the timeout is a safety net for a loaded one.
describe("ruby-elasticsearch 7.17", { timeout: 300_000 }, () => {
  test("connects: info and ping with an API key and with basic auth; ping is false for a wrong key", async () => {
    for (const auth of ["apikey", "basic"]) {
      expect(lastJson(await ruby(auth, "info"))).toEqual({ version: expect.stringMatching(/^8\./), tagline: "You Know, for Search" });
      expect(lastJson(await ruby(auth, "ping"))).toEqual({ ping: true });
    }
    expect(lastJson(await ruby("wrong", "ping"))).toEqual({ ping: false, status: 401 });
  });

  test("client.bulk: one bad document is reported as exactly that item; the others are stored", async () => {
    expect(lastJson<Outcome>(await ruby("apikey", "bulk", corpus.bad))).toEqual({
      ok: corpus.badCount - 1,
      errors: [{ id: corpus.badId, status: 400, type: "document_parsing_exception" }],
    });
    expect((await storedCounts(corpus.prefix)).bad).toBe(corpus.badCount - 1);
  });

  test("50,000 documents with client.bulk, resent with basic auth and gzip: stored once", async () => {
    expect(lastJson<Outcome>(await timedShipment("elasticsearch-ruby bulk", corpus.smallCount, () => ruby("apikey", "bulk", corpus.small)))).toEqual({ ok: corpus.smallCount, errors: [] });
    expect(lastJson<Outcome>(await ruby("basic", "gzip_bulk", corpus.small))).toEqual({ ok: corpus.smallCount, errors: [] });
    await expectStoredOnce(corpus, "small");
  });

  test("600 documents of 24 KB in slices of 500 (~12 MB requests), resent: stored once", async () => {
    expect(lastJson<Outcome>(await ruby("apikey", "bulk", corpus.large))).toEqual({ ok: corpus.largeCount, errors: [] });
    expect(lastJson<Outcome>(await ruby("apikey", "bulk", corpus.large))).toEqual({ ok: corpus.largeCount, errors: [] });
    await expectStoredOnce(corpus, "large");
  });

  test("the planted lateral movement alerts afterwards, once per planted sequence", async () => {
    expect(await alertsAfterDetection(app.db.url)).toEqual(corpus.expectedAlerts);
  });
});
