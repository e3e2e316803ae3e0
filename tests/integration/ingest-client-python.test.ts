import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "@/tests/helpers/app";
import { alertsAfterDetection, expectStoredOnce, storedCounts, timedShipment, writeCorpus, type Corpus } from "@/tests/helpers/shipper-corpus";
import { lastJson, runProgram } from "@/tests/helpers/run-program";

/**
 * Debian's python3-elasticsearch 7.17 (run with Debian's /usr/bin/python3) against the running app:
 * info, ping, helpers.bulk, streaming_bulk, parallel_bulk and gzip, API key and basic auth.
 */
const SCRIPT = path.join(process.cwd(), "tests/helpers/clients/python-client.py");
let app: TestApp;
let key: string;
let corpus: Corpus;
type Outcome = { ok: number; errors: { id: string; status: number; type: string }[] };

beforeAll(async () => {
  [app, corpus] = await Promise.all([startTestApp(), writeCorpus("py")]);
  key = await app.apiKey("ingest");
});
afterAll(async () => {
  await app?.stop();
  await corpus?.remove();
});

const python = (auth: string, action: string, file?: string) =>
  runProgram("/usr/bin/python3", [SCRIPT, `${app.url}/api/es`, key, auth, action, ...(file ? [file] : [])]);

// 50,000 documents shipped twice take a minute on an idle machine; the timeout is a safety net for a loaded one.
describe("python3-elasticsearch 7.17", { timeout: 300_000 }, () => {
  test("connects: info and ping with an API key and with basic auth; ping is false for a wrong key", async () => {
    for (const auth of ["apikey", "basic"]) {
      expect(lastJson(await python(auth, "info"))).toEqual({ version: expect.stringMatching(/^8\./), tagline: "You Know, for Search" });
      expect(lastJson(await python(auth, "ping"))).toEqual({ ping: true });
    }
    expect(lastJson(await python("wrong", "ping"))).toEqual({ ping: false });
  });

  test("one bad document is reported as exactly that item; the others are stored", async () => {
    const out = lastJson<Outcome>(await python("apikey", "bulk", corpus.bad));
    expect(out.ok).toBe(corpus.badCount - 1);
    expect(out.errors).toEqual([{ id: corpus.badId, status: 400, type: "document_parsing_exception" }]);
    expect((await storedCounts(corpus.prefix)).bad).toBe(corpus.badCount - 1);
  });

  test("50,000 documents with helpers.bulk, then resent with streaming_bulk and basic auth: stored once", async () => {
    const first = lastJson<Outcome>(await timedShipment("python3-elasticsearch helpers.bulk", corpus.smallCount, () => python("apikey", "bulk", corpus.small)));
    expect(first).toEqual({ ok: corpus.smallCount, errors: [] });
    const again = lastJson<Outcome>(await python("basic", "streaming_bulk", corpus.small));
    expect(again).toEqual({ ok: corpus.smallCount, errors: [] });
    await expectStoredOnce(corpus, "small");
  });

  test("600 documents of 24 KB with helpers.bulk's defaults (~12 MB chunks), resent with parallel_bulk and gzip: stored once", async () => {
    const first = lastJson<Outcome>(await python("apikey", "bulk", corpus.large));
    expect(first).toEqual({ ok: corpus.largeCount, errors: [] });
    expect(lastJson<Outcome>(await python("apikey", "parallel_bulk", corpus.large))).toEqual({ ok: corpus.largeCount, errors: [] });
    expect(lastJson<Outcome>(await python("basic", "gzip_bulk", corpus.large))).toEqual({ ok: corpus.largeCount, errors: [] });
    await expectStoredOnce(corpus, "large");
  });

  test("the planted lateral movement alerts afterwards, once per planted sequence", async () => {
    expect(await alertsAfterDetection(app.db.url)).toEqual(corpus.expectedAlerts);
  });
});
