import pg from "pg";
import { pool } from "../../lib/db/client";

/**
 * Bench-only DDL, the one kind of SQL kept outside lib/db: each benchmark's throw-away database,
 * and the index the index-usage check adds to see whether any query would choose it. No product
 * code creates databases or indexes outside the migrations.
 */

/** Creates (or drops) the database `name` on the server at `serverUrl`; `name` is generated, never input. */
export async function createBenchDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
}

export async function dropBenchDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** An index on (source_ip, ts) that the migrations do not create: the candidate the index-usage check weighs. */
export async function createSourceIpIndex(): Promise<void> {
  await pool().query(`CREATE INDEX "events_source_ip_ts_idx" ON "events"("source_ip", "ts")`);
}
