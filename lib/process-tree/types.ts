/**
 * Plain shapes of the process tree: what the data layer hands the builder (`ProcessEventInput`) and
 * what the API answers (`ProcessTree`). No Prisma or Next imports: the builder is a pure function.
 */

/** One process start event, as read from the event store. */
export interface ProcessEventInput {
  /** The event store's `seq` (as a string: it is a bigint). */
  seq: string;
  eventId: string | null;
  /** ISO 8601 `@timestamp`. */
  timestamp: string;
  hostId: string | null;
  hostName: string | null;
  pid: number | null;
  ppid: number | null;
  entityId: string | null;
  parentEntityId: string | null;
  name: string | null;
  executable: string | null;
  commandLine: string | null;
  userName: string | null;
  parentName: string | null;
  parentExecutable: string | null;
  parentCommandLine: string | null;
  /** The whole normalized document (attacker-controlled strings: render as text only). */
  doc: Record<string, unknown>;
}

/** How a node is linked to its parent. */
export interface ProcessEdge {
  /** Built from pid/ppid + host + time, not from entity ids. */
  inferred: boolean;
  /** `entity_id`, `pid`, or `parent_fields` (a synthesized parent). */
  via: "entity_id" | "pid" | "parent_fields";
}

export interface ProcessNode {
  key: string;
  hostId: string | null;
  hostName: string | null;
  pid: number | null;
  ppid: number | null;
  entityId: string | null;
  name: string | null;
  executable: string | null;
  commandLine: string | null;
  userName: string | null;
  /** Start time (ISO); null for a synthesized node. */
  startedAt: string | null;
  /** Known only from a child's `process.parent.*` fields: it has no start event of its own. */
  synthesized: boolean;
  /** The start event; null for a synthesized node. */
  event: { seq: string; eventId: string | null; timestamp: string; doc: Record<string, unknown> } | null;
  parentKey: string | null;
  /** The edge to the parent; null for a root. */
  edge: ProcessEdge | null;
  /** Child keys, ordered by start time. */
  children: string[];
}

export interface ProcessTree {
  nodes: Record<string, ProcessNode>;
  /** Root keys, ordered by start time. */
  roots: string[];
}

export interface BuildOptions {
  /** How far back a pid/ppid parent may have started before its child (default 24 h). */
  pidWindowMs?: number;
}

export const DEFAULT_PID_WINDOW_MS = 24 * 60 * 60 * 1000;
