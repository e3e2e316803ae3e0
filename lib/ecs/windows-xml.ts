/**
 * Windows event XML (<Event><System>…</System><EventData><Data Name="…">…</Data></EventData></Event>,
 * one event or a wevtutil export <Events><Event>…</Event>…</Events>) parsed into the same field
 * dictionary Winlogbeat produces (`winlog.*`), so XML goes through the raw Winlogbeat mapping.
 */
import { XMLParser } from "fast-xml-parser";
import { isPlainObject } from "./types";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === "Event" || name === "Data",
});

type Obj = Record<string, unknown>;

function text(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (isPlainObject(v) && typeof v["#text"] === "string") return v["#text"];
  return undefined;
}

function attr(v: unknown, name: string): string | undefined {
  if (!isPlainObject(v)) return undefined;
  const a = v[`@${name}`];
  return typeof a === "string" ? a : undefined;
}

function int(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d+$/.test(s)) return undefined;
  return Number(s);
}

function compact(o: Obj): Obj {
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === undefined || (isPlainObject(v) && Object.keys(compact(v)).length === 0)) delete o[k];
  }
  return o;
}

/** Flattens an element's children to strings (for UserData). */
function flatten(node: unknown, out: Obj, prefix = ""): Obj {
  if (!isPlainObject(node)) return out;
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith("@")) continue;
    const t = text(v);
    if (t !== undefined) out[prefix + k] = t;
    else if (Array.isArray(v)) out[prefix + k] = v.map((e) => text(e) ?? "");
    else if (isPlainObject(v)) flatten(v, out, `${prefix}${k}.`);
  }
  return out;
}

/** One parsed <Event> element → `{ winlog: {...}, message? }` in Winlogbeat's shape. */
export function xmlEventToWinlog(ev: Obj): Obj {
  const sys = isPlainObject(ev.System) ? ev.System : {};
  const eventData: Obj = {};
  const eventDataNode = ev.EventData;
  if (isPlainObject(eventDataNode)) {
    const data = Array.isArray(eventDataNode.Data) ? eventDataNode.Data : [];
    data.forEach((d, i) => {
      const name = attr(d, "Name") ?? `param${i + 1}`;
      eventData[name] = text(d) ?? "";
    });
    const binary = text(eventDataNode.Binary);
    if (binary) eventData.Binary = binary;
  }
  let userData: Obj | undefined;
  if (isPlainObject(ev.UserData)) {
    const inner = Object.values(ev.UserData).find(isPlainObject);
    userData = flatten(inner ?? ev.UserData, {});
  }
  const winlog = compact({
    channel: text(sys.Channel),
    computer_name: text(sys.Computer),
    event_id: text(sys.EventID),
    provider_name: attr(sys.Provider, "Name"),
    provider_guid: attr(sys.Provider, "Guid"),
    event_source_name: attr(sys.Provider, "EventSourceName"),
    record_id: text(sys.EventRecordID),
    time_created: attr(sys.TimeCreated, "SystemTime"),
    version: int(text(sys.Version)),
    level_id: text(sys.Level),
    task_id: text(sys.Task),
    opcode_id: text(sys.Opcode),
    keywords_mask: text(sys.Keywords),
    activity_id: attr(sys.Correlation, "ActivityID"),
    related_activity_id: attr(sys.Correlation, "RelatedActivityID"),
    process: { pid: int(attr(sys.Execution, "ProcessID")), thread: { id: int(attr(sys.Execution, "ThreadID")) } },
    user: { identifier: attr(sys.Security, "UserID") },
    event_data: Object.keys(eventData).length ? eventData : undefined,
    user_data: userData && Object.keys(userData).length ? userData : undefined,
  });
  const out: Obj = { winlog };
  const rendering = ev.RenderingInfo;
  if (isPlainObject(rendering)) {
    const message = text(rendering.Message);
    if (message) out.message = message;
  }
  return out;
}

/** Every <Event> in an XML text, as Winlogbeat-shaped dictionaries. Throws on malformed XML. */
export function parseWindowsEventXml(xml: string): Obj[] {
  const root = parser.parse(xml, true) as Obj;
  const holder = isPlainObject(root.Events) ? root.Events : root;
  const events = Array.isArray(holder.Event) ? holder.Event : [];
  return events.filter(isPlainObject).map(xmlEventToWinlog);
}
