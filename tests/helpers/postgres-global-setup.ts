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
