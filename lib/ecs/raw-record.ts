/**
 * Recognizes raw (not yet ECS) Windows event records and reads them into one shape, whatever the
 * shipper: NXLog-style JSON exports (top-level EventID, Channel, Hostname, event data fields beside
 * them), Winlogbeat without its Sysmon/Security processing (winlog.*), and Windows event XML.
 */
import { own } from "./paths";
import { isPlainObject } from "./types";

type Obj = Record<string, unknown>;

export interface RawWindowsRecord {
  format: "nxlog" | "winlogbeat";
  eventId: string | null;
  channel: string | null;
  /** The computer that logged the event (never the collector). */
  computer: string | null;
  /** The event's own data fields, with empty placeholders ("-", "", null, the zero GUID) removed. */
  eventData: Obj;
  /** winlog.* fields other than event_data (channel, provider_name, record_id, user, ...). */
  winlog: Obj;
  /** The log's own creation time (UTC) when the record carries it. */
  timeCreated: unknown;
  /** The record's own @timestamp: for NXLog/Logstash exports, the collector's time. */
  recordTimestamp: unknown;
  /** Other fields carried into the document as they are (already ECS-named or namespaced). */
  extra: Obj;
}

const ECS_EVENT_NAMESPACES = ["process", "network", "source", "destination", "file", "registry", "dns"];

/**
 * The detection rule: a document is raw Windows when it has top-level `EventID` and `Channel`
 * (NXLog and similar JSON exports), or `winlog.event_data` / `winlog.event_id` without any ECS event
 * namespace (process, network, source, destination, file, registry, dns), i.e. Winlogbeat output that
 * no Sysmon/Security pipeline has mapped. Anything else is ECS input. XML text is always raw.
 */
export function isRawWindowsEvent(doc: unknown): boolean {
  if (typeof doc === "string") return doc.trimStart().startsWith("<");
  if (!isPlainObject(doc)) return false;
  if (own(doc, "EventID") !== undefined && typeof own(doc, "Channel") === "string") return true;
  const winlog = own(doc, "winlog");
  if (!isPlainObject(winlog)) return false;
  if (!isPlainObject(own(winlog, "event_data")) && own(winlog, "event_id") === undefined) return false;
  return !ECS_EVENT_NAMESPACES.some((ns) => own(doc, ns) !== undefined);
}

const ZERO_GUID = "{00000000-0000-0000-0000-000000000000}";

/** Elastic's pipelines drop these placeholder values from event data. */
export function isPlaceholder(v: unknown): boolean {
  return v === null || v === undefined || v === "" || v === "-" || v === ZERO_GUID;
}

function cleanData(data: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(data)) if (!isPlaceholder(v)) out[k] = v;
  return out;
}

function str(v: unknown): string | null {
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  if (typeof v === "number") return String(v);
  return null;
}

/** NXLog system fields → winlog.* (Winlogbeat names). */
const NXLOG_WINLOG: Record<string, string> = {
  EventID: "event_id",
  Channel: "channel",
  Hostname: "computer_name",
  SourceName: "provider_name",
  ProviderGuid: "provider_guid",
  RecordNumber: "record_id",
  Category: "task",
  Opcode: "opcode",
  Version: "version",
  ExecutionProcessID: "process.pid",
  ThreadID: "process.thread.id",
  UserID: "user.identifier",
  AccountName: "user.name",
  Domain: "user.domain",
  AccountType: "user.type",
  ActivityID: "activity_id",
};

/** NXLog/Logstash bookkeeping fields, kept under `nxlog.*`. */
const NXLOG_META = new Set([
  "EventTime", "EventReceivedTime", "SourceModuleName", "SourceModuleType", "Severity", "SeverityValue",
  "EventType", "EventTypeOrignal", "OpcodeValue", "Task", "Keywords", "@version", "port",
]);

function setIn(obj: Obj, path: string, value: unknown): void {
  const segs = path.split(".");
  let cur = obj;
  for (const s of segs.slice(0, -1)) {
    if (!isPlainObject(cur[s])) cur[s] = {};
    cur = cur[s] as Obj;
  }
  cur[segs[segs.length - 1]] = value;
}

function fromNxlog(doc: Obj): RawWindowsRecord {
  const winlog: Obj = {};
  const eventData: Obj = {};
  const nxlog: Obj = {};
  const extra: Obj = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k in NXLOG_WINLOG) {
      if (!isPlaceholder(v)) setIn(winlog, NXLOG_WINLOG[k], v);
    } else if (NXLOG_META.has(k)) nxlog[k] = v;
    else if (k === "@timestamp") continue;
    else if (k === "host") extra.observer = { hostname: v };
    else if (k === "tags") extra.tags = v;
    else if (k === "Message") extra.message = v;
    else eventData[k] = v;
  }
  if (Object.keys(nxlog).length) extra.nxlog = nxlog;
  return {
    format: "nxlog",
    eventId: str(doc.EventID),
    channel: str(doc.Channel),
    computer: str(doc.Hostname) ?? str(doc.Computer),
    eventData: cleanData(eventData),
    winlog,
    timeCreated: doc.TimeCreated,
    recordTimestamp: doc["@timestamp"],
    extra,
  };
}

function fromWinlogbeat(doc: Obj): RawWindowsRecord {
  const { event_data, time_created, ...winlog } = doc.winlog as Obj;
  const extra: Obj = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === "winlog" || k === "@timestamp") continue;
    if (k === "host") {
      // The shipper's host (with Windows Event Forwarding, the collector): kept as the observer.
      if (isPlainObject(v)) {
        const { name, ...rest } = v;
        extra.observer = name === undefined ? rest : { hostname: name, ...rest };
      } else extra.observer = { hostname: v };
    } else extra[k] = v;
  }
  return {
    format: "winlogbeat",
    eventId: str(winlog.event_id),
    channel: str(winlog.channel),
    computer: str(winlog.computer_name),
    eventData: isPlainObject(event_data) ? cleanData(event_data) : {},
    winlog,
    timeCreated: time_created,
    recordTimestamp: doc["@timestamp"],
    extra,
  };
}

/** Reads a raw record (see isRawWindowsEvent) into one shape. */
export function readRawRecord(doc: Obj): RawWindowsRecord {
  return own(doc, "EventID") !== undefined && typeof own(doc, "Channel") === "string" ? fromNxlog(doc) : fromWinlogbeat(doc);
}
