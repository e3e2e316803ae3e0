import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { NormalizedEvent } from "../../ecs/types";

/**
 * Bulk insert of normalized events with COPY (text format), inside the caller's transaction.
 * Column order is EVENT_COPY_COLUMNS; NULL is \N; backslash, newline, carriage return and tab are escaped
 * (JSON text never holds raw newlines or tabs, so a document usually needs only its backslashes doubled).
 */
export const EVENT_COPY_COLUMNS = [
  "ts", "event_id", "host_id", "host_name", "os_type", "category", "type", "action", "dataset", "pid", "ppid",
  "entity_id", "parent_entity_id", "process_name", "executable", "parent_name", "command_line", "user_name",
  "source_ip", "source_port", "destination_ip", "destination_port", "direction", "transport", "protocol",
  "detectable", "enrichments", "doc",
] as const;

export const EVENT_COPY_SQL = `COPY events (${EVENT_COPY_COLUMNS.join(", ")}) FROM STDIN`;

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function esc(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]) : value;
}

function text(v: string | null): string {
  return v === null ? "\\N" : esc(v);
}

function num(v: number | null): string {
  return v === null ? "\\N" : String(v);
}

function arr(values: string[]): string {
  // A PostgreSQL array literal, then escaped for the text format.
  return esc(`{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`);
}

export function toCopyRow(e: NormalizedEvent): string {
  const c = e.columns;
  return [
    c.ts.toISOString(), text(c.eventId), text(c.hostId), text(c.hostName), text(c.osType), arr(c.category), arr(c.type),
    text(c.action), text(c.dataset), num(c.pid), num(c.ppid), text(c.entityId), text(c.parentEntityId), text(c.processName),
    text(c.executable), text(c.parentName), text(c.commandLine), text(c.userName), text(c.sourceIp), num(c.sourcePort),
    text(c.destinationIp), num(c.destinationPort), text(c.direction), text(c.transport), text(c.protocol),
    e.detectable ? "t" : "f", esc(JSON.stringify(e.enrichments)), esc(JSON.stringify(e.doc)),
  ].join("\t");
}

export async function copyEvents(client: pg.PoolClient, events: NormalizedEvent[]) {
  if (!events.length) return;
  const stream = client.query(copyFrom(EVENT_COPY_SQL));
  const CHUNK = 500;
  async function* rows() {
    for (let i = 0; i < events.length; i += CHUNK) {
      yield events.slice(i, i + CHUNK).map(toCopyRow).join("\n") + "\n";
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
