import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { NormalizedEvent } from "../../ecs/types";

/**
 * Bulk insert of normalized events with COPY (CSV), inside the caller's transaction.
 * Column order matches COLUMNS; NULL is an unquoted empty field, strings are always quoted.
 */
const COLUMNS = [
  "ts", "event_id", "host_id", "host_name", "os_type", "category", "type", "action", "dataset", "pid", "ppid",
  "entity_id", "parent_entity_id", "process_name", "executable", "parent_name", "command_line", "user_name",
  "source_ip", "source_port", "destination_ip", "destination_port", "direction", "transport", "protocol",
  "detectable", "enrichments", "doc",
] as const;

const COPY_SQL = `COPY events (${COLUMNS.join(", ")}) FROM STDIN WITH (FORMAT csv)`;

function q(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function text(v: string | null): string {
  return v === null ? "" : q(v);
}

function num(v: number | null): string {
  return v === null ? "" : String(v);
}

function arr(values: string[]): string {
  // PostgreSQL array literal, then CSV-quoted.
  return q(`{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`);
}

export function toCsvRow(e: NormalizedEvent): string {
  const c = e.columns;
  return [
    q(c.ts.toISOString()), text(c.eventId), text(c.hostId), text(c.hostName), text(c.osType), arr(c.category), arr(c.type),
    text(c.action), text(c.dataset), num(c.pid), num(c.ppid), text(c.entityId), text(c.parentEntityId), text(c.processName),
    text(c.executable), text(c.parentName), text(c.commandLine), text(c.userName), text(c.sourceIp), num(c.sourcePort),
    text(c.destinationIp), num(c.destinationPort), text(c.direction), text(c.transport), text(c.protocol),
    e.detectable ? "t" : "f", q(JSON.stringify(e.enrichments)), q(JSON.stringify(e.doc)),
  ].join(",");
}

export async function copyEvents(client: pg.PoolClient, events: NormalizedEvent[]) {
  if (!events.length) return;
  const stream = client.query(copyFrom(COPY_SQL));
  const CHUNK = 500;
  async function* rows() {
    for (let i = 0; i < events.length; i += CHUNK) {
      yield events.slice(i, i + CHUNK).map(toCsvRow).join("\n") + "\n";
    }
  }
  await pipeline(Readable.from(rows()), stream);
}

/** Claims idempotency keys; returns the ones that were new (the others were stored before). */
export async function claimEventIds(client: pg.PoolClient, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { rows } = await client.query(
    `INSERT INTO event_keys (event_id, ingested_at) SELECT unnest($1::text[]), now()
     ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
    [ids],
  );
  return new Set(rows.map((r) => r.event_id as string));
}
