/** Public types of ECS normalization (see lib/ecs/README.md). */

/** One value the product added or changed in a document, and why. Also stored in the doc under `lateral.enrichments`. */
export interface Enrichment {
  /** The ECS field (dotted path) that was added or changed. */
  field: string;
  /** The value it now holds. */
  value: unknown;
  /** Why: one sentence an analyst can read. */
  reason: string;
}

/** Values of the typed columns of the event store, derived from the doc through EVENT_COLUMNS. */
export interface EventColumnValues {
  /** @timestamp as stored: ISO 8601 UTC with milliseconds. */
  ts: string;
  eventId: string | null;
  hostId: string | null;
  hostName: string | null;
  osType: string | null;
  category: string[];
  type: string[];
  action: string | null;
  dataset: string | null;
  pid: number | null;
  ppid: number | null;
  entityId: string | null;
  parentEntityId: string | null;
  processName: string | null;
  executable: string | null;
  parentName: string | null;
  commandLine: string | null;
  userName: string | null;
  sourceIp: string | null;
  sourcePort: number | null;
  destinationIp: string | null;
  destinationPort: number | null;
  direction: string | null;
  transport: string | null;
  protocol: string | null;
}

export type EcsDoc = Record<string, unknown>;

export interface NormalizedEvent {
  /** The nested ECS document, as stored (jsonb). */
  doc: EcsDoc;
  columns: EventColumnValues;
  enrichments: Enrichment[];
  /** False when the event cannot take part in `sequence by host.id` (no host identity). */
  detectable: boolean;
  undetectableReason?: string;
}

export type NormalizeResult = { ok: true; event: NormalizedEvent } | { ok: false; reason: string };

export interface NormalizeContext {
  /** The Elasticsearch index the document was sent to (bulk API), used to infer the dataset. */
  index?: string;
  /** The bulk action's `_id`, used as `event.id` when the document has none. */
  bulkId?: string;
  /** Clock, for tests. */
  now?: Date;
  /**
   * The caller hands the input over (freshly parsed JSON, used for nothing else): normalization may
   * then change it in place instead of working on a copy. Ingest sets it; by default the input is
   * left untouched.
   */
  inputIsOwned?: boolean;
}

/** Thrown inside normalization to reject a document; caught by normalizeEvent and turned into `{ok:false}`. */
export class RejectError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "RejectError";
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
