import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApp, type TestApp } from "@/tests/helpers/app";
import { alertsAfterDetection, expectStoredOnce, storedCounts, timedShipment, writeCorpus, type Corpus } from "@/tests/helpers/shipper-corpus";
import { lastJson, runProgram } from "@/tests/helpers/run-program";

/**
 * Debian's Search::Elasticsearch 8.00 (libsearch-elasticsearch-perl) against the running app:
 * info, ping and bulk_helper with its default batch settings, API key and basic auth.
 */
const SCRIPT = path.join(process.cwd(), "tests/helpers/clients/perl-client.pl");
let app: TestApp;
let key: string;
let corpus: Corpus;
type Outcome = { ok: number; errors: { id: string; status: number; type: string }[] };

beforeAll(async () => {
  [app, corpus] = await Promise.all([startTestApp(), writeCorpus("pl")]);
  key = await app.apiKey("ingest");
});
afterAll(async () => {
  await app?.stop();
  await corpus?.remove();
});

const perl = (auth: string, action: string, file?: string) => runProgram("/usr/bin/perl", [SCRIPT, `${app.url}/api/es`, key, auth, action, ...(file ? [file] : [])]);

// 50,000 documents shipped twice take a minute on an idle machine; the timeout is a safety net for a loaded one.
describe("Search::Elasticsearch 8.00 (Perl)", { timeout: 300_000 }, () => {
  test("connects: info and ping with an API key and with basic auth; ping fails for a wrong key", async () => {
    for (const auth of ["apikey", "basic"]) {
      expect(lastJson(await perl(auth, "info"))).toEqual({ version: expect.stringMatching(/^8\./), tagline: "You Know, for Search" });
      expect(lastJson(await perl(auth, "ping"))).toEqual({ ping: true });
    }
    expect(lastJson(await perl("wrong", "ping"))).toEqual({ ping: false });
  });

  test("bulk_helper: one bad document is reported as exactly that item; the others are stored", async () => {
    expect(lastJson<Outcome>(await perl("apikey", "bulk", corpus.bad))).toEqual({
      ok: corpus.badCount - 1,
      errors: [{ id: corpus.badId, status: 400, type: "document_parsing_exception" }],
    });
    expect((await storedCounts(corpus.prefix)).bad).toBe(corpus.badCount - 1);
  });

  test("50,000 documents with bulk_helper, resent with basic auth: stored once", async () => {
    expect(lastJson<Outcome>(await timedShipment("Search::Elasticsearch (Perl) bulk helper", corpus.smallCount, () => perl("apikey", "bulk", corpus.small)))).toEqual({ ok: corpus.smallCount, errors: [] });
    expect(lastJson<Outcome>(await perl("basic", "bulk", corpus.small))).toEqual({ ok: corpus.smallCount, errors: [] });
    await expectStoredOnce(corpus, "small");
  });

  test("600 documents of 24 KB with bulk_helper's defaults (1 MB batches), resent: stored once", async () => {
    expect(lastJson<Outcome>(await perl("apikey", "bulk", corpus.large))).toEqual({ ok: corpus.largeCount, errors: [] });
    expect(lastJson<Outcome>(await perl("apikey", "bulk", corpus.large))).toEqual({ ok: corpus.largeCount, errors: [] });
    await expectStoredOnce(corpus, "large");
  });

  test("the planted lateral movement alerts afterwards, once per planted sequence", async () => {
    expect(await alertsAfterDetection(app.db.url)).toEqual(corpus.expectedAlerts);
  });
});
