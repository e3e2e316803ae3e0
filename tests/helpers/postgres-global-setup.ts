import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded-postgres";

/**
 * One PostgreSQL server for a test run: DATABASE_URL when set, else a throw-away embedded server
 * (what a newcomer gets). Tests create a database each from TEST_ADMIN_DATABASE_URL.
 */
let server: EmbeddedServer | undefined;

export async function setup() {
  // vitest exits 0 when a global setup throws (no test ran): fail the run explicitly instead.
  await failRunOnError(startServer);
}

export async function failRunOnError(fn: () => Promise<void>) {
  try {
    await fn();
  } catch (err) {
    console.error(`Test setup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

async function startServer() {
  if (process.env.TEST_ADMIN_DATABASE_URL) return;
  if (process.env.DATABASE_URL) {
    process.env.TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lateral-test-pg-"));
  fs.chmodSync(dir, 0o777);
  server = await startEmbeddedPostgres({
    dataDir: path.join(dir, "data"),
    port: await freePort(),
    persistent: false,
  });
  process.env.TEST_ADMIN_DATABASE_URL = server.url;
}

export async function teardown() {
  await server?.stop();
}
