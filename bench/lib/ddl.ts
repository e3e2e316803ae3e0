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

/** The ingest benchmark's ceiling: a minimal table of the same documents, with one (host_id, ts) index. */
export async function createBareEventsTable(client: pg.Client): Promise<void> {
  await client.query(`CREATE TABLE bare_events (ts timestamptz NOT NULL, host_id text, category text[], doc jsonb NOT NULL)`);
  await client.query(`CREATE INDEX bare_events_host_id_ts_idx ON bare_events (host_id, ts)`);
}

/** Empties the benchmark's tables between runs (and, with `checkpoint`, flushes the WAL). */
export async function emptyTables(client: pg.Client, tables: ("events" | "event_keys" | "bare_events")[], opts: { checkpoint?: boolean } = {}): Promise<void> {
  await client.query(`TRUNCATE ${tables.join(", ")}`);
  if (opts.checkpoint) await client.query("CHECKPOINT");
}

/**
 * Runs `fn` on an emptied `events` without the primary key (`"events_pkey"`) or without the given
 * indexes, in a transaction that is rolled back: the table is as it was afterwards.
 */
export async function withoutEventIndexes(client: pg.Client, drop: "events_pkey" | string[], fn: () => Promise<void>): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("TRUNCATE events");
    if (drop === "events_pkey") await client.query(`ALTER TABLE events DROP CONSTRAINT events_pkey`);
    else for (const idx of drop) await client.query(`DROP INDEX "${idx.replace(/"/g, '""')}"`);
    await fn();
  } finally {
    await client.query("ROLLBACK");
  }
}
