/**
 * The ECS fields the event store keeps in typed columns of the `events` table, beside the whole
 * normalized document (`doc jsonb`). Ingest fills these columns from the normalized document; the
 * EQL-to-SQL compiler reads them instead of the document where a field has a column.
 *
 * Types:
 * - `keyword`: text, NULL when the field is missing. Multi-valued fields are never in a keyword column.
 * - `keyword[]`: text[] holding every value of a field ECS allows to be an array (event.category, event.type).
 * - `long`: bigint.
 * - `ip`: inet, canonical form.
 * - `date`: timestamptz.
 */
export type ColumnType = "keyword" | "keyword[]" | "long" | "ip" | "date";

export interface EventColumn {
  column: string;
  type: ColumnType;
}

export const EVENT_COLUMNS: Readonly<Record<string, EventColumn>> = {
  "@timestamp": { column: "ts", type: "date" },
  "event.id": { column: "event_id", type: "keyword" },
  "event.category": { column: "category", type: "keyword[]" },
  "event.type": { column: "type", type: "keyword[]" },
  "event.action": { column: "action", type: "keyword" },
  "event.dataset": { column: "dataset", type: "keyword" },
  "host.id": { column: "host_id", type: "keyword" },
  "host.name": { column: "host_name", type: "keyword" },
  "host.os.type": { column: "os_type", type: "keyword" },
  "process.pid": { column: "pid", type: "long" },
  "process.parent.pid": { column: "ppid", type: "long" },
  "process.entity_id": { column: "entity_id", type: "keyword" },
  "process.parent.entity_id": { column: "parent_entity_id", type: "keyword" },
  "process.name": { column: "process_name", type: "keyword" },
  "process.executable": { column: "executable", type: "keyword" },
  "process.parent.name": { column: "parent_name", type: "keyword" },
  "process.command_line": { column: "command_line", type: "keyword" },
  "user.name": { column: "user_name", type: "keyword" },
  "source.ip": { column: "source_ip", type: "ip" },
  "source.port": { column: "source_port", type: "long" },
  "destination.ip": { column: "destination_ip", type: "ip" },
  "destination.port": { column: "destination_port", type: "long" },
  "network.direction": { column: "direction", type: "keyword" },
  "network.transport": { column: "transport", type: "keyword" },
  "network.protocol": { column: "protocol", type: "keyword" },
};

/** The key of a column in `EventColumnValues` (`parent_entity_id` → `parentEntityId`). */
export const columnKey = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * ECS field types for fields that are not keywords, used by the engine to coerce values
 * ("5985" is the number 5985 in a `long` field; IP fields compare as addresses).
 * Fields absent here are keywords (or whatever JSON type they arrive with).
 */
export const ECS_FIELD_TYPES: Readonly<Record<string, "long" | "ip" | "date" | "boolean" | "double">> = {
  "@timestamp": "date",
  "event.created": "date",
  "event.ingested": "date",
  "event.start": "date",
  "event.end": "date",
  "event.sequence": "long",
  "event.severity": "long",
  "event.risk_score": "double",
  "event.duration": "long",
  "event.code": "long",
  "process.pid": "long",
  "process.ppid": "long",
  "process.parent.pid": "long",
  "process.parent.ppid": "long",
  "process.thread.id": "long",
  "process.exit_code": "long",
  "process.parent.exit_code": "long",
  "process.start": "date",
  "process.parent.start": "date",
  "process.uptime": "long",
  "source.ip": "ip",
  "source.port": "long",
  "source.bytes": "long",
  "source.packets": "long",
  "source.nat.ip": "ip",
  "source.nat.port": "long",
  "destination.ip": "ip",
  "destination.port": "long",
  "destination.bytes": "long",
  "destination.packets": "long",
  "destination.nat.ip": "ip",
  "destination.nat.port": "long",
  "client.ip": "ip",
  "client.port": "long",
  "server.ip": "ip",
  "server.port": "long",
  "host.ip": "ip",
  "host.uptime": "long",
  "network.bytes": "long",
  "network.packets": "long",
  "network.iana_number": "long",
  "related.ip": "ip",
  "observer.ip": "ip",
  "file.size": "long",
};
